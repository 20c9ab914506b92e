import { z } from 'zod';
import { Route, TradeAlertKind, TradeStatus } from '@contingency/contracts';
import { TradeAlertEvent } from '../events/trade-alert.event';

/** One alert of the trade watch whose condition still holds, with what a person needs to find the trade. */
export const OpenAlertView = z.object({
  tradeId: z.uuid(),
  batchId: z.uuid(),
  kind: TradeAlertKind,
  raisedAt: z.string().describe('ISO 8601 timestamp: when the watch raised it'),
  historyId: z
    .number()
    .int()
    .describe('trade_history id: the id of the same alert on GET /events (trade.alert), for deduplication'),
  details: TradeAlertEvent.shape.details,
  trade: z.object({
    status: TradeStatus,
    route: Route.nullable(),
    orderRef: z.string().nullable(),
    clientRef: z.string(),
    fundIsin: z.string().nullable(),
    accountId: z.string(),
  }),
});
export type OpenAlertView = z.infer<typeof OpenAlertView>;

export const OpenAlertsPage = z.object({
  items: z
    .array(OpenAlertView)
    .describe('most urgent first: CUTOFF_AT_RISK by cut-off (earliest first), then ACK_OVERDUE oldest first'),
  asOf: z
    .string()
    .describe('ISO 8601 timestamp: the alerts open at this instant; later ones come on GET /events'),
});
export type OpenAlertsPage = z.infer<typeof OpenAlertsPage>;
