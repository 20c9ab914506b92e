import { DiscoveryModule } from '@nestjs/core';
import type { DataSource, EntityManager } from 'typeorm';
import { ACK_EVENTS, TradeWatch, TradeWatchModule } from '@contingency/acks';
import { ROLES } from '@contingency/contracts';
import { FundMaster, type NewFund, OutboxWriter, TradeLedger } from '@contingency/ledger';
import { createTestDatabase, TEST_PRINCIPAL_HEADER, testPrincipal } from '@contingency/testing';
import type { Clock } from '@contingency/validation';
import { setupOpenApi } from '../http/openapi';
import { seedTrades, type SeedRow } from '../trades/testing/seed-trades';
import { startTradesTestApp, type TradesTestApp } from '../trades/testing/trades-test-app';
import { AlertsModule } from './alerts.module';
import type { OpenAlertsPage, OpenAlertView } from './open-alert.view';

const MINUTE = 60_000;
const VIEWER = testPrincipal('vera.viewer', 'viewer');

// Funds dealing at 15:30, 15:45 and 16:00 London time; FAR's trades are never near a cut-off here.
const EARLY = 'GB00ALERT001';
const MIDDLE = 'GB00ALERT002';
const LATE = 'GB00ALERT003';
const FAR = 'GB00ALERT999';
const MONDAY = '2031-03-17'; // London on GMT: 16:00 is 16:00Z
const LATER = '2031-06-02';

const fund = (isin: string, cutoffTime: string): NewFund => ({
  isin,
  name: `Fund ${isin}`,
  provider: 'NON_GS',
  currency: 'EUR',
  cutoffTime,
  timezone: 'Europe/London',
  primaryRoute: 'CASIE',
  alternateRoute: 'CALASTONE',
  status: 'OPEN',
});

const on = (fundIsin: string, tradeDate: string, row: SeedRow): SeedRow => ({
  ...row,
  cells: { fundIsin, tradeDate },
});

describe(AlertsModule.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let server: TradesTestApp;
  const trades = new TradeLedger(new OutboxWriter());
  // 15:35Z on MONDAY: EARLY's cut-off passed 5 minutes ago, MIDDLE's and LATE's are within the 30-minute
  // warning, and every trade dispatched (now, in real time) is far past the 15-minute ACK SLA.
  const clock: Clock = { now: () => new Date('2031-03-17T15:35:00Z') };
  const sweep = () => server.app.get(TradeWatch).sweep();

  beforeAll(async () => {
    db = await createTestDatabase('alerts_api');
    dataSource = db.dataSource;
    await dataSource.transaction((tx) =>
      new FundMaster().replaceAll(tx, [
        fund(EARLY, '15:30'),
        fund(MIDDLE, '15:45'),
        fund(LATE, '16:00'),
        fund(FAR, '16:00'),
      ]),
    );
    server = await startTradesTestApp(dataSource, [
      AlertsModule,
      TradeWatchModule.forRoot({
        ackSlaMs: 15 * MINUTE,
        cutoffWarningMs: 30 * MINUTE,
        intervalMs: 60_000,
        enabled: false,
        clock,
      }),
    ]);
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  function get(query = '', as: string | null = VIEWER): Promise<Response> {
    const headers = as === null ? undefined : { [TEST_PRINCIPAL_HEADER]: as };
    return fetch(`${server.api}/alerts${query}`, { headers });
  }

  async function page(query = ''): Promise<OpenAlertsPage> {
    const res = await get(query);
    expect(res.status).toBe(200);
    return (await res.json()) as OpenAlertsPage;
  }

  /** The open alerts about these trades, as [trade index, kind], in the order the API gave them. */
  async function openOf(tradeIds: readonly string[], query = ''): Promise<Array<[number, string]>> {
    const { items } = await page(query);
    return items
      .filter((a) => tradeIds.includes(a.tradeId))
      .map((a): [number, string] => [tradeIds.indexOf(a.tradeId), a.kind]);
  }

  const inTx = <T>(work: (tx: EntityManager) => Promise<T>) => dataSource.transaction(work);

  describe('open alerts, most urgent first', () => {
    let tradeIds: string[];
    let batchId: string;

    beforeAll(async () => {
      ({ tradeIds, batchId } = await seedTrades(dataSource, [
        on(MIDDLE, MONDAY, { status: 'RELEASED' }), // 0: cut-off 15:45
        on(LATE, MONDAY, { status: 'VALID' }), // 1: cut-off 16:00
        on(EARLY, MONDAY, { status: 'DEAD_LETTERED', route: 'CALASTONE' }), // 2: cut-off 15:30, past
        on(FAR, LATER, { status: 'DISPATCHED' }), // 3: ACK overdue, raised first
        on(LATE, MONDAY, { status: 'DISPATCHED' }), // 4: dispatched in time, not at risk; ACK overdue
        on(FAR, LATER, { status: 'VALID' }), // 5: nothing to say
        on(LATE, MONDAY, { status: 'CANCELLED' }), // 6: nothing to say
      ]));
      await sweep();
      // A later sweep raises this one's ACK_OVERDUE later: it comes after the others of its kind.
      const later = await seedTrades(dataSource, [
        on(FAR, LATER, { status: 'DISPATCHED', route: 'CALASTONE' }),
      ]);
      tradeIds.push(...later.tradeIds);
      await sweep();
    });

    it('lists every open alert: cut-offs earliest first, then overdue ACKs oldest first', async () => {
      expect(await openOf(tradeIds)).toEqual([
        [2, 'CUTOFF_AT_RISK'],
        [0, 'CUTOFF_AT_RISK'],
        [1, 'CUTOFF_AT_RISK'],
        [3, 'ACK_OVERDUE'],
        [4, 'ACK_OVERDUE'],
        [7, 'ACK_OVERDUE'],
      ]);
    });

    it('gives each alert as the watch raised it, with the trade to find it by', async () => {
      const before = Date.now();
      const { items, asOf } = await page();
      expect(Date.parse(asOf)).toBeGreaterThanOrEqual(before - 1000);
      const [history] = await dataSource.query<Array<{ id: string; at: Date }>>(
        `SELECT id, at FROM trade_history WHERE trade_id = $1 AND event = 'CUTOFF_AT_RISK'`,
        [tradeIds[0]],
      );
      const trade = await trades.findById(dataSource.manager, tradeIds[0]);
      expect(items.find((a) => a.tradeId === tradeIds[0])).toEqual<OpenAlertView>({
        tradeId: tradeIds[0],
        batchId,
        kind: 'CUTOFF_AT_RISK',
        raisedAt: history.at.toISOString(),
        historyId: Number(history.id),
        details: { cutoffAt: '2031-03-17T15:45:00+00:00', minutesLeft: 10, fund: MIDDLE, status: 'RELEASED' },
        trade: {
          status: 'RELEASED',
          route: 'CASIE',
          orderRef: trade.orderRef,
          clientRef: trade.clientRef,
          fundIsin: MIDDLE,
          accountId: trade.accountId,
        },
      });
      expect(trade.orderRef).toMatch(/\S/);
      expect(items.find((a) => a.tradeId === tradeIds[7])).toMatchObject({
        kind: 'ACK_OVERDUE',
        details: { slaMinutes: 15, route: 'CALASTONE' },
        trade: { status: 'DISPATCHED', route: 'CALASTONE' },
      });
    });

    it('filters by kind and by route, and keeps the order', async () => {
      expect(await openOf(tradeIds, '?kind=ACK_OVERDUE')).toEqual([
        [3, 'ACK_OVERDUE'],
        [4, 'ACK_OVERDUE'],
        [7, 'ACK_OVERDUE'],
      ]);
      expect(await openOf(tradeIds, '?kind=cutoff_at_risk')).toEqual([
        [2, 'CUTOFF_AT_RISK'],
        [0, 'CUTOFF_AT_RISK'],
        [1, 'CUTOFF_AT_RISK'],
      ]);
      expect(await openOf(tradeIds, '?route=CALASTONE')).toEqual([
        [2, 'CUTOFF_AT_RISK'],
        [7, 'ACK_OVERDUE'],
      ]);
      expect(await openOf(tradeIds, '?route=CASIE&kind=ACK_OVERDUE')).toEqual([
        [3, 'ACK_OVERDUE'],
        [4, 'ACK_OVERDUE'],
      ]);
    });

    it('returns at most `limit` alerts, the most urgent', async () => {
      const { items } = await page('?limit=2');
      expect(items).toHaveLength(2);
      expect(items.every((a) => a.kind === 'CUTOFF_AT_RISK')).toBe(true);
    });

    it('refuses an unknown kind or route, a limit out of range and an unknown parameter (400)', async () => {
      for (const query of [
        '?kind=LATE',
        '?route=SWIFT',
        '?limit=0',
        '?limit=501',
        '?limit=ten',
        '?status=VALID',
      ]) {
        const res = await get(query);
        expect([query, res.status]).toEqual([query, 400]);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INVALID_REQUEST');
      }
    });
  });

  it('drops an alert once its trade is dispatched, answered, acknowledged or cancelled', async () => {
    const { tradeIds } = await seedTrades(dataSource, [
      on(EARLY, MONDAY, { status: 'RELEASED' }), // 0: dispatched after the alert
      on(MIDDLE, MONDAY, { status: 'VALID' }), // 1: cancelled after the alert
      on(LATE, MONDAY, { status: 'OUTCOME_UNKNOWN' }), // 2: still at risk
      on(FAR, LATER, { status: 'DISPATCHED' }), // 3: acknowledged after the alert
      on(FAR, LATER, { status: 'DISPATCHED' }), // 4: "received" after the alert, still DISPATCHED
      on(FAR, LATER, { status: 'DISPATCHED' }), // 5: a status only recorded, still DISPATCHED
      on(FAR, LATER, { status: 'DISPATCHED' }), // 6: still overdue
    ]);
    await sweep();
    expect(await openOf(tradeIds)).toEqual([
      [0, 'CUTOFF_AT_RISK'],
      [1, 'CUTOFF_AT_RISK'],
      [2, 'CUTOFF_AT_RISK'],
      [3, 'ACK_OVERDUE'],
      [4, 'ACK_OVERDUE'],
      [5, 'ACK_OVERDUE'],
      [6, 'ACK_OVERDUE'],
    ]);

    await inTx(async (tx) => {
      await trades.markDispatched(tx, tradeIds[0], {}, 'casie-adapter');
      await trades.cancel(tx, tradeIds[1], 'olivia.operator', 'client withdrew');
      await trades.markAcknowledged(tx, tradeIds[3], { taReference: 'TA-3' }, 'ack-ingestor');
      await trades.recordEvent(tx, tradeIds[4], ACK_EVENTS.received, 'ack-ingestor');
      await trades.recordEvent(tx, tradeIds[5], ACK_EVENTS.status, 'ack-ingestor');
    });

    expect(await openOf(tradeIds)).toEqual([
      [2, 'CUTOFF_AT_RISK'],
      [6, 'ACK_OVERDUE'],
    ]);

    // The trade dispatched late is a new dispatch: overdue again once the watch says so, not before.
    await sweep();
    expect(await openOf(tradeIds)).toEqual([
      [2, 'CUTOFF_AT_RISK'],
      [6, 'ACK_OVERDUE'],
      [0, 'ACK_OVERDUE'],
    ]);
  });

  it('lets every role read (200), refuses a caller without credentials (401) or without a role (403)', async () => {
    for (const role of ROLES) {
      const res = await get('', testPrincipal(`someone.${role}`, role));
      expect([role, res.status]).toEqual([role, 200]);
    }
    expect((await get('', null)).status).toBe(401);
    const forbidden = await get('', 'no.roles:');
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
  });

  it('is documented in OpenAPI: its filters and its refusals', async () => {
    const docs = await startTradesTestApp(dataSource, [DiscoveryModule, AlertsModule], setupOpenApi);
    try {
      const document = (await (await fetch(docs.api.replace(/\/api\/v1$/, '/api/docs-json'))).json()) as {
        paths: Record<string, { get: { parameters: Array<{ name: string }>; responses: object } }>;
      };
      const operation = document.paths['/api/v1/alerts'].get;
      expect(operation.parameters.map((p) => p.name)).toEqual(['kind', 'route', 'limit']);
      expect(Object.keys(operation.responses)).toEqual(['200', '400', '401', '403']);
      expect(JSON.stringify(operation.responses)).toContain('asOf');
    } finally {
      await docs.close();
    }
  });
});
