import { RowAssembler } from './row-assembler';
import type { TradeFileRow } from './trade-columns';
import { TradeFileError } from './trade-file.error';
import { TRADE_FILE_LIMITS } from './trade-file.limits';
import { columnLabel, malformed, placeOf, quoteForMessage } from './table-format';
import type { XlsxRow, XlsxRowSource } from './xlsx-row-source';

export async function* readXlsxRows(
  bytes: AsyncIterable<Uint8Array>,
  source: XlsxRowSource,
  options: { readonly maxRows: number; readonly fileName: string },
  file: string,
): AsyncGenerator<TradeFileRow> {
  // Remembers a failure of the bytes themselves (I/O, TOO_LARGE), whatever the reader wraps it in.
  let byteError: { readonly error: unknown } | undefined;
  const guarded = (async function* () {
    try {
      yield* bytes;
    } catch (error) {
      byteError = { error };
      throw error;
    }
  })();

  const assembler = new RowAssembler('xlsx', options.maxRows, options.fileName);
  let lastSheetRow = 0;
  try {
    for await (const raw of source(guarded, { file })) {
      const record = checkedRow(raw, lastSheetRow);
      lastSheetRow = record.position;
      const row = assembler.accept(record);
      if (row !== undefined) yield row;
    }
  } catch (error) {
    if (byteError !== undefined) throw byteError.error;
    if (error instanceof TradeFileError) throw error;
    const reason = quoteForMessage(error instanceof Error ? error.message : String(error), 200);
    throw new TradeFileError(
      'MALFORMED_XLSX',
      `${file} looks like an Excel workbook but cannot be read (${reason}). Open it in Excel and save it again as .xlsx, or save it as "CSV UTF-8 (Comma delimited)" and upload the CSV.`,
    );
  }
  assembler.finish();
}

// The row source is a plug-in over a third-party parser: hold it to the contract and the same caps as CSV.
function checkedRow(
  raw: XlsxRow,
  lastSheetRow: number,
): { fields: string[]; position: number; line: number } {
  const sheetRow = raw.sheetRow;
  if (!Number.isInteger(sheetRow) || sheetRow <= lastSheetRow) {
    throw malformed(
      'xlsx',
      `The first worksheet has rows out of order (sheet row ${sheetRow} after ${lastSheetRow}).`,
      {
        line: lastSheetRow,
      },
    );
  }
  if (raw.cells.length > TRADE_FILE_LIMITS.maxXlsxColumns) {
    throw malformed(
      'xlsx',
      `${placeOf('xlsx', sheetRow)} has more than ${TRADE_FILE_LIMITS.maxXlsxColumns} columns; a trade file has ten. Delete what is right of the trade columns and upload again.`,
      { line: sheetRow },
    );
  }
  const fields: string[] = [];
  for (const cell of raw.cells) {
    const text = typeof cell === 'string' ? cell : '';
    if (text.length > TRADE_FILE_LIMITS.maxCellChars) {
      throw malformed(
        'xlsx',
        `The cell in ${columnLabel('xlsx', fields.length)} of ${placeOf('xlsx', sheetRow)} is longer than ${TRADE_FILE_LIMITS.maxCellChars} characters; trade file cells are short (a comment is at most 140).`,
        { line: sheetRow },
      );
    }
    fields.push(text);
  }
  return { fields, position: sheetRow, line: sheetRow };
}
