import { QueryClient, type InfiniteData } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import type { Page, Trade, TradeStatusEvent } from '../api/types';
import { applyStatusEvent } from '../hooks/trade-events';
import { aTrade } from '../test/factories';
import { mergeStatusEvent } from './trade-merge';

const event = (trade: Trade, to: Trade['status'], at = '2026-12-04T09:05:00Z'): TradeStatusEvent => ({
  tradeId: trade.id,
  batchId: trade.batchId,
  accountId: trade.accountId,
  from: trade.status,
  to,
  route: 'CASIE',
  actor: 'casie-adapter',
  at,
  historyId: 42,
});

describe(mergeStatusEvent.name, () => {
  it('updates the row in place, keeping its position and every other row as it was', () => {
    const [a, b, c] = [aTrade(), aTrade(), aTrade()];
    const pages: Page<Trade>[] = [{ items: [a, b], nextCursor: 'x' }, { items: [c] }];
    const merged = mergeStatusEvent(pages, event(b, 'DISPATCHED'));
    expect(merged[0].items.map((t) => t.id)).toEqual([a.id, b.id]);
    expect(merged[0].items[1]).toMatchObject({ status: 'DISPATCHED', updatedAt: '2026-12-04T09:05:00Z' });
    expect(merged[0].items[0]).toBe(a);
    expect(merged[1]).toBe(pages[1]);
  });

  it('ignores an event older than the row and one for a trade not listed (same object back)', () => {
    const a = aTrade({ status: 'CONFIRMED', updatedAt: '2026-12-04T10:00:00Z' });
    const pages = [{ items: [a] }];
    expect(mergeStatusEvent(pages, event(a, 'DISPATCHED', '2026-12-04T09:00:00Z'))).toBe(pages);
    expect(mergeStatusEvent(pages, event(aTrade(), 'DISPATCHED'))).toBe(pages);
  });
});

describe(applyStatusEvent.name, () => {
  it('applies an event to every cached trade list; an unknown trade reloads the lists', async () => {
    vi.useFakeTimers();
    const client = new QueryClient();
    const t = aTrade();
    const key = ['trades', { batchId: t.batchId }];
    client.setQueryData<InfiniteData<Page<Trade>>>(key, { pages: [{ items: [t] }], pageParams: [undefined] });
    applyStatusEvent(client, event(t, 'CONFIRMED'));
    expect(client.getQueryData<InfiniteData<Page<Trade>>>(key)!.pages[0].items[0].status).toBe('CONFIRMED');

    const invalidate = vi.spyOn(client, 'invalidateQueries');
    applyStatusEvent(client, event(aTrade(), 'VALID'));
    await vi.advanceTimersByTimeAsync(1100);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['trades'] });
    vi.useRealTimers();
  });
});
