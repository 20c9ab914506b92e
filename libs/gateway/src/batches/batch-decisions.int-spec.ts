import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Route } from '@contingency/contracts';
import { BatchLedger, orderRefFor, OutboxWriter, TradeLedger } from '@contingency/ledger';
import { createTestDatabase } from '@contingency/testing';
import { BatchApproval } from './batch-approval.service';
import { startBatchesTestApp, type BatchesTestApp } from './testing/batches-test-app';
import { testPrincipal } from '@contingency/testing';
import { tradeCsv } from './testing/trade-file.samples';
import { uploadFile } from './testing/upload-client';

const UPLOADER = 'ops-decisions';
const APPROVER = 'appr-decisions';

describe(BatchApproval.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;
  let server: BatchesTestApp;
  const trades = new TradeLedger(new OutboxWriter());
  const batches = new BatchLedger();

  beforeAll(async () => {
    db = await createTestDatabase('batch_decisions');
    dataDir = await mkdtemp(join(tmpdir(), 'mc-uploads-'));
    server = await startBatchesTestApp(db.dataSource, { dataDir });
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Uploads `rows` trades and decides them as the validation service would: every fifth invalid. */
  async function awaitingApproval(rows: number): Promise<string> {
    const res = await uploadFile(server.api, testPrincipal(UPLOADER, 'operator'), {
      name: 'decide.csv',
      bytes: tradeCsv(rows),
    });
    expect(res.status).toBe(202);
    const batchId = res.body.id as string;
    // The validation service's verdicts, set-based to keep the test quick.
    await db.dataSource.transaction(async (tx) => {
      await tx.query(
        `UPDATE trades SET status = 'INVALID', version = version + 1,
                errors = jsonb_build_array(jsonb_build_object('row', row_number, 'column', 'fund_isin',
                                                              'code', 'FUND_CLOSED', 'message', 'closed'))
         WHERE batch_id = $1 AND row_number % 5 = 0`,
        [batchId],
      );
      await tx.query(
        `UPDATE trades SET status = 'VALID', version = version + 1, order_type = 'SUBSCRIPTION',
                fund_isin = 'IE00B4L5Y983', amount = 1000.50, currency = 'EUR', trade_date = '2030-01-07',
                route = CASE WHEN row_number % 2 = 0 THEN 'CALASTONE' ELSE 'CASIE' END
         WHERE batch_id = $1 AND row_number % 5 <> 0`,
        [batchId],
      );
      await batches.completeValidationIfDone(tx, batchId);
    });
    return batchId;
  }

  const decide = (batchId: string, decision: 'approve' | 'reject', principal: string, body?: object) =>
    fetch(`${server.api}/batches/${batchId}/${decision}`, {
      method: 'POST',
      headers: { 'x-test-principal': principal, ...(body && { 'content-type': 'application/json' }) },
      body: body && JSON.stringify(body),
    });

  it('refuses the uploader (403 FOUR_EYES), whatever their roles, and audits the denial', async () => {
    const batchId = await awaitingApproval(3);
    for (const decision of ['approve', 'reject'] as const) {
      const res = await decide(batchId, decision, testPrincipal(UPLOADER, 'operator', 'approver'));
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('FOUR_EYES');
    }
    const [{ status }] = await db.dataSource.query('SELECT status FROM batches WHERE id = $1', [batchId]);
    expect(status).toBe('AWAITING_APPROVAL');
    const denied = await db.dataSource.query(
      `SELECT action FROM audit_log WHERE target_id = $1 AND outcome = 'DENIED' ORDER BY id`,
      [batchId],
    );
    expect(denied).toEqual([{ action: 'APPROVE' }, { action: 'REJECT' }]);
  });

  it('lets only approvers decide (an operator gets 403 from the role check)', async () => {
    const batchId = await awaitingApproval(2);
    const res = await decide(batchId, 'approve', testPrincipal('ops-2', 'operator'));
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
  });

  it('approves: every VALID trade RELEASED with its order ref and exactly one order on its route topic', async () => {
    const batchId = await awaitingApproval(2_345);
    const res = await decide(batchId, 'approve', testPrincipal(APPROVER, 'approver'), { comment: 'checked' });
    expect(res.status).toBe(200);
    const view = (await res.json()) as Record<string, unknown> & { counts: Record<string, number> };
    expect(view).toMatchObject({
      id: batchId,
      status: 'RELEASED',
      approvedBy: APPROVER,
      approvedAt: expect.any(String),
      rejectedBy: null,
      decisionComment: 'checked',
    });
    expect(view.counts).toMatchObject({ total: 2_345, released: 1_876, invalid: 469, valid: 0 });

    const released = await db.dataSource.query<
      Array<{ id: string; order_ref: string; route: Route; account_id: string }>
    >(`SELECT id, order_ref, route, account_id FROM trades WHERE batch_id = $1 AND status = 'RELEASED'`, [
      batchId,
    ]);
    expect(released).toHaveLength(1_876);
    const orders = await db.dataSource.query<
      Array<{ topic: string; key: string; order_ref: string; trade_id: string; amount: string }>
    >(
      `SELECT topic, key, payload->>'orderRef' AS order_ref, payload->>'tradeId' AS trade_id, payload->>'amount' AS amount
       FROM outbox WHERE topic LIKE 'orders.%' AND payload->>'batchId' = $1`,
      [batchId],
    );
    expect(orders).toHaveLength(1_876);
    const byTrade = new Map(orders.map((o) => [o.trade_id, o]));
    expect(byTrade.size).toBe(1_876);
    for (const t of released) {
      const order = byTrade.get(t.id)!;
      expect(t.order_ref).toBe(orderRefFor(t.id));
      expect(order).toMatchObject({
        topic: t.route === 'CALASTONE' ? 'orders.calastone.v1' : 'orders.casie.v1',
        key: t.account_id,
        order_ref: orderRefFor(t.id),
      });
      expect(Number(order.amount)).toBe(1000.5);
    }
    expect(new Set(orders.map((o) => o.topic))).toEqual(new Set(['orders.casie.v1', 'orders.calastone.v1']));

    // As TradeLedger.transition would have written it: a history row and a status message per trade.
    const [{ history, statuses }] = await db.dataSource.query(
      `SELECT (SELECT count(*)::int FROM trade_history h JOIN trades t ON t.id = h.trade_id
                WHERE t.batch_id = $1::uuid AND h.to_status = 'RELEASED' AND h.from_status = 'VALID'
                  AND h.actor = $2) AS history,
              (SELECT count(*)::int FROM outbox WHERE topic = 'trades.status.v1' AND payload->>'batchId' = $1::text
                AND payload->>'to' = 'RELEASED' AND payload->>'actor' = $2) AS statuses`,
      [batchId, APPROVER],
    );
    expect({ history, statuses }).toEqual({ history: 1_876, statuses: 1_876 });

    const again = await decide(batchId, 'approve', testPrincipal('appr-other', 'approver'));
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({
      error: { code: 'BATCH_NOT_AWAITING_APPROVAL', details: { status: 'RELEASED' } },
    });
    const [{ n }] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE target_id = $1 AND action = 'APPROVE' AND outcome = 'SUCCESS'`,
      [batchId],
    );
    expect(n).toBe(1);
  }, 60_000);

  it('rejects: every VALID trade CANCELLED with the comment as reason, and no order sent', async () => {
    const batchId = await awaitingApproval(20);
    const res = await decide(batchId, 'reject', testPrincipal(APPROVER, 'approver'), {
      comment: 'wrong fund',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'REJECTED',
      rejectedBy: APPROVER,
      approvedBy: null,
      decisionComment: 'wrong fund',
      counts: { cancelled: 16, invalid: 4, valid: 0 },
    });
    const reasons = await db.dataSource.query(
      `SELECT DISTINCT h.reason FROM trade_history h JOIN trades t ON t.id = h.trade_id
       WHERE t.batch_id = $1 AND h.to_status = 'CANCELLED'`,
      [batchId],
    );
    expect(reasons).toEqual([{ reason: 'batch rejected: wrong fund' }]);
    const [{ n }] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox WHERE topic LIKE 'orders.%' AND payload->>'batchId' = $1`,
      [batchId],
    );
    expect(n).toBe(0);
  });

  it('refuses a decision on a batch still VALIDATING (409 with the status), or unknown (404)', async () => {
    const res = await uploadFile(server.api, testPrincipal(UPLOADER, 'operator'), {
      name: 'early.csv',
      bytes: tradeCsv(2),
    });
    const early = await decide(res.body.id, 'approve', testPrincipal(APPROVER, 'approver'));
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ error: { details: { status: 'VALIDATING' } } });
    const unknown = await decide(
      '0b6f1b9e-1111-4111-8111-111111111111',
      'reject',
      testPrincipal(APPROVER, 'approver'),
    );
    expect(unknown.status).toBe(404);
  });

  it('refuses a comment that is not a string of at most 1000 characters (400)', async () => {
    const batchId = await awaitingApproval(1);
    const res = await decide(batchId, 'approve', testPrincipal(APPROVER, 'approver'), {
      comment: 'x'.repeat(1001),
    });
    expect(res.status).toBe(400);
  });

  it('completes an approved batch that has nothing to release', async () => {
    const batchId = await awaitingApproval(5);
    // Rows 1-4 are valid; cancel them first, as a person could trade by trade.
    await db.dataSource.transaction(async (tx) => {
      for (const t of await trades.findByBatch(tx, batchId, 'VALID')) await trades.cancel(tx, t.id, 'test');
    });
    const res = await decide(batchId, 'approve', testPrincipal(APPROVER, 'approver'));
    expect(await res.json()).toMatchObject({ status: 'COMPLETED', approvedBy: APPROVER });
  });
});
