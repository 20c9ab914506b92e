import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import {
  AuditLog,
  BatchLedger,
  createLedgerDataSource,
  FundMaster,
  OutboxWriter,
  TradeLedger,
} from '@contingency/ledger';
import { createTestDatabase, testServerUrl } from '@contingency/testing';

const ROLES_SQL = join(__dirname, 'roles.sql');

// The services connect as a member of contingency_app (tools/db/roles.sql): they can do their work, and
// the database refuses them any rewrite of the evidence or any change to the schema.
describe('contingency_app database role', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: DataSource;
  const login = `ct_app_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');

  async function asServerAdmin(sql: string): Promise<void> {
    const client = new Client({ connectionString: testServerUrl() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase('app_role');
    // As the owner, the way the runbook says: roles.sql after the migrations.
    await db.dataSource.query(await readFile(ROLES_SQL, 'utf8'));
    await db.dataSource.query(await readFile(ROLES_SQL, 'utf8')); // idempotent
    await asServerAdmin(`CREATE ROLE ${login} LOGIN PASSWORD '${password}' IN ROLE contingency_app`);
    const url = new URL(db.url);
    url.username = login;
    url.password = password;
    app = createLedgerDataSource({ url: url.toString(), poolSize: 2 });
    await app.initialize();
  });

  afterAll(async () => {
    if (app?.isInitialized) await app.destroy();
    await db?.drop();
    await asServerAdmin(`DROP ROLE IF EXISTS ${login}`);
  });

  it('connects as a login role that is not the owner and holds only contingency_app', async () => {
    const [who] = await app.query<Array<{ current_user: string; owner: string; superuser: boolean }>>(
      `SELECT current_user, (SELECT tableowner FROM pg_tables WHERE tablename = 'audit_log') AS owner,
              (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser`,
    );
    expect(who).toEqual({
      current_user: login,
      owner: expect.not.stringMatching(login) as unknown,
      superuser: false,
    });
  });

  it('does the services’ work: batches, trades, history, outbox, audit, fund master', async () => {
    const trades = new TradeLedger(new OutboxWriter());
    const tradeId = await app.transaction(async (tx) => {
      const batch = await new BatchLedger().create(tx, {
        fileName: 'role.csv',
        sha256: randomBytes(32).toString('hex'),
        sizeBytes: 10,
        uploadedBy: 'olivia',
        totalRows: 1,
      });
      const [id] = await trades.insertReceived(tx, [
        {
          batchId: batch.id,
          rowNumber: 1,
          cells: {
            clientRef: 'R1',
            orderType: 'SUBSCRIPTION',
            fundIsin: 'IE00B4L5Y983',
            accountId: 'ACC-ROLE',
            amount: '10',
            currency: 'EUR',
            units: '',
            tradeDate: '2030-01-07',
            settlementDate: '',
            comment: '',
          },
        },
      ]);
      await trades.cancel(tx, id, 'olivia', 'role test'); // UPDATE trades, INSERT history and outbox
      await new AuditLog().record(tx, {
        actor: 'olivia',
        action: 'trade.cancel',
        outcome: 'SUCCESS',
        targetId: id,
      });
      return id;
    });
    await app.transaction((tx) => new FundMaster().replaceAll(tx, [])); // DELETE FROM funds

    const [{ n }] = await app.query(`SELECT count(*)::int AS n FROM audit_log WHERE target_id = $1`, [
      tradeId,
    ]);
    expect(n).toBe(1);
  });

  it.each([
    ['UPDATE audit_log SET actor = actor', 'audit_log'],
    ['DELETE FROM audit_log', 'audit_log'],
    ['TRUNCATE audit_log', 'audit_log'],
    ['UPDATE trade_history SET actor = actor', 'trade_history'],
    ['DELETE FROM trade_history', 'trade_history'],
    ['TRUNCATE trade_history', 'trade_history'],
  ])('refuses %s for lack of privilege, before any trigger', async (sql, table) => {
    const [{ before }] = await db.dataSource.query(`SELECT count(*)::int AS before FROM ${table}`);
    expect(before).toBeGreaterThan(0);

    await expect(app.query(sql)).rejects.toThrow(`permission denied for table ${table}`);

    const [{ after }] = await db.dataSource.query(`SELECT count(*)::int AS after FROM ${table}`);
    expect(after).toBe(before);
  });

  it.each([
    ['CREATE TABLE app_owned (id int)', 'permission denied for schema public'],
    ['CREATE TEMP TABLE scratch (id int)', 'permission denied to create temporary tables'],
    ['ALTER TABLE audit_log DISABLE TRIGGER ALL', 'must be owner of table audit_log'],
    ['DROP TABLE trade_history', 'must be owner of table trade_history'],
    ['TRUNCATE trades', 'permission denied for table trades'],
    ['DELETE FROM trades', 'permission denied for table trades'],
    ['INSERT INTO migrations (timestamp, name) VALUES (1, $$x$$)', 'permission denied for table migrations'],
  ])('refuses %s', async (sql, message) => {
    await expect(app.query(sql)).rejects.toThrow(message);
  });

  it('still refuses a rewrite of the evidence to the owner (the append-only triggers, TRUNCATE included)', async () => {
    await expect(db.dataSource.query('TRUNCATE audit_log')).rejects.toThrow('audit_log is append-only');
    await expect(db.dataSource.query('TRUNCATE trade_history CASCADE')).rejects.toThrow(
      'trade_history is append-only',
    );
  });
});
