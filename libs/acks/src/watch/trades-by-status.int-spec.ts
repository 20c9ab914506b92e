import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { MetricsRegistry } from '@contingency/observability';
import { createTestDatabase } from '@contingency/testing';
import { fund, loadFunds, movableClock, seedTrades, startWatch } from './trade-watch.int-fixtures';
import { TradeWatch } from './trade-watch.service';

const ISIN = 'GB00GAUGE001';

// contingency_trades{status,route}: the watch's sweep counts the whole ledger (a database of its own here).
describe('contingency_trades gauge', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let app: INestApplicationContext;

  const trades = async (): Promise<Record<string, number>> => {
    const { values } = await app.get(MetricsRegistry).registry.getSingleMetric('contingency_trades')!.get();
    return Object.fromEntries(values.map((v) => [`${v.labels.status}/${v.labels.route}`, v.value]));
  };

  beforeAll(async () => {
    db = await createTestDatabase('trades_gauge');
    dataSource = db.dataSource;
    await loadFunds(dataSource, [fund(ISIN, '16:00', 'Europe/London')]);
    app = await startWatch(dataSource, { clock: movableClock(new Date('2031-06-02T08:00:00Z')) });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('counts every trade by status and route after a sweep, and follows the trades as they move', async () => {
    await app.get(TradeWatch).sweep();
    expect(Object.values(await trades()).every((count) => count === 0)).toBe(true);

    const { tradeIds } = await seedTrades(dataSource, [
      { status: 'RECEIVED', fundIsin: ISIN, tradeDate: '2031-06-03' },
      { status: 'RECEIVED', fundIsin: ISIN, tradeDate: '2031-06-03' },
      { status: 'DISPATCHED', fundIsin: ISIN, tradeDate: '2031-06-03', route: 'CASIE' },
      { status: 'DISPATCHED', fundIsin: ISIN, tradeDate: '2031-06-03', route: 'CALASTONE' },
      { status: 'CONFIRMED', fundIsin: ISIN, tradeDate: '2031-06-03', route: 'CALASTONE' },
    ]);
    await app.get(TradeWatch).sweep();

    let counts = await trades();
    expect(counts['RECEIVED/none']).toBe(2);
    expect(counts['DISPATCHED/CASIE']).toBe(1);
    expect(counts['DISPATCHED/CALASTONE']).toBe(1);
    expect(counts['CONFIRMED/CALASTONE']).toBe(1);
    expect(counts['RELEASED/CASIE']).toBe(0);

    await dataSource.query(`UPDATE trades SET status = 'ACKNOWLEDGED' WHERE id = $1`, [tradeIds[2]]);
    await app.get(TradeWatch).sweep();

    counts = await trades();
    expect(counts['DISPATCHED/CASIE']).toBe(0);
    expect(counts['ACKNOWLEDGED/CASIE']).toBe(1);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(5);
  });
});
