import { readAll } from '../test-fixtures/trade-file.fixtures';
import {
  escapeXml,
  excelJsStreamedWorkbook,
  excelJsWorkbook,
  handBuiltWorkbook,
  TRADE_HEADER,
  type CellValue,
} from '../test-fixtures/xlsx.fixtures';
import { readTradeFile } from './read-trade-file';

interface Trade {
  readonly ref: string;
  readonly type: string;
  readonly isin: string;
  readonly account: string;
  readonly amount?: number;
  readonly currency: string;
  readonly units?: number;
  readonly tradeDate: string;
  readonly settlementDate?: string;
  readonly comment: string;
}

// The same trades as an operator types them: amounts and units are numbers in Excel, dates are dates.
const TRADES: Trade[] = Array.from({ length: 40 }, (_v, i) => ({
  ref: `REF-${i + 1}`,
  type: i % 3 === 0 ? 'REDEMPTION' : 'SUBSCRIPTION',
  isin: i % 2 === 0 ? 'LU0000000001' : 'IE00B4L5Y983',
  account: i % 5 === 0 ? `00${1000 + i}` : `ACC-${i}`,
  amount: i % 4 === 3 ? undefined : [1000.5, 250000, 0.01, 12345678.9, 99.99][i % 5],
  currency: i % 4 === 3 ? '' : 'EUR',
  units: i % 4 === 3 ? [12.345678, 1, 0.000001][i % 3] : undefined,
  tradeDate: `2026-12-${String(4 + (i % 20)).padStart(2, '0')}`,
  settlementDate: i % 2 === 0 ? '2026-12-31' : undefined,
  comment: ['', 'plain', 'a, comma', 'say "hi"', 'Zürich €', '=1+1'][i % 6],
}));

const date = (text: string): Date => new Date(`${text}T00:00:00Z`);
const typed = (t: Trade): CellValue[] => [
  t.ref,
  t.type,
  t.isin,
  t.account,
  t.amount ?? null,
  t.currency,
  t.units ?? null,
  date(t.tradeDate),
  t.settlementDate === undefined ? null : date(t.settlementDate),
  t.comment,
];
// What the CSV holds: the text of each value as typed, RFC 4180-quoted where needed.
const csvCell = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const csvFile = (): string =>
  [
    TRADE_HEADER.join(','),
    ...TRADES.map((t) =>
      [
        t.ref,
        t.type,
        t.isin,
        t.account,
        t.amount === undefined ? '' : String(t.amount),
        t.currency,
        t.units === undefined ? '' : String(t.units),
        t.tradeDate,
        t.settlementDate ?? '',
        t.comment,
      ]
        .map(csvCell)
        .join(','),
    ),
  ].join('\r\n');

// Excel's own shape: shared strings after the sheet, numbers as numbers, dates with a date format.
async function excelShaped(): Promise<Buffer> {
  const strings: string[] = [...TRADE_HEADER];
  const shared = (text: string): string => {
    let index = strings.indexOf(text);
    if (index < 0) index = strings.push(text) - 1;
    return `t="s"><v>${index}</v>`;
  };
  const serial = (text: string): number => (date(text).getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
  const rows = [TRADE_HEADER.map((name) => `<c ${shared(name)}</c>`).join('')]
    .concat(
      TRADES.map((t) =>
        [
          `<c ${shared(t.ref)}</c>`,
          `<c ${shared(t.type)}</c>`,
          `<c ${shared(t.isin)}</c>`,
          `<c ${shared(t.account)}</c>`,
          t.amount === undefined ? '<c/>' : `<c><v>${t.amount}</v></c>`,
          t.currency === '' ? '<c/>' : `<c ${shared(t.currency)}</c>`,
          t.units === undefined ? '<c/>' : `<c><v>${t.units}</v></c>`,
          `<c s="1"><v>${serial(t.tradeDate)}</v></c>`,
          t.settlementDate === undefined ? '<c/>' : `<c s="1"><v>${serial(t.settlementDate)}</v></c>`,
          t.comment === '' ? '<c/>' : `<c t="inlineStr"><is><t>${escapeXml(t.comment)}</t></is></c>`,
        ].join(''),
      ),
    )
    .map((cells, i) => `<row r="${i + 1}">${cells}</row>`)
    .join('');
  return handBuiltWorkbook({
    sheets: [{ name: 'Trades', rows }],
    sharedStrings: strings,
    cellFormats: [0, 14],
  });
}

describe(readTradeFile.name, () => {
  it('reads the same trades identically from CSV and from XLSX, however the workbook was written', async () => {
    const fromCsv = await readAll(csvFile());
    expect(fromCsv).toHaveLength(TRADES.length);
    const rows = [TRADE_HEADER as readonly CellValue[], ...TRADES.map(typed)];
    const workbooks = {
      exceljs: await excelJsWorkbook([{ name: 'Trades', rows }]),
      'exceljs streamed, shared strings': await excelJsStreamedWorkbook(rows, { useSharedStrings: true }),
      'exceljs streamed, inline strings': await excelJsStreamedWorkbook(rows, { useSharedStrings: false }),
      'Excel-shaped': await excelShaped(),
    };
    for (const [writer, bytes] of Object.entries(workbooks)) {
      const fromXlsx = await readAll(bytes, { fileName: 'trades.xlsx' }, [1000]);
      expect({ writer, rows: fromXlsx }).toEqual({ writer, rows: fromCsv });
    }
  });
});
