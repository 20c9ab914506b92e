export type FundMasterFileErrorCode =
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'TOO_LARGE'
  | 'BAD_ENCODING'
  | 'EMPTY_FILE'
  | 'MISSING_COLUMNS'
  | 'UNKNOWN_COLUMNS'
  | 'DUPLICATE_COLUMNS'
  | 'MALFORMED_CSV';

const HTTP_STATUS = {
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_LARGE: 413,
  BAD_ENCODING: 422,
  EMPTY_FILE: 422,
  MISSING_COLUMNS: 422,
  UNKNOWN_COLUMNS: 422,
  DUPLICATE_COLUMNS: 422,
  MALFORMED_CSV: 422,
} as const satisfies Record<FundMasterFileErrorCode, number>;

/** A fund master file refused as a whole (same codes as the trade file's file-level refusals). */
export class FundMasterFileError extends Error {
  override readonly name = 'FundMasterFileError';

  constructor(
    readonly code: FundMasterFileErrorCode,
    message: string,
  ) {
    super(message);
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }
}
