import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from 'winston';
import { LOGGER } from '@contingency/observability';
import { AuditLog } from './audit.log';
import { BatchLedger } from './batch.ledger';
import { createLedgerDataSource, runMigrations, type LedgerConnectionOptions } from './data-source';
import { FundMaster } from './fund.master';
import { OutboxWriter } from './outbox.writer';
import { TradeLedger } from './trade.ledger';

export interface LedgerModuleOptions extends LedgerConnectionOptions {
  /** Apply pending migrations at start (under the advisory lock); otherwise a deploy job does it. */
  migrate?: boolean;
}

const OWNS_DATA_SOURCE = Symbol('LEDGER_OWNS_DATA_SOURCE');

/** Closes the DataSource at shutdown when the module opened it; reverse hook order runs it last. */
@Injectable()
class LedgerLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(OWNS_DATA_SOURCE) private readonly owns: boolean,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.owns && this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

const SERVICES = [OutboxWriter, TradeLedger, BatchLedger, FundMaster, AuditLog];

@Global()
@Module({})
export class LedgerModule {
  static forRoot(options: LedgerModuleOptions): DynamicModule {
    // Connected (and migrated) in the factory rather than in a hook: Nest awaits it before building
    // anything that injects the DataSource, whatever order the other modules' init hooks run in.
    const dataSource: Provider = {
      provide: DataSource,
      inject: [{ token: LOGGER, optional: true }],
      useFactory: async (logger?: Logger) => {
        const ds = createLedgerDataSource(options);
        await ds.initialize();
        try {
          if (options.migrate) {
            const applied = await runMigrations(ds);
            logger?.info(
              `ledger migrations applied: ${applied.length ? applied.join(', ') : 'none (up to date)'}`,
              {
                context: 'ledger',
              },
            );
          }
        } catch (error) {
          await ds.destroy();
          throw error;
        }
        return ds;
      },
    };
    return LedgerModule.build(dataSource, true);
  }

  /** For tests and the standalone runner, which own the DataSource's connection and closing. */
  static forDataSource(dataSource: DataSource): DynamicModule {
    return LedgerModule.build({ provide: DataSource, useValue: dataSource }, false);
  }

  private static build(dataSource: Provider, owns: boolean): DynamicModule {
    return {
      module: LedgerModule,
      providers: [dataSource, { provide: OWNS_DATA_SOURCE, useValue: owns }, LedgerLifecycle, ...SERVICES],
      exports: [DataSource, ...SERVICES],
    };
  }
}
