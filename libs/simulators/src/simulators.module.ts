import { join } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { CalastoneSimulatorModule } from './calastone/calastone-simulator.module';
import type { CalastoneSimulatorOptions } from './calastone/calastone-simulator.options';
import { CasieOrderJournal } from './casie-order.journal';
import { CasieSimulatorController } from './casie-simulator.controller';
import { CasieSimulator } from './casie-simulator.service';
import { TaSimulator } from './ta-simulator.service';

export interface SimulatorsOptions {
  /**
   * DATA_DIR: when given, what Casie and Calastone received is kept across restarts, in
   * simulators/casie-orders.jsonl and simulators/calastone-orders.jsonl.
   */
  dataDir?: string;
  /** The Calastone mailbox's folders (AppConfig calastone): when given, the Calastone simulator runs on them. */
  calastone?: CalastoneSimulatorOptions;
}

/**
 * The Casie and TA simulators (in memory), and the Calastone one when `calastone` names its mailbox;
 * `forRoot({ dataDir })` keeps what they received on disk.
 */
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
    const calastone = options.calastone
      ? [CalastoneSimulatorModule.forRoot({ ...options.calastone, dataDir: options.dataDir })]
      : [];
    return { module: SimulatorsModule, imports: calastone, providers: journal, exports: calastone };
  }
}
