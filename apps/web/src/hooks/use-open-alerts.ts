import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { alertsApi } from '../api/endpoints';
import { mergeAlerts, OPEN_ALERTS_KEY } from '../lib/open-alerts';
import { useTradeEvents } from './trade-events';

/**
 * The watch's alerts that are open now: those still open when the page loaded (GET /alerts, read again
 * when a status changes and every 30 s) merged with the trade.alert events of the live stream.
 */
export function useOpenAlerts() {
  const loaded = useQuery({
    queryKey: OPEN_ALERTS_KEY,
    queryFn: () => alertsApi.open(),
    refetchInterval: 30_000,
  });
  const { alerts: live } = useTradeEvents();
  const alerts = useMemo(() => mergeAlerts(loaded.data?.items ?? [], live), [loaded.data, live]);
  return { alerts, error: loaded.error, isPending: loaded.isPending };
}
