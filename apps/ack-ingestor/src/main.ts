import { AcksModule } from '@contingency/acks';
import { runService } from '@contingency/platform';

void runService({ service: 'ack-ingestor', defaultPort: 8084, features: () => [AcksModule] });
