import { createTestDatabase } from '@contingency/testing';
import type { DataSource } from 'typeorm';
import { createLedgerDataSource, runMigrations } from '../data-source';
import { createBareDatabase } from '../test/ledger.fixtures';
import { LEDGER_MIGRATIONS } from './index';

describe(runMigrations.name, () => {
  let bare: Awaited<ReturnType<typeof createBareDatabase>>;
  const sources: DataSource[] = [];

  beforeAll(async () => {
    bare = await createBareDatabase('migrations');
  });

  afterAll(async () => {
    await Promise.all(sources.filter((s) => s.isInitialized).map((s) => s.destroy()));
    await bare?.drop();
  });

  const connect = async () => {
    const ds = createLedgerDataSource({ url: bare.url, poolSize: 2 });
    sources.push(ds);
    return ds.initialize();
  };

  it('applies each migration exactly once when two instances start together', async () => {
    const [a, b] = await Promise.all([connect(), connect()]);

    const applied = await Promise.all([runMigrations(a), runMigrations(b)]);

    expect(applied.flat()).toEqual(LEDGER_MIGRATIONS.map((m) => m.name));
    const rows = await a.query('SELECT name FROM migrations');
    expect(rows).toEqual(LEDGER_MIGRATIONS.map((m) => ({ name: m.name })));
    expect(await runMigrations(b)).toEqual([]);
  });

  it('can be reverted and applied again', async () => {
    const ds = sources[0];
    for (let i = 0; i < LEDGER_MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });

    const [{ count }] = await ds.query(
      `SELECT count(*)::int AS count FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
    );
    expect(count).toBe(0);
    expect(await runMigrations(ds)).toHaveLength(LEDGER_MIGRATIONS.length);
  });
});

describe('a migrated test database', () => {
  it('is what createTestDatabase hands out', async () => {
    const db = await createTestDatabase('migrated');
    try {
      expect(await runMigrations(db.dataSource)).toEqual([]);
    } finally {
      await db.drop();
    }
  });
});
