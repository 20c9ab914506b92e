// The stable list of row-level codes. Operators, the web app and outside tests key on these strings, so a
// code is never renamed or reused: add new ones, and document each in docs/contracts/validation-codes.md.

export type TradeColumn =
  | 'client_ref'
  | 'order_type'
  | 'fund_isin'
  | 'account_id'
  | 'amount'
  | 'currency'
  | 'units'
  | 'trade_date'
  | 'settlement_date'
  | 'comment';

/** An 'error' makes the row invalid; a 'flag' leaves it valid and warns the approver. */
export type CodeSeverity = 'error' | 'flag';

export const VALIDATION_CODES = {
  CLIENT_REF_REQUIRED: { column: 'client_ref', severity: 'error' },
  CLIENT_REF_TOO_LONG: { column: 'client_ref', severity: 'error' },
  CLIENT_REF_INVALID_CHARACTERS: { column: 'client_ref', severity: 'error' },
  CLIENT_REF_DUPLICATE_IN_FILE: { column: 'client_ref', severity: 'error' },
  CLIENT_REF_ALREADY_USED: { column: 'client_ref', severity: 'error' },
  POSSIBLE_DUPLICATE: { column: 'client_ref', severity: 'flag' },

  ORDER_TYPE_REQUIRED: { column: 'order_type', severity: 'error' },
  ORDER_TYPE_INVALID: { column: 'order_type', severity: 'error' },

  FUND_ISIN_REQUIRED: { column: 'fund_isin', severity: 'error' },
  FUND_ISIN_FORMAT: { column: 'fund_isin', severity: 'error' },
  FUND_ISIN_CHECK_DIGIT: { column: 'fund_isin', severity: 'error' },
  FUND_NOT_FOUND: { column: 'fund_isin', severity: 'error' },
  FUND_CLOSED: { column: 'fund_isin', severity: 'error' },
  FUND_REFERENCE_INVALID: { column: 'fund_isin', severity: 'error' },

  ACCOUNT_ID_REQUIRED: { column: 'account_id', severity: 'error' },
  ACCOUNT_ID_TOO_LONG: { column: 'account_id', severity: 'error' },
  ACCOUNT_ID_INVALID_CHARACTERS: { column: 'account_id', severity: 'error' },

  AMOUNT_OR_UNITS_REQUIRED: { column: 'amount', severity: 'error' },
  AMOUNT_AND_UNITS: { column: 'amount', severity: 'error' },
  AMOUNT_FORMAT: { column: 'amount', severity: 'error' },
  AMOUNT_NOT_POSITIVE: { column: 'amount', severity: 'error' },
  AMOUNT_TOO_MANY_DECIMALS: { column: 'amount', severity: 'error' },
  AMOUNT_TOO_LARGE: { column: 'amount', severity: 'error' },

  CURRENCY_REQUIRED: { column: 'currency', severity: 'error' },
  CURRENCY_UNKNOWN: { column: 'currency', severity: 'error' },
  CURRENCY_MISMATCH: { column: 'currency', severity: 'error' },

  UNITS_FORMAT: { column: 'units', severity: 'error' },
  UNITS_NOT_POSITIVE: { column: 'units', severity: 'error' },
  UNITS_TOO_MANY_DECIMALS: { column: 'units', severity: 'error' },
  UNITS_TOO_LARGE: { column: 'units', severity: 'error' },

  TRADE_DATE_REQUIRED: { column: 'trade_date', severity: 'error' },
  TRADE_DATE_FORMAT: { column: 'trade_date', severity: 'error' },
  TRADE_DATE_INVALID: { column: 'trade_date', severity: 'error' },
  TRADE_DATE_WEEKEND: { column: 'trade_date', severity: 'error' },
  TRADE_DATE_IN_PAST: { column: 'trade_date', severity: 'error' },
  TRADE_DATE_AFTER_CUTOFF: { column: 'trade_date', severity: 'error' },

  SETTLEMENT_DATE_FORMAT: { column: 'settlement_date', severity: 'error' },
  SETTLEMENT_DATE_INVALID: { column: 'settlement_date', severity: 'error' },
  SETTLEMENT_DATE_BEFORE_TRADE_DATE: { column: 'settlement_date', severity: 'error' },

  COMMENT_TOO_LONG: { column: 'comment', severity: 'error' },
  COMMENT_INVALID_CHARACTERS: { column: 'comment', severity: 'error' },
} as const satisfies Record<string, { column: TradeColumn; severity: CodeSeverity }>;

export type ValidationCode = keyof typeof VALIDATION_CODES;

export function isValidationCode(value: string): value is ValidationCode {
  return Object.hasOwn(VALIDATION_CODES, value);
}
