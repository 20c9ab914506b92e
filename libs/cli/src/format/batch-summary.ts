import type { BatchAnswer } from '../api-schemas';
import { textTable } from './text-table';

/** A batch for people: what, who, when, and its trades counted by status. */
export function formatBatch(batch: BatchAnswer): string {
  const lines: string[][] = [
    ['Batch', batch.id],
    ['Status', batch.status],
  ];
  if (batch.fileName !== undefined) lines.push(['File', fileLine(batch)]);
  if (batch.counts) lines.push(['Rows', countsLine(batch.counts)]);
  if (batch.uploadedBy) lines.push(['Uploaded', byLine(batch.uploadedBy, batch.uploadedAt)]);
  if (batch.approvedBy) lines.push(['Approved', byLine(batch.approvedBy, batch.approvedAt)]);
  if (batch.rejectedBy) lines.push(['Rejected', byLine(batch.rejectedBy, batch.rejectedAt)]);
  if (batch.decisionComment) lines.push(['Comment', batch.decisionComment]);
  if (batch.failure) lines.push(['Failure', `${batch.failure.code}: ${batch.failure.message}`]);
  return textTable(lines);
}

/** "5000 rows: 4990 valid, 10 invalid, 3 possible duplicates" (statuses with no trade left out). */
export function countsLine(counts: Readonly<Record<string, number>>): string {
  const { total, possibleDuplicates, ...byStatus } = counts;
  const parts = Object.entries(byStatus)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${words(status)}`);
  if (possibleDuplicates)
    parts.push(`${possibleDuplicates} possible duplicate${possibleDuplicates === 1 ? '' : 's'}`);
  const head = total === undefined ? '' : `${total} row${total === 1 ? '' : 's'}`;
  return [head, parts.join(', ')].filter(Boolean).join(': ');
}

/** How far validation got: every trade no longer RECEIVED has been judged. */
export function validatedOf(counts: Readonly<Record<string, number>> | undefined): {
  done: number;
  total: number;
} {
  const total = counts?.total ?? 0;
  const done =
    counts?.received !== undefined ? total - counts.received : (counts?.valid ?? 0) + (counts?.invalid ?? 0);
  return { done, total };
}

function fileLine(batch: BatchAnswer): string {
  const facts = [
    batch.sizeBytes !== undefined ? bytes(batch.sizeBytes) : undefined,
    batch.sha256 ? `sha256 ${batch.sha256.slice(0, 12)}…` : undefined,
  ].filter(Boolean);
  return facts.length > 0 ? `${batch.fileName} (${facts.join(', ')})` : (batch.fileName ?? '');
}

function byLine(who: string, at: string | null | undefined): string {
  return at ? `${at} by ${who}` : `by ${who}`;
}

// outcomeUnknown → "outcome unknown"
function words(key: string): string {
  return key.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
