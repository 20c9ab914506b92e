import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import Textarea from '@cloudscape-design/components/textarea';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { batchesApi } from '../api/endpoints';
import type { Batch, Me } from '../api/types';
import { ApiErrorAlert } from '../components/api-error-alert';
import { BatchErrorsTable } from '../components/batch-errors-table';
import { RefusalAlert } from '../components/refusal-alert';
import { BatchStatusBadge } from '../components/status-badge';
import { decisionAvailability, decisionHint } from '../lib/approval-rules';
import { href } from '../lib/router';
import { formatBytes } from '../lib/upload';

export function BatchPage({ batchId, me }: { batchId: string; me: Me | undefined }) {
  const batch = useQuery({
    queryKey: ['batch', batchId],
    queryFn: () => batchesApi.get(batchId),
    refetchInterval: (q) => (q.state.data?.status === 'VALIDATING' ? 1000 : false),
  });
  if (batch.isPending) return <Spinner size="large" />;
  if (batch.isError) return <ApiErrorAlert error={batch.error} header="Batch not available" />;
  return <BatchView batch={batch.data} me={me} />;
}

// After release: only the stages some trade is in, so the row errors stay in view at 1280×720.
const LIFECYCLE: Array<[keyof Batch['counts'], string]> = [
  ['released', 'Released'],
  ['dispatched', 'Dispatched'],
  ['acknowledged', 'Acknowledged'],
  ['confirmed', 'Confirmed'],
  ['nacked', 'Rejected by TA'],
  ['outcomeUnknown', 'Outcome unknown'],
  ['deadLettered', 'Dead-lettered'],
  ['cancelled', 'Cancelled'],
];

export function BatchView({ batch, me }: { batch: Batch; me: Me | undefined }) {
  if (batch.status === 'FAILED') return <FailedBatchView batch={batch} />;
  const c = batch.counts;
  return (
    <SpaceBetween size="l">
      <Header
        variant="h1"
        description={`${formatBytes(batch.sizeBytes)} · uploaded by ${batch.uploadedBy} at ${new Date(batch.uploadedAt).toLocaleString()}`}
        actions={
          <Button href={href('/trades', { batchId: batch.id })} variant="normal">
            Trades of this batch
          </Button>
        }
      >
        Batch {batch.fileName}
      </Header>
      <Container header={<Header variant="h2">Status</Header>}>
        <SpaceBetween size="m">
          <BatchStatusBadge status={batch.status} />
          <ColumnLayout columns={4} variant="text-grid">
            <Count label="Rows" value={c.total} />
            <Count label="Valid" value={c.valid} />
            <Count label="With errors" value={c.invalid} />
            <Count label="Possible duplicates" value={c.possibleDuplicates} />
            {LIFECYCLE.filter(([key]) => c[key] > 0).map(([key, label]) => (
              <Count key={key} label={label} value={c[key]} />
            ))}
          </ColumnLayout>
          <Decided batch={batch} />
        </SpaceBetween>
      </Container>
      <Decision batch={batch} me={me} />
      <BatchErrorsTable batchId={batch.id} />
    </SpaceBetween>
  );
}

/** A file refused as a whole: no trades, only why it was refused and how to fix it, as the upload said. */
function FailedBatchView({ batch }: { batch: Batch }) {
  return (
    <SpaceBetween size="l">
      <Header
        variant="h1"
        description={`${formatBytes(batch.sizeBytes)} read · uploaded by ${batch.uploadedBy} at ${new Date(batch.uploadedAt).toLocaleString()}`}
        actions={
          <Button href={href('/upload')} variant="primary">
            Upload a corrected file
          </Button>
        }
      >
        Batch {batch.fileName}
      </Header>
      <Container header={<Header variant="h2">Status</Header>}>
        <SpaceBetween size="m">
          <BatchStatusBadge status={batch.status} />
          <Box>The whole file was refused: no trade was recorded and nothing was sent.</Box>
          {batch.failure && <RefusalAlert error={batch.failure} />}
        </SpaceBetween>
      </Container>
    </SpaceBetween>
  );
}

function Count({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <Box variant="awsui-key-label">{label}</Box>
      <Box variant="h3" tagOverride="p">
        {value}
      </Box>
    </div>
  );
}

function Decided({ batch }: { batch: Batch }) {
  const items = [];
  if (batch.approvedBy)
    items.push({
      label: 'Approved by',
      value: `${batch.approvedBy} at ${new Date(batch.approvedAt ?? '').toLocaleString()}`,
    });
  if (batch.rejectedBy)
    items.push({
      label: 'Rejected by',
      value: `${batch.rejectedBy} at ${new Date(batch.rejectedAt ?? '').toLocaleString()}`,
    });
  if (batch.decisionComment) items.push({ label: 'Comment', value: batch.decisionComment });
  return items.length ? <KeyValuePairs columns={2} items={items} /> : null;
}

/** Approve/reject for a second person; absent for the uploader and for non-approvers. */
function Decision({ batch, me }: { batch: Batch; me: Me | undefined }) {
  const client = useQueryClient();
  const [comment, setComment] = useState('');
  const decide = useMutation({
    mutationFn: (decision: 'approve' | 'reject') =>
      decision === 'approve' ? batchesApi.approve(batch.id, comment) : batchesApi.reject(batch.id, comment),
    onSuccess: (updated) => {
      client.setQueryData(['batch', batch.id], updated);
      void client.invalidateQueries({ queryKey: ['trades'] });
    },
  });
  const availability = decisionAvailability(me ?? undefined, batch);
  const hint = decisionHint(availability);
  if (batch.status !== 'AWAITING_APPROVAL') return null;
  return (
    <Container header={<Header variant="h2">Four-eyes decision</Header>}>
      <SpaceBetween size="m">
        {availability.show ? (
          <>
            <FormField
              label="Decision comment"
              description="Optional; kept with the decision in the audit log."
            >
              <Textarea value={comment} onChange={({ detail }) => setComment(detail.value)} />
            </FormField>
            <SpaceBetween direction="horizontal" size="xs">
              <Button
                variant="primary"
                loading={decide.isPending && decide.variables === 'approve'}
                onClick={() => decide.mutate('approve')}
              >
                Approve and release
              </Button>
              <Button
                loading={decide.isPending && decide.variables === 'reject'}
                onClick={() => decide.mutate('reject')}
              >
                Reject
              </Button>
            </SpaceBetween>
          </>
        ) : (
          <Box>{hint ?? 'Waiting for an approver.'}</Box>
        )}
        <ApiErrorAlert error={decide.error} />
        {batch.counts.possibleDuplicates > 0 && (
          <Box color="text-status-warning">
            {batch.counts.possibleDuplicates} possible duplicate(s): check the rows marked below before
            approving. <Link href={href('/trades', { batchId: batch.id })}>See the trades</Link>
          </Box>
        )}
      </SpaceBetween>
    </Container>
  );
}
