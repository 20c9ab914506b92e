import { runService } from '@contingency/platform';
import { calastoneSimulatorOn, SimulatorsModule } from '@contingency/simulators';

void runService({
  service: 'simulators',
  defaultPort: 8085,
  features: (config) => [
    SimulatorsModule.forRoot({ dataDir: config.dataDir, calastone: calastoneSimulatorOn(config.calastone) }),
  ],
});
