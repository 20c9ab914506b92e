import { ValidationModule } from '@contingency/validation';
import { runService } from '@contingency/platform';

void runService({ service: 'validation-service', defaultPort: 8081, features: () => [ValidationModule] });
