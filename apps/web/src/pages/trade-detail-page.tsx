import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import Link from '@cloudscape-design/components/link';
import Modal from '@cloudscape-design/components/modal';
import RadioGroup from '@cloudscape-design/components/radio-group';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import Table from '@cloudscape-design/components/table';
import Textarea from '@cloudscape-design/components/textarea';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { tradesApi } from '../api/endpoints';
import type { Me, TradeDetail, TradeHistoryItem } from '../api/types';
import { ApiErrorAlert } from '../components/api-error-alert';
import { TradeStatusBadge } from '../components/status-badge';
import { href } from '../lib/router';
import { allowedTradeActions, type TradeAction } from '../lib/trade-actions';

export function TradeDetailPage({ tradeId, me }: { tradeId: string; me: Me | undefined }) {
  const trade = useQuery({ queryKey: ['trade', tradeId], queryFn: () => tradesApi.get(tradeId) });
  if (trade.isPending) return <Spinner size="large" />;
  if (trade.isError) return <ApiErrorAlert error={trade.error} header="Trade not available" />;
  return <TradeDetailView trade={trade.data} me={me} />;
}

function TradeDetailView({ trade, me }: { trade: TradeDetail; me: Me | undefined }) {
  const [action, setAction] = useState<TradeAction | null>(null);
  const actions = allowedTradeActions(me, trade.status);
  return (
    <SpaceBetween size="l">
      <Header
        variant="h1"
        description={<Link href={href(`/batches/${trade.batchId}`)}>Batch {trade.batchId}</Link>}
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            {actions.includes('cancel') && <Button onClick={() => setAction('cancel')}>Cancel trade</Button>}
            {actions.includes('replay') && <Button onClick={() => setAction('replay')}>Replay</Button>}
            {actions.includes('resolve') && (
              <Button variant="primary" onClick={() => setAction('resolve')}>
                Resolve outcome
              </Button>
            )}
          </SpaceBetween>
        }
      >
        Trade {trade.clientRef}
      </Header>
      <Container header={<Header variant="h2">Order</Header>}>
        <KeyValuePairs
          columns={4}
          items={[
            { label: 'Status', value: <TradeStatusBadge status={trade.status} /> },
            { label: 'Route', value: trade.route ?? '—' },
            { label: 'Order ref', value: trade.orderRef ?? '—' },
            { label: 'Type', value: trade.orderType ?? '—' },
            { label: 'Fund', value: trade.fundIsin ?? '—' },
            { label: 'Account', value: trade.accountId },
            { label: 'Amount', value: trade.amount ? `${trade.amount} ${trade.currency ?? ''}` : '—' },
            { label: 'Units', value: trade.units ?? '—' },
            { label: 'Trade date', value: trade.tradeDate ?? '—' },
            { label: 'Settlement date', value: trade.settlementDate ?? '—' },
            { label: 'Row in file', value: String(trade.row) },
            { label: 'Possible duplicate', value: trade.possibleDuplicate ? 'Yes' : 'No' },
          ]}
        />
      </Container>
      <Table
        variant="container"
        header={<Header variant="h2">Timeline</Header>}
        ariaLabels={{ tableLabel: 'Trade timeline' }}
        items={trade.history}
        trackBy={(h) => `${h.at}:${h.event}:${h.to ?? ''}`}
        columnDefinitions={[
          {
            id: 'at',
            header: 'When',
            width: 200,
            cell: (h: TradeHistoryItem) => new Date(h.at).toLocaleString(),
          },
          { id: 'event', header: 'Event', width: 200, cell: (h) => h.event },
          {
            id: 'to',
            header: 'Status',
            width: 200,
            cell: (h) => (h.to ? <TradeStatusBadge status={h.to} /> : '—'),
          },
          { id: 'actor', header: 'By', width: 160, cell: (h) => h.actor },
          { id: 'reason', header: 'Reason', cell: (h) => h.reason ?? '' },
        ]}
        empty={<Box textAlign="center">No history.</Box>}
      />
      {action && <ActionModal action={action} trade={trade} onClose={() => setAction(null)} />}
    </SpaceBetween>
  );
}

const TITLES: Record<TradeAction, string> = {
  cancel: 'Cancel this trade',
  replay: 'Send this order again',
  resolve: 'Resolve the unknown outcome',
};

function ActionModal({
  action,
  trade,
  onClose,
}: {
  action: TradeAction;
  trade: TradeDetail;
  onClose: () => void;
}) {
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<'RECEIVED' | 'NOT_RECEIVED'>('RECEIVED');
  const run = useMutation({
    mutationFn: () => {
      switch (action) {
        case 'cancel':
          return tradesApi.cancel(trade.id, reason);
        case 'replay':
          return tradesApi.replay(trade.id);
        case 'resolve':
          return tradesApi.resolve(trade.id, outcome, reason);
      }
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['trade', trade.id] });
      void client.invalidateQueries({ queryKey: ['trades'] });
      onClose();
    },
  });
  return (
    <Modal
      visible
      onDismiss={onClose}
      header={TITLES[action]}
      closeAriaLabel="Close"
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onClose}>
              Back
            </Button>
            <Button
              variant="primary"
              loading={run.isPending}
              disabled={action === 'resolve' && reason.trim() === ''}
              onClick={() => run.mutate()}
            >
              Confirm
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <SpaceBetween size="m">
        {action === 'resolve' && (
          <FormField label="What the destination says">
            <RadioGroup
              value={outcome}
              onChange={({ detail }) => setOutcome(detail.value as typeof outcome)}
              items={[
                {
                  value: 'RECEIVED',
                  label: 'It has the order',
                  description: 'The trade becomes DISPATCHED; its ACKs follow.',
                },
                {
                  value: 'NOT_RECEIVED',
                  label: 'It does not have it',
                  description: 'The order is sent again on its route.',
                },
              ]}
            />
          </FormField>
        )}
        {action !== 'replay' && (
          <FormField
            label="Reason"
            description={
              action === 'resolve' ? 'Required: how you know (who at the TA confirmed what).' : 'Optional.'
            }
          >
            <Textarea value={reason} onChange={({ detail }) => setReason(detail.value)} />
          </FormField>
        )}
        {action === 'replay' && <Box>The order goes to its route again with the same order reference.</Box>}
        <ApiErrorAlert error={run.error} />
      </SpaceBetween>
    </Modal>
  );
}
