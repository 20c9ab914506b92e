import { z } from 'zod';
import { Route, TRADE_STATUSES, type TradeStatus } from '@contingency/contracts';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

const Text = (name: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: `${name} must not be empty: omit it to list all` })
    .max(max, { error: `${name} is at most ${max} characters` });

const Statuses = z
  .string()
  .transform((text, ctx) => {
    const statuses = text.split(',').map((s) => s.trim().toUpperCase());
    const unknown = statuses.filter((s) => !(TRADE_STATUSES as readonly string[]).includes(s));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown status ${unknown.map((s) => `'${s}'`).join(', ')}: use one or more (comma-separated) of ${TRADE_STATUSES.join(', ')}`,
      });
      return z.NEVER;
    }
    return [...new Set(statuses)] as TradeStatus[];
  })
  .describe(`one status or several, comma-separated: ${TRADE_STATUSES.join(', ')}`);

/** GET /trades query parameters: validated here and documented in OpenAPI from the same schema. */
export const TradeListQuery = z.strictObject({
  batchId: z.uuid({ error: 'batchId must be a batch id (a UUID)' }).optional(),
  status: Statuses.optional(),
  clientRef: Text('clientRef', 35).optional(),
  accountId: Text('accountId', 35).optional(),
  route: z
    .string()
    .trim()
    .toUpperCase()
    .pipe(z.enum(Route.options, { error: `route must be one of ${Route.options.join(', ')}` }))
    .describe(Route.options.join(' or '))
    .optional(),
  fundIsin: Text('fundIsin', 12).toUpperCase().optional(),
  limit: z.coerce
    .number({ error: `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}` })
    .int({ error: `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}` })
    .min(1, { error: `limit must be at least 1` })
    .max(MAX_PAGE_SIZE, { error: `limit must be at most ${MAX_PAGE_SIZE}: follow nextCursor for more` })
    .default(DEFAULT_PAGE_SIZE),
  cursor: z.string().max(500).optional().describe('nextCursor of the previous page, unchanged'),
});
export type TradeListQuery = z.infer<typeof TradeListQuery>;
