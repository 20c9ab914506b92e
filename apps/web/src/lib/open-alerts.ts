import type { AlertTrade, OpenAlert, OpenAlertsPage, TradeAlertEvent, TradeStatusEvent } from '../api/types';
import { alertClearedBy } from './attention';

/** Where the open alerts loaded from GET /alerts live in the query cache (under 'attention'). */
export const OPEN_ALERTS_KEY = ['attention', 'alerts'] as const;

/** An alert as the attention queue shows it: loaded with its trade, or live from the stream. */
export type QueueAlert = TradeAlertEvent & { trade?: AlertTrade };

const keyOf = (a: { tradeId: string; kind: string }) => `${a.kind}:${a.tradeId}`;

/**
 * The alerts open when the page loaded and those raised since, once per trade and kind: the later of
 * two (a new dispatch's ACK_OVERDUE) wins, keeping what the load said about the trade.
 */
export function mergeAlerts(loaded: readonly OpenAlert[], live: readonly TradeAlertEvent[]): QueueAlert[] {
  const byKey = new Map<string, QueueAlert>();
  for (const { raisedAt, ...alert } of loaded) byKey.set(keyOf(alert), { ...alert, at: raisedAt });
  for (const alert of live) {
    const known = byKey.get(keyOf(alert));
    if (!known || alert.historyId > known.historyId)
      byKey.set(keyOf(alert), { ...alert, trade: known?.trade });
  }
  return [...byKey.values()];
}

/**
 * A status change applied to the loaded alerts: an alert its trade's new status answers goes, the others
 * show the new status. Events older than an alert do not touch it. The same page when nothing changed.
 */
export function applyStatusToAlerts(page: OpenAlertsPage, event: TradeStatusEvent): OpenAlertsPage {
  const touches = (a: OpenAlert) => a.tradeId === event.tradeId && a.historyId < event.historyId;
  if (!page.items.some(touches)) return page;
  const items = page.items.flatMap((a) => {
    if (!touches(a)) return [a];
    if (alertClearedBy(a.kind, event.to)) return [];
    return [{ ...a, trade: { ...a.trade, status: event.to, route: event.route } }];
  });
  return { ...page, items };
}
