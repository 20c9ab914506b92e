import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Link from '@cloudscape-design/components/link';
import Select, { type SelectProps } from '@cloudscape-design/components/select';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table, { type TableProps } from '@cloudscape-design/components/table';
import { TRADE_STATUSES } from '@contingency/contracts';
import { useState } from 'react';
import type { TradeFilters } from '../api/endpoints';
import type { Trade } from '../api/types';
import { ApiErrorAlert } from '../components/api-error-alert';
import { TradeStatusBadge } from '../components/status-badge';
import { useTradeEvents } from '../hooks/trade-events';
import { useTrades } from '../hooks/use-trades';
import { href, navigate } from '../lib/router';

// Fixed widths: a status that changes live never moves the other columns.
export const TRADE_COLUMNS: TableProps.ColumnDefinition<Trade>[] = [
  {
    id: 'clientRef',
    header: 'Client ref',
    width: 170,
    cell: (t) => <Link href={href(`/trades/${t.id}`)}>{t.clientRef}</Link>,
  },
  { id: 'status', header: 'Status', width: 190, cell: (t) => <TradeStatusBadge status={t.status} /> },
  { id: 'route', header: 'Route', width: 110, cell: (t) => t.route ?? '—' },
  { id: 'orderType', header: 'Type', width: 140, cell: (t) => t.orderType ?? '—' },
  { id: 'fundIsin', header: 'Fund', width: 140, cell: (t) => t.fundIsin ?? '—' },
  { id: 'accountId', header: 'Account', width: 150, cell: (t) => t.accountId },
  {
    id: 'quantity',
    header: 'Amount / units',
    width: 170,
    cell: (t) => (t.amount ? `${t.amount} ${t.currency ?? ''}` : t.units ? `${t.units} units` : '—'),
  },
  { id: 'tradeDate', header: 'Trade date', width: 120, cell: (t) => t.tradeDate ?? '—' },
  {
    id: 'flags',
    header: 'Flags',
    width: 170,
    cell: (t) =>
      t.possibleDuplicate ? <StatusIndicator type="warning">Possible duplicate</StatusIndicator> : '',
  },
];

const ANY: SelectProps.Option = { label: 'Any', value: '' };
const STATUS_OPTIONS = [ANY, ...TRADE_STATUSES.map((s) => ({ label: s, value: s }))];
const ROUTE_OPTIONS = [ANY, { label: 'CASIE', value: 'CASIE' }, { label: 'CALASTONE', value: 'CALASTONE' }];
const TEXT_FILTERS = [
  ['batchId', 'Batch id'],
  ['fundIsin', 'Fund ISIN'],
  ['accountId', 'Account'],
  ['clientRef', 'Client ref'],
] as const;

export function TradesPage({ params }: { params: URLSearchParams }) {
  const filters: TradeFilters = {};
  for (const key of ['batchId', 'status', 'route', 'fundIsin', 'accountId', 'clientRef'] as const) {
    const v = params.get(key);
    if (v) filters[key] = v;
  }
  return <TradesView key={JSON.stringify(filters)} filters={filters} />;
}

function TradesView({ filters }: { filters: TradeFilters }) {
  const [draft, setDraft] = useState<TradeFilters>(filters);
  const trades = useTrades(filters);
  const { connected } = useTradeEvents();
  const items = trades.data?.pages.flatMap((p) => p.items) ?? [];
  const set = (key: keyof TradeFilters, value: string) =>
    setDraft((d) => ({ ...d, [key]: value || undefined }));
  const apply = () => navigate('/trades', { ...draft });

  return (
    <Table
      variant="full-page"
      items={items}
      columnDefinitions={TRADE_COLUMNS}
      trackBy="id"
      loading={trades.isPending}
      loadingText="Loading trades"
      resizableColumns
      wrapLines={false}
      ariaLabels={{ tableLabel: 'Trades' }}
      header={
        <Header
          variant="awsui-h1-sticky"
          counter={`(${items.length}${trades.hasNextPage ? '+' : ''})`}
          description={
            <StatusIndicator type={connected ? 'success' : 'pending'}>
              {connected ? 'Live' : 'Connecting to live updates'}
            </StatusIndicator>
          }
        >
          Trades
        </Header>
      }
      filter={
        <form
          onSubmit={(e) => {
            e.preventDefault();
            apply();
          }}
        >
          <ColumnLayout columns={4} minColumnWidth={150}>
            <FormField label="Status">
              <Select
                selectedOption={STATUS_OPTIONS.find((o) => o.value === (draft.status ?? '')) ?? ANY}
                options={STATUS_OPTIONS}
                onChange={({ detail }) => set('status', detail.selectedOption.value ?? '')}
              />
            </FormField>
            <FormField label="Route">
              <Select
                selectedOption={ROUTE_OPTIONS.find((o) => o.value === (draft.route ?? '')) ?? ANY}
                options={ROUTE_OPTIONS}
                onChange={({ detail }) => set('route', detail.selectedOption.value ?? '')}
              />
            </FormField>
            {TEXT_FILTERS.map(([key, label]) => (
              <FormField key={key} label={label}>
                <Input value={draft[key] ?? ''} onChange={({ detail }) => set(key, detail.value)} />
              </FormField>
            ))}
            <FormField label="Apply">
              <Button formAction="submit" variant="primary">
                Filter
              </Button>
            </FormField>
          </ColumnLayout>
        </form>
      }
      footer={
        trades.hasNextPage ? (
          <Box textAlign="center">
            <Button loading={trades.isFetchingNextPage} onClick={() => void trades.fetchNextPage()}>
              Load more
            </Button>
          </Box>
        ) : undefined
      }
      empty={
        trades.isError ? (
          <ApiErrorAlert error={trades.error} />
        ) : (
          <Box textAlign="center">No trades match these filters.</Box>
        )
      }
    />
  );
}
