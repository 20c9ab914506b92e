import { BATCH_STATUSES } from '@contingency/contracts';
import type { BatchFilters } from '../api/endpoints';
import type { Batch, BatchStatus, Page } from '../api/types';

/** The list's filters from the location (#/batches?status=…): an unknown status is no filter. */
export function batchFiltersFrom(params: URLSearchParams): BatchFilters {
  const filters: BatchFilters = {};
  const status = params.get('status')?.trim().toUpperCase();
  if (status && (BATCH_STATUSES as readonly string[]).includes(status))
    filters.status = status as BatchStatus;
  const uploadedBy = params.get('uploadedBy')?.trim();
  if (uploadedBy) filters.uploadedBy = uploadedBy;
  return filters;
}

/** Every loaded page in order, a batch shown once even if it moved between two page loads. */
export function batchesOf(pages: ReadonlyArray<Page<Batch>> | undefined): Batch[] {
  const byId = new Map<string, Batch>();
  for (const batch of (pages ?? []).flatMap((p) => p.items))
    if (!byId.has(batch.id)) byId.set(batch.id, batch);
  return [...byId.values()];
}

/** One line of counts for the list: what an operator or approver looks for first. */
export function countsSummary(batch: Batch): string {
  if (batch.status === 'FAILED') return batch.failure ? `Refused: ${batch.failure.code}` : 'Refused';
  const c = batch.counts;
  const parts = [`${c.total} ${c.total === 1 ? 'row' : 'rows'}`];
  if (c.received > 0) parts.push(`${c.received} validating`);
  if (c.valid > 0) parts.push(`${c.valid} valid`);
  if (c.invalid > 0) parts.push(`${c.invalid} with errors`);
  const sent = c.released + c.dispatched + c.acknowledged + c.confirmed;
  if (sent > 0) parts.push(`${sent} released`);
  const attention = c.nacked + c.outcomeUnknown + c.deadLettered;
  if (attention > 0) parts.push(`${attention} need attention`);
  if (c.cancelled > 0) parts.push(`${c.cancelled} cancelled`);
  if (c.possibleDuplicates > 0) parts.push(`${c.possibleDuplicates} possible duplicates`);
  return parts.join(' · ');
}
