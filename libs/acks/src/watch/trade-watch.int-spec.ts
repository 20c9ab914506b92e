import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { createLedgerDataSource } from '@contingency/ledger';
import { MetricsRegistry } from '@contingency/observability';
import { createTestDatabase, expectEventually } from '@contingency/testing';
import {
  alertsOf,
  dispatchedAt,
  fund,
  loadFunds,
  MINUTE,
  movableClock,
  recordAnswer,
  seedTrades,
  startWatch,
} from './trade-watch.int-fixtures';
import { ACK_EVENTS } from '../rules/ack-decision';
import { TradeWatch } from './trade-watch.service';

const LONDON = 'GB00WATCH001';
const NEW_YORK = 'US00WATCH001';
const TOKYO = 'JP00WATCH001';
const FAR = 'GB00WATCH999'; // trades that are never near a cut-off in these tests

// Monday 17 March 2031: New York already on summer time (EDT, UTC-4), London not yet (GMT).
const MONDAY = '2031-03-17';
const at = (iso: string) => new Date(iso);

describe(TradeWatch.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let app: INestApplicationContext;
  const clock = movableClock();
  const watch = () => app.get(TradeWatch);

  beforeAll(async () => {
    db = await createTestDatabase('trade_watch');
    dataSource = db.dataSource;
    await loadFunds(dataSource, [
      fund(LONDON, '16:00', 'Europe/London'),
      fund(NEW_YORK, '16:00', 'America/New_York'),
      fund(TOKYO, '15:00', 'Asia/Tokyo'),
      fund(FAR, '16:00', 'Europe/London'),
    ]);
    app = await startWatch(dataSource, { clock });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  /** The SLA counts from the real dispatch time the database wrote. */
  const minutesAfterNow = (minutes: number) => clock.set(new Date(Date.now() + minutes * MINUTE));

  describe('ACK_OVERDUE', () => {
    it('is raised once per dispatch for a DISPATCHED trade with no ACK past the SLA', async () => {
      const { tradeIds } = await seedTrades(dataSource, [
        { status: 'DISPATCHED', fundIsin: FAR, tradeDate: '2031-06-02', route: 'CASIE' },
        { status: 'DISPATCHED', fundIsin: FAR, tradeDate: '2031-06-02', route: 'CALASTONE' },
      ]);

      minutesAfterNow(14);
      await watch().sweep();
      expect(await alertsOf(dataSource, tradeIds)).toEqual([]);

      minutesAfterNow(16);
      const report = await watch().sweep();
      expect(report.raised.ACK_OVERDUE).toBe(2);
      expect(await alertsOf(dataSource, tradeIds)).toEqual([
        {
          tradeId: tradeIds[0],
          event: 'ACK_OVERDUE',
          actor: 'trade-watch',
          details: {
            dispatchedAt: await dispatchedAt(dataSource, tradeIds[0]),
            slaMinutes: 15,
            route: 'CASIE',
          },
        },
        {
          tradeId: tradeIds[1],
          event: 'ACK_OVERDUE',
          actor: 'trade-watch',
          details: {
            dispatchedAt: await dispatchedAt(dataSource, tradeIds[1]),
            slaMinutes: 15,
            route: 'CALASTONE',
          },
        },
      ]);

      minutesAfterNow(60);
      await watch().sweep();
      expect(await alertsOf(dataSource, tradeIds)).toHaveLength(2);
    });

    it('is never raised for a trade the TA answered: received, a status, accepted, confirmed or rejected', async () => {
      const { tradeIds } = await seedTrades(dataSource, [
        { status: 'DISPATCHED', fundIsin: FAR, tradeDate: '2031-06-02' },
        { status: 'DISPATCHED', fundIsin: FAR, tradeDate: '2031-06-02' },
        { status: 'DISPATCHED', fundIsin: FAR, tradeDate: '2031-06-02' },
        { status: 'ACKNOWLEDGED', fundIsin: FAR, tradeDate: '2031-06-02' },
        { status: 'CONFIRMED', fundIsin: FAR, tradeDate: '2031-06-02' },
        { status: 'NACKED', fundIsin: FAR, tradeDate: '2031-06-02' },
      ]);
      await recordAnswer(dataSource, tradeIds[0], ACK_EVENTS.received);
      await recordAnswer(dataSource, tradeIds[1], ACK_EVENTS.status);
      await recordAnswer(dataSource, tradeIds[2], 'TA_RECEIVED');

      minutesAfterNow(16);
      await watch().sweep();

      expect(await alertsOf(dataSource, tradeIds)).toEqual([]);
    });
  });

  describe('CUTOFF_AT_RISK', () => {
    const cutoffAlertsOf = async (tradeIds: string[]) =>
      (await alertsOf(dataSource, tradeIds)).filter((a) => a.event === 'CUTOFF_AT_RISK');

    it('is raised once for each trade not yet dispatched within the warning of its fund’s cut-off', async () => {
      const { tradeIds } = await seedTrades(dataSource, [
        { status: 'VALID', fundIsin: LONDON, tradeDate: MONDAY },
        { status: 'RELEASED', fundIsin: LONDON, tradeDate: MONDAY, route: 'CALASTONE' },
        { status: 'OUTCOME_UNKNOWN', fundIsin: LONDON, tradeDate: MONDAY },
        { status: 'DEAD_LETTERED', fundIsin: LONDON, tradeDate: MONDAY },
        { status: 'RECEIVED', fundIsin: LONDON, tradeDate: MONDAY },
        // Not at risk: dispatched, cancelled, or dealing the next day.
        { status: 'DISPATCHED', fundIsin: LONDON, tradeDate: MONDAY },
        { status: 'CANCELLED', fundIsin: LONDON, tradeDate: MONDAY },
        { status: 'VALID', fundIsin: LONDON, tradeDate: '2031-03-18' },
      ]);

      clock.set(at('2031-03-17T15:29:00Z')); // 16:00 GMT is 31 minutes away
      await watch().sweep();
      expect(await cutoffAlertsOf(tradeIds)).toEqual([]);

      clock.set(at('2031-03-17T15:35:00Z'));
      await watch().sweep();
      const raised = (await alertsOf(dataSource, tradeIds)).filter((a) => a.event === 'CUTOFF_AT_RISK');
      const byTrade = (a: { tradeId: string }, b: { tradeId: string }) => a.tradeId.localeCompare(b.tradeId);
      expect(raised.sort(byTrade)).toEqual(
        ['VALID', 'RELEASED', 'OUTCOME_UNKNOWN', 'DEAD_LETTERED', 'RECEIVED']
          .map((status, i) => ({
            tradeId: tradeIds[i],
            event: 'CUTOFF_AT_RISK',
            actor: 'trade-watch',
            details: { cutoffAt: '2031-03-17T16:00:00+00:00', minutesLeft: 25, fund: LONDON, status },
          }))
          .sort(byTrade),
      );

      clock.set(at('2031-03-17T15:55:00Z'));
      await watch().sweep();
      clock.set(at('2031-03-17T16:30:00Z')); // past: still once
      await watch().sweep();
      expect(await cutoffAlertsOf(tradeIds)).toHaveLength(5);
    });

    it('reads each fund’s cut-off in its own time zone, summer time included', async () => {
      const { tradeIds } = await seedTrades(dataSource, [
        { status: 'VALID', fundIsin: NEW_YORK, tradeDate: MONDAY },
        { status: 'VALID', fundIsin: TOKYO, tradeDate: '2031-03-18' },
      ]);

      // 16:00 EDT is 20:00 UTC (it would be 21:00 in winter); 15:00 JST on the 18th is 06:00 UTC.
      clock.set(at('2031-03-17T19:29:00Z'));
      await watch().sweep();
      expect(await cutoffAlertsOf(tradeIds)).toEqual([]);

      clock.set(at('2031-03-17T19:40:00Z'));
      await watch().sweep();
      expect((await cutoffAlertsOf(tradeIds)).map((a) => a.details)).toEqual([
        { cutoffAt: '2031-03-17T16:00:00-04:00', minutesLeft: 20, fund: NEW_YORK, status: 'VALID' },
      ]);

      clock.set(at('2031-03-18T05:45:00Z'));
      await watch().sweep();
      expect((await cutoffAlertsOf(tradeIds)).map((a) => a.details.cutoffAt)).toEqual([
        '2031-03-17T16:00:00-04:00',
        '2031-03-18T15:00:00+09:00',
      ]);
    });

    it('is raised for a trade whose cut-off passed days ago, with the minutes since as negative', async () => {
      const { tradeIds } = await seedTrades(dataSource, [
        { status: 'VALID', fundIsin: LONDON, tradeDate: '2031-03-10' },
      ]);

      clock.set(at('2031-03-17T15:00:00Z'));
      await watch().sweep();

      expect((await alertsOf(dataSource, tradeIds)).map((a) => a.details)).toEqual([
        {
          cutoffAt: '2031-03-10T16:00:00+00:00',
          minutesLeft: -(7 * 24 * 60 - 60),
          fund: LONDON,
          status: 'VALID',
        },
      ]);
    });

    it('leaves alone a trade whose fund is not in the fund master', async () => {
      const { tradeIds } = await seedTrades(dataSource, [
        { status: 'VALID', fundIsin: 'LU00UNKNOWN1', tradeDate: '2031-03-10' },
        { status: 'VALID', fundIsin: 'LU00UNKNOWN1', tradeDate: MONDAY },
      ]);

      clock.set(at('2031-03-17T17:00:00Z'));
      await watch().sweep();

      expect(await alertsOf(dataSource, tradeIds)).toEqual([]);
    });
  });

  describe('metrics', () => {
    const series = async (name: string) => {
      const metric = app.get(MetricsRegistry).registry.getSingleMetric(name);
      if (!metric) throw new Error(`no metric ${name}`);
      const { values } = await metric.get();
      return Object.fromEntries(values.map((v) => [Object.values(v.labels).join(','), v.value]));
    };

    it('exports what is overdue and at risk now by route, and counts the events raised', async () => {
      clock.set(at('2031-03-17T15:40:00Z'));
      const before = await watch().sweep();
      const raisedBefore = await series('contingency_trade_alerts_total');

      await seedTrades(dataSource, [
        { status: 'DISPATCHED', fundIsin: FAR, tradeDate: '2031-06-02', route: 'CASIE' },
        { status: 'DISPATCHED', fundIsin: FAR, tradeDate: '2031-06-02', route: 'CALASTONE' },
        { status: 'DISPATCHED', fundIsin: FAR, tradeDate: '2031-06-02', route: 'CALASTONE' },
        { status: 'VALID', fundIsin: LONDON, tradeDate: MONDAY, route: 'CASIE' },
        { status: 'RECEIVED', fundIsin: LONDON, tradeDate: MONDAY },
      ]);
      const after = await watch().sweep();

      expect(after.raised).toEqual({ ACK_OVERDUE: 3, CUTOFF_AT_RISK: 2 });
      expect(after.ackOverdue).toEqual({
        CASIE: before.ackOverdue.CASIE + 1,
        CALASTONE: before.ackOverdue.CALASTONE + 2,
        none: 0,
      });
      expect(after.cutoffAtRisk).toEqual({
        CASIE: before.cutoffAtRisk.CASIE + 1,
        CALASTONE: before.cutoffAtRisk.CALASTONE,
        none: before.cutoffAtRisk.none + 1,
      });
      expect(await series('contingency_trades_ack_overdue')).toEqual(after.ackOverdue);
      expect(await series('contingency_trades_cutoff_at_risk')).toEqual(after.cutoffAtRisk);
      expect(await series('contingency_trade_alerts_total')).toEqual({
        ACK_OVERDUE: raisedBefore.ACK_OVERDUE + 3,
        CUTOFF_AT_RISK: raisedBefore.CUTOFF_AT_RISK + 2,
      });

      // Raised or not, an overdue trade stays in the gauge until the TA answers.
      const again = await watch().sweep();
      expect(again.raised).toEqual({ ACK_OVERDUE: 0, CUTOFF_AT_RISK: 0 });
      expect(again.ackOverdue).toEqual(after.ackOverdue);
    });
  });

  it('raises each trade once when several instances sweep at the same moment', async () => {
    const second = createLedgerDataSource({ url: db.url, poolSize: 3 });
    await second.initialize();
    const other = await startWatch(second, { clock, batchSize: 7 });
    try {
      const { tradeIds } = await seedTrades(
        dataSource,
        Array.from({ length: 40 }, () => ({
          status: 'DISPATCHED' as const,
          fundIsin: FAR,
          tradeDate: '2031-06-02',
        })),
      );
      minutesAfterNow(16);

      const reports = await Promise.all([watch().sweep(), other.get(TradeWatch).sweep(), watch().sweep()]);

      const alerts = await alertsOf(dataSource, tradeIds);
      expect(alerts).toHaveLength(40);
      expect(new Set(alerts.map((a) => a.tradeId)).size).toBe(40);
      expect(reports.reduce((sum, r) => sum + r.raised.ACK_OVERDUE, 0)).toBeGreaterThanOrEqual(40);
    } finally {
      await other.close();
      await second.destroy();
    }
  });

  it('sweeps by itself every interval once started, and stops with the app', async () => {
    const { tradeIds } = await seedTrades(dataSource, [
      { status: 'DISPATCHED', fundIsin: FAR, tradeDate: '2031-06-02' },
    ]);
    minutesAfterNow(16);
    const running = await startWatch(dataSource, { clock, enabled: true, intervalMs: 50 });

    try {
      await expectEventually(async () => expect(await alertsOf(dataSource, tradeIds)).toHaveLength(1));
    } finally {
      await running.close();
    }
    const late = await seedTrades(dataSource, [
      { status: 'DISPATCHED', fundIsin: FAR, tradeDate: '2031-06-02' },
    ]);
    minutesAfterNow(16);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await alertsOf(dataSource, late.tradeIds)).toEqual([]);
  });
});
