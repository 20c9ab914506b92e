import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OpenAlert, OpenAlertsPage, TradeAlertEvent } from '../api/types';
import { TradeEventsProvider } from '../hooks/trade-events';
import { aMe, fakeFetch } from '../test/factories';
import { AttentionPage } from './attention-page';

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
  emit(type: string, data: unknown) {
    const id = String((data as { historyId: number }).historyId);
    this.listeners.get(type)?.(new MessageEvent(type, { data: JSON.stringify(data), lastEventId: id }));
  }
}

const AT_RISK = '00000000-0000-4000-8000-0000000b0001';
const OVERDUE = '00000000-0000-4000-8000-0000000b0002';
const NEW = '00000000-0000-4000-8000-0000000b0003';
const BATCH = '11111111-1111-4111-8111-111111111111';
const inTenMinutes = new Date(Date.now() + 10 * 60_000).toISOString();

const openAlert = (
  tradeId: string,
  kind: OpenAlert['kind'],
  clientRef: string,
  historyId: number,
): OpenAlert => ({
  tradeId,
  batchId: BATCH,
  kind,
  raisedAt: '2026-12-04T09:00:00Z',
  historyId,
  details: kind === 'CUTOFF_AT_RISK' ? { cutoffAt: inTenMinutes, minutesLeft: 10 } : { slaMinutes: 15 },
  trade: {
    status: kind === 'CUTOFF_AT_RISK' ? 'RELEASED' : 'DISPATCHED',
    route: 'CASIE',
    orderRef: `MC-${historyId}`,
    clientRef,
    fundIsin: 'IE00B4L5Y983',
    accountId: 'ACC-9',
  },
});

const liveAlert = (tradeId: string, historyId: number): TradeAlertEvent => ({
  tradeId,
  batchId: BATCH,
  kind: 'CUTOFF_AT_RISK',
  details: { cutoffAt: inTenMinutes, minutesLeft: 10 },
  at: '2026-12-04T09:20:00Z',
  historyId,
});

const rows = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((r) => r.textContent ?? '');

beforeEach(() => sessionStorage.clear());
afterEach(() => vi.unstubAllGlobals());

describe(AttentionPage.name, () => {
  it('starts from the alerts still open and merges the live ones, each trade once', async () => {
    const atRisk = openAlert(AT_RISK, 'CUTOFF_AT_RISK', 'NEAR-CUTOFF', 10);
    const overdue = openAlert(OVERDUE, 'ACK_OVERDUE', 'NO-ACK', 11);
    const routes: Record<string, unknown> = {
      'GET /api/v1/trades': { items: [] },
      'GET /api/v1/acks/unmatched': { items: [], total: 0 },
      'GET /api/v1/alerts': {
        items: [atRisk, overdue],
        asOf: '2026-12-04T09:30:00Z',
      } satisfies OpenAlertsPage,
    };
    const fake = fakeFetch(routes);
    vi.stubGlobal('fetch', fake.fetch);
    vi.stubGlobal('EventSource', FakeEventSource);
    render(
      <QueryClientProvider client={new QueryClient()}>
        <TradeEventsProvider enabled>
          <AttentionPage me={aMe({ roles: ['operator'] })} />
        </TradeEventsProvider>
      </QueryClientProvider>,
    );

    // Open before the page was: known at once, most urgent first, with the trade's references.
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows()[0]).toMatch(/Cut-off at risk.*left.*NEAR-CUTOFF · ACC-9.*RELEASED/);
    expect(rows()[1]).toMatch(/ACK overdue.*NO-ACK · ACC-9.*DISPATCHED/);
    expect(fake.calls.some((c) => c.url.startsWith('/api/v1/alerts'))).toBe(true);

    // The stream repeats an alert the load already had, and raises a new one.
    act(() => FakeEventSource.last.emit('trade.alert', liveAlert(AT_RISK, 10)));
    act(() => FakeEventSource.last.emit('trade.alert', liveAlert(NEW, 20)));
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows().filter((r) => r.includes('NEAR-CUTOFF'))).toHaveLength(1);
    expect(rows().some((r) => r.includes(`Trade ${NEW.slice(0, 8)}`))).toBe(true);
    expect(screen.getByText('(3)')).toBeTruthy();

    // The trade near its cut-off is dispatched: its alert goes at once, and the server agrees on reload.
    routes['GET /api/v1/alerts'] = { items: [overdue], asOf: '2026-12-04T09:31:00Z' };
    act(() =>
      FakeEventSource.last.emit('trade.status', {
        tradeId: AT_RISK,
        batchId: BATCH,
        accountId: 'ACC-9',
        from: 'RELEASED',
        to: 'DISPATCHED',
        route: 'CASIE',
        actor: 'casie-adapter',
        at: '2026-12-04T09:31:00Z',
        historyId: 21,
      }),
    );
    expect(rows()).toHaveLength(2);
    expect(rows().some((r) => r.includes('NEAR-CUTOFF'))).toBe(false);
    const reloads = () => fake.calls.filter((c) => c.url.startsWith('/api/v1/alerts')).length;
    await waitFor(() => expect(reloads()).toBeGreaterThanOrEqual(2), { timeout: 3000 });
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows().some((r) => r.includes('NEAR-CUTOFF'))).toBe(false);
  });

  it('says so when the open alerts cannot be read', async () => {
    vi.stubGlobal(
      'fetch',
      fakeFetch({
        'GET /api/v1/trades': { items: [] },
        'GET /api/v1/acks/unmatched': { items: [], total: 0 },
        'GET /api/v1/alerts': new Response(
          JSON.stringify({ error: { code: 'FORBIDDEN', message: 'no.roles may not do this' } }),
          { status: 403 },
        ),
      }).fetch,
    );
    vi.stubGlobal('EventSource', FakeEventSource);
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <TradeEventsProvider enabled>
          <AttentionPage me={aMe({ roles: ['operator'] })} />
        </TradeEventsProvider>
      </QueryClientProvider>,
    );
    await waitFor(() => expect(screen.getByText('no.roles may not do this')).toBeTruthy());
  });
});
