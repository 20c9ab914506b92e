import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Link from '@cloudscape-design/components/link';
import Select, { type SelectProps } from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table, { type TableProps } from '@cloudscape-design/components/table';
import { BATCH_STATUSES } from '@contingency/contracts';
import { useState } from 'react';
import type { BatchFilters } from '../api/endpoints';
import type { Batch } from '../api/types';
import { ApiErrorAlert } from '../components/api-error-alert';
import { BatchStatusBadge } from '../components/status-badge';
import { useBatches } from '../hooks/use-batches';
import { batchesOf, batchFiltersFrom, countsSummary } from '../lib/batch-list';
import { href, navigate } from '../lib/router';

export const BATCH_COLUMNS: TableProps.ColumnDefinition<Batch>[] = [
  {
    id: 'fileName',
    header: 'File',
    width: 220,
    cell: (b) => <Link href={href(`/batches/${b.id}`)}>{b.fileName}</Link>,
  },
  { id: 'status', header: 'Status', width: 180, cell: (b) => <BatchStatusBadge status={b.status} /> },
  { id: 'counts', header: 'Trades', width: 250, cell: countsSummary },
  { id: 'uploadedBy', header: 'Uploaded by', width: 140, cell: (b) => b.uploadedBy },
  {
    id: 'uploadedAt',
    header: 'Uploaded at',
    width: 170,
    cell: (b) => new Date(b.uploadedAt).toLocaleString(),
  },
];

const ANY: SelectProps.Option = { label: 'Any', value: '' };
const STATUS_OPTIONS = [ANY, ...BATCH_STATUSES.map((s) => ({ label: s, value: s }))];

export function BatchesPage({ params }: { params: URLSearchParams }) {
  const filters = batchFiltersFrom(params);
  return <BatchesView key={JSON.stringify(filters)} filters={filters} />;
}

export function BatchesView({ filters }: { filters: BatchFilters }) {
  const batches = useBatches(filters);
  const items = batchesOf(batches.data?.pages);
  return (
    <Table
      variant="full-page"
      items={items}
      columnDefinitions={BATCH_COLUMNS}
      trackBy="id"
      loading={batches.isPending}
      loadingText="Loading batches"
      resizableColumns
      wrapLines={false}
      ariaLabels={{ tableLabel: 'Batches' }}
      header={
        <Header
          variant="awsui-h1-sticky"
          counter={`(${items.length}${batches.hasNextPage ? '+' : ''})`}
          description="Newest first. A file refused as a whole is listed as FAILED, with the reason on its page."
          actions={
            <Button href={href('/upload')} variant="primary">
              Upload a file
            </Button>
          }
        >
          Batches
        </Header>
      }
      filter={<Filters filters={filters} />}
      footer={
        batches.hasNextPage ? (
          <Box textAlign="center">
            <Button loading={batches.isFetchingNextPage} onClick={() => void batches.fetchNextPage()}>
              Load more
            </Button>
          </Box>
        ) : undefined
      }
      empty={
        batches.isError ? (
          <ApiErrorAlert error={batches.error} />
        ) : (
          <Box textAlign="center">No batches match these filters.</Box>
        )
      }
    />
  );
}

function Filters({ filters }: { filters: BatchFilters }) {
  const [uploadedBy, setUploadedBy] = useState(filters.uploadedBy ?? '');
  const apply = (next: BatchFilters) =>
    navigate('/batches', { status: next.status, uploadedBy: next.uploadedBy?.trim() || undefined });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        apply({ ...filters, uploadedBy });
      }}
    >
      <SpaceBetween direction="horizontal" size="m" alignItems="end">
        <FormField label="Status">
          <Select
            selectedOption={STATUS_OPTIONS.find((o) => o.value === (filters.status ?? '')) ?? ANY}
            options={STATUS_OPTIONS}
            onChange={({ detail }) =>
              apply({
                ...filters,
                status: (detail.selectedOption.value || undefined) as BatchFilters['status'],
              })
            }
          />
        </FormField>
        <FormField label="Uploaded by">
          <Input value={uploadedBy} onChange={({ detail }) => setUploadedBy(detail.value)} />
        </FormField>
        <Button formAction="submit">Filter</Button>
      </SpaceBetween>
    </form>
  );
}
