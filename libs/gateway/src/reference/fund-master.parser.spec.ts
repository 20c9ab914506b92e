import { bytes, fundCells, fundMasterCsv, HEADER } from './fund-master.fixtures';
import { FundMasterFileError } from './fund-master-file.error';
import { parseFundMasterCsv } from './fund-master.parser';

const LU = 'LU1294538506';
const GB = 'GB00B4T7HV46';

function refusal(input: string | Uint8Array): FundMasterFileError {
  try {
    parseFundMasterCsv(typeof input === 'string' ? bytes(input) : input);
  } catch (error) {
    if (error instanceof FundMasterFileError) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe(parseFundMasterCsv.name, () => {
  describe('reads', () => {
    it('a standard file into trimmed cells by column, rows numbered from 1 after the header', () => {
      const parsed = parseFundMasterCsv(bytes(fundMasterCsv([{}, { isin: GB, name: '  Thamesgate  ' }])));
      expect(parsed.errors).toEqual([]);
      expect(parsed.records).toEqual([
        { row: 1, cells: fundCells() },
        { row: 2, cells: fundCells({ isin: GB, name: 'Thamesgate' }) },
      ]);
    });

    it('header names in any case and order', () => {
      const csv = `STATUS,Name,isin,Provider,currency,Cutoff_Time,timezone,PRIMARY_ROUTE,alternate_route\nopen,Fund A,${LU},NON_GS,EUR,12:00,Europe/Luxembourg,CASIE,\n`;
      expect(parseFundMasterCsv(bytes(csv)).records[0].cells).toEqual(
        fundCells({ status: 'open', name: 'Fund A', alternate_route: '' }),
      );
    });

    it('a UTF-8 BOM, LF or lone CR line breaks and no final line break', () => {
      for (const csv of [
        `\uFEFF${fundMasterCsv([{}])}`,
        fundMasterCsv([{}]).replace(/\r\n/g, '\n'),
        fundMasterCsv([{}]).replace(/\r\n/g, '\r'),
        fundMasterCsv([{}]).trimEnd(),
      ]) {
        expect(parseFundMasterCsv(bytes(csv)).records).toEqual([{ row: 1, cells: fundCells() }]);
      }
    });

    it('RFC 4180 quoting: commas, doubled quotes and line breaks inside a quoted cell, blanks around it', () => {
      const csv = `${HEADER}\n${LU}, "Fund ""A"", Class 1\nAcc" ,NON_GS,EUR,12:00,Europe/Luxembourg,CASIE,CALASTONE,OPEN\n`;
      expect(parseFundMasterCsv(bytes(csv)).records[0].cells.name).toBe('Fund "A", Class 1\nAcc');
    });

    it('skips blank lines and empty spreadsheet rows but counts them in row numbers', () => {
      const csv = `\n${HEADER}\n\n,,,,,,,,\n${fundMasterCsv([{}]).split('\r\n')[1]}\n\n\n`;
      expect(parseFundMasterCsv(bytes(csv)).records.map((r) => r.row)).toEqual([3]);
    });

    it('trailing unnamed header columns that stay empty (a spreadsheet export)', () => {
      const csv = `${HEADER},,\n${LU},Fund,NON_GS,EUR,12:00,Europe/Luxembourg,CASIE,,OPEN,,\n`;
      expect(parseFundMasterCsv(bytes(csv)).records).toHaveLength(1);
    });

    it('non-ASCII text', () => {
      const csv = fundMasterCsv([{ name: 'Fonds Européen Zürich – Ωmega' }]);
      expect(parseFundMasterCsv(bytes(csv)).records[0].cells.name).toBe('Fonds Européen Zürich – Ωmega');
    });
  });

  describe('reports as a row error (ROW_FIELD_COUNT), keeping the other rows', () => {
    it('a row with more or fewer fields than the header', () => {
      const csv = `${HEADER}\n${LU},Fund, Class A,NON_GS,EUR,12:00,Europe/Luxembourg,CASIE,,OPEN\n${GB},Fund,NON_GS,EUR\n${LU},Fund,NON_GS,EUR,12:00,Europe/Luxembourg,CASIE,,OPEN\n`;
      const parsed = parseFundMasterCsv(bytes(csv));
      expect(parsed.records.map((r) => r.row)).toEqual([3]);
      expect(parsed.errors).toEqual([
        {
          row: 1,
          column: '*',
          code: 'ROW_FIELD_COUNT',
          message: expect.stringMatching(/has 10 fields but the header has 9.*double quotes/),
        },
        { row: 2, column: '*', code: 'ROW_FIELD_COUNT', message: expect.stringMatching(/has 4 fields/) },
      ]);
    });

    it('a value under a column without a header name', () => {
      const csv = `${HEADER},\n${LU},Fund,NON_GS,EUR,12:00,Europe/Luxembourg,CASIE,,OPEN,oops\n`;
      expect(parseFundMasterCsv(bytes(csv)).errors).toEqual([
        expect.objectContaining({
          row: 1,
          code: 'ROW_FIELD_COUNT',
          message: expect.stringMatching(/column 10/),
        }),
      ]);
    });
  });

  describe('refuses the whole file', () => {
    it.each([
      ['an empty file', ''],
      ['only blank lines', '\r\n  \r\n,,,\r\n'],
      ['a BOM and nothing else', '\uFEFF'],
    ])('EMPTY_FILE: %s', (_, csv) => {
      expect(refusal(csv)).toMatchObject({ code: 'EMPTY_FILE', httpStatus: 422 });
    });

    it('EMPTY_FILE: a header without funds (loading it would empty the master)', () => {
      expect(refusal(`${HEADER}\r\n\r\n`)).toMatchObject({ code: 'EMPTY_FILE', message: /no funds/ });
    });

    it('MISSING_COLUMNS, naming them', () => {
      const csv = fundMasterCsv(
        [{}],
        ['isin', 'name', 'provider', 'currency', 'cutoff_time', 'timezone', 'status'],
      );
      expect(refusal(csv)).toMatchObject({
        code: 'MISSING_COLUMNS',
        message: expect.stringContaining('primary_route, alternate_route'),
      });
    });

    it('UNKNOWN_COLUMNS, naming them', () => {
      expect(refusal(`${HEADER},fund_manager\n`)).toMatchObject({
        code: 'UNKNOWN_COLUMNS',
        message: expect.stringContaining('"fund_manager"'),
      });
    });

    it('DUPLICATE_COLUMNS, whatever their case', () => {
      expect(refusal(`${HEADER},ISIN\n`)).toMatchObject({ code: 'DUPLICATE_COLUMNS', message: /"isin"/ });
    });

    it('BAD_ENCODING: bytes that are not UTF-8, with the line', () => {
      const latin1 = Uint8Array.from([
        ...bytes(`${HEADER}\n${LU},Fonds Europ`),
        0xe9,
        ...bytes('en,NON_GS\n'),
      ]);
      expect(refusal(latin1)).toMatchObject({ code: 'BAD_ENCODING', message: /^Line 2 is not valid UTF-8/ });
    });

    it('BAD_ENCODING: a NUL character (binary data)', () => {
      expect(refusal(`${HEADER}\n\u0000\u0001`)).toMatchObject({
        code: 'BAD_ENCODING',
        message: /Line 2.*NUL/,
      });
    });

    it('MALFORMED_CSV: a quoted cell never closed', () => {
      expect(refusal(`${HEADER}\n${LU},"Fund,NON_GS\n`)).toMatchObject({
        code: 'MALFORMED_CSV',
        message: /opened on line 2 is never closed/,
      });
    });

    it('MALFORMED_CSV: text after the closing quote', () => {
      expect(refusal(`${HEADER}\n${LU},"Fund"x,NON_GS\n`)).toMatchObject({
        code: 'MALFORMED_CSV',
        message: /Line 2/,
      });
    });

    it('MALFORMED_CSV: a file separated by semicolons', () => {
      expect(refusal(HEADER.replace(/,/g, ';'))).toMatchObject({
        code: 'MALFORMED_CSV',
        message: /semicolons/,
      });
    });
  });
});
