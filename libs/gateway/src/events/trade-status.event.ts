import { z } from 'zod';
import { Route, TradeStatus } from '@contingency/contracts';

/** The data of one `trade.status` server-sent event; its SSE id is `historyId`. */
export const TradeStatusEvent = z.object({
  tradeId: z.uuid(),
  batchId: z.uuid(),
  accountId: z.string(),
  from: TradeStatus.nullable(),
  to: TradeStatus,
  route: Route.nullable().describe("the trade's route now"),
  actor: z.string(),
  at: z.string().describe('ISO 8601 timestamp of the change'),
  historyId: z.number().int().describe('trade_history id: increasing, the SSE event id'),
});
export type TradeStatusEvent = z.infer<typeof TradeStatusEvent>;

export const TRADE_STATUS_EVENT = 'trade.status';
