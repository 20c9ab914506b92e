import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { ApiKeyStore } from '@contingency/auth';
import { OrderReplayModule } from '@contingency/casie';
import { BatchLedger } from '@contingency/ledger';
import { createTestDatabase, TEST_PRINCIPAL_HEADER, testPrincipal } from '@contingency/testing';
import { AdminModule } from '../admin/admin.module';
import { BatchesModule } from '../batches/batches.module';
import { tradeCsv } from '../batches/testing/trade-file.samples';
import { fundMasterCsv } from '../reference/fund-master.fixtures';
import { ReferenceModule } from '../reference/reference.module';
import { ReportsModule } from '../reports/reports.module';
import { seedTrades } from '../trades/testing/seed-trades';
import { startTradesTestApp, type TradesTestApp } from '../trades/testing/trades-test-app';
import { TradesModule } from '../trades/trades.module';
import { AuditModule } from './audit.module';

// The API key store without the real guard: principals come from x-test-principal here.
@Module({ providers: [ApiKeyStore], exports: [ApiKeyStore] })
class ApiKeysOnlyModule {}

const USER_AGENT = 'audit-coverage-test/1.0 (+security)';
const OPERATOR = testPrincipal('olivia.operator', 'operator', 'approver');
const APPROVER = testPrincipal('adam.approver', 'approver');
const SRE = testPrincipal('sam.sre', 'sre');
const ADMIN = testPrincipal('ada.admin', 'admin');

interface AuditRow {
  at: Date;
  actor: string;
  action: string;
  outcome: string;
  target_type: string | null;
  target_id: string | null;
  source_ip: string | null;
  user_agent: string | null;
  details: Record<string, unknown>;
}

// Every state-changing action, done through the API, leaves one audit row saying who, what, to what,
// when, from where (IP, user agent) and with which outcome. Each call carries its own correlation id,
// which is how its row is found.
describe('audit coverage', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let dataDir: string;
  let server: TradesTestApp;
  const startedAt = new Date(Date.now() - 1_000);

  beforeAll(async () => {
    db = await createTestDatabase('audit_coverage');
    dataSource = db.dataSource;
    dataDir = await mkdtemp(join(tmpdir(), 'mc-audit-'));
    server = await startTradesTestApp(dataSource, [
      { module: ApiKeysOnlyModule, global: true },
      BatchesModule.forRoot({ dataDir }),
      TradesModule,
      OrderReplayModule,
      ReferenceModule,
      ReportsModule,
      AdminModule,
      AuditModule,
    ]);
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  interface Call {
    status: number;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads what came back
    body: any;
    audit: AuditRow[];
  }

  async function call(
    method: string,
    path: string,
    as: string,
    body?: { json?: unknown; csv?: string; form?: FormData },
  ): Promise<Call> {
    const correlationId = `audit-${randomUUID()}`;
    const headers: Record<string, string> = {
      [TEST_PRINCIPAL_HEADER]: as,
      'user-agent': USER_AGENT,
      'x-correlation-id': correlationId,
    };
    let payload: BodyInit | undefined;
    if (body?.json !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body?.csv !== undefined) {
      headers['content-type'] = 'text/csv';
      payload = body.csv;
    } else payload = body?.form;
    const res = await fetch(`${server.api}${path}`, { method, headers, body: payload });
    const text = await res.text();
    const audit = await dataSource.query<AuditRow[]>(
      `SELECT at, actor, action, outcome, target_type, target_id, source_ip, user_agent, details
         FROM audit_log WHERE correlation_id = $1 ORDER BY id`,
      [correlationId],
    );
    const json =
      res.headers.get('content-type')?.includes('json') && text ? (JSON.parse(text) as unknown) : text;
    return { status: res.status, body: json, audit };
  }

  const csvForm = (name: string, content: string) => {
    const form = new FormData();
    form.append('file', new Blob([content], { type: 'text/csv' }), name);
    return form;
  };

  function expectOneRow(
    { audit }: Call,
    expected: Pick<AuditRow, 'actor' | 'action' | 'outcome' | 'target_type'> & { target_id?: string },
  ): AuditRow {
    expect(audit).toHaveLength(1);
    const [row] = audit;
    expect(row).toMatchObject(expected);
    expect(row.source_ip).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    expect(row.user_agent).toBe(USER_AGENT);
    expect(row.at.getTime()).toBeGreaterThanOrEqual(startedAt.getTime());
    expect(row.at.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);
    return row;
  }

  /** An accepted upload, decided as the validation service would (every row VALID on Casie). */
  async function awaitingApproval(): Promise<string> {
    const uploaded = await call('POST', '/batches', OPERATOR, { form: csvForm('cover.csv', tradeCsv(2)) });
    expect(uploaded.status).toBe(202);
    const batchId = uploaded.body.id as string;
    await dataSource.transaction(async (tx) => {
      await tx.query(
        `UPDATE trades SET status = 'VALID', version = version + 1, order_type = 'SUBSCRIPTION',
                fund_isin = 'IE00B4L5Y983', amount = 1000.50, currency = 'EUR', trade_date = '2030-01-07',
                route = 'CASIE'
          WHERE batch_id = $1`,
        [batchId],
      );
      await new BatchLedger().completeValidationIfDone(tx, batchId);
    });
    return batchId;
  }

  it('upload accepted', async () => {
    const res = await call('POST', '/batches', OPERATOR, { form: csvForm('accepted.csv', tradeCsv(3)) });
    expect(res.status).toBe(202);
    const row = expectOneRow(res, {
      actor: 'olivia.operator',
      action: 'UPLOAD',
      outcome: 'SUCCESS',
      target_type: 'batch',
      target_id: res.body.id as string,
    });
    expect(row.details).toMatchObject({ fileName: 'accepted.csv', rows: 3 });
  });

  it('upload refused', async () => {
    const res = await call('POST', '/batches', OPERATOR, { form: csvForm('empty.csv', '') });
    expect(res.status).toBe(422);
    const row = expectOneRow(res, {
      actor: 'olivia.operator',
      action: 'UPLOAD',
      outcome: 'FAILED',
      target_type: 'batch',
    });
    expect(row.details).toMatchObject({ fileName: 'empty.csv', code: res.body.error.code as string });
  });

  it('approve', async () => {
    const batchId = await awaitingApproval();
    const res = await call('POST', `/batches/${batchId}/approve`, APPROVER, { json: { comment: 'ok' } });
    expect(res.status).toBe(200);
    expectOneRow(res, {
      actor: 'adam.approver',
      action: 'APPROVE',
      outcome: 'SUCCESS',
      target_type: 'batch',
      target_id: batchId,
    });
  });

  it('four eyes: the uploader approving their own batch is refused and audited as DENIED', async () => {
    const batchId = await awaitingApproval();
    const res = await call('POST', `/batches/${batchId}/approve`, OPERATOR);
    expect(res.status).toBe(403);
    const row = expectOneRow(res, {
      actor: 'olivia.operator',
      action: 'APPROVE',
      outcome: 'DENIED',
      target_type: 'batch',
      target_id: batchId,
    });
    expect(row.details).toMatchObject({ code: 'FOUR_EYES' });
  });

  it('reject', async () => {
    const batchId = await awaitingApproval();
    const res = await call('POST', `/batches/${batchId}/reject`, APPROVER, {
      json: { comment: 'wrong file' },
    });
    expect(res.status).toBe(200);
    expectOneRow(res, {
      actor: 'adam.approver',
      action: 'REJECT',
      outcome: 'SUCCESS',
      target_type: 'batch',
      target_id: batchId,
    });
  });

  it('cancel', async () => {
    const { tradeIds } = await seedTrades(dataSource, [{ status: 'VALID' }]);
    const res = await call('POST', `/trades/${tradeIds[0]}/cancel`, OPERATOR, {
      json: { reason: 'withdrawn' },
    });
    expect(res.status).toBe(200);
    expectOneRow(res, {
      actor: 'olivia.operator',
      action: 'trade.cancel',
      outcome: 'SUCCESS',
      target_type: 'trade',
      target_id: tradeIds[0],
    });
  });

  it('replay', async () => {
    const { tradeIds } = await seedTrades(dataSource, [{ status: 'DEAD_LETTERED' }]);
    const res = await call('POST', `/trades/${tradeIds[0]}/replay`, SRE);
    expect(res.status).toBe(200);
    expectOneRow(res, {
      actor: 'sam.sre',
      action: 'trade.replay',
      outcome: 'SUCCESS',
      target_type: 'trade',
      target_id: tradeIds[0],
    });
  });

  it('resolve', async () => {
    const { tradeIds } = await seedTrades(dataSource, [{ status: 'OUTCOME_UNKNOWN' }]);
    const res = await call('POST', `/trades/${tradeIds[0]}/resolve`, SRE, {
      json: { outcome: 'RECEIVED', reason: 'TA confirmed' },
    });
    expect(res.status).toBe(200);
    expectOneRow(res, {
      actor: 'sam.sre',
      action: 'trade.resolve',
      outcome: 'SUCCESS',
      target_type: 'trade',
      target_id: tradeIds[0],
    });
  });

  it('API key creation and revocation', async () => {
    const created = await call('POST', '/admin/api-keys', ADMIN, {
      json: { name: 'downstream feed', roles: ['downstream'] },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const row = expectOneRow(created, {
      actor: 'ada.admin',
      action: 'API_KEY_CREATED',
      outcome: 'SUCCESS',
      target_type: 'api_key',
      target_id: id,
    });
    expect(JSON.stringify(row.details)).not.toContain(created.body.key as string); // never the secret

    const revoked = await call('DELETE', `/admin/api-keys/${id}`, ADMIN);
    expect(revoked.status).toBe(204);
    expectOneRow(revoked, {
      actor: 'ada.admin',
      action: 'API_KEY_REVOKED',
      outcome: 'SUCCESS',
      target_type: 'api_key',
      target_id: id,
    });
  });

  it('fund master change', async () => {
    const res = await call('PUT', '/reference/funds', ADMIN, {
      csv: fundMasterCsv([{ isin: 'IE00B4L5Y983', currency: 'EUR' }]),
    });
    expect(res.status).toBe(200);
    expectOneRow(res, {
      actor: 'ada.admin',
      action: 'FUND_MASTER_REPLACED',
      outcome: 'SUCCESS',
      target_type: 'fund-master',
    });
  });

  it('hand-back export', async () => {
    const res = await call('GET', '/reports/handback?from=2026-12-01&to=2026-12-10&format=json', SRE);
    expect(res.status).toBe(200);
    expectOneRow(res, {
      actor: 'sam.sre',
      action: 'HANDBACK_EXPORTED',
      outcome: 'SUCCESS',
      target_type: 'report',
      target_id: 'handback',
    });
  });

  it('shows every one of these entries to an admin through GET /audit', async () => {
    const res = await call(
      'GET',
      '/audit?from=' + encodeURIComponent(startedAt.toISOString()) + '&limit=500',
      ADMIN,
    );
    expect(res.status).toBe(200);
    const seen = new Set(
      (res.body.items as Array<{ action: string; outcome: string }>).map((i) => `${i.action}:${i.outcome}`),
    );
    for (const expected of [
      'UPLOAD:SUCCESS',
      'UPLOAD:FAILED',
      'APPROVE:SUCCESS',
      'APPROVE:DENIED',
      'REJECT:SUCCESS',
      'trade.cancel:SUCCESS',
      'trade.replay:SUCCESS',
      'trade.resolve:SUCCESS',
      'API_KEY_CREATED:SUCCESS',
      'API_KEY_REVOKED:SUCCESS',
      'FUND_MASTER_REPLACED:SUCCESS',
      'HANDBACK_EXPORTED:SUCCESS',
    ]) {
      expect([expected, seen.has(expected)]).toEqual([expected, true]);
    }
  });
});
