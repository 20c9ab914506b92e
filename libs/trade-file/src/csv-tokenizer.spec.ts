import { CsvTokenizer } from './csv-tokenizer';
import { TradeFileError } from './trade-file.error';

function tokenize(chunks: readonly string[], tokenizer = new CsvTokenizer()) {
  const records = chunks.flatMap((chunk) => tokenizer.push(chunk));
  return [...records, ...tokenizer.end()];
}

const fieldsOf = (chunks: readonly string[]) => tokenize(chunks).map((r) => r.fields);

describe(CsvTokenizer.name, () => {
  it('splits records on CRLF, LF and lone CR, even when CRLF is split across chunks', () => {
    expect(fieldsOf(['a,b\r', '\nc,d\re,f\ng,h'])).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
  });

  it('reads quoted cells with commas, doubled quotes and line breaks', () => {
    expect(fieldsOf(['"a,1","say ""x""","two\r\nlines"\n'])).toEqual([['a,1', 'say "x"', 'two\r\nlines']]);
  });

  it('reads a doubled quote split across chunks', () => {
    expect(fieldsOf(['"a"', '"b"'])).toEqual([['a"b']]);
  });

  it('numbers records and remembers the line each starts on', () => {
    const records = tokenize(['h\r\n"multi\r\nline"\r\n\r\nlast\r\n']);
    expect(records.map((r) => [r.position, r.line])).toEqual([
      [1, 1],
      [2, 2],
      [3, 4],
      [4, 5],
    ]);
  });

  it('counts a CRLF split inside quotes as one line', () => {
    const records = tokenize(['"x\r', '\ny"\n', 'next\n']);
    expect(records.map((r) => r.line)).toEqual([1, 3]);
  });

  it('yields empty fields for empty cells and a trailing comma', () => {
    expect(fieldsOf([',a,,\n'])).toEqual([['', 'a', '', '']]);
  });

  it('emits nothing for an empty input and an empty record for an empty line', () => {
    expect(fieldsOf([''])).toEqual([]);
    expect(fieldsOf(['\n'])).toEqual([['']]);
  });

  it('refuses an unterminated quote at the end, naming the line it opened on', () => {
    const tokenizer = new CsvTokenizer();
    tokenizer.push('a\nb,"open\nmore\n');
    expect(() => tokenizer.end()).toThrow(TradeFileError);
    expect(() => tokenizer.end()).toThrow(/opened on line 2 is never closed/);
  });

  it('caps the cell, the record and the number of fields', () => {
    const small = { maxCellChars: 5, maxRecordChars: 12, maxFields: 3 };
    expect(() => new CsvTokenizer(small).push('abcdef')).toThrow(/longer than 5 characters/);
    expect(() => new CsvTokenizer(small).push('"abc\nde')).toThrow(
      /opened on line 1 is longer than 5 characters/,
    );
    expect(() => new CsvTokenizer(small).push('abcd,abcd,abcd')).toThrow(/longer than 12 characters/);
    expect(() => new CsvTokenizer(small).push('a,b,c,d')).toThrow(/more than 3 fields/);
  });
});
