import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import TextFilter from '@cloudscape-design/components/text-filter';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { reportsApi } from '../api/endpoints';
import type { Fund, Me } from '../api/types';
import { ApiErrorAlert } from '../components/api-error-alert';
import { filterAndSort } from '../lib/collection';

/** The fund master; admins replace it with a fund master CSV. */
export function FundsPage({ me }: { me: Me | undefined }) {
  const client = useQueryClient();
  const funds = useQuery({ queryKey: ['funds'], queryFn: () => reportsApi.funds() });
  const [text, setText] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const replace = useMutation({
    mutationFn: async (file: File) => reportsApi.replaceFunds(await file.text()),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['funds'] }),
  });
  const items = filterAndSort(funds.data?.items ?? [], {
    text,
    fields: ['isin', 'name', 'currency', 'primaryRoute'],
    sortBy: 'isin',
  });
  const isAdmin = !!me?.roles.includes('admin');
  return (
    <SpaceBetween size="m">
      <ApiErrorAlert error={funds.error ?? replace.error} />
      {replace.isSuccess && (
        <Box color="text-status-success">Fund master replaced: {replace.data.count} funds.</Box>
      )}
      <Table
        variant="full-page"
        items={items}
        trackBy="isin"
        loading={funds.isPending}
        ariaLabels={{ tableLabel: 'Fund master' }}
        header={
          <Header
            variant="awsui-h1-sticky"
            counter={`(${funds.data?.items.length ?? 0})`}
            actions={
              isAdmin && (
                <>
                  <input
                    ref={input}
                    type="file"
                    accept=".csv,text/csv"
                    hidden
                    aria-label="Fund master CSV"
                    onChange={(e) => {
                      const file = e.target.files?.[0];
                      if (file) replace.mutate(file);
                      e.target.value = '';
                    }}
                  />
                  <Button
                    iconName="upload"
                    loading={replace.isPending}
                    onClick={() => input.current?.click()}
                  >
                    Replace from CSV
                  </Button>
                </>
              )
            }
          >
            Fund master
          </Header>
        }
        filter={
          <TextFilter
            filteringText={text}
            filteringAriaLabel="Filter funds"
            filteringPlaceholder="Find a fund"
            onChange={({ detail }) => setText(detail.filteringText)}
          />
        }
        columnDefinitions={[
          { id: 'isin', header: 'ISIN', cell: (f: Fund) => f.isin, width: 150 },
          { id: 'name', header: 'Name', cell: (f) => f.name },
          { id: 'provider', header: 'Provider', cell: (f) => f.provider, width: 110 },
          { id: 'currency', header: 'Ccy', cell: (f) => f.currency, width: 80 },
          { id: 'cutoff', header: 'Cut-off', cell: (f) => `${f.cutoffTime} ${f.timezone}`, width: 200 },
          {
            id: 'route',
            header: 'Route',
            cell: (f) => f.primaryRoute + (f.alternateRoute ? ` → ${f.alternateRoute}` : ''),
            width: 190,
          },
          { id: 'status', header: 'Status', cell: (f) => f.status, width: 100 },
        ]}
        empty={<Box textAlign="center">No funds.</Box>}
      />
    </SpaceBetween>
  );
}
