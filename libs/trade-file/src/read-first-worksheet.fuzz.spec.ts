import { readAll, seededRandom } from '../test-fixtures/trade-file.fixtures';
import { excelJsWorkbook, handBuiltWorkbook, TRADE_HEADER } from '../test-fixtures/xlsx.fixtures';
import { readFirstWorksheet } from './read-first-worksheet';
import { TradeFileError } from './trade-file.error';
import type { TradeFileRow } from './trade-columns';

const random = seededRandom(20261208);
const int = (n: number): number => Math.floor(random() * n);

const trades = Array.from({ length: 8 }, (_v, i) => [
  `REF-${i}`,
  'SUBSCRIPTION',
  'LU0000000001',
  `00${i}`,
  1000.5 + i,
  'EUR',
  null,
  new Date(Date.UTC(2026, 11, 4 + i)),
  null,
  i % 2 === 0 ? 'Zürich' : null,
]);
const SHEET_XML =
  `<row r="1">${TRADE_HEADER.map((n, i) => `<c r="${String.fromCharCode(65 + i)}1" t="s"><v>${i}</v></c>`).join('')}</row>` +
  `<row r="2"><c r="A2" t="inlineStr"><is><t>REF-1</t></is></c><c r="C2" t="s"><v>10</v></c><c r="E2"><f>1+1</f><v>2</v></c><c r="H2" s="1"><v>46360</v></c></row>` +
  `<row r="4"><c t="inlineStr"><is><r><t>REF</t></r><r><t>-2</t></r></is></c><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c><c s="2"><v>46361.5</v></c></row>`;

// XML-level damage: the kinds of breakage a parser meets (cut tags, stray markup, odd numbers).
const XML_NOISE = [
  '<',
  '>',
  '</c>',
  '<row>',
  '<c r="ZZZ9">',
  '&',
  '&amp;',
  '"',
  't="s"',
  'r="0"',
  '1E+400',
  '\u0000',
  '_x0',
];

function mutatedBytes(valid: Buffer): Buffer {
  let bytes = Buffer.from(valid);
  for (let m = 1 + int(4); m > 0; m--) {
    const at = int(bytes.length);
    switch (int(4)) {
      case 0:
        bytes[at] = int(256);
        break;
      case 1:
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + int(64))]);
        break;
      case 2:
        bytes = bytes.subarray(0, at);
        break;
      default:
        // Aim at the ZIP records: sizes, offsets, counts right after a 'PK' signature.
        bytes[Math.max(0, bytes.lastIndexOf('PK', int(bytes.length))) + 4 + int(42)] = int(256);
    }
  }
  return bytes;
}

function mutatedXml(): string {
  let xml = SHEET_XML;
  for (let m = 1 + int(3); m > 0; m--) {
    const at = int(xml.length);
    xml =
      int(2) === 0
        ? xml.slice(0, at) + XML_NOISE[int(XML_NOISE.length)] + xml.slice(at)
        : xml.slice(0, at) + xml.slice(at + 1 + int(20));
  }
  return xml;
}

async function outcomeOf(bytes: Buffer): Promise<TradeFileRow[] | TradeFileError> {
  try {
    return await readAll(bytes, { fileName: 'fuzz.xlsx', maxRows: 50, maxBytes: 200_000 }, [1 + int(5000)]);
  } catch (error) {
    if (error instanceof TradeFileError) return error;
    throw new Error(`not a TradeFileError for ${bytes.toString('base64')}: ${String(error)}`);
  }
}

function expectWellFormed(outcome: TradeFileRow[] | TradeFileError): void {
  if (outcome instanceof TradeFileError) {
    expect(outcome.message.length).toBeGreaterThan(20);
    expect(outcome.httpStatus).toBeGreaterThanOrEqual(400);
    return;
  }
  let previous = 0;
  for (const { row, cells } of outcome) {
    expect(row).toBeGreaterThan(previous);
    previous = row;
    for (const cell of Object.values(cells)) expect(cell).toBe(cell.trim());
  }
}

describe(readFirstWorksheet.name, () => {
  it('either yields rows or throws a TradeFileError for 300 byte-level mutations of real workbooks', async () => {
    const originals = [
      await excelJsWorkbook([{ name: 'Trades', rows: [[...TRADE_HEADER], ...trades] }]),
      await handBuiltWorkbook({
        sheets: [{ name: 'Trades', rows: SHEET_XML }],
        sharedStrings: [...TRADE_HEADER, 'LU0000000001'],
        cellFormats: [0, 14, 22],
        compression: 'STORE',
      }),
    ];
    const codes = new Set<string>();
    for (let run = 0; run < 300; run++) {
      const outcome = await outcomeOf(mutatedBytes(originals[run % 2]));
      expectWellFormed(outcome);
      codes.add(outcome instanceof TradeFileError ? outcome.code : 'ACCEPTED');
    }
    expect([...codes]).toEqual(expect.arrayContaining(['MALFORMED_XLSX']));
  }, 60_000);

  it('either yields rows or throws a TradeFileError for 300 damaged sheets inside intact ZIPs', async () => {
    const codes = new Set<string>();
    for (let run = 0; run < 300; run++) {
      const bytes = await handBuiltWorkbook({
        sheets: [{ name: 'Trades', rows: mutatedXml() }],
        sharedStrings: [...TRADE_HEADER, 'LU0000000001'],
        cellFormats: [0, 14, 22],
      });
      const outcome = await outcomeOf(bytes);
      expectWellFormed(outcome);
      codes.add(outcome instanceof TradeFileError ? outcome.code : 'ACCEPTED');
    }
    // The damage must reach the sheet parser, not only trip the first check.
    expect([...codes]).toEqual(expect.arrayContaining(['ACCEPTED', 'MALFORMED_XLSX']));
  }, 60_000);
});
