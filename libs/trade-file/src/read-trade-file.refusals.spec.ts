import { HEADER, readAll, refusalOf, tradeLine } from '../test-fixtures/trade-file.fixtures';
import { readTradeFile } from './read-trade-file';

const good = `${HEADER}\n${tradeLine(1)}\n${tradeLine(2)}\n`;

describe(readTradeFile.name, () => {
  describe('refuses what is not a CSV or XLSX with NOT_CSV_OR_XLSX (415)', () => {
    it.each([
      ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), /PDF document/],
      ['a PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /PNG image/],
      ['a gzip', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00]), /gzip archive/],
      [
        'a legacy .xls',
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
        /legacy Excel 97-2003/,
      ],
      ['an HTML page', Buffer.from('<!DOCTYPE html><html><body>Login</body></html>'), /XML or HTML/],
      ['binary noise', Buffer.from([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x41]), /binary data/],
    ])('%s', async (_what, bytes, message) => {
      const error = await refusalOf(bytes);
      expect(error.code).toBe('NOT_CSV_OR_XLSX');
      expect(error.httpStatus).toBe(415);
      expect(error.message).toMatch(message);
      expect(error.message).toContain('"trades.csv"');
    });

    it('a text file with a NUL byte further down, naming the line', async () => {
      const file = `${HEADER}\n${tradeLine(1)}\n${'x'.repeat(5000)}\n${tradeLine(2)}\u0000\n`;
      const error = await refusalOf(file);
      expect(error.code).toBe('NOT_CSV_OR_XLSX');
      expect(error.details.line).toBe(4);
    });
  });

  describe('refuses invalid UTF-8 with BAD_ENCODING (422), naming the byte offset and the line', () => {
    it('a Latin-1 character in a cell', async () => {
      const prefix = `${HEADER}\n${tradeLine(1)}\nREF-2,SUBSCRIPTION,LU0000000001,ACC-2,10,EUR,,2026-12-04,,M`;
      const bytes = Buffer.concat([Buffer.from(prefix), Buffer.from([0xfc]), Buffer.from('ller\n')]);
      const error = await refusalOf(bytes);
      expect(error.code).toBe('BAD_ENCODING');
      expect(error.httpStatus).toBe(422);
      expect(error.details).toEqual({ byteOffset: Buffer.byteLength(prefix), line: 3 });
      expect(error.message).toMatch(/offset \d+ \(line 3\).*UTF-8/);
    });

    it('a file cut off in the middle of a character', async () => {
      const bytes = Buffer.concat([Buffer.from(`${HEADER}\n${tradeLine(1)}é`), Buffer.from([0xe2, 0x82])]);
      const error = await refusalOf(bytes);
      expect(error.code).toBe('BAD_ENCODING');
      expect(error.details.byteOffset).toBe(bytes.length - 2);
    });

    it('a UTF-16 file', async () => {
      const error = await refusalOf(
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HEADER, 'utf16le')]),
      );
      expect(error.code).toBe('BAD_ENCODING');
      expect(error.message).toMatch(/UTF-16/);
    });

    it('an overlong encoding', async () => {
      const bytes = Buffer.concat([Buffer.from(`${HEADER}\n`), Buffer.from([0xc0, 0xaf])]);
      expect((await refusalOf(bytes)).details.byteOffset).toBe(HEADER.length + 1);
    });
  });

  describe('refuses a wrong header', () => {
    it('MISSING_COLUMNS names the missing required columns and lists the expected ones', async () => {
      const error = await refusalOf(
        `client_ref,order_type,fund_isin,account_id,amount,currency,trade_date\nA,B,C,D,1,EUR,X\n`,
      );
      expect(error.code).toBe('MISSING_COLUMNS');
      expect(error.httpStatus).toBe(422);
      expect(error.details.columns).toEqual(['units']);
      expect(error.message).toMatch(/lacks the required column\(s\) units\..*client_ref, order_type/);
    });

    it('UNKNOWN_COLUMNS names the unknown columns (and the missing ones they probably meant)', async () => {
      const error = await refusalOf(good.replace('client_ref', 'Client Ref').replace('comment', 'notes'));
      expect(error.code).toBe('UNKNOWN_COLUMNS');
      expect(error.details.columns).toEqual(['client ref', 'notes']);
      expect(error.message).toMatch(/"client ref", "notes"\. Missing required: client_ref\./);
    });

    it('DUPLICATE_COLUMNS names the repeated column and where', async () => {
      const error = await refusalOf(`${HEADER},AMOUNT\n${tradeLine(1)},5\n`);
      expect(error.code).toBe('DUPLICATE_COLUMNS');
      expect(error.details.columns).toEqual(['amount']);
      expect(error.message).toMatch(/"amount" \(column 5 and column 11\)/);
    });
  });

  describe('refuses a file without trades with EMPTY_FILE (422)', () => {
    it.each([
      ['no bytes', ''],
      ['only a BOM', '\uFEFF'],
      ['only blank lines', '\r\n\n   \n\t\n'],
      ['a header only', `${HEADER}\r\n`],
      ['a header and blank rows', `${HEADER}\n\n,,,,,,,,,\n  \n`],
    ])('%s', async (_what, file) => {
      const error = await refusalOf(file);
      expect(error.code).toBe('EMPTY_FILE');
      expect(error.httpStatus).toBe(422);
    });
  });

  describe('refuses a file over the limits with TOO_LARGE (413)', () => {
    it('more bytes than maxBytes, counted as they stream', async () => {
      const error = await refusalOf(good, { maxBytes: good.length - 1 }, [7]);
      expect(error.code).toBe('TOO_LARGE');
      expect(error.httpStatus).toBe(413);
      expect(error.message).toMatch(/larger than \d+ bytes/);
    });

    it('more data rows than maxRows (blank rows do not count)', async () => {
      expect(await readAll(`${HEADER}\n${tradeLine(1)}\n\n${tradeLine(2)}\n`, { maxRows: 2 })).toHaveLength(
        2,
      );
      const error = await refusalOf(good + tradeLine(3), { maxRows: 2 });
      expect(error.code).toBe('TOO_LARGE');
      expect(error.details.row).toBe(3);
    });
  });

  describe('refuses broken CSV with MALFORMED_CSV (422)', () => {
    it('an unterminated quote, naming the line it opens on', async () => {
      const error = await refusalOf(
        `${HEADER}\n${tradeLine(1)}\nREF-2,"SUBSCRIPTION,LU0000000001\n${tradeLine(3)}\n`,
      );
      expect(error.code).toBe('MALFORMED_CSV');
      expect(error.details.line).toBe(3);
      expect(error.message).toMatch(/opened on line 3 is never closed/);
    });

    it('a row with too many fields, naming the row', async () => {
      const error = await refusalOf(`${HEADER}\n${tradeLine(1)}\n\n${tradeLine(2)},extra\n`);
      expect(error.code).toBe('MALFORMED_CSV');
      expect(error.details).toEqual({ row: 3, line: 4 });
      expect(error.message).toMatch(/Row 3 \(line 4\) has 11 fields but the header has 10.*quotes/);
    });

    it('a row with too few fields, naming the row', async () => {
      const error = await refusalOf(`${HEADER}\n${tradeLine(1).replace(',row 1', '')}\n`);
      expect(error.code).toBe('MALFORMED_CSV');
      expect(error.details.row).toBe(1);
    });

    it.each([
      ['semicolons', ';'],
      ['tabs', '\t'],
    ])('a file separated by %s, asking for commas', async (what, separator) => {
      const error = await refusalOf(
        `${HEADER.replaceAll(',', separator)}\n${tradeLine(1).replaceAll(',', separator)}\n`,
      );
      expect(error.code).toBe('MALFORMED_CSV');
      expect(error.message).toContain(`separated by ${what}; trade files must use commas`);
    });

    it('text after a closing quote', async () => {
      const error = await refusalOf(`${HEADER}\n"REF-1"x,SUBSCRIPTION,LU0000000001,A,1,EUR,,2026-12-04,,\n`);
      expect(error.code).toBe('MALFORMED_CSV');
      expect(error.details.line).toBe(2);
    });

    it('a value under a column with no header name', async () => {
      const error = await refusalOf(`${HEADER},\n${tradeLine(1)},surprise\n`);
      expect(error.code).toBe('MALFORMED_CSV');
      expect(error.message).toMatch(/value in column 11, which has no header name/);
    });

    it('a cell longer than 10,000 characters', async () => {
      const error = await refusalOf(`${HEADER}\n${tradeLine(1)}${'x'.repeat(10_001)}\n`);
      expect(error.code).toBe('MALFORMED_CSV');
      expect(error.message).toMatch(/longer than 10000 characters/);
    });

    it('a record longer than 1,000,000 characters', async () => {
      const error = await refusalOf(`${HEADER}\n${tradeLine(1)}${`,${'x'.repeat(9_999)}`.repeat(101)}\n`);
      expect(error.code).toBe('MALFORMED_CSV');
      expect(error.message).toMatch(/record starting on line 2 is longer than 1000000 characters/);
    });

    it('a record with more than 1,000 fields', async () => {
      const error = await refusalOf(`${HEADER}\n${tradeLine(1)}${','.repeat(1_000)}\n`);
      expect(error.code).toBe('MALFORMED_CSV');
      expect(error.message).toMatch(/more than 1000 fields/);
    });
  });
});
