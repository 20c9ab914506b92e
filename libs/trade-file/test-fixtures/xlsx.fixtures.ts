import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

export type CellValue = ExcelJS.CellValue;

export const TRADE_HEADER = [
  'client_ref',
  'order_type',
  'fund_isin',
  'account_id',
  'amount',
  'currency',
  'units',
  'trade_date',
  'settlement_date',
  'comment',
] as const;

/** A workbook as exceljs writes it in memory (Workbook.xlsx.writeBuffer). */
export async function excelJsWorkbook(
  sheets: readonly { readonly name: string; readonly rows: readonly (readonly CellValue[])[] }[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const { name, rows } of sheets) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow([...row]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A one-sheet workbook as exceljs's streaming writer writes it (the shape large exports have). */
export async function excelJsStreamedWorkbook(
  rows: Iterable<readonly CellValue[]>,
  options: { readonly useSharedStrings: boolean },
): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useSharedStrings: options.useSharedStrings,
    useStyles: true,
  });
  const sheet = workbook.addWorksheet('Trades');
  for (const row of rows) sheet.addRow([...row]).commit();
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

export interface HandBuiltSheet {
  readonly name: string;
  /** The inside of <sheetData>, written as Excel would. */
  readonly rows: string;
  readonly hidden?: boolean;
}

export interface HandBuiltWorkbook {
  readonly sheets: readonly HandBuiltSheet[];
  readonly sharedStrings?: readonly string[];
  /** Custom number formats by id (164 and up, as Excel numbers them). */
  readonly numFmts?: Readonly<Record<number, string>>;
  /** The numFmtId of each cell format; a cell's s="i" picks entry i. */
  readonly cellFormats?: readonly number[];
  readonly date1904?: boolean;
  /** A namespace prefix for SpreadsheetML elements, as the .NET Open XML SDK writes (`x`). */
  readonly prefix?: string;
  readonly compression?: 'DEFLATE' | 'STORE';
  /** Extra ZIP entries (name → content), e.g. to make a .docx. */
  readonly extra?: Readonly<Record<string, string>>;
  /** Leave these parts out. */
  readonly without?: readonly string[];
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

/**
 * A workbook built part by part, in the order Excel stores them: workbook, sheets, theme, styles, and the
 * shared strings after the sheets.
 */
export async function handBuiltWorkbook(spec: HandBuiltWorkbook): Promise<Buffer> {
  const p = spec.prefix === undefined ? '' : `${spec.prefix}:`;
  const ns = spec.prefix === undefined ? `xmlns="${MAIN}"` : `xmlns:${spec.prefix}="${MAIN}"`;
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const sheetCount = spec.sheets.length;
  const parts: [string, string][] = [
    [
      '[Content_Types].xml',
      `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
    ],
    [
      '_rels/.rels',
      `${xml}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      'xl/workbook.xml',
      `${xml}<${p}workbook ${ns} xmlns:r="${REL}"><${p}workbookPr${spec.date1904 === true ? ' date1904="1"' : ''}/><${p}sheets>${spec.sheets
        .map(
          (s, i) =>
            `<${p}sheet name="${s.name}" sheetId="${i + 1}"${s.hidden === true ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`,
        )
        .join('')}</${p}sheets><${p}calcPr calcId="191029"/></${p}workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${xml}<Relationships xmlns="${PKG_REL}">${spec.sheets
        .map(
          (_s, i) =>
            `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join(
          '',
        )}<Relationship Id="rId${sheetCount + 1}" Type="${REL}/theme" Target="theme/theme1.xml"/><Relationship Id="rId${sheetCount + 2}" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId${sheetCount + 3}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ],
    ...spec.sheets.map((s, i): [string, string] => [
      `xl/worksheets/sheet${i + 1}.xml`,
      `${xml}<${p}worksheet ${ns} xmlns:r="${REL}"><${p}dimension ref="A1"/><${p}sheetViews><${p}sheetView workbookViewId="0"/></${p}sheetViews><${p}sheetFormatPr defaultRowHeight="15"/><${p}sheetData>${prefixed(s.rows, spec.prefix)}</${p}sheetData><${p}pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></${p}worksheet>`,
    ]),
    [
      'xl/theme/theme1.xml',
      `${xml}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme"/>`,
    ],
    [
      'xl/styles.xml',
      `${xml}<${p}styleSheet ${ns}><${p}numFmts count="${Object.keys(spec.numFmts ?? {}).length}">${Object.entries(
        spec.numFmts ?? {},
      )
        .map(([id, code]) => `<${p}numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`)
        .join(
          '',
        )}</${p}numFmts><${p}cellStyleXfs count="1"><${p}xf numFmtId="14"/></${p}cellStyleXfs><${p}cellXfs>${(
        spec.cellFormats ?? [0]
      )
        .map(
          (id) =>
            `<${p}xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`,
        )
        .join('')}</${p}cellXfs></${p}styleSheet>`,
    ],
    [
      'xl/sharedStrings.xml',
      `${xml}<${p}sst ${ns} count="${spec.sharedStrings?.length ?? 0}" uniqueCount="${spec.sharedStrings?.length ?? 0}">${(
        spec.sharedStrings ?? []
      )
        .map((s) => `<${p}si><${p}t xml:space="preserve">${escapeXml(s)}</${p}t></${p}si>`)
        .join('')}</${p}sst>`,
    ],
    [
      'docProps/app.xml',
      `${xml}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application></Properties>`,
    ],
    ...Object.entries(spec.extra ?? {}),
  ];
  const zip = new JSZip();
  for (const [name, content] of parts) if (!(spec.without ?? []).includes(name)) zip.file(name, content);
  return zip.generateAsync({ type: 'nodebuffer', compression: spec.compression ?? 'DEFLATE' });
}

/** An inline-string cell, so hand-built rows read without a shared string table. */
export function inlineCells(row: number, values: readonly string[]): string {
  const cells = values
    .map((value, i) =>
      value === ''
        ? ''
        : `<c r="${String.fromCharCode(65 + i)}${row}" t="inlineStr"><is><t>${escapeXml(value)}</t></is></c>`,
    )
    .join('');
  return `<row r="${row}">${cells}</row>`;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// Adds the prefix to the SpreadsheetML elements of hand-written row XML.
function prefixed(rows: string, prefix: string | undefined): string {
  return prefix === undefined ? rows : rows.replace(/<(\/?)(row|c|v|f|is|t|r|rPh)\b/g, `<$1${prefix}:$2`);
}

interface Archiver {
  on(event: 'data', listener: (chunk: Buffer) => void): void;
  on(event: 'end', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  append(source: string, data: { name: string; store?: boolean }): void;
  finalize(): Promise<void>;
}

/**
 * Re-packs a ZIP with archiver (the writer exceljs ships): ZIP64 records, data descriptors, and stored
 * (uncompressed) entries when asked.
 */
export async function repacked(
  zip: Buffer,
  options: { readonly forceZip64?: boolean; readonly store?: boolean },
): Promise<Buffer> {
  const source = await JSZip.loadAsync(zip);
  const archiver = createRequire(__filename)('archiver') as (
    format: 'zip',
    options: { forceZip64?: boolean },
  ) => Archiver;
  const archive = archiver('zip', { forceZip64: options.forceZip64 });
  const chunks: Buffer[] = [];
  archive.on('data', (chunk) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    archive.on('end', resolve);
    archive.on('error', reject);
  });
  for (const file of Object.values(source.files)) {
    if (!file.dir) archive.append(await file.async('string'), { name: file.name, store: options.store });
  }
  await archive.finalize();
  await ended;
  return Buffer.concat(chunks);
}

/** A copy of the ZIP with the central directory record of `name` changed (sizes, flags…). */
export function withCentralRecord(zip: Buffer, name: string, patch: (record: Buffer) => void): Buffer {
  const copy = Buffer.from(zip);
  const at = centralRecordOffset(copy, name);
  patch(copy.subarray(at, at + 46));
  return copy;
}

/** Where an entry's compressed data starts and ends, from its central directory record. */
export function entryDataRange(zip: Buffer, name: string): { start: number; end: number } {
  const at = centralRecordOffset(zip, name);
  const local = zip.readUInt32LE(at + 42);
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  return { start, end: start + zip.readUInt32LE(at + 20) };
}

function centralRecordOffset(zip: Buffer, name: string): number {
  const signature = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (let at = zip.indexOf(signature); at >= 0; at = zip.indexOf(signature, at + 4)) {
    const nameLength = zip.readUInt16LE(at + 28);
    if (zip.toString('latin1', at + 46, at + 46 + nameLength) === name) return at;
  }
  throw new Error(`no central directory record for ${name}`);
}
