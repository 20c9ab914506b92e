import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Table from '@cloudscape-design/components/table';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { reportsApi } from '../api/endpoints';
import type { AuditEntry } from '../api/types';
import { ApiErrorAlert } from '../components/api-error-alert';

const FILTERS = [
  ['actor', 'Actor'],
  ['action', 'Action'],
  ['targetType', 'Target type'],
  ['targetId', 'Target id'],
  ['outcome', 'Outcome'],
] as const;

export function AuditPage() {
  const [draft, setDraft] = useState<Record<string, string | undefined>>({});
  const [filters, setFilters] = useState<Record<string, string | undefined>>({});
  const audit = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) => reportsApi.audit(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = audit.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Table
      variant="full-page"
      items={items}
      trackBy="id"
      loading={audit.isPending}
      ariaLabels={{ tableLabel: 'Audit log' }}
      header={
        <Header variant="awsui-h1-sticky" description="Newest first">
          Audit log
        </Header>
      }
      filter={
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setFilters(draft);
          }}
        >
          <ColumnLayout columns={3} minColumnWidth={150}>
            {FILTERS.map(([key, label]) => (
              <FormField key={key} label={label}>
                <Input
                  value={draft[key] ?? ''}
                  onChange={({ detail }) => setDraft((d) => ({ ...d, [key]: detail.value || undefined }))}
                />
              </FormField>
            ))}
            <FormField label="Apply">
              <Button formAction="submit">Filter</Button>
            </FormField>
          </ColumnLayout>
        </form>
      }
      columnDefinitions={[
        { id: 'at', header: 'When', width: 190, cell: (e: AuditEntry) => new Date(e.at).toLocaleString() },
        { id: 'actor', header: 'Actor', width: 170, cell: (e) => e.actor },
        { id: 'action', header: 'Action', width: 190, cell: (e) => e.action },
        { id: 'outcome', header: 'Outcome', width: 110, cell: (e) => e.outcome },
        { id: 'target', header: 'Target', cell: (e) => [e.targetType, e.targetId].filter(Boolean).join(' ') },
        { id: 'ip', header: 'From', width: 130, cell: (e) => e.sourceIp ?? '' },
      ]}
      footer={
        audit.hasNextPage ? (
          <Box textAlign="center">
            <Button onClick={() => void audit.fetchNextPage()}>Load more</Button>
          </Box>
        ) : undefined
      }
      empty={
        audit.isError ? <ApiErrorAlert error={audit.error} /> : <Box textAlign="center">No entries.</Box>
      }
    />
  );
}
