import { z } from 'zod';
import { OrderType, Route, RowError, TradeStatus } from '@contingency/contracts';
import { decimalText, type TradeEntity, type TradeHistoryEntity } from '@contingency/ledger';

const Decimal = z.string().describe('exact decimal, e.g. "1000.5"; never a JSON number');
const IsoDate = z.string().describe('YYYY-MM-DD');
const Timestamp = z.string().describe('ISO 8601 timestamp, UTC');

/** A trade as downstream systems and the console read it: camelCase, decimals as strings, null if unknown. */
export const TradeView = z.object({
  id: z.uuid(),
  batchId: z.uuid(),
  row: z.number().int().describe('1-based data row of the uploaded file'),
  clientRef: z.string(),
  orderType: OrderType.nullable(),
  fundIsin: z.string().nullable(),
  accountId: z.string(),
  amount: Decimal.nullable(),
  currency: z.string().nullable(),
  units: Decimal.nullable(),
  tradeDate: IsoDate.nullable(),
  settlementDate: IsoDate.nullable(),
  comment: z.string().nullable(),
  status: TradeStatus,
  route: Route.nullable(),
  orderRef: z.string().nullable().describe('our reference at the destination, set at release'),
  possibleDuplicate: z.boolean(),
  errors: z.array(RowError),
  externalRefs: z.record(z.string(), z.unknown()),
  // What the operator's file said: all there is to show for a RECEIVED or INVALID row.
  cells: z.record(z.string(), z.string()).describe('the row exactly as the file gave it'),
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type TradeView = z.infer<typeof TradeView>;

export const TradeHistoryItem = z.object({
  at: Timestamp,
  event: z.string().describe('RECEIVED, STATUS_CHANGED, or an event without a status change'),
  from: TradeStatus.nullable(),
  to: TradeStatus.nullable(),
  actor: z.string(),
  reason: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type TradeHistoryItem = z.infer<typeof TradeHistoryItem>;

export const TradeDetailView = TradeView.extend({ history: z.array(TradeHistoryItem) });
export type TradeDetailView = z.infer<typeof TradeDetailView>;

export const TradePage = z.object({
  items: z.array(TradeView),
  nextCursor: z.string().optional().describe('absent on the last page'),
});
export type TradePage = z.infer<typeof TradePage>;

export function toTradeView(t: TradeEntity): TradeView {
  return {
    id: t.id,
    batchId: t.batchId,
    row: t.rowNumber,
    clientRef: t.clientRef,
    orderType: t.orderType,
    fundIsin: t.fundIsin,
    accountId: t.accountId,
    amount: decimalText(t.amount),
    currency: t.currency,
    units: decimalText(t.units),
    tradeDate: t.tradeDate,
    settlementDate: t.settlementDate,
    comment: t.comment,
    status: t.status,
    route: t.route,
    orderRef: t.orderRef,
    possibleDuplicate: t.possibleDuplicate,
    errors: t.errors,
    externalRefs: t.externalRefs,
    cells: t.cells,
    version: t.version,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

export function toHistoryItem(h: TradeHistoryEntity): TradeHistoryItem {
  return {
    at: h.at.toISOString(),
    event: h.event,
    from: h.fromStatus,
    to: h.toStatus,
    actor: h.actor,
    reason: h.reason,
    details: h.details,
  };
}
