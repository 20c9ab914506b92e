import type { RawRecord } from './row-assembler';
import { TRADE_FILE_LIMITS } from './trade-file.limits';
import { malformed } from './table-format';

const COMMA = 0x2c;
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted field: either the first of "" or the closing quote. */
  QuoteInQuoted,
  /** Closing quote seen; only blanks may come before the separator. */
  AfterQuoted,
}

export interface CsvTokenizerLimits {
  readonly maxCellChars: number;
  readonly maxRecordChars: number;
  readonly maxFields: number;
}

/**
 * An incremental RFC 4180 tokenizer: push text in chunks of any size (a chunk may end anywhere, even
 * between CR and LF), get back the records completed so far. Memory is bounded by the limits, never by
 * the file: a cell, a record and the number of fields are all capped.
 *
 * Lenient where spreadsheets are sloppy: CRLF, LF or lone CR line breaks; blanks around a quoted cell;
 * a quote in the middle of an unquoted cell is kept as text.
 */
export class CsvTokenizer {
  private state = State.FieldStart;
  private field = '';
  private fieldChars = 0;
  /** Only blanks so far in an unquoted cell, so a quote may still open it (` "a,b"`). */
  private fieldBlank = true;
  private fields: string[] = [];
  private recordChars = 0;
  private line = 1;
  private recordLine = 1;
  private quoteLine = 1;
  private afterCR = false;
  private records = 0;

  constructor(private readonly limits: CsvTokenizerLimits = TRADE_FILE_LIMITS) {}

  push(text: string): RawRecord[] {
    const out: RawRecord[] = [];
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      // The LF of a CRLF whose CR already ended the record (inside quotes the Quoted case counts lines).
      if (this.afterCR && this.state !== State.Quoted) {
        this.afterCR = false;
        if (c === LF) {
          i++;
          continue;
        }
      }
      switch (this.state) {
        case State.FieldStart:
        case State.Unquoted: {
          let j = i;
          while (j < n) {
            const d = text.charCodeAt(j);
            if (d === COMMA || d === QUOTE || d === CR || d === LF) break;
            j++;
          }
          if (j > i) {
            if (this.fieldBlank && !isBlanks(text, i, j)) this.fieldBlank = false;
            this.append(text, i, j);
            this.state = State.Unquoted;
          }
          if (j === n) return out;
          const d = text.charCodeAt(j);
          if (d === QUOTE) {
            if (this.fieldBlank) this.openQuote();
            else this.append(text, j, j + 1);
          } else if (d === COMMA) {
            this.endField();
          } else {
            this.endLine(out, d);
          }
          i = j + 1;
          break;
        }
        case State.Quoted: {
          let j = i;
          while (j < n) {
            const d = text.charCodeAt(j);
            if (d === QUOTE) break;
            // Line breaks inside quotes are cell content, but still count as lines for messages.
            if (d === LF) {
              if (!this.afterCR) this.line++;
              this.afterCR = false;
            } else if (d === CR) {
              this.line++;
              this.afterCR = true;
            } else {
              this.afterCR = false;
            }
            j++;
          }
          if (j > i) this.append(text, i, j);
          if (j === n) return out;
          this.afterCR = false;
          this.state = State.QuoteInQuoted;
          i = j + 1;
          break;
        }
        case State.QuoteInQuoted:
        case State.AfterQuoted: {
          if (c === QUOTE && this.state === State.QuoteInQuoted) {
            this.append(text, i, i + 1);
            this.state = State.Quoted;
          } else if (c === COMMA) {
            this.endField();
          } else if (c === CR || c === LF) {
            this.endLine(out, c);
          } else if (c === SPACE || c === TAB) {
            this.state = State.AfterQuoted;
          } else {
            throw malformed(
              'csv',
              `Line ${this.line} has text after the closing quote of a cell. Put the whole cell in double quotes and write each quote inside it twice ("").`,
              { line: this.line },
            );
          }
          i++;
          break;
        }
      }
    }
    return out;
  }

  /** Called at the end of input: returns the last record if the file does not end with a line break. */
  end(): RawRecord[] {
    if (this.state === State.Quoted) {
      throw malformed(
        'csv',
        `A quoted cell opened on line ${this.quoteLine} is never closed. Add the closing double quote, or write a quote inside a cell twice ("").`,
        { line: this.quoteLine },
      );
    }
    if (this.state === State.FieldStart && this.fields.length === 0) return [];
    const out: RawRecord[] = [];
    this.endRecord(out);
    return out;
  }

  private append(text: string, from: number, to: number): void {
    this.fieldChars += to - from;
    this.recordChars += to - from;
    if (this.fieldChars > this.limits.maxCellChars) this.refuseLongCell();
    if (this.recordChars > this.limits.maxRecordChars) {
      throw malformed(
        'csv',
        `The record starting on line ${this.recordLine} is longer than ${this.limits.maxRecordChars} characters. A trade row is short; check the file is a trade file and its quotes are balanced.`,
        { line: this.recordLine },
      );
    }
    this.field += text.slice(from, to);
  }

  private refuseLongCell(): never {
    const message =
      this.state === State.Quoted
        ? `The quoted cell opened on line ${this.quoteLine} is longer than ${this.limits.maxCellChars} characters: its closing double quote is probably missing. Close the quote, or write a quote inside a cell twice ("").`
        : `A cell on line ${this.line} is longer than ${this.limits.maxCellChars} characters; trade file cells are short (a comment is at most 140).`;
    const line = this.state === State.Quoted ? this.quoteLine : this.line;
    throw malformed('csv', message, { line });
  }

  private openQuote(): void {
    this.field = '';
    this.recordChars -= this.fieldChars;
    this.fieldChars = 0;
    this.state = State.Quoted;
    this.quoteLine = this.line;
  }

  private endField(): void {
    this.fields.push(this.field);
    if (this.fields.length >= this.limits.maxFields) {
      throw malformed(
        'csv',
        `Line ${this.recordLine} has more than ${this.limits.maxFields} fields. A trade file has ten columns; check the separator is a comma.`,
        { line: this.recordLine },
      );
    }
    this.recordChars++;
    this.field = '';
    this.fieldChars = 0;
    this.fieldBlank = true;
    this.state = State.FieldStart;
  }

  private endLine(out: RawRecord[], breakChar: number): void {
    this.endRecord(out);
    this.line++;
    this.recordLine = this.line;
    this.afterCR = breakChar === CR;
  }

  private endRecord(out: RawRecord[]): void {
    this.fields.push(this.field);
    out.push({ fields: this.fields, position: ++this.records, line: this.recordLine });
    this.fields = [];
    this.field = '';
    this.fieldChars = 0;
    this.fieldBlank = true;
    this.recordChars = 0;
    this.state = State.FieldStart;
  }
}

function isBlanks(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c !== SPACE && c !== TAB) return false;
  }
  return true;
}
