export type SetrParseErrorCode =
  | 'TOO_LARGE'
  | 'FORBIDDEN_DTD'
  | 'MALFORMED_XML'
  | 'UNKNOWN_DOCUMENT'
  | 'SCHEMA_INVALID'
  | 'MISSING_FIELD'
  | 'INVALID_FIELD';

/** Why an inbound setr file is refused; `message` says what and where. Never retryable: the file is bad. */
export class SetrParseError extends Error {
  override readonly name = 'SetrParseError';

  constructor(
    readonly code: SetrParseErrorCode,
    message: string,
    /** The XSD's messages, for SCHEMA_INVALID. */
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}
