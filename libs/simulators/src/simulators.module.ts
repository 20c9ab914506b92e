import { join } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { CasieOrderJournal } from './casie-order.journal';
import { CasieSimulatorController } from './casie-simulator.controller';
import { CasieSimulator } from './casie-simulator.service';
import { TaSimulator } from './ta-simulator.service';

export interface SimulatorsOptions {
  /** DATA_DIR: when given, what Casie received is kept in simulators/casie-orders.jsonl across restarts. */
  dataDir?: string;
}

/** The Casie and TA simulators (in memory); `forRoot({ dataDir })` keeps Casie's orders on disk. */
@Module({
  controllers: [CasieSimulatorController],
  providers: [CasieSimulator, TaSimulator],
  exports: [CasieSimulator],
})
export class SimulatorsModule {
  static forRoot(options: SimulatorsOptions = {}): DynamicModule {
    const journal = options.dataDir
      ? [
          {
            provide: CasieOrderJournal,
            useValue: new CasieOrderJournal(join(options.dataDir, 'simulators', 'casie-orders.jsonl')),
          },
        ]
      : [];
    return { module: SimulatorsModule, providers: journal };
  }
}
