import { z } from 'zod';

// What the CLI reads from the API: only the fields it shows, the rest passes through (for --json).

export const RowErrorAnswer = z.looseObject({
  row: z.number(),
  column: z.string(),
  code: z.string(),
  message: z.string(),
  severity: z.string().optional(),
});
export type RowErrorAnswer = z.infer<typeof RowErrorAnswer>;

export const BatchAnswer = z.looseObject({
  id: z.string(),
  fileName: z.string().optional(),
  sha256: z.string().optional(),
  sizeBytes: z.number().optional(),
  status: z.string(),
  counts: z.record(z.string(), z.number()).optional(),
  uploadedBy: z.string().optional(),
  uploadedAt: z.string().optional(),
  approvedBy: z.string().nullish(),
  approvedAt: z.string().nullish(),
  rejectedBy: z.string().nullish(),
  rejectedAt: z.string().nullish(),
  decisionComment: z.string().nullish(),
  failure: z.looseObject({ code: z.string(), message: z.string() }).nullish(),
});
export type BatchAnswer = z.infer<typeof BatchAnswer>;

export const UploadAnswer = z.looseObject({ id: z.string(), status: z.string() });

export const FundAnswer = z.looseObject({
  isin: z.string(),
  name: z.string(),
  provider: z.string(),
  currency: z.string(),
  cutoffTime: z.string(),
  timezone: z.string(),
  primaryRoute: z.string(),
  alternateRoute: z.string().nullable(),
  status: z.string(),
});
export type FundAnswer = z.infer<typeof FundAnswer>;

export const FundListAnswer = z.looseObject({ items: z.array(FundAnswer) });
export const FundsReplacedAnswer = z.looseObject({ count: z.number() });

export const CreatedKeyAnswer = z.looseObject({
  key: z.string(),
  id: z.string().optional(),
  name: z.string().optional(),
  principal: z.string().optional(),
  roles: z.array(z.string()).optional(),
});
