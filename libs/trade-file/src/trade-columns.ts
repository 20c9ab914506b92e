import type { TradeReceived } from '@contingency/contracts';

/** The cells of one data row, as text: exactly `cells` of trades.received.v1. */
export type TradeCells = TradeReceived['cells'];

export interface TradeFileRow {
  /** 1-based data row: the header is row 0, so in Excel data row N is sheet row N + 1. */
  readonly row: number;
  readonly cells: TradeCells;
}

export interface TradeColumn {
  readonly name: string;
  readonly key: keyof TradeCells;
  readonly required: boolean;
}

// Trade file v1. settlement_date and comment are optional values, so their headers may be left out too.
export const TRADE_COLUMNS = [
  { name: 'client_ref', key: 'clientRef', required: true },
  { name: 'order_type', key: 'orderType', required: true },
  { name: 'fund_isin', key: 'fundIsin', required: true },
  { name: 'account_id', key: 'accountId', required: true },
  { name: 'amount', key: 'amount', required: true },
  { name: 'currency', key: 'currency', required: true },
  { name: 'units', key: 'units', required: true },
  { name: 'trade_date', key: 'tradeDate', required: true },
  { name: 'settlement_date', key: 'settlementDate', required: false },
  { name: 'comment', key: 'comment', required: false },
] as const satisfies readonly TradeColumn[];

export const EXPECTED_COLUMNS_HINT =
  `A trade file v1 header has the columns ${TRADE_COLUMNS.filter((c) => c.required)
    .map((c) => c.name)
    .join(', ')} ` +
  `(required) and ${TRADE_COLUMNS.filter((c) => !c.required)
    .map((c) => c.name)
    .join(', ')} (optional); names are case-insensitive, in any order.`;
