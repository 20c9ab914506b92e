import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { type Order, Topics } from '@contingency/contracts';
import {
  createSetrValidator,
  expectXsdValid,
  messageIdFor,
  temporaryFileName,
  testXsdDir,
  type SetrValidator,
} from '@contingency/iso20022';
import { OutboxWriter } from '@contingency/ledger';
import { startInProcessService } from '@contingency/platform';
import {
  countByStatus,
  createTestDatabase,
  expectEventually,
  FAILOVER_FUND,
  seedFunds,
  seedReleasedOrders,
} from '@contingency/testing';
import { CalastoneModule } from './calastone.module';
import { CalastoneIntake } from './delivery/calastone-intake.service';
import { outboxFiles } from './testing/outbox-files';

// The adapter in this process on the real Kafka and PostgreSQL, writing to a local-folder mailbox (the
// standalone channel; the SFTP channel has its own suite against a real OpenSSH server).
describe('Calastone delivery', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  let app: INestApplication;
  let validator: SetrValidator;
  const root = mkdtempSync(join(tmpdir(), 'calastone-delivery-'));
  const outbound = join(root, 'outbound');
  const tag = randomBytes(3).toString('hex');
  let seeded = 0;

  const seed = (count: number, extra: Partial<Parameters<typeof seedReleasedOrders>[1]> = {}) =>
    seedReleasedOrders(ds, {
      fund: FAILOVER_FUND,
      count,
      tag: `${tag}${++seeded}`,
      route: 'CALASTONE',
      ...extra,
    });

  const history = (tradeId: string) =>
    ds.query<
      Array<{
        event: string;
        to_status: string | null;
        reason: string | null;
        details: Record<string, unknown>;
      }>
    >('SELECT event, to_status, reason, details FROM trade_history WHERE trade_id = $1 ORDER BY id', [
      tradeId,
    ]);

  const settled = (orders: readonly Order[], expected: Record<string, number>) =>
    expectEventually(
      async () =>
        expect(
          await countByStatus(
            ds,
            orders.map((o) => o.tradeId),
          ),
        ).toEqual(expected),
      { timeoutMs: 20_000, intervalMs: 100 },
    );

  const fileOf = (o: Order) => `${o.orderRef}.setr.010.001.04.xml`;

  beforeAll(async () => {
    db = await createTestDatabase('calastone_delivery');
    ds = db.dataSource;
    await seedFunds(ds, [FAILOVER_FUND]);
    validator = await createSetrValidator(testXsdDir());
    app = await startInProcessService({
      service: 'calastone-adapter',
      databaseUrl: db.url,
      groupPrefix: `calastone-delivery-${tag}-`,
      features: () => [
        CalastoneModule.forRoot({
          xsdDir: testXsdDir(),
          channel: { outboundDir: 'outbound', inboundDir: 'inbound', localRoot: root },
          retry: { baseMs: 50, maxMs: 200, maxAttempts: 5 },
          worker: { pollMs: 50 },
        }),
      ],
    });
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    await validator?.close();
    await db?.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it('writes each order once, under its final name, as an XSD-valid setr document, and marks it DISPATCHED', async () => {
    const orders = await seed(5);

    await settled(orders, { DISPATCHED: 5 });
    const { finals, temporaries } = outboxFiles(outbound);
    expect(temporaries).toEqual([]);
    const documents = orders.map((o) => finals.get(fileOf(o)));
    expect(documents.every((d) => d !== undefined)).toBe(true);
    expectXsdValid(
      validator,
      documents.map((xml) => ({ messageType: 'setr.010.001.04' as const, xml: xml! })),
    );
    for (const [i, o] of orders.entries()) expect(documents[i]).toContain(`<OrdrRef>${o.orderRef}</OrdrRef>`);

    const events = await history(orders[0].tradeId);
    expect(events.map((e) => e.event)).toEqual(['RECEIVED', 'DELIVERY_ATTEMPT', 'STATUS_CHANGED']);
    expect(events[2]).toMatchObject({
      to_status: 'DISPATCHED',
      reason: 'setr document written to the outbox',
      details: { attempt: 1, messageId: messageIdFor(orders[0].orderRef, 1), fileName: fileOf(orders[0]) },
    });
    const [refs] = await ds.query<Array<{ refs: Record<string, string> }>>(
      'SELECT external_refs AS refs FROM trades WHERE id = $1',
      [orders[0].tradeId],
    );
    expect(refs.refs).toMatchObject({
      calastoneMessageId: messageIdFor(orders[0].orderRef, 1),
      calastoneFile: fileOf(orders[0]),
    });
  }, 30_000);

  // The trade file and the topic contract already keep account ids to 35 characters; the adapter checks
  // again before conversion, for an order that reaches it by any other way.
  it('NACKs, before anything is written, an order the XSD would refuse (a 40-character account)', async () => {
    const [order] = await seed(1, { publish: false, accountId: () => 'A'.repeat(40) });

    const taken = await ds.transaction((tx) => app.get(CalastoneIntake).accept(tx, [order]));

    expect(taken).toEqual({ opened: 0, refused: 1 });
    await settled([order], { NACKED: 1 });
    expect(outboxFiles(outbound).finals.has(fileOf(order))).toBe(false);
    const nack = (await history(order.tradeId)).find((e) => e.to_status === 'NACKED');
    expect(nack?.reason).toMatch(/^Calastone would refuse the order: accountId: ACCOUNT_ID_TOO_LONG/);
    expect(nack?.details).toMatchObject({
      code: 'SETR_PREFLIGHT_FAILED',
      problems: ['accountId: ACCOUNT_ID_TOO_LONG'],
    });
  }, 30_000);

  it('changes nothing when an order comes again for a trade already dispatched', async () => {
    const orders = await seed(2);
    await settled(orders, { DISPATCHED: 2 });
    const before = outboxFiles(outbound).finals;

    const again = await ds.transaction((tx) =>
      new OutboxWriter().enqueue(
        tx,
        orders.map((payload) => ({ topic: Topics.ordersCalastone, key: payload.accountId, payload })),
      ),
    );
    await expectEventually(async () => {
      const [{ n }] = await ds.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM processed_messages WHERE consumer = 'calastone-adapter' AND message_id = ANY($1)`,
        [again],
      );
      expect(n).toBe(2);
    });
    expect(outboxFiles(outbound).finals).toEqual(before);
    const attempts = (await history(orders[0].tradeId)).filter((e) => e.event === 'DELIVERY_ATTEMPT');
    expect(attempts).toHaveLength(1);
  }, 30_000);

  it('after a crash between "staged" and "recorded", looks in the outbox and never writes an order twice', async () => {
    const orders = await seed(3, { publish: false });
    const [renamed, notRenamed, collected] = orders;
    const stagedName = (o: Order) => temporaryFileName(fileOf(o), '1');
    // As a worker that died leaves it: the deliveries claimed and staged, then the process gone after
    // the rename (renamed), before it (notRenamed), or after it with Calastone already collecting (collected).
    await ds.transaction(async (tx) => {
      await app.get(CalastoneIntake).accept(tx, orders);
      await tx.query(
        `UPDATE calastone_deliveries SET attempts = 1, staged_name = '.' || file_name || '.1.part',
           claimed_by = 'dead-worker', claim_token = gen_random_uuid(), next_at = now() + interval '1 second'
         WHERE trade_id = ANY($1::uuid[])`,
        [orders.map((o) => o.tradeId)],
      );
    });
    mkdirSync(outbound, { recursive: true });
    writeFileSync(join(outbound, fileOf(renamed)), 'as the dead worker renamed it');
    writeFileSync(join(outbound, stagedName(notRenamed)), 'as the dead worker staged it');

    await settled(orders, { DISPATCHED: 3 });
    const { finals, temporaries } = outboxFiles(outbound);
    expect(finals.get(fileOf(renamed))).toBe('as the dead worker renamed it');
    expect(finals.get(fileOf(notRenamed))).toBe('as the dead worker staged it');
    expect(finals.has(fileOf(collected))).toBe(false);
    expect(temporaries).toEqual([]);
    const reasons = await Promise.all(
      orders.map(async (o) => (await history(o.tradeId)).find((e) => e.to_status === 'DISPATCHED')?.reason),
    );
    expect(reasons).toEqual([
      'setr document found under its final name',
      'setr document written to the outbox',
      'setr document collected from the outbox',
    ]);
  }, 30_000);
});
