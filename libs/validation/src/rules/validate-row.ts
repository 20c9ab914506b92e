import type { Route, RowError } from '@contingency/contracts';
import { checkQuantity } from './amount.rule';
import { type TradeColumn, VALIDATION_CODES } from './codes';
import { isActiveCurrency } from './currencies';
import { checkSettlementDate, checkTradeDate } from './dates.rule';
import { checkFund, decideRoute, type FundRef } from './fund.rule';
import { type Checked, issuesOf, type RuleIssue, toRowError } from './issue';
import { checkIsin } from './isin.rule';
import { checkAccountId, checkClientRef, checkComment, checkOrderType } from './text.rule';
import type { NormalisedTrade, TradeCells } from './trade';

export interface ValidateRowInput {
  /** 1-based data row of the file. */
  row: number;
  cells: TradeCells;
  /** The fund master entry for the row's ISIN, if there is one. */
  fund: FundRef | undefined;
  now: Date;
}

export type RowVerdict =
  { ok: true; trade: NormalisedTrade; route: Route } | { ok: false; errors: RowError[] };

const COLUMN_ORDER: readonly TradeColumn[] = [
  'client_ref',
  'order_type',
  'fund_isin',
  'account_id',
  'amount',
  'currency',
  'units',
  'trade_date',
  'settlement_date',
  'comment',
];

/**
 * Every per-row rule of trade file v1, reporting all problems of the row in column order. Duplicate checks
 * need the other rows and the ledger: the caller applies them with the duplicates helpers.
 */
export function validateRow({ row, cells, fund, now }: ValidateRowInput): RowVerdict {
  const clientRef = checkClientRef(cells.clientRef);
  const orderType = checkOrderType(cells.orderType);
  const isin = checkIsin(cells.fundIsin);
  // A malformed ISIN cannot be in the fund master: saying so as well would only be noise.
  const fundChecked: Checked<FundRef> | undefined = isin.ok ? checkFund(isin.value, fund) : undefined;
  const accountId = checkAccountId(cells.accountId);
  const fundCurrency = fund && isActiveCurrency(fund.currency) ? fund.currency : undefined;
  const quantity = checkQuantity(cells, fundCurrency);
  const tradeDate = checkTradeDate(cells.tradeDate, fund, now);
  const settlementDate = checkSettlementDate(
    cells.settlementDate,
    tradeDate.ok ? tradeDate.value : cells.tradeDate.trim(),
  );
  const comment = checkComment(cells.comment);

  if (
    clientRef.ok &&
    orderType.ok &&
    isin.ok &&
    fundChecked?.ok &&
    accountId.ok &&
    quantity.ok &&
    tradeDate.ok &&
    settlementDate.ok &&
    comment.ok
  ) {
    const validFund = fundChecked.value;
    return {
      ok: true,
      trade: {
        clientRef: clientRef.value,
        orderType: orderType.value,
        fundIsin: isin.value,
        accountId: accountId.value,
        amount: quantity.value.amount,
        units: quantity.value.units,
        currency: validFund.currency,
        tradeDate: tradeDate.value,
        settlementDate: settlementDate.value,
        comment: comment.value,
      },
      route: decideRoute(validFund),
    };
  }

  const checks: Checked<unknown>[] = [
    clientRef,
    orderType,
    isin,
    accountId,
    quantity,
    tradeDate,
    settlementDate,
    comment,
  ];
  if (fundChecked) checks.push(fundChecked);
  const issues = checks.flatMap(issuesOf).sort((a, b) => columnIndex(a) - columnIndex(b));
  return { ok: false, errors: issues.map((found) => toRowError(row, found)) };
}

function columnIndex({ code }: RuleIssue): number {
  return COLUMN_ORDER.indexOf(VALIDATION_CODES[code].column);
}
