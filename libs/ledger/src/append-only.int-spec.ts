import { withLogContext } from '@contingency/observability';
import { createTestDatabase } from '@contingency/testing';
import type { DataSource } from 'typeorm';
import { AuditLog } from './audit.log';
import { AuditLogEntity } from './entities/audit-log.entity';
import { seedBatch } from './test/ledger.fixtures';

// History and audit are evidence: the database itself refuses to rewrite them, whoever asks.
describe('append-only tables', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  const audit = new AuditLog();

  beforeAll(async () => {
    db = await createTestDatabase('append_only');
    ds = db.dataSource;
    await seedBatch(ds, 1);
    await ds.transaction((tx) =>
      audit.record(tx, {
        actor: 'alice',
        action: 'batch.approve',
        outcome: 'SUCCESS',
        targetType: 'batch',
        targetId: 'b-1',
      }),
    );
  });

  afterAll(async () => {
    await db?.drop();
  });

  it.each([
    ['UPDATE trade_history SET actor = $1', 'trade_history'],
    ['DELETE FROM trade_history WHERE actor <> $1', 'trade_history'],
    ['UPDATE audit_log SET actor = $1', 'audit_log'],
    ['DELETE FROM audit_log WHERE actor <> $1', 'audit_log'],
  ])('%s is refused', async (sql, table) => {
    const [{ count: before }] = await ds.query(
      `SELECT count(*)::int AS count FROM ${table} WHERE actor <> 'mallory'`,
    );

    await expect(ds.query(sql, ['mallory'])).rejects.toThrow(new RegExp(`${table} is append-only`));

    const [{ count: after }] = await ds.query(
      `SELECT count(*)::int AS count FROM ${table} WHERE actor <> 'mallory'`,
    );
    expect(after).toBe(before);
    expect(before).toBeGreaterThan(0);
  });
});

describe(AuditLog.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    db = await createTestDatabase('audit_log');
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('records an entry, also outside a transaction (a refusal has no business transaction)', async () => {
    await new AuditLog().record(db.dataSource.manager, {
      actor: 'bob',
      action: 'batch.approve',
      outcome: 'DENIED',
      targetType: 'batch',
      targetId: 'b-2',
      sourceIp: '10.0.0.7',
      correlationId: 'corr-9',
      details: { reason: 'own batch' },
    });

    expect(await db.dataSource.manager.find(AuditLogEntity)).toEqual([
      expect.objectContaining({
        actor: 'bob',
        outcome: 'DENIED',
        correlationId: 'corr-9',
        details: { reason: 'own batch' },
      }),
    ]);
  });

  it('takes the correlation id from the log context when the entry has none', async () => {
    await withLogContext({ correlationId: 'req-5' }, () =>
      new AuditLog().record(db.dataSource.manager, {
        actor: 'carol',
        action: 'api-key.create',
        outcome: 'SUCCESS',
      }),
    );
    expect(await db.dataSource.manager.findOneBy(AuditLogEntity, { actor: 'carol' })).toMatchObject({
      correlationId: 'req-5',
    });
  });
});
