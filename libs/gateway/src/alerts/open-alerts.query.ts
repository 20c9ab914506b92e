import { z } from 'zod';
import { Route, TRADE_ALERT_KINDS, TradeAlertKind } from '@contingency/contracts';

export const DEFAULT_ALERT_LIMIT = 200;
export const MAX_ALERT_LIMIT = 500;

/** GET /alerts query parameters: validated here and documented in OpenAPI from the same schema. */
export const OpenAlertsQuery = z.strictObject({
  kind: z
    .string()
    .trim()
    .toUpperCase()
    .pipe(z.enum(TradeAlertKind.options, { error: `kind must be one of ${TRADE_ALERT_KINDS.join(', ')}` }))
    .describe(TRADE_ALERT_KINDS.join(' or '))
    .optional(),
  route: z
    .string()
    .trim()
    .toUpperCase()
    .pipe(z.enum(Route.options, { error: `route must be one of ${Route.options.join(', ')}` }))
    .describe(`${Route.options.join(' or ')} (a trade not yet routed has none: it is listed only unfiltered)`)
    .optional(),
  limit: z.coerce
    .number({ error: `limit must be a whole number from 1 to ${MAX_ALERT_LIMIT}` })
    .int({ error: `limit must be a whole number from 1 to ${MAX_ALERT_LIMIT}` })
    .min(1, { error: 'limit must be at least 1' })
    .max(MAX_ALERT_LIMIT, { error: `limit must be at most ${MAX_ALERT_LIMIT}: filter by kind or route` })
    .default(DEFAULT_ALERT_LIMIT),
});
export type OpenAlertsQuery = z.infer<typeof OpenAlertsQuery>;
