import type { Order } from '@contingency/contracts';
import type { TradeEntity } from '../entities';
import { orderRefFor } from './order-ref';
import { decimalText } from './decimal-text';

/** What an order is built from: a TradeEntity, or a row the approval just moved to RELEASED. */
export type OrderSource = Pick<
  TradeEntity,
  | 'id'
  | 'batchId'
  | 'clientRef'
  | 'accountId'
  | 'orderType'
  | 'fundIsin'
  | 'amount'
  | 'currency'
  | 'units'
  | 'tradeDate'
  | 'settlementDate'
>;

/**
 * The order of a trade on orders.casie.v1 / orders.calastone.v1. One function for the approval, the
 * preview, the Casie delivery and the replay, so what an approver sees is what leaves, every time. Decimals lose the column's
 * scale padding: "1000.50000000" would not fit a setr amount (at most 5 decimals).
 */
export function orderFromTrade(trade: OrderSource, routeReason: string): Order {
  const { orderType, fundIsin, tradeDate } = trade;
  if (orderType === null || fundIsin === null || tradeDate === null) {
    // Validation sets these before VALID; a trade without them never got there.
    throw new Error(`trade ${trade.id} has no validated order fields to build an order from`);
  }
  return {
    orderRef: orderRefFor(trade.id),
    tradeId: trade.id,
    batchId: trade.batchId,
    clientRef: trade.clientRef,
    orderType,
    fundIsin,
    accountId: trade.accountId,
    amount: decimalText(trade.amount),
    currency: trade.currency,
    units: decimalText(trade.units),
    tradeDate,
    settlementDate: trade.settlementDate,
    routeReason: routeReason.slice(0, 200), // the contract's limit; a failover reason quotes Casie
  };
}
