import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AppProcess,
  createTestDatabase,
  expectEventually,
  type SftpServer,
  startApp,
  startSftpServer,
} from '@contingency/testing';
import { ApiClient } from './api-client';
import { CALASTONE_FUND, CASIE_FUND, FAILOVER_FUND, nextWeekday, seedFunds } from './fixtures';

// Every service its own process on the real Kafka broker, the real PostgreSQL and a real OpenSSH SFTP
// server, driven through the gateway's public API: upload → validation → four eyes → orders.casie.v1 →
// Casie → TA ACK → CONFIRMED, and orders.calastone.v1 → setr.010 over SFTP → setr.016 RECE, PACK →
// setr.012 → CONFIRMED. Consumer groups get a prefix of their own so that parallel test files never
// share a group.
interface TradeDetail {
  status: string;
  route: string;
  orderRef: string;
  history: Array<{ event: string; to: string | null; actor: string }>;
}

describe('walking skeleton, distributed mode', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const apps: Record<string, AppProcess> = {};
  const base = 20_000 + Math.floor(Math.random() * 800) * 10;
  const adminKey = randomBytes(32).toString('base64url');
  const dataDir = mkdtempSync(join(tmpdir(), 'contingency-distributed-'));
  let sftp: SftpServer;

  beforeAll(async () => {
    // Calastone's server: the simulator works on its folders (DATA_DIR/calastone), the services log in.
    sftp = await startSftpServer();
    for (const folder of ['outbound', 'inbound']) mkdirSync(join(sftp.root, folder));
    symlinkSync(sftp.root, join(dataDir, 'calastone'));
    const overSftp = {
      CALASTONE_SFTP_URL: `sftp://${sftp.username}@${sftp.host}:${sftp.port}`,
      CALASTONE_SFTP_PRIVATE_KEY_FILE: sftp.privateKeyFile,
      CALASTONE_SFTP_HOST_KEY: sftp.hostKeyFingerprint,
    };
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
      startApp('calastone-adapter', { ...env, ...overSftp }, { port: base + 3 }),
      startApp('ack-ingestor', { ...env, ...overSftp }, { port: base + 4 }),
    ]);
    [apps.gateway, apps.validation, apps.casie, apps.calastone, apps.acks] = started;
    for (const app of Object.values(apps)) {
      await expectEventually(async () => expect((await fetch(`${app.url}/readyz`)).status).toBe(200), {
        timeoutMs: 30_000,
      });
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all(Object.values(apps).map((app) => app.stop()));
    await db?.drop();
    await sftp?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const clients = async () => {
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
    return { operator, approver };
  };
  const simulatorOrders = async (simulator: 'casie' | 'calastone') =>
    (await (await fetch(`${apps.simulators.url}/sim/${simulator}/orders`)).json()) as {
      items: Array<{ orderRef: string }>;
      duplicates: number;
    };
  const detailOf = (client: ApiClient, tradeId: string) =>
    client.request<TradeDetail>('GET', `/api/v1/trades/${tradeId}`).then((res) => res.body);
  const uploadAndApprove = async (csvRows: string[], valid: number) => {
    const { operator, approver } = await clients();
    const csv = [
      'client_ref,order_type,fund_isin,account_id,amount,currency,units,trade_date',
      ...csvRows,
    ].join('\n');
    const uploaded = await operator.upload('skeleton.csv', csv);
    expect(uploaded.status).toBe(202);
    const batchId = uploaded.body.id;
    await expectEventually(
      async () =>
        expect((await operator.request('GET', `/api/v1/batches/${batchId}`)).body).toMatchObject({
          status: 'AWAITING_APPROVAL',
          counts: { valid },
        }),
      { timeoutMs: 30_000 },
    );
    expect((await approver.request('POST', `/api/v1/batches/${batchId}/approve`, {})).status).toBe(200);
    const trades = await approver.request<{ items: Array<{ id: string; row: number }> }>(
      'GET',
      `/api/v1/trades?batchId=${batchId}`,
    );
    return { approver, idOf: (row: number) => trades.body.items.find((t) => t.row === row)!.id };
  };

  it('takes uploaded trades to CONFIRMED through every service on both routes, each order sent once', async () => {
    const { operator, approver } = await clients();

    const suffix = randomBytes(3).toString('hex');
    const csv = [
      'client_ref,order_type,fund_isin,account_id,amount,currency,units,trade_date',
      `D1-${suffix},SUBSCRIPTION,${CASIE_FUND.isin},ACC-${suffix},250000.00,EUR,,${nextWeekday()}`,
      `D2-${suffix},SUBSCRIPTION,US0378331005,ACC-${suffix},10.00,EUR,,${nextWeekday()}`,
      `D3-${suffix},SUBSCRIPTION,${CALASTONE_FUND.isin},ACC-${suffix},120000.00,EUR,,${nextWeekday()}`,
    ].join('\n');
    const uploaded = await operator.upload('skeleton.csv', csv);
    expect(uploaded.status).toBe(202);
    const batchId = uploaded.body.id;

    await expectEventually(
      async () =>
        expect((await operator.request('GET', `/api/v1/batches/${batchId}`)).body).toMatchObject({
          status: 'AWAITING_APPROVAL',
          counts: { valid: 2, invalid: 1 },
        }),
      { timeoutMs: 30_000 },
    );
    expect((await operator.request('POST', `/api/v1/batches/${batchId}/approve`, {})).status).toBe(403);
    expect((await approver.request('POST', `/api/v1/batches/${batchId}/approve`, {})).status).toBe(200);

    const trades = await approver.request<{ items: Array<{ id: string; row: number }> }>(
      'GET',
      `/api/v1/trades?batchId=${batchId}`,
    );
    const confirmed = async (row: number) => {
      const tradeId = trades.body.items.find((t) => t.row === row)!.id;
      return expectEventually(
        async () => {
          const res = await approver.request<TradeDetail>('GET', `/api/v1/trades/${tradeId}`);
          expect(res.body.status).toBe('CONFIRMED');
          return res.body;
        },
        { timeoutMs: 45_000, intervalMs: 500 },
      );
    };
    const [viaCasie, viaCalastone] = await Promise.all([confirmed(1), confirmed(3)]);
    for (const detail of [viaCasie, viaCalastone]) {
      expect(detail.history.filter((h) => h.to).map((h) => h.to)).toEqual([
        'RECEIVED',
        'VALID',
        'RELEASED',
        'DISPATCHED',
        'ACKNOWLEDGED',
        'CONFIRMED',
      ]);
      expect(detail.history.find((h) => h.to === 'RELEASED')?.actor).toBe('approver-1');
    }
    expect(viaCasie.route).toBe('CASIE');
    expect(viaCalastone.route).toBe('CALASTONE');
    expect(viaCalastone.history.find((h) => h.to === 'DISPATCHED')?.actor).toBe('calastone-adapter');

    for (const simulator of ['casie', 'calastone'] as const) {
      const received = await simulatorOrders(simulator);
      const detail = simulator === 'casie' ? viaCasie : viaCalastone;
      expect(received.items.filter((o) => o.orderRef === detail.orderRef)).toHaveLength(1);
      expect(received.duplicates).toBe(0);
    }
  }, 120_000);

  it('while Casie is down, fails non-GS orders over to Calastone and delivers GS orders once Casie is back', async () => {
    const suffix = randomBytes(3).toString('hex');
    await fetch(`${apps.simulators.url}/sim/casie/mode`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'down' }),
    });
    let casieBack = false;
    try {
      const { approver, idOf } = await uploadAndApprove(
        [
          `F1-${suffix},SUBSCRIPTION,${FAILOVER_FUND.isin},ACC-${suffix},5000.00,EUR,,${nextWeekday()}`,
          `G1-${suffix},SUBSCRIPTION,${CASIE_FUND.isin},ACC-${suffix},7000.00,EUR,,${nextWeekday()}`,
        ],
        2,
      );
      const failedOver = await expectEventually(
        async () => {
          const detail = await detailOf(approver, idOf(1));
          expect(detail.status).toBe('CONFIRMED');
          return detail;
        },
        { timeoutMs: 45_000, intervalMs: 500 },
      );
      expect(failedOver.route).toBe('CALASTONE');
      expect(failedOver.history.map((h) => h.event)).toContain('FAILOVER');
      // The GS order waits for Casie: retried, never sent elsewhere.
      const waiting = await detailOf(approver, idOf(2));
      expect(waiting).toMatchObject({ route: 'CASIE', status: 'RELEASED' });

      await fetch(`${apps.simulators.url}/sim/casie/mode`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ mode: 'up' }),
      });
      casieBack = true;
      const gs = await expectEventually(
        async () => {
          const detail = await detailOf(approver, idOf(2));
          expect(detail.status).toBe('CONFIRMED');
          return detail;
        },
        { timeoutMs: 60_000, intervalMs: 500 },
      );

      // Nothing lost, nothing at both.
      const [atCasie, atCalastone] = await Promise.all([
        simulatorOrders('casie'),
        simulatorOrders('calastone'),
      ]);
      const refsAt = (received: { items: Array<{ orderRef: string }> }) =>
        received.items.map((o) => o.orderRef);
      expect(refsAt(atCalastone)).toContain(failedOver.orderRef);
      expect(refsAt(atCasie)).not.toContain(failedOver.orderRef);
      expect(refsAt(atCasie).filter((ref) => ref === gs.orderRef)).toHaveLength(1);
      expect(refsAt(atCalastone)).not.toContain(gs.orderRef);
    } finally {
      if (!casieBack) {
        await fetch(`${apps.simulators.url}/sim/casie/mode`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ mode: 'up' }),
        });
      }
    }
  }, 150_000);
});
