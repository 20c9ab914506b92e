// The stable row-level codes of a fund master load. Admins' scripts and the CLI key on these strings:
// never rename or reuse one; add new ones and document each in docs/contracts/fund-master-v1.md.

export const FUND_MASTER_COLUMNS = [
  'isin',
  'name',
  'provider',
  'currency',
  'cutoff_time',
  'timezone',
  'primary_route',
  'alternate_route',
  'status',
] as const;
export type FundMasterColumn = (typeof FUND_MASTER_COLUMNS)[number];

/** `*` is the whole row (its shape is wrong, so no single cell is to blame). */
export const FUND_MASTER_CODES = {
  ROW_FIELD_COUNT: '*',
  ISIN_REQUIRED: 'isin',
  ISIN_FORMAT: 'isin',
  ISIN_CHECK_DIGIT: 'isin',
  ISIN_DUPLICATE: 'isin',
  NAME_REQUIRED: 'name',
  NAME_TOO_LONG: 'name',
  PROVIDER_REQUIRED: 'provider',
  PROVIDER_INVALID: 'provider',
  CURRENCY_REQUIRED: 'currency',
  CURRENCY_UNKNOWN: 'currency',
  CUTOFF_TIME_REQUIRED: 'cutoff_time',
  CUTOFF_TIME_FORMAT: 'cutoff_time',
  TIMEZONE_REQUIRED: 'timezone',
  TIMEZONE_UNKNOWN: 'timezone',
  PRIMARY_ROUTE_REQUIRED: 'primary_route',
  PRIMARY_ROUTE_INVALID: 'primary_route',
  ALTERNATE_ROUTE_INVALID: 'alternate_route',
  ALTERNATE_ROUTE_SAME_AS_PRIMARY: 'alternate_route',
  ALTERNATE_ROUTE_NOT_FOR_GS: 'alternate_route',
  STATUS_REQUIRED: 'status',
  STATUS_INVALID: 'status',
} as const satisfies Record<string, FundMasterColumn | '*'>;
export type FundMasterCode = keyof typeof FUND_MASTER_CODES;

export interface FundMasterRowError {
  /** 1-based data row (the header is not counted). */
  row: number;
  column: FundMasterColumn | '*';
  code: FundMasterCode;
  message: string;
}

export function rowError(row: number, code: FundMasterCode, message: string): FundMasterRowError {
  return { row, column: FUND_MASTER_CODES[code], code, message };
}
