/** One row of the first worksheet, as text. */
export interface XlsxRow {
  /** The 1-based sheet row number (rows Excel leaves out, being empty, are simply skipped). */
  readonly sheetRow: number;
  /** Cell texts from column A on ('' for empty cells; trailing empty cells may be left out). */
  readonly cells: readonly string[];
}

/** What a row source may need besides the bytes. */
export interface XlsxReadContext {
  /** The file as messages name it: `File "trades.xlsx"`. */
  readonly file: string;
}

/**
 * Reads the first worksheet of an XLSX row by row from a byte stream, with bounded memory (the default
 * is `readFirstWorksheet`). Throw `TradeFileError('NOT_CSV_OR_XLSX')` for a ZIP that is not a workbook;
 * any other error it throws is reported as MALFORMED_XLSX, and errors of the byte stream itself pass
 * through.
 */
export type XlsxRowSource = (
  bytes: AsyncIterable<Uint8Array>,
  context: XlsxReadContext,
) => AsyncIterable<XlsxRow>;
