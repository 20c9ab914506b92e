import { csvRecords, type CsvRecord } from './csv-records';
import {
  FUND_MASTER_COLUMNS,
  rowError,
  type FundMasterColumn,
  type FundMasterRowError,
} from './fund-master.codes';
import { FundMasterFileError } from './fund-master-file.error';

export type FundMasterCells = Record<FundMasterColumn, string>;

export interface FundMasterRecord {
  /** 1-based data row: the record's position after the header, blank lines counted. */
  row: number;
  /** Trimmed cells by column name. */
  cells: FundMasterCells;
}

export interface ParsedFundMaster {
  records: FundMasterRecord[];
  /** Rows whose shape is wrong (field count, a value under no header): they have no cells to judge. */
  errors: FundMasterRowError[];
}

const EXPECTED = `A fund master has the header ${FUND_MASTER_COLUMNS.join(',')} (any order, any case).`;

/**
 * The fund master CSV as records: UTF-8 with or without BOM, RFC 4180, header names case-insensitive
 * and in any order. A file that cannot be read as a whole throws FundMasterFileError.
 */
export function parseFundMasterCsv(bytes: Uint8Array): ParsedFundMaster {
  const all = csvRecords(decodeUtf8(bytes));
  const headerAt = all.findIndex((r) => !isBlank(r.fields));
  if (headerAt < 0) {
    throw new FundMasterFileError('EMPTY_FILE', `The file is empty or holds only blank lines. ${EXPECTED}`);
  }
  const header = resolveHeader(all[headerAt]);
  const records: FundMasterRecord[] = [];
  const errors: FundMasterRowError[] = [];
  all.slice(headerAt + 1).forEach((record, index) => {
    if (isBlank(record.fields)) return;
    const row = index + 1;
    const problem = shapeProblem(record, header, row);
    if (problem) errors.push(problem);
    else records.push({ row, cells: header.cellsOf(record.fields) });
  });
  if (records.length === 0 && errors.length === 0) {
    throw new FundMasterFileError(
      'EMPTY_FILE',
      'The file has a header but no funds. Loading it would empty the fund master: add the funds below the header.',
    );
  }
  return { records, errors };
}

function decodeUtf8(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const line = lineAt(lenient, lenient.indexOf('\uFFFD'));
    throw new FundMasterFileError(
      'BAD_ENCODING',
      `Line ${line} is not valid UTF-8. Save the fund master as "CSV UTF-8 (Comma delimited)" and load it again.`,
    );
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    throw new FundMasterFileError(
      'BAD_ENCODING',
      `Line ${lineAt(text, nul)} contains a NUL character: this is binary data, not CSV text. Load the fund master as a UTF-8 CSV file.`,
    );
  }
  return text;
}

interface Header {
  width: number;
  unnamed: ReadonlySet<number>;
  cellsOf(fields: readonly string[]): FundMasterCells;
}

function resolveHeader(record: CsvRecord): Header {
  const names = record.fields.map((f) => f.trim().toLowerCase());
  const where = `The header on line ${record.line}`;
  if (names.length === 1 && /[;\t]/.test(names[0])) {
    throw new FundMasterFileError(
      'MALFORMED_CSV',
      `${where} is not separated by commas (it has semicolons or tabs). Save the file as "CSV UTF-8 (Comma delimited)".`,
    );
  }
  const duplicates = names.filter((n, i) => n !== '' && names.indexOf(n) !== i);
  if (duplicates.length > 0) {
    throw new FundMasterFileError(
      'DUPLICATE_COLUMNS',
      `${where} repeats ${[...new Set(duplicates)].map(quote).join(', ')}. Keep each column once. ${EXPECTED}`,
    );
  }
  const known = new Set<string>(FUND_MASTER_COLUMNS);
  const unknown = names.filter((n) => n !== '' && !known.has(n));
  const missing = FUND_MASTER_COLUMNS.filter((c) => !names.includes(c));
  if (unknown.length > 0) {
    const alsoMissing = missing.length > 0 ? ` Missing: ${missing.join(', ')}.` : '';
    throw new FundMasterFileError(
      'UNKNOWN_COLUMNS',
      `${where} has unknown column(s) ${unknown.slice(0, 5).map(quote).join(', ')}.${alsoMissing} Rename or remove them. ${EXPECTED}`,
    );
  }
  if (missing.length > 0) {
    throw new FundMasterFileError(
      'MISSING_COLUMNS',
      `${where} lacks the column(s) ${missing.join(', ')}. Add them (alternate_route cells may be empty). ${EXPECTED}`,
    );
  }
  const index = Object.fromEntries(FUND_MASTER_COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<
    FundMasterColumn,
    number
  >;
  return {
    width: names.length,
    unnamed: new Set(names.flatMap((n, i) => (n === '' ? [i] : []))),
    cellsOf: (fields) =>
      Object.fromEntries(FUND_MASTER_COLUMNS.map((c) => [c, fields[index[c]].trim()])) as FundMasterCells,
  };
}

function shapeProblem(record: CsvRecord, header: Header, row: number): FundMasterRowError | undefined {
  const count = record.fields.length;
  if (count !== header.width) {
    const hint =
      count > header.width
        ? 'a cell probably contains a comma without being quoted; put that cell in double quotes'
        : 'a separator is probably missing';
    return rowError(
      row,
      'ROW_FIELD_COUNT',
      `Row ${row} (line ${record.line}) has ${count} fields but the header has ${header.width}: ${hint}.`,
    );
  }
  const stray = [...header.unnamed].find((i) => record.fields[i].trim() !== '');
  if (stray !== undefined) {
    return rowError(
      row,
      'ROW_FIELD_COUNT',
      `Row ${row} (line ${record.line}) has a value in column ${stray + 1}, which has no header name. Remove the value.`,
    );
  }
  return undefined;
}

// Whitespace-only lines and rows of empty cells (",,,," from a spreadsheet) are not funds.
function isBlank(fields: readonly string[]): boolean {
  return fields.every((f) => f.trim() === '');
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function quote(name: string): string {
  return JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name);
}
