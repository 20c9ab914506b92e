import { Injectable } from '@nestjs/common';
import type { Counter, Gauge } from 'prom-client';
import {
  type Route,
  TRADE_ALERT_KINDS,
  TRADE_STATUSES,
  type TradeAlertKind,
  type TradeStatus,
} from '@contingency/contracts';
import { MetricsRegistry } from '@contingency/observability';

/** A trade's route as a label: `none` while validation has not decided one (RECEIVED). */
export const ROUTE_LABELS = ['CASIE', 'CALASTONE', 'none'] as const;
export type RouteLabel = (typeof ROUTE_LABELS)[number];

export type CountsByRoute = Record<RouteLabel, number>;

export const routeLabel = (route: Route | null): RouteLabel => route ?? 'none';

/**
 * The watch's metrics. The gauges count over the whole ledger, the same in every process that computes
 * them, so they are named contingency_* rather than after a service: aggregate instances with max().
 */
@Injectable()
export class TradeWatchMetrics {
  private readonly ackOverdue: Gauge<'route'>;
  private readonly cutoffAtRisk: Gauge<'route'>;
  private readonly alerts: Counter<'kind'>;
  private readonly trades: Gauge<'status' | 'route'>;

  constructor(registry: MetricsRegistry) {
    const m = registry.forService('contingency');
    this.ackOverdue = m.gauge(
      'trades_ack_overdue',
      'DISPATCHED trades still without any answer from the TA after the ACK SLA, by route',
      ['route'],
    );
    this.cutoffAtRisk = m.gauge(
      'trades_cutoff_at_risk',
      "Trades not yet dispatched whose fund's cut-off is within the warning or past, by route (none: not routed yet)",
      ['route'],
    );
    this.alerts = m.counter(
      'trade_alerts_total',
      'ACK_OVERDUE and CUTOFF_AT_RISK events raised by this process',
      ['kind'],
    );
    this.trades = m.gauge('trades', 'Trades in the ledger, by status and route (none: not routed yet)', [
      'status',
      'route',
    ]);
    for (const route of ROUTE_LABELS) {
      this.ackOverdue.set({ route }, 0);
      this.cutoffAtRisk.set({ route }, 0);
      for (const status of TRADE_STATUSES) this.trades.set({ status, route }, 0);
    }
    for (const kind of TRADE_ALERT_KINDS) this.alerts.inc({ kind }, 0);
  }

  current(overdue: CountsByRoute, atRisk: CountsByRoute): void {
    for (const route of ROUTE_LABELS) {
      this.ackOverdue.set({ route }, overdue[route]);
      this.cutoffAtRisk.set({ route }, atRisk[route]);
    }
  }

  /** Every status-route pair the counts leave out is zero: no stale value survives a trade moving on. */
  tradesByStatus(counts: ReadonlyArray<{ status: TradeStatus; route: Route | null; count: number }>): void {
    const current = new Map(
      counts.map(({ status, route, count }) => [`${status}/${routeLabel(route)}`, count]),
    );
    for (const route of ROUTE_LABELS) {
      for (const status of TRADE_STATUSES)
        this.trades.set({ status, route }, current.get(`${status}/${route}`) ?? 0);
    }
  }

  raised(kind: TradeAlertKind, count: number): void {
    if (count > 0) this.alerts.inc({ kind }, count);
  }
}
