import { join } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { CalastoneOrderJournal } from './calastone-order.journal';
import { CalastoneSimulatorController } from './calastone-simulator.controller';
import { CALASTONE_SIMULATOR_OPTIONS, type CalastoneSimulatorOptions } from './calastone-simulator.options';
import { CalastoneSimulator } from './calastone-simulator.service';

/** The Calastone simulator on a mailbox's folders; with `dataDir`, what it collected is kept on disk. */
@Module({})
export class CalastoneSimulatorModule {
  static forRoot(options: CalastoneSimulatorOptions & { dataDir?: string }): DynamicModule {
    const { dataDir, ...mailbox } = options;
    const journal = dataDir
      ? [
          {
            provide: CalastoneOrderJournal,
            useValue: new CalastoneOrderJournal(join(dataDir, 'simulators', 'calastone-orders.jsonl')),
          },
        ]
      : [];
    return {
      module: CalastoneSimulatorModule,
      controllers: [CalastoneSimulatorController],
      providers: [
        { provide: CALASTONE_SIMULATOR_OPTIONS, useValue: mailbox },
        CalastoneSimulator,
        ...journal,
      ],
      exports: [CalastoneSimulator],
    };
  }
}
