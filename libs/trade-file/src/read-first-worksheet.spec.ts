import { chunked, readAll, refusalOf } from '../test-fixtures/trade-file.fixtures';
import {
  excelJsWorkbook,
  handBuiltWorkbook,
  inlineCells,
  repacked,
  TRADE_HEADER,
  type HandBuiltWorkbook,
} from '../test-fixtures/xlsx.fixtures';
import { readFirstWorksheet } from './read-first-worksheet';
import { readTradeFile } from './read-trade-file';
import type { TradeFileRow } from './trade-columns';

const XLSX = { fileName: 'trades.xlsx' };
const day = (text: string): Date => new Date(`${text}T00:00:00Z`);
const brief = (rows: readonly TradeFileRow[]): (string | number)[][] =>
  rows.map(({ row, cells }) => [
    row,
    cells.clientRef,
    cells.fundIsin,
    cells.accountId,
    cells.amount,
    cells.units,
    cells.tradeDate,
    cells.settlementDate,
    cells.comment,
  ]);

// Excel's layout for these tests: shared strings after the sheet, a built-in date format (14), a custom
// one (164) and a time of day (20).
const excelLike = (rows: string, more: Partial<HandBuiltWorkbook> = {}): Promise<Buffer> =>
  handBuiltWorkbook({
    sheets: [{ name: 'Trades', rows }],
    sharedStrings: [...TRADE_HEADER, 'REF-1', 'LU0000000001', 'EUR', '0012345'],
    numFmts: { 164: 'yyyy\\-mm\\-dd;@' },
    cellFormats: [0, 14, 164, 20],
    ...more,
  });
const sharedHeader = `<row r="1" spans="1:10">${TRADE_HEADER.map(
  (_name, i) => `<c r="${String.fromCharCode(65 + i)}1" t="s"><v>${i}</v></c>`,
).join('')}</row>`;

describe(readFirstWorksheet.name, () => {
  it('reads a workbook written by exceljs: numbers, dates, text ISINs, a formula, any header case and order', async () => {
    const workbook = await excelJsWorkbook([
      {
        name: 'Trades',
        rows: [
          [
            'Fund_ISIN',
            'CLIENT_REF',
            'Order_Type',
            'account_id',
            'AMOUNT',
            'currency',
            'units',
            'trade_date',
            'settlement_date',
            'comment',
          ],
          [
            'LU0000000001',
            'REF-1',
            'SUBSCRIPTION',
            '0012345',
            1000.5,
            'EUR',
            null,
            day('2026-12-04'),
            day('2026-12-08'),
            'first',
          ],
          [
            'LU0000000002',
            'REF-2',
            'REDEMPTION',
            'ACC-2',
            null,
            '',
            12.345678,
            day('2026-12-04'),
            null,
            'Zürich',
          ],
          [
            'LU0000000001',
            'REF-3',
            'SUBSCRIPTION',
            'ACC-3',
            { formula: '0.1+0.2', result: 0.30000000000000004 },
            'EUR',
            null,
            { formula: 'DATE(2026,12,7)', result: day('2026-12-07') },
            null,
            null,
          ],
          [
            'LU0000000001',
            'REF-4',
            'SUBSCRIPTION',
            'ACC-4',
            250000,
            'EUR',
            null,
            day('2026-12-04'),
            null,
            '=cmd|/c calc',
          ],
          ['', null, '  ', null],
          [],
        ],
      },
      {
        name: 'Notes',
        rows: [
          ['not', 'a', 'trade'],
          ['REF-9', 'x'],
        ],
      },
    ]);
    expect(brief(await readAll(workbook, XLSX))).toEqual([
      [1, 'REF-1', 'LU0000000001', '0012345', '1000.5', '', '2026-12-04', '2026-12-08', 'first'],
      [2, 'REF-2', 'LU0000000002', 'ACC-2', '', '12.345678', '2026-12-04', '', 'Zürich'],
      [3, 'REF-3', 'LU0000000001', 'ACC-3', '0.3', '', '2026-12-07', '', ''],
      [4, 'REF-4', 'LU0000000001', 'ACC-4', '250000', '', '2026-12-04', '', '=cmd|/c calc'],
    ]);
  });

  it("reads what Excel writes: shared strings after the sheet, styles' date formats, cached formula results", async () => {
    const workbook = await excelLike(
      sharedHeader +
        // Shared, inline and formula-string text; a formula's float noise; a built-in and a custom date
        // format (the latter on a formula); rich text with a phonetic guide left out.
        `<row r="2"><c r="A2" t="s"><v>10</v></c><c r="B2" t="inlineStr"><is><t>SUBSCRIPTION</t></is></c>` +
        `<c r="C2" t="s"><v>11</v></c><c r="D2" t="str"><f>CONCAT("ACC-","1")</f><v>ACC-1</v></c>` +
        `<c r="E2"><f>0.1+0.2</f><v>0.30000000000000004</v></c><c r="F2" t="s"><v>12</v></c>` +
        `<c r="H2" s="1"><v>46360</v></c><c r="I2" s="2"><f>H2+4</f><v>46364</v></c>` +
        `<c r="J2" t="inlineStr"><is><r><t>Zür</t></r><r><rPr><b/></rPr><t>ich</t></r><rPh sb="0" eb="1"><t>ズ</t></rPh></is></c></row>` +
        // No cell references (allowed); a formula error, an exponent, a date-time, a boolean, an escape.
        `<row r="3"><c t="inlineStr"><is><t>REF-2</t></is></c><c t="inlineStr"><is><t>REDEMPTION</t></is></c>` +
        `<c t="s"><v>11</v></c><c t="s"><v>13</v></c><c t="e"><f>VLOOKUP(A3,Prices!A:B,2,FALSE)</f><v>#N/A</v></c>` +
        `<c t="s"><v>12</v></c><c><v>1.5E-3</v></c><c s="1"><v>46360.75</v></c><c t="b"><v>1</v></c>` +
        `<c t="str"><v>line_x000D_\nnext</v></c></row>` +
        // Row 4 is left out (empty); a time-of-day format is not a date.
        `<row r="5"><c r="A5" t="inlineStr"><is><t>REF-3</t></is></c><c r="B5" t="inlineStr"><is><t>SUBSCRIPTION</t></is></c>` +
        `<c r="C5" t="s"><v>11</v></c><c r="D5" t="s"><v>13</v></c><c r="E5"><v>250000</v></c><c r="F5" t="s"><v>12</v></c>` +
        `<c r="H5" s="2"><v>46361</v></c><c r="J5" s="3"><v>0.5</v></c></row>` +
        // Blank trailing rows, as Excel leaves them after formatting.
        `<row r="6" s="1" customFormat="1"/><row r="7"><c r="A7" s="1"/><c r="B7" t="inlineStr"><is><t> </t></is></c></row>`,
    );
    const rows = await readAll(workbook, XLSX, [7, 1000]);
    expect(brief(rows)).toEqual([
      [1, 'REF-1', 'LU0000000001', 'ACC-1', '0.3', '', '2026-12-04', '2026-12-08', 'Zürich'],
      [2, 'REF-2', 'LU0000000001', '0012345', '#N/A', '0.0015', '2026-12-04', 'TRUE', 'line\r\nnext'],
      [4, 'REF-3', 'LU0000000001', '0012345', '250000', '', '2026-12-05', '', '0.5'],
    ]);
    expect(rows[0].cells).toMatchObject({ orderType: 'SUBSCRIPTION', currency: 'EUR' });
  });

  it.each([
    ['element prefixes (.NET Open XML SDK)', { prefix: 'x' }],
    ['stored, uncompressed parts', { compression: 'STORE' as const }],
  ])('reads a workbook with %s', async (_what, more) => {
    const workbook = await excelLike(
      sharedHeader +
        `<row r="2"><c r="A2" t="s"><v>10</v></c><c r="C2" t="s"><v>11</v></c><c r="H2" s="1"><v>46360</v></c></row>`,
      more,
    );
    expect(brief(await readAll(workbook, XLSX))).toEqual([
      [1, 'REF-1', 'LU0000000001', '', '', '', '2026-12-04', '', ''],
    ]);
  });

  it.each([
    ['ZIP64 records and data descriptors', { forceZip64: true }],
    ['stored entries', { store: true }],
  ])('reads a workbook re-packed with %s (archiver)', async (_what, options) => {
    const workbook = await repacked(
      await excelLike(
        sharedHeader + `<row r="2"><c r="A2" t="s"><v>10</v></c><c r="E2"><v>99.99</v></c></row>`,
      ),
      options,
    );
    expect(brief(await readAll(workbook, XLSX))).toEqual([[1, 'REF-1', '', '', '99.99', '', '', '', '']]);
  });

  it('reads dates of the 1904 date system', async () => {
    const workbook = await excelLike(
      sharedHeader + `<row r="2"><c r="A2" t="s"><v>10</v></c><c r="H2" s="1"><v>44898</v></c></row>`,
      {
        date1904: true,
      },
    );
    expect((await readAll(workbook, XLSX))[0].cells.tradeDate).toBe('2026-12-04');
  });

  it('reads the first visible worksheet and ignores the others', async () => {
    const workbook = await handBuiltWorkbook({
      sheets: [
        { name: 'Lookup', hidden: true, rows: inlineCells(1, ['isin', 'name']) },
        {
          name: 'Trades',
          rows: inlineCells(1, [...TRADE_HEADER]) + inlineCells(2, ['REF-1', 'SUBSCRIPTION']),
        },
        { name: 'Old', rows: inlineCells(1, [...TRADE_HEADER]) + inlineCells(2, ['REF-OLD']) },
      ],
    });
    expect(brief(await readAll(workbook, XLSX))).toEqual([[1, 'REF-1', '', '', '', '', '', '', '']]);
  });

  it('refuses an empty first worksheet as EMPTY_FILE, naming it, even when another sheet has trades', async () => {
    const workbook = await excelJsWorkbook([
      { name: 'Sheet1', rows: [] },
      { name: 'Trades', rows: [[...TRADE_HEADER], ['REF-1']] },
    ]);
    const error = await refusalOf(workbook, XLSX);
    expect(error.code).toBe('EMPTY_FILE');
    expect(error.message).toMatch(/nothing on its first worksheet \("Sheet1"\).*first worksheet only/);
  });

  it('refuses a header without trades as EMPTY_FILE', async () => {
    const workbook = await excelJsWorkbook([{ name: 'Trades', rows: [[...TRADE_HEADER], [null, '']] }]);
    expect(await refusalOf(workbook, XLSX)).toMatchObject({
      code: 'EMPTY_FILE',
      message: expect.stringMatching(/header but no trades/),
    });
  });

  it('streams a large sheet (several MB of XML) slice by slice, and stops cleanly when the consumer stops', async () => {
    const comment = 'x'.repeat(120);
    const rows = Array.from({ length: 20_000 }, (_v, i) =>
      inlineCells(i + 2, [`REF-${i + 1}`, '', '', '', '', '', '', '', '', comment]),
    );
    const workbook = await handBuiltWorkbook({
      sheets: [{ name: 'Trades', rows: inlineCells(1, [...TRADE_HEADER]) + rows.join('') }],
    });
    const all = await readAll(workbook, XLSX);
    expect(all).toHaveLength(20_000);
    expect(all[19_999]).toMatchObject({ row: 20_000, cells: { clientRef: 'REF-20000', comment } });

    const seen: number[] = [];
    for await (const { row } of readTradeFile(chunked(workbook), {
      ...XLSX,
      maxRows: 100_000,
      maxBytes: 1e7,
    })) {
      seen.push(row);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual([1, 2, 3]);
  });
});
