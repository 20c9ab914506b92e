import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TradeEventsProvider } from '../hooks/trade-events';
import { aTrade, fakeFetch } from '../test/factories';
import { TradesPage } from './trades-page';

class FakeEventSource {
  static last: FakeEventSource;
  listeners = new Map<string, (e: MessageEvent) => void>();
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(type: string, listener: (e: MessageEvent) => void) {
    this.listeners.set(type, listener);
  }
  close() {}
  emit(type: string, data: unknown, id: string) {
    this.listeners.get(type)?.(new MessageEvent(type, { data: JSON.stringify(data), lastEventId: id }));
  }
}

afterEach(() => vi.unstubAllGlobals());

describe(TradesPage.name, () => {
  it('updates a row in place when a trade.status event arrives, and remembers the event id', async () => {
    const [a, b] = [aTrade({ clientRef: 'FIRST' }), aTrade({ clientRef: 'SECOND' })];
    const fake = fakeFetch({ 'GET /api/v1/trades': { items: [a, b] } });
    vi.stubGlobal('fetch', fake.fetch);
    vi.stubGlobal('EventSource', FakeEventSource);
    const client = new QueryClient();
    render(
      <QueryClientProvider client={client}>
        <TradeEventsProvider enabled>
          <TradesPage params={new URLSearchParams()} />
        </TradeEventsProvider>
      </QueryClientProvider>,
    );
    await waitFor(() => expect(screen.getByText('SECOND')).toBeTruthy());
    act(() => FakeEventSource.last.onopen?.());
    expect(screen.getByText('Live')).toBeTruthy();
    // A fresh stream re-reads the list once, so nothing changed between the first read and the stream.
    await waitFor(() => expect(fake.calls.filter((c) => c.url.startsWith('/api/v1/trades'))).toHaveLength(2));
    await waitFor(() => expect(client.isFetching()).toBe(0));
    const rowsBefore = screen.getAllByRole('row').map((r) => r.textContent);
    expect(rowsBefore[2]).toContain('RELEASED');

    act(() =>
      FakeEventSource.last.emit(
        'trade.status',
        {
          tradeId: b.id,
          batchId: b.batchId,
          accountId: b.accountId,
          from: 'RELEASED',
          to: 'CONFIRMED',
          route: 'CASIE',
          actor: 'ta',
          at: '2026-12-04T10:00:00Z',
          historyId: 7,
        },
        '7',
      ),
    );
    await waitFor(() => expect(screen.getAllByRole('row')[2].textContent).toContain('CONFIRMED'));
    const rowsAfter = screen.getAllByRole('row').map((r) => r.textContent);
    expect(rowsAfter[1]).toBe(rowsBefore[1]);
    expect(rowsAfter[2]).toContain('SECOND');
    expect(sessionStorage.getItem('mc.events.lastId')).toBe('7');
  });
});
