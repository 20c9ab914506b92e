import type { DataSource } from 'typeorm';
import { Topics, type Order, type Route } from '@contingency/contracts';
import { orderRefFor } from '@contingency/ledger';
import { createTestDatabase, TEST_PRINCIPAL_HEADER, testPrincipal } from '@contingency/testing';
import { seedTrades } from './testing/seed-trades';
import { startTradesTestApp, type TradesTestApp } from './testing/trades-test-app';
import type { TradeDetailView, TradeView } from './trade.view';
import { TradeResolution } from './trade-resolution.service';
import { TradesModule } from './trades.module';

const SRE = testPrincipal('sam.sre', 'sre');
const APPROVER = testPrincipal('adam.approver', 'approver');

describe(TradeResolution.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let server: TradesTestApp;

  beforeAll(async () => {
    db = await createTestDatabase('trade_resolution');
    dataSource = db.dataSource;
    server = await startTradesTestApp(dataSource, [TradesModule]);
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  interface Answer extends Partial<TradeView> {
    error: { code: string; message: string; details?: unknown };
  }

  async function resolve(id: string, body: unknown, as = SRE): Promise<{ status: number; body: Answer }> {
    const res = await fetch(`${server.api}/trades/${id}/resolve`, {
      method: 'POST',
      headers: { [TEST_PRINCIPAL_HEADER]: as, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Answer };
  }

  async function unknownTrade(route: Route = 'CASIE'): Promise<string> {
    const { tradeIds } = await seedTrades(dataSource, [{ status: 'OUTCOME_UNKNOWN', route }]);
    return tradeIds[0];
  }

  const ordersOf = (id: string, topic: string) =>
    dataSource.query<Array<{ payload: Order; key: string }>>(
      `SELECT payload, key FROM outbox WHERE topic = $1 AND payload->>'tradeId' = $2 ORDER BY id`,
      [topic, id],
    );

  const auditOf = (id: string) =>
    dataSource.query<Array<{ actor: string; action: string; outcome: string; details: object }>>(
      `SELECT actor, action, outcome, details FROM audit_log WHERE target_type = 'trade' AND target_id = $1 ORDER BY id`,
      [id],
    );

  it('RECEIVED: the trade is DISPATCHED, nothing is sent, and the reason is in its history and the audit', async () => {
    const id = await unknownTrade();

    const { status, body } = await resolve(id, {
      outcome: 'RECEIVED',
      reason: 'Casie ops confirmed order on the phone (ticket 4711)',
    });

    expect(status).toBe(200);
    expect(body).toMatchObject({ id, status: 'DISPATCHED' });
    expect(await ordersOf(id, Topics.ordersCasie)).toEqual([]);
    const detail = (await (
      await fetch(`${server.api}/trades/${id}`, { headers: { [TEST_PRINCIPAL_HEADER]: SRE } })
    ).json()) as TradeDetailView;
    expect(detail.history.at(-1)).toMatchObject({
      from: 'OUTCOME_UNKNOWN',
      to: 'DISPATCHED',
      actor: 'sam.sre',
      reason: expect.stringContaining('ticket 4711') as unknown,
    });
    expect(await auditOf(id)).toEqual([
      {
        actor: 'sam.sre',
        action: 'trade.resolve',
        outcome: 'SUCCESS',
        details: { outcome: 'RECEIVED', reason: 'Casie ops confirmed order on the phone (ticket 4711)' },
      },
    ]);
  });

  it.each([
    ['CASIE', Topics.ordersCasie],
    ['CALASTONE', Topics.ordersCalastone],
  ] as const)(
    'NOT_RECEIVED on %s: back to RELEASED and the same order is sent again on %s',
    async (route, topic) => {
      const id = await unknownTrade(route);
      const before = (await ordersOf(id, topic)).length;

      const { status, body } = await resolve(
        id,
        { outcome: 'NOT_RECEIVED', reason: 'TA has no trace of it' },
        APPROVER,
      );

      expect(status).toBe(200);
      expect(body).toMatchObject({ id, status: 'RELEASED', route, orderRef: orderRefFor(id) });
      const orders = await ordersOf(id, topic);
      expect(orders).toHaveLength(before + 1);
      expect(orders.at(-1)!.payload).toMatchObject({
        tradeId: id,
        orderRef: orderRefFor(id),
        routeReason: 'resend: TA has no trace of it',
      });
      expect(await auditOf(id)).toEqual([
        expect.objectContaining({
          actor: 'adam.approver',
          outcome: 'SUCCESS',
          details: {
            outcome: 'NOT_RECEIVED',
            reason: 'TA has no trace of it',
            route,
            topic,
            orderRef: orderRefFor(id),
          },
        }),
      ]);
    },
  );

  it('answers 409 NOT_RESOLVABLE for a trade that is not OUTCOME_UNKNOWN, changes nothing and audits the refusal', async () => {
    const { tradeIds } = await seedTrades(dataSource, [
      { status: 'DEAD_LETTERED' },
      { status: 'DISPATCHED' },
    ]);

    for (const [i, expected] of (['DEAD_LETTERED', 'DISPATCHED'] as const).entries()) {
      const { status, body } = await resolve(tradeIds[i], { outcome: 'NOT_RECEIVED', reason: 'x' });
      expect(status).toBe(409);
      expect(body.error).toEqual({
        code: 'NOT_RESOLVABLE',
        message: expect.stringContaining(
          `is ${expected}: only an OUTCOME_UNKNOWN trade is resolved`,
        ) as unknown,
        details: { status: expected },
      });
      expect(await ordersOf(tradeIds[i], Topics.ordersCasie)).toEqual([]);
      expect(await auditOf(tradeIds[i])).toEqual([
        expect.objectContaining({
          outcome: 'DENIED',
          details: expect.objectContaining({ code: 'NOT_RESOLVABLE' }),
        }),
      ]);
    }
  });

  it('lets exactly one of two concurrent resolutions win', async () => {
    const id = await unknownTrade();

    const results = await Promise.all([
      resolve(id, { outcome: 'RECEIVED', reason: 'first' }),
      resolve(id, { outcome: 'NOT_RECEIVED', reason: 'second' }, APPROVER),
    ]);

    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it.each([
    ['no reason', { outcome: 'RECEIVED' }, 'reason is required'],
    ['a blank reason', { outcome: 'RECEIVED', reason: '   ' }, 'reason must not be empty'],
    [
      'a reason of 501 characters',
      { outcome: 'RECEIVED', reason: 'x'.repeat(501) },
      'at most 500 characters',
    ],
    ['an unknown outcome', { outcome: 'MAYBE', reason: 'x' }, 'outcome must be RECEIVED or NOT_RECEIVED'],
    ['an unknown field', { outcome: 'RECEIVED', reason: 'x', extra: 1 }, 'extra'],
  ])('refuses %s with 400 INVALID_REQUEST, the trade untouched', async (_what, body, message) => {
    const id = await unknownTrade();

    const answer = await resolve(id, body);

    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('INVALID_REQUEST');
    expect(answer.body.error.message).toContain(message);
    const [{ status }] = await dataSource.query(`SELECT status FROM trades WHERE id = $1`, [id]);
    expect(status).toBe('OUTCOME_UNKNOWN');
  });

  it('accepts a reason of exactly 500 characters', async () => {
    expect(
      (await resolve(await unknownTrade(), { outcome: 'RECEIVED', reason: 'y'.repeat(500) })).status,
    ).toBe(200);
  });

  it('is for approvers and SRE only', async () => {
    const id = await unknownTrade();
    for (const role of ['operator', 'viewer', 'admin', 'downstream'] as const) {
      const { status } = await resolve(id, { outcome: 'RECEIVED', reason: 'x' }, testPrincipal('p', role));
      expect([role, status]).toEqual([role, 403]);
    }
    const res = await fetch(`${server.api}/trades/${id}/resolve`, { method: 'POST' });
    expect(res.status).toBe(401);
  });

  it('answers 404 for an unknown trade and 400 for an id that is not a UUID', async () => {
    expect(
      (await resolve('8b0c1c0a-8d4e-4b7e-9a43-3f1c1d1e0009', { outcome: 'RECEIVED', reason: 'x' })).status,
    ).toBe(404);
    expect((await resolve('42', { outcome: 'RECEIVED', reason: 'x' })).status).toBe(400);
  });
});
