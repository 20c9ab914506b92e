import { httpStatusOf, TRADE_FILE_HTTP_STATUS, TradeFileError } from './trade-file.error';

describe(TradeFileError.name, () => {
  it('carries its code, HTTP status, message and details', () => {
    const error = new TradeFileError('TOO_LARGE', 'too big', { row: 7 });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'TradeFileError',
      code: 'TOO_LARGE',
      message: 'too big',
      details: { row: 7 },
    });
    expect(error.httpStatus).toBe(413);
  });
});

describe(httpStatusOf.name, () => {
  it('maps every code to a 4xx, never a 5xx', () => {
    expect(TRADE_FILE_HTTP_STATUS).toEqual({
      NOT_CSV_OR_XLSX: 415,
      BAD_ENCODING: 422,
      MISSING_COLUMNS: 422,
      UNKNOWN_COLUMNS: 422,
      DUPLICATE_COLUMNS: 422,
      EMPTY_FILE: 422,
      TOO_LARGE: 413,
      MALFORMED_CSV: 422,
      MALFORMED_XLSX: 422,
    });
    expect(httpStatusOf('NOT_CSV_OR_XLSX')).toBe(415);
  });
});
