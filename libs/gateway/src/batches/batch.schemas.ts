import { z } from 'zod';
import { BatchStatus, RowError, Uuid, type TradeStatus } from '@contingency/contracts';

// The batch routes' request and response shapes: they validate and they document (OpenAPI).

/** The JSON name of each trade status in a batch's counts. */
export const COUNT_KEYS = {
  RECEIVED: 'received',
  VALID: 'valid',
  INVALID: 'invalid',
  RELEASED: 'released',
  DISPATCHED: 'dispatched',
  ACKNOWLEDGED: 'acknowledged',
  CONFIRMED: 'confirmed',
  NACKED: 'nacked',
  OUTCOME_UNKNOWN: 'outcomeUnknown',
  DEAD_LETTERED: 'deadLettered',
  CANCELLED: 'cancelled',
} as const satisfies Record<TradeStatus, string>;

const count = z.number().int().nonnegative();

export const BatchCounts = z.object({
  total: count.describe('data rows in the file'),
  received: count,
  valid: count,
  invalid: count,
  released: count,
  dispatched: count,
  acknowledged: count,
  confirmed: count,
  nacked: count,
  outcomeUnknown: count,
  deadLettered: count,
  cancelled: count,
  possibleDuplicates: count.describe('trades flagged as possible duplicates for the approver'),
});
export type BatchCounts = z.infer<typeof BatchCounts>;

const at = z.iso.datetime({ offset: true });

export const BatchView = z.object({
  id: Uuid,
  fileName: z.string().describe('as uploaded, for display'),
  sha256: z.string().describe('SHA-256 of the uploaded bytes (hex)'),
  sizeBytes: z.number().int().nonnegative(),
  status: BatchStatus,
  counts: BatchCounts,
  uploadedBy: z.string(),
  uploadedAt: at,
  approvedBy: z.string().nullable(),
  approvedAt: at.nullable(),
  rejectedBy: z.string().nullable(),
  rejectedAt: at.nullable(),
  decisionComment: z.string().nullable(),
  failure: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type BatchView = z.infer<typeof BatchView>;

export const UploadAcceptedView = z.object({ id: Uuid, status: BatchStatus });

export const UploadForm = z.object({
  file: z.file().describe('the trade file v1: CSV (UTF-8) or XLSX (first sheet)'),
});

export const RowErrorView = RowError.extend({
  severity: z
    .enum(['error', 'warning'])
    .describe('error: the row is invalid; warning: valid, but the approver should look (POSSIBLE_DUPLICATE)'),
});
export type RowErrorView = z.infer<typeof RowErrorView>;

export const RowErrorList = z.array(RowErrorView);

export const ErrorsQuery = z.object({
  format: z.enum(['json', 'csv']).default('json').describe('csv: a download with formula cells neutralised'),
});
export type ErrorsQuery = z.infer<typeof ErrorsQuery>;

export const DecisionBody = z.object({ comment: z.string().trim().max(1000).optional() });
export type DecisionBody = z.infer<typeof DecisionBody>;

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string().describe('what is wrong, where, and how to fix it'),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
