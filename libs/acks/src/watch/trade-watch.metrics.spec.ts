import { MetricsRegistry } from '@contingency/observability';
import { TradeWatchMetrics } from './trade-watch.metrics';

describe(TradeWatchMetrics.name, () => {
  it('names its series as the alert rules expect and starts each at zero', async () => {
    const registry = new MetricsRegistry();
    new TradeWatchMetrics(registry);

    const text = await registry.metrics();

    expect(text).toContain('# TYPE contingency_trades_ack_overdue gauge');
    expect(text).toContain('# TYPE contingency_trades_cutoff_at_risk gauge');
    expect(text).toContain('# TYPE contingency_trade_alerts_total counter');
    for (const route of ['CASIE', 'CALASTONE', 'none']) {
      expect(text).toContain(`contingency_trades_ack_overdue{route="${route}"} 0`);
      expect(text).toContain(`contingency_trades_cutoff_at_risk{route="${route}"} 0`);
    }
    expect(text).toContain('contingency_trade_alerts_total{kind="ACK_OVERDUE"} 0');
    expect(text).toContain('contingency_trade_alerts_total{kind="CUTOFF_AT_RISK"} 0');
  });

  it('sets the gauges to the counts and adds what was raised', async () => {
    const registry = new MetricsRegistry();
    const sut = new TradeWatchMetrics(registry);

    sut.current({ CASIE: 2, CALASTONE: 1, none: 0 }, { CASIE: 0, CALASTONE: 0, none: 4 });
    sut.raised('CUTOFF_AT_RISK', 4);
    sut.raised('CUTOFF_AT_RISK', 1);
    sut.current({ CASIE: 1, CALASTONE: 1, none: 0 }, { CASIE: 0, CALASTONE: 0, none: 5 });

    const text = await registry.metrics();
    expect(text).toContain('contingency_trades_ack_overdue{route="CASIE"} 1');
    expect(text).toContain('contingency_trades_cutoff_at_risk{route="none"} 5');
    expect(text).toContain('contingency_trade_alerts_total{kind="CUTOFF_AT_RISK"} 5');
  });

  it('counts trades by status and route, every pair at zero from the start and when it empties', async () => {
    const registry = new MetricsRegistry();
    const sut = new TradeWatchMetrics(registry);
    expect(await registry.metrics()).toContain(
      'contingency_trades{status="DEAD_LETTERED",route="CALASTONE"} 0',
    );

    sut.tradesByStatus([
      { status: 'RELEASED', route: 'CASIE', count: 3 },
      { status: 'RECEIVED', route: null, count: 7 },
    ]);
    sut.tradesByStatus([
      { status: 'DISPATCHED', route: 'CASIE', count: 3 },
      { status: 'RECEIVED', route: null, count: 2 },
    ]);

    const text = await registry.metrics();
    expect(text).toContain('# TYPE contingency_trades gauge');
    expect(text).toContain('contingency_trades{status="DISPATCHED",route="CASIE"} 3');
    expect(text).toContain('contingency_trades{status="RELEASED",route="CASIE"} 0');
    expect(text).toContain('contingency_trades{status="RECEIVED",route="none"} 2');
    expect(text).toContain('contingency_trades{status="CONFIRMED",route="CALASTONE"} 0');
  });
});
