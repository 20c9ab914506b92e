import { z } from 'zod';
import { TradeAlertKind } from '@contingency/contracts';
import { TRADE_STATUS_EVENT, TradeStatusEvent } from './trade-status.event';

/** The data of one `trade.alert` server-sent event (the SLA and cut-off watch); its SSE id is `historyId`. */
export const TradeAlertEvent = z.object({
  tradeId: z.uuid(),
  batchId: z.uuid(),
  kind: TradeAlertKind,
  details: z
    .record(z.string(), z.unknown())
    .describe(
      'ACK_OVERDUE: dispatchedAt, slaMinutes, route; CUTOFF_AT_RISK: cutoffAt (ISO 8601 with the fund’s offset), minutesLeft (negative once past), fund (ISIN), status',
    ),
  at: z.string().describe('ISO 8601 timestamp of the alert'),
  historyId: z.number().int().describe('trade_history id: the same increasing sequence as trade.status'),
});
export type TradeAlertEvent = z.infer<typeof TradeAlertEvent>;

export const TRADE_ALERT_EVENT = 'trade.alert';

/** What GET /events sends: status changes and alerts, in one id sequence. */
export const TradeFeedEvent = z.union([TradeStatusEvent, TradeAlertEvent]);
export type TradeFeedEvent = z.infer<typeof TradeFeedEvent>;

export const sseEventName = (event: TradeFeedEvent): string =>
  'kind' in event ? TRADE_ALERT_EVENT : TRADE_STATUS_EVENT;
