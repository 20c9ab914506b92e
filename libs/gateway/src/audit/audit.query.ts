import { z } from 'zod';

export const DEFAULT_AUDIT_PAGE_SIZE = 100;
export const MAX_AUDIT_PAGE_SIZE = 500;

const AUDIT_OUTCOMES = ['SUCCESS', 'DENIED', 'FAILED'] as const;

const Text = (name: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: `${name} must not be empty: omit it to list all` })
    .max(max, { error: `${name} is at most ${max} characters` });

const Instant = (name: string) =>
  z.iso
    .datetime({ offset: true, error: `${name} must be an ISO 8601 date-time, e.g. 2026-12-04T09:00:00Z` })
    .transform((text) => new Date(text))
    .describe('ISO 8601 date-time with Z or an offset');

/** GET /audit query parameters: validated here and documented in OpenAPI from the same schema. */
export const AuditListQuery = z
  .strictObject({
    actor: Text('actor', 200).optional().describe('who: a person or API key principal, exactly'),
    action: Text('action', 100).optional().describe('what, exactly: e.g. APPROVE, trade.resolve'),
    targetType: Text('targetType', 50).optional().describe('e.g. batch, trade, api_key'),
    targetId: Text('targetId', 200).optional(),
    outcome: z
      .string()
      .trim()
      .toUpperCase()
      .pipe(z.enum(AUDIT_OUTCOMES, { error: `outcome must be one of ${AUDIT_OUTCOMES.join(', ')}` }))
      .optional()
      .describe(AUDIT_OUTCOMES.join(', ')),
    from: Instant('from').optional().describe('entries at or after this instant'),
    to: Instant('to').optional().describe('entries before this instant'),
    limit: z.coerce
      .number({ error: `limit must be a whole number from 1 to ${MAX_AUDIT_PAGE_SIZE}` })
      .int({ error: `limit must be a whole number from 1 to ${MAX_AUDIT_PAGE_SIZE}` })
      .min(1, { error: 'limit must be at least 1' })
      .max(MAX_AUDIT_PAGE_SIZE, {
        error: `limit must be at most ${MAX_AUDIT_PAGE_SIZE}: follow nextCursor for more`,
      })
      .default(DEFAULT_AUDIT_PAGE_SIZE),
    cursor: z.string().max(200).optional().describe('nextCursor of the previous page, unchanged'),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { error: 'from must be before to', path: ['from'] });
export type AuditListQuery = z.infer<typeof AuditListQuery>;
