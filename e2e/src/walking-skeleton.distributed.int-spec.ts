import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppProcess, createTestDatabase, expectEventually, startApp } from '@contingency/testing';
import { ApiClient } from './api-client';
import { CASIE_FUND, nextWeekday, seedFunds } from './fixtures';

// Every service its own process on the real Kafka broker and the real PostgreSQL, driven through the
// gateway's public API: upload → validation → four eyes → orders.casie.v1 → Casie → TA ACK → CONFIRMED.
// Consumer groups get a prefix of their own so that parallel test files never share a group.
describe('walking skeleton, distributed mode', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const apps: Record<string, AppProcess> = {};
  const base = 20_000 + Math.floor(Math.random() * 800) * 10;
  const adminKey = randomBytes(32).toString('base64url');
  const dataDir = mkdtempSync(join(tmpdir(), 'contingency-distributed-'));

  beforeAll(async () => {
    db = await createTestDatabase('skeleton_dist');
    await seedFunds(db.dataSource);
    const env = {
      CONTINGENCY_MODE: 'distributed',
      DATABASE_URL: db.url,
      KAFKA_BROKERS: process.env.KAFKA_BROKERS,
      KAFKA_GROUP_PREFIX: `skeleton-${randomBytes(3).toString('hex')}-`,
      KAFKA_START_FROM: 'latest',
      DATA_DIR: dataDir,
    };
    apps.simulators = await startApp('simulators', env, { port: base + 5 });
    const started = await Promise.all([
      startApp('upload-gateway', { ...env, CONTINGENCY_BOOTSTRAP_ADMIN_KEY: adminKey }, { port: base }),
      startApp('validation-service', env, { port: base + 1 }),
      startApp(
        'casie-adapter',
        { ...env, CASIE_URL: `${apps.simulators.url}/sim/casie` },
        { port: base + 2 },
      ),
      startApp('ack-ingestor', env, { port: base + 4 }),
    ]);
    [apps.gateway, apps.validation, apps.casie, apps.acks] = started;
    for (const app of Object.values(apps)) {
      await expectEventually(async () => expect((await fetch(`${app.url}/readyz`)).status).toBe(200), {
        timeoutMs: 30_000,
      });
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all(Object.values(apps).map((app) => app.stop()));
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes an uploaded trade to CONFIRMED through every service, each order sent once', async () => {
    const admin = new ApiClient(apps.gateway.url, adminKey);
    const keyFor = async (principal: string, roles: string[]) =>
      (
        await admin.request<{ key: string }>('POST', '/api/v1/admin/api-keys', {
          name: principal,
          roles,
          principal,
        })
      ).body.key;
    const operator = admin.as(await keyFor('operator-1', ['operator', 'viewer']));
    const approver = admin.as(await keyFor('approver-1', ['approver', 'viewer']));

    const suffix = randomBytes(3).toString('hex');
    const csv = [
      'client_ref,order_type,fund_isin,account_id,amount,currency,units,trade_date',
      `D1-${suffix},SUBSCRIPTION,${CASIE_FUND.isin},ACC-${suffix},250000.00,EUR,,${nextWeekday()}`,
      `D2-${suffix},SUBSCRIPTION,US0378331005,ACC-${suffix},10.00,EUR,,${nextWeekday()}`,
    ].join('\n');
    const uploaded = await operator.upload('skeleton.csv', csv);
    expect(uploaded.status).toBe(202);
    const batchId = uploaded.body.id;

    await expectEventually(
      async () =>
        expect((await operator.request('GET', `/api/v1/batches/${batchId}`)).body).toMatchObject({
          status: 'AWAITING_APPROVAL',
          counts: { valid: 1, invalid: 1 },
        }),
      { timeoutMs: 30_000 },
    );
    expect((await operator.request('POST', `/api/v1/batches/${batchId}/approve`, {})).status).toBe(403);
    expect((await approver.request('POST', `/api/v1/batches/${batchId}/approve`, {})).status).toBe(200);

    const trades = await approver.request<{ items: Array<{ id: string; row: number }> }>(
      'GET',
      `/api/v1/trades?batchId=${batchId}`,
    );
    const tradeId = trades.body.items.find((t) => t.row === 1)!.id;
    const detail = await expectEventually(
      async () => {
        const res = await approver.request<{
          status: string;
          orderRef: string;
          history: Array<{ to: string | null; actor: string }>;
        }>('GET', `/api/v1/trades/${tradeId}`);
        expect(res.body.status).toBe('CONFIRMED');
        return res.body;
      },
      { timeoutMs: 45_000, intervalMs: 500 },
    );
    expect(detail.history.filter((h) => h.to).map((h) => h.to)).toEqual([
      'RECEIVED',
      'VALID',
      'RELEASED',
      'DISPATCHED',
      'ACKNOWLEDGED',
      'CONFIRMED',
    ]);
    expect(detail.history.find((h) => h.to === 'RELEASED')?.actor).toBe('approver-1');

    const received = (await (await fetch(`${apps.simulators.url}/sim/casie/orders`)).json()) as {
      items: Array<{ orderRef: string }>;
      duplicates: number;
    };
    expect(received.items.filter((o) => o.orderRef === detail.orderRef)).toHaveLength(1);
    expect(received.duplicates).toBe(0);
  }, 120_000);
});
