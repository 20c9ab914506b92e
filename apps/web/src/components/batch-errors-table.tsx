import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table, { type TableProps } from '@cloudscape-design/components/table';
import TextFilter from '@cloudscape-design/components/text-filter';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { batchesApi } from '../api/endpoints';
import type { RowErrorView } from '../api/types';
import { filterAndSort } from '../lib/collection';
import { ApiErrorAlert } from './api-error-alert';

const COLUMNS: TableProps.ColumnDefinition<RowErrorView>[] = [
  { id: 'row', header: 'Row', cell: (e) => e.row, sortingField: 'row', width: 90 },
  { id: 'column', header: 'Column', cell: (e) => e.column, sortingField: 'column', width: 160 },
  {
    id: 'code',
    header: 'Code',
    sortingField: 'code',
    width: 240,
    cell: (e) => (
      <StatusIndicator type={e.severity === 'warning' ? 'warning' : 'error'}>{e.code}</StatusIndicator>
    ),
  },
  {
    id: 'message',
    header: 'What is wrong and how to fix it',
    cell: (e) => e.message,
    sortingField: 'message',
  },
];

export function BatchErrorsTable({ batchId }: { batchId: string }) {
  const errors = useQuery({
    queryKey: ['batch', batchId, 'errors'],
    queryFn: () => batchesApi.errors(batchId),
  });
  const [text, setText] = useState('');
  const [sorting, setSorting] = useState<TableProps.SortingColumn<RowErrorView>>({ sortingField: 'row' });
  const [descending, setDescending] = useState(false);
  const all = errors.data ?? [];
  const items = filterAndSort(all, {
    text,
    fields: ['row', 'column', 'code', 'message'],
    sortBy: sorting.sortingField as keyof RowErrorView,
    descending,
  });
  const duplicates = all.filter((e) => e.severity === 'warning').length;
  return (
    <>
      <ApiErrorAlert error={errors.error} />
      <Table
        variant="container"
        items={items}
        columnDefinitions={COLUMNS}
        loading={errors.isPending}
        loadingText="Loading errors"
        trackBy={(e) => `${e.row}:${e.column}:${e.code}`}
        sortingColumn={sorting}
        sortingDescending={descending}
        onSortingChange={({ detail }) => {
          setSorting(detail.sortingColumn);
          setDescending(detail.isDescending ?? false);
        }}
        ariaLabels={{ tableLabel: 'Row errors' }}
        header={
          <Header
            variant="h2"
            counter={`(${all.length})`}
            description={
              duplicates
                ? `${duplicates} possible duplicate(s) marked as warnings: valid, but check them.`
                : undefined
            }
            actions={
              <Button href={batchesApi.errorsCsvUrl(batchId)} iconName="download" download>
                Download CSV
              </Button>
            }
          >
            Row errors
          </Header>
        }
        filter={
          <TextFilter
            filteringText={text}
            filteringPlaceholder="Find by row, column, code or message"
            filteringAriaLabel="Filter row errors"
            countText={`${items.length} match(es)`}
            onChange={({ detail }) => setText(detail.filteringText)}
          />
        }
        empty={<Box textAlign="center">{errors.isPending ? '' : 'No row errors: every row is valid.'}</Box>}
      />
    </>
  );
}
