import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import DatePicker from '@cloudscape-design/components/date-picker';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import { reportsApi } from '../api/endpoints';

const today = () => new Date().toISOString().slice(0, 10);

/** The hand-back report: every contingency trade uploaded in [from, to) and its final state. */
export function ReportsPage() {
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState('');
  const picker = {
    openCalendarAriaLabel: (d: string | null) => `Choose date${d ? `, selected ${d}` : ''}`,
    placeholder: 'YYYY/MM/DD',
  };
  return (
    <SpaceBetween size="l">
      <Header
        variant="h1"
        description="For Mosaic after the outage: what was traded on the contingency path."
      >
        Hand-back report
      </Header>
      <Container>
        <SpaceBetween size="m" direction="horizontal">
          <FormField label="From (uploads on or after, 00:00 UTC)">
            <DatePicker value={from} onChange={({ detail }) => setFrom(detail.value)} {...picker} />
          </FormField>
          <FormField label="To (before, 00:00 UTC; empty = now)">
            <DatePicker value={to} onChange={({ detail }) => setTo(detail.value)} {...picker} />
          </FormField>
          <FormField label="Download">
            <SpaceBetween size="xs" direction="horizontal">
              <Button
                variant="primary"
                iconName="download"
                href={reportsApi.handbackUrl(from, to || undefined, 'csv')}
                download
                disabled={!from}
              >
                CSV
              </Button>
              <Button
                iconName="download"
                href={reportsApi.handbackUrl(from, to || undefined, 'json')}
                download
                disabled={!from}
              >
                JSON
              </Button>
            </SpaceBetween>
          </FormField>
        </SpaceBetween>
      </Container>
    </SpaceBetween>
  );
}
