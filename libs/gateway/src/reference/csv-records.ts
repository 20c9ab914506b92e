import { FundMasterFileError } from './fund-master-file.error';

export interface CsvRecord {
  fields: string[];
  /** The line the record starts on, for messages. */
  line: number;
}

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted cell: the first of "" or the closing quote. */
  QuoteInQuoted,
  /** Closed; only blanks may come before the separator. */
  AfterQuoted,
}

/**
 * RFC 4180 records of a whole (small) text: comma separators, CRLF, LF or CR line breaks, quoted cells
 * with "" for a quote. Lenient like the trade file reader: a quote inside an unquoted cell is text.
 */
export function csvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let state = State.FieldStart;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;

  const endRecord = () => {
    fields.push(field);
    records.push({ fields, line: recordLine });
    fields = [];
    field = '';
    state = State.FieldStart;
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (state === State.Quoted) {
      if (c === '"') state = State.QuoteInQuoted;
      else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        field += c;
      }
      continue;
    }
    if (state === State.QuoteInQuoted && c === '"') {
      field += '"';
      state = State.Quoted;
      continue;
    }
    if (c === ',') {
      fields.push(field);
      field = '';
      state = State.FieldStart;
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (state === State.QuoteInQuoted || state === State.AfterQuoted) {
      if (c === ' ' || c === '\t') {
        state = State.AfterQuoted;
        continue;
      }
      throw new FundMasterFileError(
        'MALFORMED_CSV',
        `Line ${line} has text after the closing quote of a cell. Put the whole cell in double quotes and write each quote inside it twice ("").`,
      );
    } else if (c === '"' && field.trim() === '') {
      field = '';
      state = State.Quoted;
      quoteLine = line;
    } else {
      field += c;
      state = State.Unquoted;
    }
  }
  if (state === State.Quoted) {
    throw new FundMasterFileError(
      'MALFORMED_CSV',
      `A quoted cell opened on line ${quoteLine} is never closed. Add the closing double quote, or write a quote inside a cell twice ("").`,
    );
  }
  if (state !== State.FieldStart || fields.length > 0) endRecord();
  return records;
}
