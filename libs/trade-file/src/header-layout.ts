import { EXPECTED_COLUMNS_HINT, TRADE_COLUMNS, type TradeCells } from './trade-columns';
import { TradeFileError } from './trade-file.error';
import { columnLabel, malformed, placeOf, quoteForMessage, type TableFormat } from './table-format';

type ColumnIndexes = Record<keyof TradeCells, number>;

/** Where each trade column sits in the header, and how a data record becomes TradeCells. */
export class HeaderLayout {
  private constructor(
    private readonly format: TableFormat,
    private readonly indexes: ColumnIndexes,
    /** Header fields, including unnamed ones (spreadsheets often export trailing empty columns). */
    readonly width: number,
    private readonly unnamed: ReadonlySet<number>,
  ) {}

  static resolve(fields: readonly string[], format: TableFormat, line: number): HeaderLayout {
    const names = fields.map((f) => f.trim().toLowerCase());
    refuseOtherSeparators(names, format, line);

    const positions = new Map<string, number[]>();
    const unnamed = new Set<number>();
    names.forEach((name, index) => {
      if (name === '') unnamed.add(index);
      else positions.set(name, [...(positions.get(name) ?? []), index]);
    });

    const duplicates = [...positions].filter(([, at]) => at.length > 1);
    if (duplicates.length > 0) {
      const list = duplicates.map(
        ([name, at]) => `${quoteForMessage(name)} (${at.map((i) => columnLabel(format, i)).join(' and ')})`,
      );
      throw new TradeFileError(
        'DUPLICATE_COLUMNS',
        `The header on ${placeOf(format, line)} repeats ${list.join(', ')}. Keep each column once. ${EXPECTED_COLUMNS_HINT}`,
        { line, columns: duplicates.map(([name]) => name) },
      );
    }

    const known = new Set<string>(TRADE_COLUMNS.map((c) => c.name));
    const unknown = [...positions.keys()].filter((name) => !known.has(name));
    const missing = TRADE_COLUMNS.filter((c) => c.required && !positions.has(c.name)).map((c) => c.name);
    if (unknown.length > 0) {
      const shown = unknown.slice(0, 5).map((n) => quoteForMessage(n));
      const more = unknown.length > shown.length ? ` and ${unknown.length - shown.length} more` : '';
      const alsoMissing = missing.length > 0 ? ` Missing required: ${missing.join(', ')}.` : '';
      throw new TradeFileError(
        'UNKNOWN_COLUMNS',
        `The header on ${placeOf(format, line)} has unknown column(s) ${shown.join(', ')}${more}.${alsoMissing} ` +
          `The first non-blank ${format === 'csv' ? 'line' : 'row'} must be the header; rename or remove the unknown columns. ${EXPECTED_COLUMNS_HINT}`,
        { line, columns: unknown.slice(0, 20) },
      );
    }
    if (missing.length > 0) {
      throw new TradeFileError(
        'MISSING_COLUMNS',
        `The header on ${placeOf(format, line)} lacks the required column(s) ${missing.join(', ')}. Add them (cells may be empty where the contract allows). ${EXPECTED_COLUMNS_HINT}`,
        { line, columns: missing },
      );
    }

    const indexes = Object.fromEntries(
      TRADE_COLUMNS.map((c) => [c.key, positions.get(c.name)?.[0] ?? -1]),
    ) as ColumnIndexes;
    return new HeaderLayout(format, indexes, names.length, unnamed);
  }

  /**
   * A CSV record must have exactly the header's number of fields; a workbook row may stop early (Excel
   * leaves out trailing empty cells). A value under no header name is refused rather than dropped.
   */
  toCells(fields: readonly string[], row: number, line: number): TradeCells {
    if (this.format === 'csv' && fields.length !== this.width) {
      const hint =
        fields.length > this.width
          ? 'a cell probably contains a comma without being quoted; put that cell in double quotes'
          : 'a separator is probably missing';
      throw malformed(
        'csv',
        `Row ${row} (${placeOf('csv', line)}) has ${fields.length} fields but the header has ${this.width}: ${hint}.`,
        { row, line },
      );
    }
    if (this.unnamed.size > 0 || fields.length > this.width) this.refuseUnnamedValues(fields, row, line);
    const ix = this.indexes;
    const cell = (i: number): string => (i < 0 ? '' : (fields[i] ?? '').trim());
    return {
      clientRef: cell(ix.clientRef),
      orderType: cell(ix.orderType),
      fundIsin: cell(ix.fundIsin),
      accountId: cell(ix.accountId),
      amount: cell(ix.amount),
      currency: cell(ix.currency),
      units: cell(ix.units),
      tradeDate: cell(ix.tradeDate),
      settlementDate: cell(ix.settlementDate),
      comment: cell(ix.comment),
    };
  }

  private refuseUnnamedValues(fields: readonly string[], row: number, line: number): void {
    for (let i = 0; i < fields.length; i++) {
      if ((i >= this.width || this.unnamed.has(i)) && fields[i].trim() !== '') {
        throw malformed(
          this.format,
          `Row ${row} (${placeOf(this.format, line)}) has a value in ${columnLabel(this.format, i)}, which has no header name. Remove the value or give the column a trade file v1 name.`,
          { row, line },
        );
      }
    }
  }
}

// A header read as one field that holds ';' or a tab is a file exported with another separator.
function refuseOtherSeparators(names: readonly string[], format: TableFormat, line: number): void {
  if (format !== 'csv' || names.length !== 1) return;
  const separator = names[0].includes(';') ? 'semicolons' : names[0].includes('\t') ? 'tabs' : undefined;
  if (separator === undefined) return;
  throw malformed(
    'csv',
    `The header on ${placeOf('csv', line)} is separated by ${separator}; trade files must use commas. ` +
      `In Excel choose "CSV UTF-8 (Comma delimited)" when saving, or change the list separator to a comma.`,
    { line },
  );
}
