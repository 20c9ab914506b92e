import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSampleFunds } from '@contingency/gateway';
import { type AppProcess, expectEventually, startApp } from '@contingency/testing';
import { ApiClient } from './api-client';
import { nextWeekday } from './fixtures';

// The SS team's day on `npm start` (PGlite, embedded bus, simulators), through the public REST API only:
// keys from the bootstrap admin, an upload with a bad row, four eyes, and the orders confirmed by the TA.
describe('trade inbound through the API, standalone process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'contingency-inbound-'));
  const port = 25_000 + Math.floor(Math.random() * 900);
  const adminKey = randomBytes(32).toString('base64url');
  const env = {
    DATA_DIR: dataDir,
    CONTINGENCY_BOOTSTRAP_ADMIN_KEY: adminKey,
    CONTINGENCY_MODE: undefined,
    DATABASE_URL: undefined,
    KAFKA_BROKERS: undefined,
  };
  let app: AppProcess;

  afterAll(async () => {
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('uploads, shows row errors, refuses self-approval, releases on approval and ends CONFIRMED', async () => {
    app = await startApp('standalone', env, { port });
    const admin = new ApiClient(app.url, adminKey);
    const anonymous = new ApiClient(app.url);

    const keyFor = async (principal: string, roles: string[]) => {
      const created = await admin.request<{ key: string }>('POST', '/api/v1/admin/api-keys', {
        name: principal,
        roles,
        principal,
      });
      expect(created.status).toBe(201);
      return created.body.key;
    };
    const operator = admin.as(await keyFor('ss-operator-1', ['operator', 'viewer']));
    const approver = admin.as(await keyFor('ss-approver-1', ['approver', 'viewer']));

    const casieFunds = readSampleFunds().filter((f) => f.primaryRoute === 'CASIE' && f.status === 'OPEN');
    const tradeDate = nextWeekday();
    const suffix = randomBytes(3).toString('hex');
    const csv = [
      'client_ref,order_type,fund_isin,account_id,amount,currency,units,trade_date,settlement_date,comment',
      `R1-${suffix},SUBSCRIPTION,${casieFunds[0].isin},ACC-1-${suffix},1000000.00,${casieFunds[0].currency},,${tradeDate},,first`,
      `R2-${suffix},REDEMPTION,${casieFunds[1].isin},ACC-2-${suffix},,,2500.5,${tradeDate},,`,
      `R3-${suffix},SUBSCRIPTION,XX0000000000,ACC-3-${suffix},50.00,EUR,,${tradeDate},,bad fund`,
    ].join('\r\n');

    expect((await anonymous.upload('monday.csv', csv)).status).toBe(401);
    const uploaded = await operator.upload('monday.csv', csv);
    expect(uploaded.status).toBe(202);
    const batchId = uploaded.body.id;
    expect((await operator.upload('monday-again.csv', csv)).status).toBe(409);

    const batch = await expectEventually(
      async () => {
        const res = await operator.request<{ status: string; counts: Record<string, number> }>(
          'GET',
          `/api/v1/batches/${batchId}`,
        );
        expect(res.body.status).toBe('AWAITING_APPROVAL');
        return res.body;
      },
      { timeoutMs: 30_000 },
    );
    expect(batch.counts).toMatchObject({ total: 3, valid: 2, invalid: 1 });

    const errors = await operator.request<Array<{ row: number; column: string; code: string }>>(
      'GET',
      `/api/v1/batches/${batchId}/errors`,
    );
    expect(errors.body).toEqual([expect.objectContaining({ row: 3, column: 'fund_isin' })]);

    expect((await operator.request('POST', `/api/v1/batches/${batchId}/approve`, {})).status).toBe(403);
    expect(
      (await approver.request('POST', `/api/v1/batches/${batchId}/approve`, { comment: 'ok' })).status,
    ).toBe(200);

    await expectEventually(
      async () => {
        const page = await approver.request<{ items: Array<{ status: string; row: number }> }>(
          'GET',
          `/api/v1/trades?batchId=${batchId}`,
        );
        expect(page.body.items.map((t) => [t.row, t.status]).sort()).toEqual([
          [1, 'CONFIRMED'],
          [2, 'CONFIRMED'],
          [3, 'INVALID'],
        ]);
      },
      { timeoutMs: 45_000, intervalMs: 500 },
    );

    // The data outlives the process.
    expect(await app.stop()).toBe(0);
    app = await startApp('standalone', env, { port: port + 1 });
    const after = await new ApiClient(app.url, adminKey).request<{ status: string }>(
      'GET',
      `/api/v1/batches/${batchId}`,
    );
    expect(after.body.status).toMatch(/RELEASED|COMPLETED/);
  }, 150_000);
});
