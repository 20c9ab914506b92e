import { decimalText } from './decimal-text';
import { excelSerialDate } from './excel-date';
import { columnLabel, malformed } from './table-format';
import { TRADE_FILE_LIMITS } from './trade-file.limits';
import { appendCapped, spreadsheetText } from './xlsx-text';
import type { XlsxRow } from './xlsx-row-source';
import type { XmlAttributes, XmlVisitor } from './xml-stream';

/** What a cell's value means besides its XML: the workbook's shared strings, date styles and date system. */
export interface SheetContext {
  readonly sharedStrings: readonly string[];
  readonly dateStyles: readonly boolean[];
  readonly date1904: boolean;
}

interface OpenCell {
  readonly column: number;
  readonly type: string;
  readonly style: number;
  value?: string;
  inline?: string;
}

/**
 * Turns a worksheet's `<sheetData>` into rows of cell texts, as the operator sees them: a formula's cached
 * result (never the formula), numbers as plain decimals, date-formatted numbers as YYYY-MM-DD. Rows
 * without cells are left out; finished rows wait in `rows` for the caller to take.
 */
export class SheetVisitor implements XmlVisitor {
  readonly rows: XlsxRow[] = [];
  // Not `done`: the rest of the part is still read, so that its checksum vouches for the rows.
  private finished = false;
  private inSheetData = false;
  private row: { number: number; cells: string[]; lastColumn: number; cellCount: number } | undefined;
  private lastRow = 0;
  private cell: OpenCell | undefined;
  private capture: 'value' | 'inline' | undefined;
  private inInline = false;
  private inPhonetic = false;

  constructor(private readonly context: SheetContext) {}

  open(name: string, attributes: XmlAttributes): void {
    if (this.finished) return;
    switch (name) {
      case 'sheetData':
        this.inSheetData = true;
        return;
      case 'row':
        if (this.inSheetData) this.openRow(attributes.r);
        return;
      case 'c':
        if (this.row !== undefined) this.openCell(this.row, attributes);
        return;
      case 'v':
        if (this.cell !== undefined) {
          this.cell.value = '';
          this.capture = 'value';
        }
        return;
      case 'is':
        if (this.cell !== undefined) {
          this.cell.inline = '';
          this.inInline = true;
        }
        return;
      case 'rPh':
        this.inPhonetic = true;
        return;
      case 't':
        if (this.inInline && !this.inPhonetic) this.capture = 'inline';
        return;
      default:
        return;
    }
  }

  text(text: string): void {
    if (this.cell === undefined) return;
    if (this.capture === 'value') this.cell.value = appendCapped(this.cell.value ?? '', text);
    else if (this.capture === 'inline') this.cell.inline = appendCapped(this.cell.inline ?? '', text);
  }

  close(name: string): void {
    if (this.finished) return;
    switch (name) {
      case 'v':
      case 't':
        this.capture = undefined;
        return;
      case 'rPh':
        this.inPhonetic = false;
        return;
      case 'is':
        this.inInline = false;
        return;
      case 'c':
        if (this.row !== undefined && this.cell !== undefined) this.closeCell(this.row, this.cell);
        this.cell = undefined;
        return;
      case 'row':
        if (this.row !== undefined && this.row.cells.length > 0) {
          this.rows.push({ sheetRow: this.row.number, cells: this.row.cells });
        }
        this.row = undefined;
        return;
      case 'sheetData':
        // The rest of the sheet (merged cells, print settings…) holds no trades.
        this.finished = true;
        return;
      default:
        return;
    }
  }

  private openRow(reference: string | undefined): void {
    // `r` may be left out: the row then follows the previous one.
    const number = reference === undefined ? this.lastRow + 1 : Number(reference);
    if (!Number.isInteger(number) || number <= this.lastRow || number > TRADE_FILE_LIMITS.maxXlsxSheetRows) {
      throw new Error(
        `the first worksheet has a row numbered ${quoteShort(reference)} after row ${this.lastRow}`,
      );
    }
    this.lastRow = number;
    this.row = { number, cells: [], lastColumn: -1, cellCount: 0 };
  }

  private openCell(row: NonNullable<SheetVisitor['row']>, attributes: XmlAttributes): void {
    const reference = attributes.r;
    const column = reference === undefined ? row.lastColumn + 1 : columnIndex(reference);
    if (
      !Number.isInteger(column) ||
      column <= row.lastColumn ||
      column >= TRADE_FILE_LIMITS.maxXlsxSheetColumns
    ) {
      throw new Error(`sheet row ${row.number} has a cell ${quoteShort(reference)} out of order`);
    }
    if (++row.cellCount > TRADE_FILE_LIMITS.maxFields) {
      throw malformed(
        'xlsx',
        `Sheet row ${row.number} of the first worksheet has more than ${TRADE_FILE_LIMITS.maxFields} cells; a trade file row has ten. Delete the unused columns and upload again.`,
        { line: row.number },
      );
    }
    row.lastColumn = column;
    this.cell = { column, type: attributes.t ?? 'n', style: Number(attributes.s ?? '0') };
    this.capture = undefined;
    this.inInline = false;
    this.inPhonetic = false;
  }

  private closeCell(row: NonNullable<SheetVisitor['row']>, cell: OpenCell): void {
    const text = this.cellText(cell, row.number);
    if (text === '') return;
    if (cell.column >= TRADE_FILE_LIMITS.maxXlsxColumns) {
      throw malformed(
        'xlsx',
        `Sheet row ${row.number} of the first worksheet has a value in ${columnLabel('xlsx', cell.column)}, beyond the ${TRADE_FILE_LIMITS.maxXlsxColumns} columns a trade file sheet may use (it has ten). Delete what is right of the trade columns and upload again.`,
        { line: row.number },
      );
    }
    while (row.cells.length < cell.column) row.cells.push('');
    row.cells.push(text);
  }

  private cellText(cell: OpenCell, rowNumber: number): string {
    const raw = cell.value;
    switch (cell.type) {
      case 's': {
        if (raw === undefined || raw.trim() === '') return '';
        const index = Number(raw);
        const text = Number.isInteger(index) ? this.context.sharedStrings[index] : undefined;
        if (text === undefined) {
          throw new Error(
            `sheet row ${rowNumber} refers to a shared text ${quoteShort(raw)} that the workbook lacks`,
          );
        }
        return text;
      }
      case 'inlineStr':
        return spreadsheetText(cell.inline ?? raw ?? '');
      case 'str':
        return spreadsheetText(raw ?? '');
      case 'b':
        return raw === '1' || raw === 'true'
          ? 'TRUE'
          : raw === '0' || raw === 'false'
            ? 'FALSE'
            : (raw ?? '');
      case 'e':
        return raw ?? '';
      case 'd':
        // An ISO 8601 date cell (strict OOXML): the day it names.
        return /^\d{4}-\d{2}-\d{2}/.exec(raw ?? '')?.[0] ?? raw ?? '';
      default:
        return this.numberText(raw, cell.style);
    }
  }

  private numberText(raw: string | undefined, style: number): string {
    if (raw === undefined || raw.trim() === '') return '';
    const value = Number(raw);
    if (!Number.isFinite(value)) return spreadsheetText(raw);
    if (this.context.dateStyles[style] === true) {
      return excelSerialDate(value, this.context.date1904) ?? decimalText(value);
    }
    return decimalText(value);
  }
}

// "B12" → 1, "$AB$3" → 27: the letters, then only digits (a hot path: no regular expression).
function columnIndex(reference: string): number {
  let index = 0;
  let letters = 0;
  let at = reference.charCodeAt(0) === 36 ? 1 : 0; // $
  for (; at < reference.length; at++) {
    const code = reference.charCodeAt(at) & ~0x20; // upper case
    if (code < 65 || code > 90) break;
    index = index * 26 + (code - 64);
    letters++;
  }
  if (reference.charCodeAt(at) === 36) at++;
  for (; at < reference.length; at++) {
    const code = reference.charCodeAt(at);
    if (code < 48 || code > 57) return Number.NaN;
  }
  return letters === 0 || letters > 3 ? Number.NaN : index - 1;
}

// A reference from the file, for a message: short, and with nothing that needs quoting.
function quoteShort(text: string | undefined): string {
  return text === undefined ? '(unnumbered)' : text.slice(0, 20).replace(/[^\w$.-]/g, '?');
}
