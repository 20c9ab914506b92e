import { DataSource, MigrationExecutor, type Migration } from 'typeorm';
import { LEDGER_ENTITIES } from './entities';
import { LEDGER_MIGRATIONS } from './migrations';

export interface LedgerConnectionOptions {
  url: string;
  /** 1 for the embedded PGlite server: it runs one statement at a time across connections. */
  poolSize?: number;
  applicationName?: string;
}

/** The one DataSource definition shared by the services, the CLI and the tests. */
export function createLedgerDataSource(options: LedgerConnectionOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: LEDGER_ENTITIES,
    migrations: LEDGER_MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    applicationName: options.applicationName ?? 'mosaic-contingency',
    poolSize: options.poolSize ?? 10,
    extra: { max: options.poolSize ?? 10, connectionTimeoutMillis: 10_000 },
  });
}

// Any fixed 64-bit number shared by every instance: whoever holds it migrates, the others wait.
const MIGRATION_LOCK_ID = 4_201_777_001;

/**
 * Runs pending migrations once, under a session advisory lock, on a single connection (so that it also
 * works on the embedded server, where a second connection would wait forever).
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    try {
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'each';
      const applied: Migration[] = await executor.executePendingMigrations();
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]);
    }
  } finally {
    await runner.release();
  }
}
