import { readAll, refusalOf } from '../test-fixtures/trade-file.fixtures';
import { readTradeFile } from './read-trade-file';
import { TradeFileError } from './trade-file.error';
import type { XlsxRow, XlsxRowSource } from './xlsx-row-source';

// A workbook is recognised by its ZIP signature; the fake sources below stand in for the real parser.
const workbook = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(5000, 0x41)]);
const header = [
  'Client_Ref',
  'order_type',
  'fund_isin',
  'account_id',
  'amount',
  'currency',
  'units',
  'trade_date',
];
const trade = (ref: string): string[] => [
  ref,
  'SUBSCRIPTION',
  'LU0000000001',
  'ACC-1',
  '1000.5',
  'EUR',
  '',
  '2026-12-04',
];

function sourceOf(rows: readonly XlsxRow[], failure?: Error): XlsxRowSource {
  return async function* (bytes) {
    for await (const _chunk of bytes) {
      // A real reader consumes the bytes; this one only proves they arrive.
    }
    yield* rows;
    if (failure !== undefined) throw failure;
  };
}

describe(readTradeFile.name, () => {
  describe('with an XLSX row source', () => {
    it('numbers rows by sheet row, skipping the rows Excel leaves out, and pads short rows', async () => {
      const rows = await readAll(workbook, {
        xlsx: sourceOf([
          { sheetRow: 2, cells: header },
          { sheetRow: 3, cells: trade('REF-1') },
          { sheetRow: 6, cells: trade('REF-2').slice(0, 6) },
          { sheetRow: 7, cells: ['', ' ', ''] },
        ]),
      });
      expect(rows.map((r) => [r.row, r.cells.clientRef, r.cells.units, r.cells.comment])).toEqual([
        [1, 'REF-1', '', ''],
        [4, 'REF-2', '', ''],
      ]);
    });

    it('applies the same header rules as CSV', async () => {
      const error = await refusalOf(workbook, {
        xlsx: sourceOf([{ sheetRow: 1, cells: [...header, 'Amount'] }]),
      });
      expect(error.code).toBe('DUPLICATE_COLUMNS');
      expect(error.message).toMatch(/column E and column I/);
    });

    it('refuses a workbook with a header but no trades as EMPTY_FILE', async () => {
      expect((await refusalOf(workbook, { xlsx: sourceOf([{ sheetRow: 1, cells: header }]) })).code).toBe(
        'EMPTY_FILE',
      );
    });

    it('refuses a value beyond the named columns with MALFORMED_XLSX', async () => {
      const error = await refusalOf(workbook, {
        xlsx: sourceOf([
          { sheetRow: 1, cells: header },
          { sheetRow: 2, cells: [...trade('REF-1'), '', '', 'stray'] },
        ]),
      });
      expect(error.code).toBe('MALFORMED_XLSX');
      expect(error.message).toMatch(/sheet row 2\) has a value in column K/);
    });

    it('maps a parser failure (corrupt ZIP) to MALFORMED_XLSX with a clear message', async () => {
      const error = await refusalOf(workbook, {
        xlsx: sourceOf([{ sheetRow: 1, cells: header }], new Error('invalid zip data')),
      });
      expect(error.code).toBe('MALFORMED_XLSX');
      expect(error.httpStatus).toBe(422);
      expect(error.message).toMatch(/cannot be read \("invalid zip data"\).*save it again/);
    });

    it('keeps a TradeFileError of the parser (a ZIP that is not a workbook)', async () => {
      const notWorkbook = new TradeFileError('NOT_CSV_OR_XLSX', 'a ZIP without a workbook');
      expect(await refusalOf(workbook, { xlsx: sourceOf([], notWorkbook) })).toBe(notWorkbook);
    });

    it('reports TOO_LARGE from the byte stream even if the parser wraps it', async () => {
      const wrapping: XlsxRowSource = async function* (bytes) {
        try {
          for await (const _chunk of bytes) {
            // consume
          }
        } catch {
          throw new Error('stream failed');
        }
        yield* [];
      };
      // Past the 4 KB the format sniffer reads, so the limit trips inside the parser.
      const error = await refusalOf(workbook, { xlsx: wrapping, maxBytes: 4800 }, [500]);
      expect(error.code).toBe('TOO_LARGE');
    });

    it('refuses rows out of order and oversized cells from a misbehaving source', async () => {
      const backwards = sourceOf([
        { sheetRow: 2, cells: header },
        { sheetRow: 2, cells: trade('REF-1') },
      ]);
      expect((await refusalOf(workbook, { xlsx: backwards })).code).toBe('MALFORMED_XLSX');
      const huge = sourceOf([{ sheetRow: 1, cells: ['x'.repeat(10_001)] }]);
      expect((await refusalOf(workbook, { xlsx: huge })).message).toMatch(
        /column A of sheet row 1 is longer/,
      );
    });
  });
});
