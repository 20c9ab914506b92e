import Box from '@cloudscape-design/components/box';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { acksApi, tradesApi } from '../api/endpoints';
import type { Me } from '../api/types';
import { ApiErrorAlert } from '../components/api-error-alert';
import { useOpenAlerts } from '../hooks/use-open-alerts';
import { ATTENTION_LABEL, buildAttentionQueue, countdownText, type AttentionItem } from '../lib/attention';
import { href } from '../lib/router';

const ACK_READERS = ['viewer', 'operator', 'sre', 'admin'];

/** What a person must act on, most urgent first; cut-offs count down live. */
export function AttentionPage({ me }: { me: Me | undefined }) {
  const trades = useQuery({
    queryKey: ['attention', 'trades'],
    queryFn: () => tradesApi.list({ status: 'OUTCOME_UNKNOWN,DEAD_LETTERED,NACKED' }, undefined, 500),
    refetchInterval: 30_000,
  });
  const canReadAcks = !!me?.roles.some((r) => ACK_READERS.includes(r));
  const acks = useQuery({
    queryKey: ['attention', 'acks'],
    queryFn: () => acksApi.unmatched(),
    enabled: canReadAcks,
    refetchInterval: 30_000,
  });
  const alerts = useOpenAlerts();
  const now = useNow(1000);
  const queue = buildAttentionQueue({
    trades: trades.data?.items ?? [],
    alerts: alerts.alerts,
    unmatchedAcks: acks.data?.items ?? [],
  });

  return (
    <>
      <ApiErrorAlert error={trades.error ?? alerts.error ?? acks.error} />
      <Table
        variant="full-page"
        items={queue}
        trackBy="key"
        loading={trades.isPending || alerts.isPending}
        loadingText="Loading what needs attention"
        ariaLabels={{ tableLabel: 'Attention queue' }}
        header={
          <Header
            variant="awsui-h1-sticky"
            counter={`(${queue.length})`}
            description="Most urgent first: act on the top rows now."
          >
            Attention
          </Header>
        }
        columnDefinitions={[
          {
            id: 'kind',
            header: 'Why',
            width: 220,
            cell: (i) => (
              <StatusIndicator
                type={i.kind === 'CUTOFF_AT_RISK' || i.kind === 'OUTCOME_UNKNOWN' ? 'error' : 'warning'}
              >
                {ATTENTION_LABEL[i.kind]}
              </StatusIndicator>
            ),
          },
          {
            id: 'when',
            header: 'Cut-off / waiting since',
            width: 230,
            cell: (i) =>
              i.deadline ? (
                <strong>{countdownText(i.deadline, now)}</strong>
              ) : (
                new Date(i.since).toLocaleString()
              ),
          },
          { id: 'what', header: 'Trade or ACK', cell: (i) => <ItemLink item={i} /> },
          {
            id: 'status',
            header: 'Status',
            width: 170,
            cell: (i) => i.trade?.status ?? i.ack?.status ?? '—',
          },
          {
            id: 'also',
            header: 'Also',
            width: 200,
            cell: (i) => i.alsoKinds.map((k) => ATTENTION_LABEL[k]).join(', '),
          },
        ]}
        empty={<Box textAlign="center">Nothing needs attention now.</Box>}
      />
    </>
  );
}

function ItemLink({ item }: { item: AttentionItem }) {
  if (item.tradeId) return <Link href={href(`/trades/${item.tradeId}`)}>{item.title}</Link>;
  return <span>{item.title}</span>;
}

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
