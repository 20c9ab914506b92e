import { useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { OpenAlertsPage, Page, Trade, TradeAlertEvent, TradeStatusEvent } from '../api/types';
import { alertClearedBy } from '../lib/attention';
import { applyStatusToAlerts, OPEN_ALERTS_KEY } from '../lib/open-alerts';
import { listHasTrade, mergeStatusEvent } from '../lib/trade-merge';

export const EVENTS_URL = '/api/v1/events';
const LAST_ID_KEY = 'mc.events.lastId';

interface TradeEventsState {
  alerts: TradeAlertEvent[];
  connected: boolean;
}

const TradeEventsContext = createContext<TradeEventsState>({ alerts: [], connected: false });

export const useTradeEvents = () => useContext(TradeEventsContext);

/** A status change applied to every cached view of the trade: lists in place, detail and batch refetched. */
export function applyStatusEvent(client: QueryClient, event: TradeStatusEvent): void {
  let seen = false;
  client.setQueriesData<InfiniteData<Page<Trade>>>({ queryKey: ['trades'] }, (old) => {
    if (!old) return old;
    if (listHasTrade(old.pages, event.tradeId)) seen = true;
    const pages = mergeStatusEvent(old.pages, event);
    return pages === old.pages ? old : { ...old, pages };
  });
  client.setQueryData<OpenAlertsPage>(OPEN_ALERTS_KEY, (old) => old && applyStatusToAlerts(old, event));
  // A trade no list shows yet (a new upload): the lists whose filters may match reload, at most once a second.
  if (!seen) scheduleInvalidate(client, ['trades']);
  scheduleInvalidate(client, ['trade', event.tradeId]);
  scheduleInvalidate(client, ['batch', event.batchId]);
  scheduleInvalidate(client, ['attention']);
}

const pending = new Map<string, ReturnType<typeof setTimeout>>();
function scheduleInvalidate(client: QueryClient, queryKey: string[]): void {
  const key = queryKey.join('/');
  if (pending.has(key)) return;
  pending.set(
    key,
    setTimeout(() => {
      pending.delete(key);
      void client.invalidateQueries({ queryKey });
    }, 1000),
  );
}

/** One EventSource for the whole console; the browser resumes it with Last-Event-ID after a drop. */
export function TradeEventsProvider({ children, enabled }: { children: ReactNode; enabled: boolean }) {
  const client = useQueryClient();
  const [state, setState] = useState<TradeEventsState>({ alerts: [], connected: false });

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const after = sessionStorage.getItem(LAST_ID_KEY);
    const source = new EventSource(after ? `${EVENTS_URL}?after=${after}` : EVENTS_URL);
    const remember = (e: MessageEvent) => e.lastEventId && sessionStorage.setItem(LAST_ID_KEY, e.lastEventId);
    source.onopen = () => {
      setState((s) => ({ ...s, connected: true }));
      // A fresh stream starts live: what changed before it opened is read again, so nothing falls in between.
      if (!sessionStorage.getItem(LAST_ID_KEY)) void client.invalidateQueries();
    };
    source.onerror = () => setState((s) => ({ ...s, connected: false }));
    source.addEventListener('trade.status', (e: MessageEvent<string>) => {
      remember(e);
      const event = JSON.parse(e.data) as TradeStatusEvent;
      applyStatusEvent(client, event);
      setState((s) => {
        const alerts = s.alerts.filter(
          (a) => a.tradeId !== event.tradeId || !alertClearedBy(a.kind, event.to),
        );
        return alerts.length === s.alerts.length ? s : { ...s, alerts };
      });
    });
    source.addEventListener('trade.alert', (e: MessageEvent<string>) => {
      remember(e);
      const alert = JSON.parse(e.data) as TradeAlertEvent;
      setState((s) => ({
        ...s,
        alerts: [...s.alerts.filter((a) => !(a.tradeId === alert.tradeId && a.kind === alert.kind)), alert],
      }));
    });
    return () => source.close();
  }, [client, enabled]);

  return <TradeEventsContext.Provider value={state}>{children}</TradeEventsContext.Provider>;
}
