import type { Order } from '@contingency/contracts';
import type { TradeEntity } from '@contingency/ledger';

/**
 * The order of a trade that was released before (its order_ref set at release), built again for a
 * replay: the same fields as the gateway's orderFromTrade, the column's scale padding dropped.
 */
export function releasedOrder(trade: TradeEntity, routeReason: string): Order {
  const { orderRef, orderType, fundIsin, tradeDate } = trade;
  if (orderRef === null || orderType === null || fundIsin === null || tradeDate === null) {
    throw new Error(`trade ${trade.id} was never released: it has no order to replay`);
  }
  return {
    orderRef,
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
    routeReason: routeReason.slice(0, 200),
  };
}

function decimalText(value: string | null): string | null {
  if (value === null || !value.includes('.')) return value;
  return value.replace(/0+$/, '').replace(/\.$/, '');
}
