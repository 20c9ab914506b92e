import type { Page, Trade, TradeStatusEvent } from '../api/types';

/**
 * A status change applied to a loaded list: the trade's row is updated in place (same position, same
 * object identity for every other row), an event older than what the row shows is ignored.
 * Returns the same pages when nothing changed, so React re-renders nothing.
 */
export function mergeStatusEvent(pages: Page<Trade>[], event: TradeStatusEvent): Page<Trade>[] {
  let changed = false;
  const next = pages.map((page) => {
    const at = page.items.findIndex((t) => t.id === event.tradeId);
    if (at < 0) return page;
    const current = page.items[at];
    if (current.status === event.to && current.route === event.route) return page;
    if (Date.parse(current.updatedAt) > Date.parse(event.at)) return page;
    changed = true;
    const items = page.items.slice();
    items[at] = { ...current, status: event.to, route: event.route, updatedAt: event.at };
    return { ...page, items };
  });
  return changed ? next : pages;
}

/** Whether a list shows this trade (else a new trade that may match the filters: reload the list). */
export function listHasTrade(pages: Page<Trade>[], tradeId: string): boolean {
  return pages.some((p) => p.items.some((t) => t.id === tradeId));
}
