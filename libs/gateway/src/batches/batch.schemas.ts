import { z } from 'zod';
import { BATCH_STATUSES, BatchStatus, RowError, Uuid, type TradeStatus } from '@contingency/contracts';

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
  sha256: z
    .string()
    .nullable()
    .describe(
      'SHA-256 of the uploaded bytes (hex); null for a FAILED batch refused before the whole file was read',
    ),
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
  failure: z
    .object({ code: z.string(), message: z.string() })
    .nullable()
    .describe('why a FAILED batch was refused: the code and message the upload was answered with'),
});
export type BatchView = z.infer<typeof BatchView>;

export const DEFAULT_BATCH_PAGE_SIZE = 50;
export const MAX_BATCH_PAGE_SIZE = 200;

const Instant = (name: string) =>
  z.iso
    .datetime({ offset: true, error: `${name} must be an ISO 8601 date-time, e.g. 2026-12-04T09:00:00Z` })
    .transform((text) => new Date(text))
    .describe('ISO 8601 date-time with Z or an offset');

/** GET /batches query parameters: validated here and documented in OpenAPI from the same schema. */
export const BatchListQuery = z
  .strictObject({
    status: z
      .string()
      .trim()
      .toUpperCase()
      .pipe(z.enum(BATCH_STATUSES, { error: `status must be one of ${BATCH_STATUSES.join(', ')}` }))
      .optional()
      .describe(BATCH_STATUSES.join(', ')),
    uploadedBy: z
      .string()
      .trim()
      .min(1, { error: 'uploadedBy must not be empty: omit it to list all' })
      .max(200, { error: 'uploadedBy is at most 200 characters' })
      .optional()
      .describe('the uploader (principal), exactly'),
    from: Instant('from').optional().describe('uploaded at or after this instant'),
    to: Instant('to').optional().describe('uploaded before this instant'),
    limit: z.coerce
      .number({ error: `limit must be a whole number from 1 to ${MAX_BATCH_PAGE_SIZE}` })
      .int({ error: `limit must be a whole number from 1 to ${MAX_BATCH_PAGE_SIZE}` })
      .min(1, { error: 'limit must be at least 1' })
      .max(MAX_BATCH_PAGE_SIZE, {
        error: `limit must be at most ${MAX_BATCH_PAGE_SIZE}: follow nextCursor for more`,
      })
      .default(DEFAULT_BATCH_PAGE_SIZE),
    cursor: z.string().max(200).optional().describe('nextCursor of the previous page, unchanged'),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { error: 'from must be before to', path: ['from'] });
export type BatchListQuery = z.infer<typeof BatchListQuery>;

export const BatchPage = z.object({
  items: z.array(BatchView).describe('newest first'),
  nextCursor: z.string().optional().describe('absent on the last page'),
});
export type BatchPage = z.infer<typeof BatchPage>;

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
