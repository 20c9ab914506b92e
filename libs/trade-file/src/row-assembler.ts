import { HeaderLayout } from './header-layout';
import type { TradeFileRow } from './trade-columns';
import { TradeFileError } from './trade-file.error';
import { fileLabel, type TableFormat } from './table-format';

/** One record of the table as read: its fields, and where it is. */
export interface RawRecord {
  readonly fields: readonly string[];
  /** Ordinal of the record (CSV) or the sheet row number (XLSX); data row = position − header's position. */
  readonly position: number;
  /** The file line (CSV) or sheet row (XLSX) the record starts on, for messages. */
  readonly line: number;
}

/** Turns records into data rows: finds the header, skips blank records, counts and caps the rows. */
export class RowAssembler {
  private header?: { readonly layout: HeaderLayout; readonly position: number };
  private dataRows = 0;
  private readonly file: string;

  constructor(
    private readonly format: TableFormat,
    private readonly maxRows: number,
    fileName: string,
  ) {
    this.file = fileLabel(fileName);
  }

  accept(record: RawRecord): TradeFileRow | undefined {
    if (isBlank(record.fields)) return undefined;
    if (this.header === undefined) {
      this.header = {
        layout: HeaderLayout.resolve(record.fields, this.format, record.line),
        position: record.position,
      };
      return undefined;
    }
    const row = record.position - this.header.position;
    if (++this.dataRows > this.maxRows) {
      throw new TradeFileError(
        'TOO_LARGE',
        `${this.file} has more than ${this.maxRows} data rows (the limit per file); split it into several files.`,
        { row },
      );
    }
    return { row, cells: this.header.layout.toCells(record.fields, row, record.line) };
  }

  /** Called once the whole file is read. */
  finish(): void {
    if (this.header === undefined) {
      throw new TradeFileError(
        'EMPTY_FILE',
        `${this.file} has no header row: it is empty or holds only blank lines. Upload a file with the trade file v1 header and at least one trade.`,
      );
    }
    if (this.dataRows === 0) {
      throw new TradeFileError(
        'EMPTY_FILE',
        `${this.file} has a header but no trades. Add at least one data row below the header.`,
      );
    }
  }
}

// Whitespace-only lines and rows of empty cells (",,,," from a spreadsheet) are blank, not trades.
function isBlank(fields: readonly string[]): boolean {
  for (const field of fields) if (field.trim() !== '') return false;
  return true;
}
