import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { type Order, Topics } from '@contingency/contracts';
import { OutboxWriter } from '@contingency/ledger';
import { MESSAGE_BUS, type MessageBus, type Subscription } from '@contingency/messaging';
import { MetricsRegistry } from '@contingency/observability';
import {
  type AppProcess,
  countByStatus,
  createTestDatabase,
  expectEventually,
  FAILOVER_FUND,
  GS_FUND,
  seedFunds,
  seedReleasedOrders,
  startApp,
  tradeStatuses,
} from '@contingency/testing';
import { toCasieOrder } from './casie-order';
import { CasieDeliveries } from './delivery/casie-deliveries.repository';
import { startAdapterApp } from './testing/adapter-app';
import { SimulatorClient } from './testing/simulator-client';

// The adapter in this process against the Casie simulator as its own process (dist/, `bash tools/build.sh`),
// on the real Kafka and PostgreSQL, with a quick delivery policy so that retries and the circuit show in
// seconds. Each test switches the simulator's mode as an SRE would in a drill.
describe('Casie delivery', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  let sim: AppProcess;
  let simulator: SimulatorClient;
  let app: INestApplication;
  const tag = randomBytes(3).toString('hex');
  const port = 27_000 + Math.floor(Math.random() * 900);
  let seeded = 0;

  const seed = (fund = GS_FUND, count = 3, extra: { clientRefPrefix?: string; publish?: boolean } = {}) =>
    seedReleasedOrders(ds, { fund, count, tag: `${tag}${++seeded}`, ...extra });

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

  const allDispatched = async (orders: readonly Order[], timeoutMs = 20_000) =>
    expectEventually(
      async () =>
        expect(
          await countByStatus(
            ds,
            orders.map((o) => o.tradeId),
          ),
        ).toEqual({ DISPATCHED: orders.length }),
      { timeoutMs, intervalMs: 100 },
    );

  beforeAll(async () => {
    db = await createTestDatabase('casie_delivery');
    ds = db.dataSource;
    await seedFunds(ds, [GS_FUND, FAILOVER_FUND]);
    sim = await startApp(
      'simulators',
      {
        CONTINGENCY_MODE: 'distributed',
        DATABASE_URL: db.url,
        KAFKA_BROKERS: process.env.KAFKA_BROKERS,
        KAFKA_GROUP_PREFIX: `casie-sim-${tag}-`,
      },
      { port },
    );
    simulator = new SimulatorClient(sim.url);
    app = await startAdapterApp({
      databaseUrl: db.url,
      groupPrefix: `casie-delivery-${tag}-`,
      casie: {
        baseUrl: simulator.casieUrl,
        timeoutMs: 1_000,
        retry: { baseMs: 200, maxMs: 1_000, maxAttempts: 1_000 },
        statusQuery: { settleMs: 300, baseMs: 200, maxMs: 1_000 },
        circuit: { failureThreshold: 3, openMs: 1_000 },
        worker: { pollMs: 50, unknownScanMs: 200 },
      },
    });
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    await sim?.stop();
    await db?.drop();
  });

  beforeEach(() => simulator.setMode({ mode: 'up' }));

  it("delivers released orders once each: DISPATCHED with Casie's order id", async () => {
    const orders = await seed(GS_FUND, 5);

    await allDispatched(orders);
    const atCasie = await simulator.receivedOf(orders.map((o) => o.orderRef));
    const refs = await ds.query<Array<{ id: string; casie: string }>>(
      `SELECT id, external_refs->>'casieOrderId' AS casie FROM trades WHERE id = ANY($1::uuid[])`,
      [orders.map((o) => o.tradeId)],
    );
    for (const o of orders) {
      expect(atCasie.get(o.orderRef)?.posts).toBe(1);
      expect(refs.find((r) => r.id === o.tradeId)?.casie).toBe(atCasie.get(o.orderRef)?.casieOrderId);
    }
    const events = await history(orders[0].tradeId);
    expect(events.map((e) => e.event)).toEqual(['RECEIVED', 'DELIVERY_ATTEMPT', 'STATUS_CHANGED']);
    expect(events[1].details).toMatchObject({ attempt: 1 });
    expect(events[2]).toMatchObject({ to_status: 'DISPATCHED', reason: 'Casie accepted the order' });
  }, 30_000);

  it('changes nothing when an order comes again for a trade already past RELEASED', async () => {
    const orders = await seed(GS_FUND, 2);
    await allDispatched(orders);

    const again = await ds.transaction((tx) =>
      new OutboxWriter().enqueue(
        tx,
        orders.map((payload) => ({ topic: Topics.ordersCasie, key: payload.accountId, payload })),
      ),
    );
    await expectEventually(async () => {
      const [{ n }] = await ds.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM processed_messages WHERE consumer = 'casie-adapter' AND message_id = ANY($1)`,
        [again],
      );
      expect(n).toBe(2);
    });
    expect(
      await countByStatus(
        ds,
        orders.map((o) => o.tradeId),
      ),
    ).toEqual({ DISPATCHED: 2 });
    expect(
      [...(await simulator.receivedOf(orders.map((o) => o.orderRef))).values()].map((i) => i.posts),
    ).toEqual([1, 1]);
    const [{ attempts }] = await ds.query<Array<{ attempts: number }>>(
      `SELECT count(*)::int AS attempts FROM trade_history WHERE trade_id = ANY($1::uuid[]) AND event = 'DELIVERY_ATTEMPT'`,
      [orders.map((o) => o.tradeId)],
    );
    expect(attempts).toBe(2);
  }, 30_000);

  it("NACKs an order Casie refuses, with Casie's reason, and never sends it again", async () => {
    const [order] = await seed(GS_FUND, 1, { clientRefPrefix: 'REJECT' });

    await expectEventually(async () =>
      expect((await tradeStatuses(ds, [order.tradeId])).get(order.tradeId)).toBe('NACKED'),
    );
    const nack = (await history(order.tradeId)).find((e) => e.to_status === 'NACKED');
    expect(nack?.reason).toMatch(/^Casie refused the order \(HTTP 422\): rejected by the Casie simulator/);
    expect((await simulator.receivedOf([order.orderRef])).size).toBe(0);
  }, 30_000);

  it('asks Casie before anything else when a claim was left unrecorded (a crashed worker): never POSTs it twice', async () => {
    const [atCasie, notAtCasie] = await seed(GS_FUND, 2, { publish: false });
    // What a worker killed between its POST and its record leaves: Casie has the first order, not the second.
    const first = await fetch(`${simulator.casieUrl}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': atCasie.orderRef },
      body: JSON.stringify(toCasieOrder(atCasie)),
    });
    expect(first.status).toBe(201);
    await ds.transaction(async (tx) => {
      await new CasieDeliveries().open(tx, [atCasie, notAtCasie]);
      await tx.query(
        `UPDATE casie_deliveries SET attempts = 1, maybe_sent = true, claimed_by = 'dead-worker'
         WHERE trade_id = ANY($1::uuid[])`,
        [[atCasie.tradeId, notAtCasie.tradeId]],
      );
    });

    await allDispatched([atCasie, notAtCasie]);
    const casie = await simulator.receivedOf([atCasie.orderRef, notAtCasie.orderRef]);
    expect(casie.get(atCasie.orderRef)?.posts).toBe(1);
    expect(casie.get(notAtCasie.orderRef)?.posts).toBe(1);
    const rows = await ds.query<Array<{ trade_id: string; attempts: number; status_queries: number }>>(
      'SELECT trade_id, attempts, status_queries FROM casie_deliveries WHERE trade_id = ANY($1::uuid[])',
      [[atCasie.tradeId, notAtCasie.tradeId]],
    );
    expect(rows.find((r) => r.trade_id === atCasie.tradeId)).toMatchObject({
      attempts: 1,
      status_queries: 1,
    });
    expect(rows.find((r) => r.trade_id === notAtCasie.tradeId)).toMatchObject({
      attempts: 2,
      status_queries: 1,
    });
    expect((await history(notAtCasie.tradeId)).map((e) => e.event)).toContain('CASIE_NOT_RECEIVED');
  }, 30_000);

  it('finds OUTCOME_UNKNOWN trades without a delivery and resolves them by the status query first', async () => {
    const [atCasie, notAtCasie] = await seed(GS_FUND, 2, { publish: false });
    const posted = await fetch(`${simulator.casieUrl}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': atCasie.orderRef },
      body: JSON.stringify(toCasieOrder(atCasie)),
    });
    expect(posted.status).toBe(201);
    await ds.query(`UPDATE trades SET status = 'OUTCOME_UNKNOWN' WHERE id = ANY($1::uuid[])`, [
      [atCasie.tradeId, notAtCasie.tradeId],
    ]);

    await allDispatched([atCasie, notAtCasie]);
    const casie = await simulator.receivedOf([atCasie.orderRef, notAtCasie.orderRef]);
    expect([...casie.values()].map((i) => i.posts)).toEqual([1, 1]);
    const statuses = (await history(notAtCasie.tradeId)).filter((e) => e.to_status).map((e) => e.to_status);
    expect(statuses).toEqual(['RECEIVED', 'RELEASED', 'DISPATCHED']);
    const [sent] = await ds.query<Array<{ order: { amount: string; clientRef: string } }>>(
      'SELECT "order" FROM casie_deliveries WHERE trade_id = $1',
      [notAtCasie.tradeId],
    );
    expect(sent.order).toMatchObject({ amount: notAtCasie.amount, clientRef: notAtCasie.clientRef });
  }, 30_000);

  it('takes a timeout after sending as OUTCOME_UNKNOWN and resolves it by the status query, sent once', async () => {
    await simulator.setMode({ mode: 'accept-then-timeout', delayMs: 10_000 });
    const before = (await simulator.received()).duplicates;
    const orders = await seed(GS_FUND, 3);

    await allDispatched(orders);
    for (const o of orders) {
      const statuses = (await history(o.tradeId)).filter((e) => e.to_status).map((e) => e.to_status);
      expect(statuses).toEqual(['RECEIVED', 'OUTCOME_UNKNOWN', 'DISPATCHED']);
    }
    const casie = await simulator.receivedOf(orders.map((o) => o.orderRef));
    expect([...casie.values()].map((i) => i.posts)).toEqual([1, 1, 1]);
    expect((await simulator.received()).duplicates).toBe(before);
  }, 30_000);

  describe('while Casie is down', () => {
    let subscription: Subscription;
    const onCalastone: Order[] = [];

    beforeAll(async () => {
      subscription = await app.get<MessageBus>(MESSAGE_BUS).subscribe({
        groupId: `casie-delivery-${tag}-calastone-reader`,
        topics: [Topics.ordersCalastone],
        startFrom: 'latest',
        onBatch: async (records, session) => {
          onCalastone.push(...records.map((r) => JSON.parse(r.value.toString()) as Order));
          await session.commit(records[records.length - 1]);
        },
      });
      await subscription.ready;
    }, 30_000);

    afterAll(() => subscription?.stop());

    it('fails non-GS orders over to Calastone, keeps GS orders retrying, opens the circuit; nothing at both', async () => {
      await simulator.setMode({ mode: 'down' });
      const nonGs = await seed(FAILOVER_FUND, 4);
      const gs = await seed(GS_FUND, 3);

      await expectEventually(
        async () => {
          const rows = await ds.query<Array<{ status: string; route: string }>>(
            'SELECT status, route FROM trades WHERE id = ANY($1::uuid[])',
            [nonGs.map((o) => o.tradeId)],
          );
          expect(rows.map((r) => `${r.status}/${r.route}`)).toEqual(Array(4).fill('RELEASED/CALASTONE'));
        },
        { timeoutMs: 20_000 },
      );
      await expectEventually(() =>
        expect(onCalastone.filter((o) => nonGs.some((n) => n.orderRef === o.orderRef))).toHaveLength(4),
      );
      for (const o of onCalastone.filter((c) => nonGs.some((n) => n.orderRef === c.orderRef))) {
        expect(o.routeReason).toMatch(/^failover: Casie unavailable \((HTTP 503|circuit open)/);
      }
      const failover = (await history(nonGs[0].tradeId)).find((e) => e.event === 'FAILOVER');
      expect(failover).toMatchObject({ details: { fromRoute: 'CASIE', toRoute: 'CALASTONE' } });
      expect(failover?.reason).toMatch(/^failover: Casie unavailable/);

      await expectEventually(async () => {
        const metrics = await app.get(MetricsRegistry).metrics();
        expect(metrics).toContain(`casie_adapter_circuit_state{destination="127.0.0.1:${port}"} 2`);
      });
      await expectEventually(async () => {
        const retries = await ds.query<Array<{ n: number }>>(
          `SELECT count(*)::int AS n FROM trade_history WHERE trade_id = $1 AND event = 'DELIVERY_RETRY'`,
          [gs[0].tradeId],
        );
        expect(retries[0].n).toBeGreaterThanOrEqual(2);
      });
      expect(
        await countByStatus(
          ds,
          gs.map((o) => o.tradeId),
        ),
      ).toEqual({ RELEASED: 3 });

      await simulator.setMode({ mode: 'up' });
      await allDispatched(gs);

      const casie = await simulator.receivedOf([...nonGs, ...gs].map((o) => o.orderRef));
      expect([...casie.keys()].sort()).toEqual(gs.map((o) => o.orderRef).sort());
      expect([...casie.values()].map((i) => i.posts)).toEqual([1, 1, 1]);
      await expectEventually(async () => {
        const metrics = await app.get(MetricsRegistry).metrics();
        expect(metrics).toContain(`casie_adapter_circuit_state{destination="127.0.0.1:${port}"} 0`);
      });
      expect(await app.get(MetricsRegistry).metrics()).toMatch(/casie_adapter_failovers_total \d+/);
    }, 60_000);
  });
});
