export type TradeFileErrorCode =
  | 'NOT_CSV_OR_XLSX'
  | 'BAD_ENCODING'
  | 'MISSING_COLUMNS'
  | 'UNKNOWN_COLUMNS'
  | 'DUPLICATE_COLUMNS'
  | 'EMPTY_FILE'
  | 'TOO_LARGE'
  | 'MALFORMED_CSV'
  | 'MALFORMED_XLSX';

/** The HTTP status the upload API answers for each file-level refusal. */
export const TRADE_FILE_HTTP_STATUS = {
  NOT_CSV_OR_XLSX: 415,
  BAD_ENCODING: 422,
  MISSING_COLUMNS: 422,
  UNKNOWN_COLUMNS: 422,
  DUPLICATE_COLUMNS: 422,
  EMPTY_FILE: 422,
  TOO_LARGE: 413,
  MALFORMED_CSV: 422,
  MALFORMED_XLSX: 422,
} as const satisfies Record<TradeFileErrorCode, number>;

export function httpStatusOf(code: TradeFileErrorCode): number {
  return TRADE_FILE_HTTP_STATUS[code];
}

/** Where in the file the problem is, for logs and for the API's error body. */
export interface TradeFileErrorDetails {
  readonly line?: number;
  readonly row?: number;
  readonly byteOffset?: number;
  readonly columns?: readonly string[];
}

/** The one error a trade file is refused with; `message` says what, where and how to fix it. */
export class TradeFileError extends Error {
  override readonly name = 'TradeFileError';

  constructor(
    readonly code: TradeFileErrorCode,
    message: string,
    readonly details: TradeFileErrorDetails = {},
  ) {
    super(message);
  }

  get httpStatus(): number {
    return httpStatusOf(this.code);
  }
}
