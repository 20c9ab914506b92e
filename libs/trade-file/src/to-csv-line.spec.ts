import { HEADER, readAll } from '../test-fixtures/trade-file.fixtures';
import { toCsvLine } from './to-csv-line';

describe(toCsvLine.name, () => {
  it('writes a CRLF-terminated record, quoting only where needed', () => {
    expect(toCsvLine(['a', 'b,c', 'say "hi"', 'two\nlines', '', ' pad'])).toBe(
      'a,"b,c","say ""hi""","two\nlines",," pad"\r\n',
    );
  });

  it('neutralises formulas but keeps negative numbers', () => {
    expect(toCsvLine(['=1+1', '-12.5', '@x,y'])).toBe(`'=1+1,-12.5,"'@x,y"\r\n`);
  });

  it('round-trips through the trade file reader', async () => {
    const values = [
      'REF "1", x',
      'SUBSCRIPTION',
      'LU0000000001',
      'ACC\n1',
      '1.5',
      'EUR',
      '',
      '2026-12-04',
      '',
      'é €',
    ];
    const rows = await readAll(`${HEADER}\r\n${toCsvLine(values)}`);
    expect(Object.values(rows[0].cells)).toEqual(values);
  });
});
