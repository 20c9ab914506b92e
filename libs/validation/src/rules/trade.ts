import type { OrderType, TradeReceived } from '@contingency/contracts';

/** The operator's cells exactly as the trade file gave them. */
export type TradeCells = TradeReceived['cells'];

/** A valid row in canonical form: trimmed text, upper-case codes, decimal strings without float rounding. */
export interface NormalisedTrade {
  clientRef: string;
  orderType: OrderType;
  fundIsin: string;
  accountId: string;
  /** Exactly one of amount and units is set. */
  amount: string | null;
  units: string | null;
  /** Always the fund's currency: a units order is dealt in it too. */
  currency: string;
  tradeDate: string;
  settlementDate: string | null;
  comment: string | null;
}
