import { runService } from '@contingency/platform';
import { SimulatorsModule } from '@contingency/simulators';

void runService({
  service: 'simulators',
  defaultPort: 8085,
  features: (config) => [SimulatorsModule.forRoot({ dataDir: config.dataDir })],
});
