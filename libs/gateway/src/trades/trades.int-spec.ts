import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Topics, type Order } from '@contingency/contracts';
import { toCasieOrder } from '@contingency/casie';
import { BatchLedger, decimalText, orderRefFor } from '@contingency/ledger';
import { createTestDatabase } from '@contingency/testing';
import { BatchApproval } from '../batches/batch-approval.service';
import { seedTrades, type SeedRow } from './testing/seed-trades';
import { TEST_PRINCIPAL_HEADER, testPrincipal } from '@contingency/testing';
import { startTradesTestApp, type TradesTestApp } from './testing/trades-test-app';
import type { TradeDetailView, TradePage, TradeView } from './trade.view';
import { TradesModule } from './trades.module';

const VIEWER = testPrincipal('vera.viewer', 'viewer');
const OPERATOR = testPrincipal('olivia.operator', 'operator');
const APPROVER = testPrincipal('adam.approver', 'approver');

describe(TradesModule.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let server: TradesTestApp;

  beforeAll(async () => {
    db = await createTestDatabase('trades_api');
    dataSource = db.dataSource;
    // The approval only to compare the preview with what it emits.
    const approval = { module: class ApprovalModule {}, providers: [BatchApproval] };
    server = await startTradesTestApp(dataSource, [TradesModule, approval]);
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  /** What the tests read of an answer they do not type: an API error or a preview. */
  interface Answer {
    error: { code: string; message: string; details?: unknown };
    document: Record<string, unknown>;
  }

  async function call(
    path: string,
    init: RequestInit & { as?: string } = {},
  ): Promise<{ status: number; body: Answer }> {
    const headers = new Headers(init.headers);
    if (init.as !== '') headers.set(TEST_PRINCIPAL_HEADER, init.as ?? VIEWER);
    const res = await fetch(`${server.api}${path}`, { ...init, headers });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Answer };
  }

  const get = <T = Answer>(path: string, as?: string) =>
    call(path, { as }) as Promise<{ status: number; body: T }>;
  const post = (path: string, body: unknown, as = OPERATOR) =>
    call(path, {
      method: 'POST',
      as,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  describe('GET /trades', () => {
    it('shows a trade as camelCase JSON with decimals as strings and null where unknown', async () => {
      const { batchId, tradeIds } = await seedTrades(dataSource, [
        { status: 'VALID', cells: { amount: '1000.50', units: '', settlementDate: '2026-12-09' } },
        { status: 'RECEIVED' },
      ]);

      const { status, body } = await get<TradePage>(`/trades?batchId=${batchId}`);

      expect(status).toBe(200);
      expect(body.nextCursor).toBeUndefined();
      expect(body.items).toHaveLength(2);
      expect(body.items[0]).toEqual({
        id: tradeIds[0],
        batchId,
        row: 1,
        clientRef: expect.any(String),
        orderType: 'SUBSCRIPTION',
        fundIsin: 'IE00B4L5Y983',
        accountId: expect.any(String),
        amount: '1000.5',
        currency: 'EUR',
        units: null,
        tradeDate: '2026-12-07',
        settlementDate: '2026-12-09',
        comment: null,
        status: 'VALID',
        route: 'CASIE',
        orderRef: null,
        possibleDuplicate: false,
        errors: [],
        externalRefs: {},
        cells: expect.objectContaining({ amount: '1000.50' }),
        version: 2,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      });
      expect(body.items[1]).toMatchObject({ status: 'RECEIVED', route: null, orderType: null, amount: null });
    });

    it('filters by status (one or several), clientRef, accountId, route and fundIsin', async () => {
      const account = `ACC-${randomBytes(4).toString('hex')}`;
      const rows: SeedRow[] = [
        { status: 'VALID', route: 'CASIE', cells: { accountId: account, clientRef: 'F-1' } },
        { status: 'VALID', route: 'CALASTONE', cells: { accountId: account, fundIsin: 'LU0290358497' } },
        { status: 'INVALID', cells: { accountId: account } },
        { status: 'RELEASED', route: 'CASIE', cells: { accountId: account } },
      ];
      const { batchId, tradeIds } = await seedTrades(dataSource, rows);
      const ids = async (query: string) =>
        (await get<TradePage>(`/trades?batchId=${batchId}&${query}`)).body.items.map((t) => t.id);

      expect(await ids('status=VALID')).toEqual([tradeIds[0], tradeIds[1]]);
      expect(await ids('status=invalid,RELEASED')).toEqual([tradeIds[2], tradeIds[3]]);
      expect(await ids('clientRef=F-1')).toEqual([tradeIds[0]]);
      expect(await ids('route=CALASTONE')).toEqual([tradeIds[1]]);
      expect(await ids('route=CASIE&status=RELEASED')).toEqual([tradeIds[3]]);
      expect(await ids('fundIsin=LU0290358497')).toEqual([tradeIds[1]]);
      expect((await get<TradePage>(`/trades?accountId=${account}`)).body.items.map((t) => t.id)).toEqual(
        tradeIds,
      );
      expect(await ids('accountId=nobody')).toEqual([]);
    });

    it('walks every page in upload then row order, without gaps or duplicates; the last has no nextCursor', async () => {
      const first = await seedTrades(
        dataSource,
        Array.from({ length: 7 }, () => ({ status: 'VALID' as const })),
      );
      const second = await seedTrades(
        dataSource,
        Array.from({ length: 16 }, () => ({ status: 'RECEIVED' as const })),
      );
      const expected = [...first.tradeIds, ...second.tradeIds];
      const filter = `status=VALID,RECEIVED`;

      const seen: string[] = [];
      const pageSizes: number[] = [];
      let cursor: string | undefined;
      let lastBody: TradePage;
      do {
        const { status, body } = await get<TradePage>(
          `/trades?${filter}&limit=5${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(status).toBe(200);
        seen.push(...body.items.map((t) => t.id));
        pageSizes.push(body.items.length);
        cursor = body.nextCursor;
        lastBody = body;
      } while (cursor);

      // Earlier tests' trades come first (older uploads); ours are the last 23, in order.
      expect(seen.slice(-23)).toEqual(expected);
      expect(new Set(seen).size).toBe(seen.length);
      expect(lastBody!.nextCursor).toBeUndefined();
      expect('nextCursor' in lastBody!).toBe(false);
      expect(pageSizes.slice(0, -1).every((n) => n === 5)).toBe(true);
    });

    it('has no nextCursor when the last page is exactly full', async () => {
      const { batchId } = await seedTrades(dataSource, [{}, {}, {}, {}]);

      const page1 = await get<TradePage>(`/trades?batchId=${batchId}&limit=2`);
      const page2 = await get<TradePage>(
        `/trades?batchId=${batchId}&limit=2&cursor=${page1.body.nextCursor}`,
      );

      expect(page1.body.nextCursor).toEqual(expect.any(String));
      expect(page2.body.items).toHaveLength(2);
      expect(page2.body.nextCursor).toBeUndefined();
    });

    it('refuses bad parameters with a 400 that says what to send', async () => {
      const over = await get('/trades?limit=501');
      expect(over.status).toBe(400);
      expect(over.body.error).toEqual({
        code: 'INVALID_REQUEST',
        message: expect.stringContaining('limit must be at most 500'),
      });

      const status = await get('/trades?status=DONE');
      expect(status.status).toBe(400);
      expect(status.body.error.message).toContain(
        'RECEIVED, VALID, INVALID, RELEASED, DISPATCHED, ACKNOWLEDGED, CONFIRMED, NACKED, OUTCOME_UNKNOWN, DEAD_LETTERED, CANCELLED',
      );

      const cursor = await get('/trades?cursor=bm9wZQ');
      expect(cursor.status).toBe(400);
      expect(cursor.body.error.code).toBe('INVALID_CURSOR');

      expect((await get('/trades?batchId=12')).status).toBe(400);
      expect((await get('/trades?sort=id')).status).toBe(400);
    });
  });

  describe('GET /trades/{id}', () => {
    it('answers the trade with its full history, oldest first', async () => {
      const { tradeIds } = await seedTrades(dataSource, [{ status: 'DISPATCHED' }]);

      const { status, body } = await get<TradeDetailView>(`/trades/${tradeIds[0]}`);

      expect(status).toBe(200);
      expect(body).toMatchObject({
        id: tradeIds[0],
        status: 'DISPATCHED',
        orderRef: orderRefFor(tradeIds[0]),
        externalRefs: { casieOrderId: expect.any(String) },
      });
      expect(body.history.map((h) => [h.event, h.from, h.to, h.actor])).toEqual([
        ['RECEIVED', null, 'RECEIVED', 'upload-gateway'],
        ['STATUS_CHANGED', 'RECEIVED', 'VALID', 'seed'],
        ['STATUS_CHANGED', 'VALID', 'RELEASED', 'adam.approver'],
        ['STATUS_CHANGED', 'RELEASED', 'DISPATCHED', 'casie-adapter'],
      ]);
      expect(body.history[0]).toEqual({
        at: expect.any(String),
        event: 'RECEIVED',
        from: null,
        to: 'RECEIVED',
        actor: 'upload-gateway',
        reason: null,
        details: {},
      });
    });

    it('answers 404 for an unknown trade and 400 for an id that is not a UUID, never a 500', async () => {
      const unknown = await get('/trades/0b7d4c1e-3f5a-4b8e-9c2d-1a2b3c4d5e6f');
      expect(unknown).toEqual({
        status: 404,
        body: { error: { code: 'NOT_FOUND', message: expect.stringContaining('not found') } },
      });

      for (const path of ['/trades/42', '/trades/42/preview']) {
        const malformed = await get(path);
        expect(malformed.status).toBe(400);
        expect(malformed.body.error.code).toBe('INVALID_TRADE_ID');
      }
      expect((await post('/trades/42/cancel', {})).status).toBe(400);
    });
  });

  describe('GET /trades/{id}/preview', () => {
    /** Two VALID Casie trades previewed, then approved: the previews and the orders the approval emitted. */
    async function previewThenApprove() {
      const { batchId, tradeIds } = await seedTrades(dataSource, [
        { status: 'VALID', cells: { amount: '1000.50' } },
        {
          status: 'VALID',
          cells: { amount: '', currency: '', units: '12.345600', settlementDate: '2026-12-09' },
        },
      ]);
      await dataSource.transaction((tx) => new BatchLedger().completeValidationIfDone(tx, batchId));
      const previews = await Promise.all(tradeIds.map((id) => get(`/trades/${id}/preview`)));
      await server.app.get(BatchApproval).approve(batchId, 'adam.approver');
      const emitted = await dataSource.query<Array<{ payload: Order }>>(
        `SELECT payload FROM outbox WHERE topic = $1 AND payload->>'batchId' = $2 ORDER BY id`,
        [Topics.ordersCasie, batchId],
      );
      return { tradeIds, previews, emitted: emitted.map((e) => e.payload) };
    }

    it('shows the Casie JSON of the order the approval sends for the trade', async () => {
      const { tradeIds, previews, emitted } = await previewThenApprove();

      expect(emitted).toHaveLength(2);
      for (const [i, preview] of previews.entries()) {
        const sent = {
          ...emitted[i],
          amount: decimalText(emitted[i].amount),
          units: decimalText(emitted[i].units),
        };
        expect(preview).toEqual({
          status: 200,
          body: { route: 'CASIE', contentType: 'application/json', document: toCasieOrder(sent) },
        });
      }
      expect(previews[1].body.document).toMatchObject({ amount: null, units: '12.3456', currency: null });
      // After release the preview still shows what left.
      expect((await get(`/trades/${tradeIds[0]}/preview`)).body).toEqual(previews[0].body);
    });

    // The approval and the preview build orders with one function (orderFromTrade).
    it('shows exactly, byte for byte, the Casie JSON the approval sends', async () => {
      const { previews, emitted } = await previewThenApprove();

      expect(previews.map((p) => p.body.document)).toEqual(emitted.map((order) => toCasieOrder(order)));
    });

    it('answers 409 NOT_ROUTED for a trade without a route and shows the setr XML for Calastone', async () => {
      const { tradeIds } = await seedTrades(dataSource, [
        { status: 'RECEIVED' },
        { status: 'INVALID' },
        { status: 'VALID', route: 'CALASTONE' },
      ]);

      const [received, invalid, calastone] = await Promise.all(
        tradeIds.map((id) => get(`/trades/${id}/preview`)),
      );

      expect(received.status).toBe(409);
      expect(received.body.error.code).toBe('NOT_ROUTED');
      expect(invalid.body.error).toEqual({ code: 'NOT_ROUTED', message: expect.stringContaining('INVALID') });
      expect(calastone.status).toBe(200);
      expect(calastone.body).toMatchObject({ route: 'CALASTONE', contentType: 'application/xml' });
      expect(calastone.body.document).toContain(`<OrdrRef>${orderRefFor(tradeIds[2])}</OrdrRef>`);
    });
  });

  describe('POST /trades/{id}/cancel', () => {
    it('cancels a VALID trade with the caller as actor and the reason in history and audit', async () => {
      const { tradeIds } = await seedTrades(dataSource, [{ status: 'VALID' }]);
      const id = tradeIds[0];

      const { status, body } = await post(`/trades/${id}/cancel`, { reason: 'client withdrew' }, APPROVER);

      expect(status).toBe(200);
      expect(body).toMatchObject({ id, status: 'CANCELLED', version: 3 });
      const detail = await get<TradeDetailView>(`/trades/${id}`);
      expect(detail.body.history.at(-1)).toMatchObject({
        from: 'VALID',
        to: 'CANCELLED',
        actor: 'adam.approver',
        reason: 'client withdrew',
      });
      const audit = await dataSource.query(
        `SELECT actor, action, outcome, target_type, details FROM audit_log WHERE target_id = $1`,
        [id],
      );
      expect(audit).toEqual([
        {
          actor: 'adam.approver',
          action: 'trade.cancel',
          outcome: 'SUCCESS',
          target_type: 'trade',
          details: expect.objectContaining({ from: 'VALID', reason: 'client withdrew' }),
        },
      ]);
      const statusMessages = await dataSource.query(
        `SELECT payload FROM outbox WHERE topic = $1 AND payload->>'tradeId' = $2 AND payload->>'to' = 'CANCELLED'`,
        [Topics.tradesStatus, id],
      );
      expect(statusMessages).toHaveLength(1);
    });

    it('cancels a RECEIVED trade without a body, and the batch stops waiting for it', async () => {
      const { batchId, tradeIds } = await seedTrades(dataSource, [
        { status: 'VALID' },
        { status: 'RECEIVED' },
      ]);

      const res = await fetch(`${server.api}/trades/${tradeIds[1]}/cancel`, {
        method: 'POST',
        headers: { [TEST_PRINCIPAL_HEADER]: OPERATOR },
      });

      expect(res.status).toBe(200);
      const [batch] = await dataSource.query(`SELECT status FROM batches WHERE id = $1`, [batchId]);
      expect(batch.status).toBe('AWAITING_APPROVAL');
    });

    it('refuses a released trade with 409 naming its status, and audits the refusal', async () => {
      const { tradeIds } = await seedTrades(dataSource, [{ status: 'RELEASED' }]);

      const { status, body } = await post(`/trades/${tradeIds[0]}/cancel`, {});

      expect(status).toBe(409);
      expect(body.error).toEqual({
        code: 'NOT_CANCELLABLE',
        message: expect.stringContaining('already released: cancel is no longer possible, ask SRE'),
        details: { status: 'RELEASED' },
      });
      expect(body.error.message).toContain('RELEASED');
      expect((await get<TradeView>(`/trades/${tradeIds[0]}`)).body.status).toBe('RELEASED');
      const [audit] = await dataSource.query(`SELECT outcome FROM audit_log WHERE target_id = $1`, [
        tradeIds[0],
      ]);
      expect(audit.outcome).toBe('DENIED');
    });

    it('refuses every status after release, even those the state machine lets SRE cancel', async () => {
      const statuses = ['DISPATCHED', 'OUTCOME_UNKNOWN', 'DEAD_LETTERED', 'CONFIRMED'] as const;
      const { tradeIds } = await seedTrades(
        dataSource,
        statuses.map((status) => ({ status })),
      );

      for (const [i, id] of tradeIds.entries()) {
        const { status, body } = await post(`/trades/${id}/cancel`, {}, APPROVER);
        expect([status, body.error.details]).toEqual([409, { status: statuses[i] }]);
        expect(body.error.message).toContain('already released');
      }
    });

    it('refuses an INVALID or already CANCELLED trade with 409 and its status', async () => {
      const { tradeIds } = await seedTrades(dataSource, [{ status: 'INVALID' }, { status: 'CANCELLED' }]);

      const invalid = await post(`/trades/${tradeIds[0]}/cancel`, {});
      const cancelled = await post(`/trades/${tradeIds[1]}/cancel`, {});

      expect(invalid.status).toBe(409);
      expect(invalid.body.error.details).toEqual({ status: 'INVALID' });
      expect(cancelled.status).toBe(409);
      expect(cancelled.body.error.message).toContain('already CANCELLED');
    });

    it('lets exactly one of two concurrent cancels win', async () => {
      const { tradeIds } = await seedTrades(dataSource, [{ status: 'VALID' }]);

      const results = await Promise.all([1, 2].map(() => post(`/trades/${tradeIds[0]}/cancel`, {})));

      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    });

    it('refuses an unknown body field and an empty reason with a 400', async () => {
      const { tradeIds } = await seedTrades(dataSource, [{ status: 'VALID' }]);

      expect((await post(`/trades/${tradeIds[0]}/cancel`, { why: 'x' })).status).toBe(400);
      expect((await post(`/trades/${tradeIds[0]}/cancel`, { reason: ' ' })).status).toBe(400);
      expect((await get<TradeView>(`/trades/${tradeIds[0]}`)).body.status).toBe('VALID');
    });
  });

  describe('roles', () => {
    it('declares roles on every route: reads for every role, cancel for operators and approvers only', async () => {
      const { tradeIds } = await seedTrades(dataSource, [{ status: 'VALID' }, { status: 'VALID' }]);
      const id = tradeIds[0];

      for (const path of ['/trades', `/trades/${id}`, `/trades/${id}/preview`]) {
        expect((await get(path, '')).status).toBe(401);
        for (const role of ['operator', 'approver', 'viewer', 'sre', 'admin', 'downstream'] as const) {
          expect((await get(path, testPrincipal('someone', role))).status).toBe(200);
        }
      }
      for (const role of ['viewer', 'sre', 'admin', 'downstream'] as const) {
        expect((await post(`/trades/${id}/cancel`, {}, testPrincipal('someone', role))).status).toBe(403);
      }
      expect((await post(`/trades/${id}/cancel`, {}, testPrincipal('someone', 'operator'))).status).toBe(200);
      expect((await post(`/trades/${tradeIds[1]}/cancel`, {}, testPrincipal('x', 'approver'))).status).toBe(
        200,
      );
    });
  });
});
