import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { MetricsRegistry } from '@contingency/observability';
import {
  type AppProcess,
  countByStatus,
  createTestDatabase,
  expectEventually,
  GS_FUND,
  seedFunds,
  seedReleasedOrders,
  startApp,
  tradeStatuses,
} from '@contingency/testing';
import { NotReplayableError, OrderReplay } from './replay/order-replay.service';
import { OrderReplayModule } from './replay/order-replay.module';
import { startAdapterApp } from './testing/adapter-app';
import { SimulatorClient } from './testing/simulator-client';

// A GS order Casie never takes: retried to the attempt limit, DEAD_LETTERED (the trade, not only the
// DLQ topic), then replayed by a person once Casie is back, and delivered once.
describe('Casie dead letters and replay', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  let sim: AppProcess;
  let simulator: SimulatorClient;
  let app: INestApplication;
  const tag = randomBytes(3).toString('hex');
  const port = 27_000 + Math.floor(Math.random() * 900);

  beforeAll(async () => {
    db = await createTestDatabase('casie_dead_letter');
    ds = db.dataSource;
    await seedFunds(ds, [GS_FUND]);
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
      groupPrefix: `casie-dlq-${tag}-`,
      casie: {
        baseUrl: simulator.casieUrl,
        timeoutMs: 1_000,
        retry: { baseMs: 100, maxMs: 200, maxAttempts: 3 },
        worker: { pollMs: 50 },
      },
      extraModules: () => [OrderReplayModule],
    });
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    await sim?.stop();
    await db?.drop();
  });

  it('dead-letters a GS order after the last attempt, and a replay delivers it once Casie is back', async () => {
    await simulator.setMode({ mode: 'down' });
    const [order] = await seedReleasedOrders(ds, { fund: GS_FUND, count: 1, tag });

    await expectEventually(async () =>
      expect((await tradeStatuses(ds, [order.tradeId])).get(order.tradeId)).toBe('DEAD_LETTERED'),
    );
    const [dead] = await ds.query<Array<{ reason: string }>>(
      `SELECT reason FROM trade_history WHERE trade_id = $1 AND to_status = 'DEAD_LETTERED'`,
      [order.tradeId],
    );
    expect(dead.reason).toMatch(/^Casie unavailable after 3 attempts: HTTP 503/);
    const dlq = await ds.query<Array<{ payload: { orderRef: string }; headers: Record<string, string> }>>(
      `SELECT payload, headers FROM outbox WHERE topic = 'orders.casie.v1.dlq'`,
    );
    expect(dlq).toHaveLength(1);
    expect(dlq[0].payload.orderRef).toBe(order.orderRef);
    expect(dlq[0].headers).toMatchObject({
      'dlq-code': 'CASIE_UNAVAILABLE',
      'original-topic': 'orders.casie.v1',
    });
    expect(await app.get(MetricsRegistry).metrics()).toMatch(/casie_adapter_dead_letters_total [1-9]/);

    await simulator.setMode({ mode: 'up' });
    const replayed = await app
      .get(OrderReplay)
      .replay({ tradeId: order.tradeId, actor: 'sre-1', sourceIp: '10.0.0.1' });

    expect(replayed).toMatchObject({ status: 'RELEASED', route: 'CASIE' });
    await expectEventually(async () =>
      expect(await countByStatus(ds, [order.tradeId])).toEqual({ DISPATCHED: 1 }),
    );
    expect((await simulator.receivedOf([order.orderRef])).get(order.orderRef)?.posts).toBe(1);
    const audit = await ds.query<Array<{ actor: string; outcome: string; source_ip: string }>>(
      `SELECT actor, outcome, source_ip FROM audit_log WHERE action = 'trade.replay' AND target_id = $1`,
      [order.tradeId],
    );
    expect(audit).toEqual([{ actor: 'sre-1', outcome: 'SUCCESS', source_ip: '10.0.0.1' }]);
    const released = await ds.query<Array<{ actor: string; reason: string }>>(
      `SELECT actor, reason FROM trade_history WHERE trade_id = $1 AND from_status = 'DEAD_LETTERED'`,
      [order.tradeId],
    );
    expect(released).toEqual([{ actor: 'sre-1', reason: 'replayed by sre-1' }]);
  }, 60_000);

  it('refuses to replay a trade that is not dead-lettered, and audits the refusal', async () => {
    const [order] = await seedReleasedOrders(ds, { fund: GS_FUND, count: 1, tag: `${tag}b` });
    await expectEventually(async () =>
      expect(await countByStatus(ds, [order.tradeId])).toEqual({ DISPATCHED: 1 }),
    );

    await expect(
      app.get(OrderReplay).replay({ tradeId: order.tradeId, actor: 'approver-1' }),
    ).rejects.toThrow(NotReplayableError);
    const audit = await ds.query<Array<{ outcome: string }>>(
      `SELECT outcome FROM audit_log WHERE action = 'trade.replay' AND target_id = $1`,
      [order.tradeId],
    );
    expect(audit).toEqual([{ outcome: 'DENIED' }]);
  }, 30_000);
});
