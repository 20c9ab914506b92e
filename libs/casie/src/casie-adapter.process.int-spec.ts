import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Topics } from '@contingency/contracts';
import {
  type AppProcess,
  countByStatus,
  createTestDatabase,
  expectEventually,
  GS_FUND,
  seedFunds,
  seedReleasedOrders,
  startApp,
} from '@contingency/testing';
import { pinGroupToEnd } from './testing/kafka-groups';
import { SimulatorClient } from './testing/simulator-client';

const ORDERS = 1_000;

// The compiled casie-adapter (dist/, `bash tools/build.sh`) killed with SIGKILL in the middle of a burst
// and started again: every order reaches the Casie simulator exactly once. The simulator answers slowly,
// so that requests are in flight when the adapter dies; the ones Casie had recorded are found by the
// status query after the dead worker's lease, not POSTed again.
describe('casie-adapter process, killed mid-burst', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  let sim: AppProcess;
  let adapter: AppProcess | undefined;
  const tag = randomBytes(3).toString('hex');
  const base = 28_000 + Math.floor(Math.random() * 400) * 2;
  const groupPrefix = `casie-kill-${tag}-`;
  let env: Record<string, string | undefined>;

  beforeAll(async () => {
    db = await createTestDatabase('casie_kill');
    ds = db.dataSource;
    await seedFunds(ds, [GS_FUND]);
    env = {
      CONTINGENCY_MODE: 'distributed',
      DATABASE_URL: db.url,
      KAFKA_BROKERS: process.env.KAFKA_BROKERS,
      KAFKA_GROUP_PREFIX: groupPrefix,
    };
    sim = await startApp('simulators', env, { port: base });
    await pinGroupToEnd(`${groupPrefix}casie-adapter`, [Topics.ordersCasie]);
  }, 60_000);

  afterAll(async () => {
    await adapter?.stop();
    await sim?.stop();
    await db?.drop();
  });

  it('delivers each of 1,000 orders exactly once across a SIGKILL and a restart', async () => {
    const simulator = new SimulatorClient(sim.url);
    await simulator.setMode({ mode: 'slow', delayMs: 150 });
    const orders = await seedReleasedOrders(ds, { fund: GS_FUND, count: ORDERS, tag });
    const refs = orders.map((o) => o.orderRef);
    const adapterEnv = { ...env, CASIE_URL: simulator.casieUrl };

    adapter = await startApp('casie-adapter', adapterEnv, { port: base + 1 });
    const atKill = await expectEventually(
      async () => {
        const received = (await simulator.receivedOf(refs)).size;
        expect(received).toBeGreaterThanOrEqual(200);
        // Kill with POSTs in flight (claimed, maybe sent, not recorded), not between two claims.
        const [{ inFlight }] = await ds.query<Array<{ inFlight: number }>>(
          `SELECT count(*)::int AS "inFlight" FROM casie_deliveries
           WHERE outcome IS NULL AND maybe_sent AND claim_token IS NOT NULL`,
        );
        expect(inFlight).toBeGreaterThan(0);
        return received;
      },
      { timeoutMs: 60_000, intervalMs: 50 },
    );
    await adapter.kill();
    expect(atKill).toBeLessThan(ORDERS);

    await simulator.setMode({ mode: 'up' });
    adapter = await startApp('casie-adapter', adapterEnv, { port: base + 1 });
    await expectEventually(
      async () =>
        expect(
          await countByStatus(
            ds,
            orders.map((o) => o.tradeId),
          ),
        ).toEqual({ DISPATCHED: ORDERS }),
      { timeoutMs: 120_000, intervalMs: 500 },
    );

    const atCasie = await simulator.receivedOf(refs);
    expect(atCasie.size).toBe(ORDERS);
    expect([...atCasie.values()].filter((i) => i.posts > 1).map((i) => i.orderRef)).toEqual([]);
    expect((await simulator.received()).duplicates).toBe(0);
    const [recovered] = await ds.query<Array<{ queried: number; resent: number }>>(
      `SELECT count(*) FILTER (WHERE status_queries > 0)::int AS queried,
              count(*) FILTER (WHERE attempts > 1)::int AS resent
       FROM casie_deliveries`,
    );
    // The orders in flight at the kill were asked about, not blindly sent again.
    expect(recovered.queried).toBeGreaterThan(0);
    console.info(
      `killed at ${atKill}/${ORDERS} received; ${recovered.queried} resolved by status query, ${recovered.resent} sent again after a 404`,
    );
  }, 240_000);
});
