import { deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { refusalOf } from '../test-fixtures/trade-file.fixtures';
import {
  entryDataRange,
  handBuiltWorkbook,
  inlineCells,
  TRADE_HEADER,
  withCentralRecord,
  type HandBuiltWorkbook,
} from '../test-fixtures/xlsx.fixtures';
import { readFirstWorksheet } from './read-first-worksheet';

const XLSX = { fileName: 'trades.xlsx' };
const SHEET = 'xl/worksheets/sheet1.xml';
const header = inlineCells(1, [...TRADE_HEADER]);
const trade = (row: number, ref = `REF-${row}`): string =>
  inlineCells(row, [ref, 'SUBSCRIPTION', 'LU0000000001']);
const workbook = (rows: string, more: Partial<HandBuiltWorkbook> = {}): Promise<Buffer> =>
  handBuiltWorkbook({ sheets: [{ name: 'Trades', rows }], ...more });
const good = (): Promise<Buffer> => workbook(header + trade(2) + trade(3));

async function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe(readFirstWorksheet.name, () => {
  describe('refuses a damaged workbook with MALFORMED_XLSX (422)', () => {
    it.each([
      [
        'cut off',
        (b: Buffer) => b.subarray(0, Math.floor(b.length * 0.6)),
        /ZIP directory .* missing: the file is cut off/,
      ],
      [
        'cut off inside its directory',
        (b: Buffer) => b.subarray(0, b.length - 30),
        /ZIP directory|damaged|cut off/,
      ],
    ])('%s', async (_what, damage, message) => {
      const error = await refusalOf(damage(await good()), XLSX);
      expect(error.code).toBe('MALFORMED_XLSX');
      expect(error.message).toMatch(/"trades\.xlsx" looks like an Excel workbook but cannot be read/);
      expect(error.message).toMatch(message);
    });

    it('with damaged compressed data in the sheet', async () => {
      const bytes = await good();
      const { start, end } = entryDataRange(bytes, SHEET);
      for (let at = start + 10; at < end; at += 7) bytes[at] ^= 0x55;
      expect((await refusalOf(bytes, XLSX)).code).toBe('MALFORMED_XLSX');
    });

    it('with a changed byte in a stored sheet (the checksum catches it)', async () => {
      const bytes = await workbook(header + trade(2), { compression: 'STORE' });
      const at = bytes.indexOf('REF-2');
      bytes[at + 4] = '3'.charCodeAt(0);
      const error = await refusalOf(bytes, XLSX);
      expect(error.message).toMatch(/part xl\/worksheets\/sheet1.xml is damaged/);
    });

    it.each([
      [
        'XML that is not well formed',
        `${header}<row r="2"><c r="A2" t="inlineStr"><is><t>REF</is></c></row>`,
        /cannot be read/,
      ],
      ['rows out of order', header + trade(3) + trade(2), /row numbered 2 after row 3/],
      [
        'a row number beyond Excel',
        `${header}<row r="1048577"><c r="A1048577"><v>1</v></c></row>`,
        /row numbered 1048577/,
      ],
      [
        'cells out of order',
        `${header}<row r="2"><c r="B2"><v>1</v></c><c r="A2"><v>1</v></c></row>`,
        /cell A2 out of order/,
      ],
      [
        'a shared text that does not exist',
        `${header}<row r="2"><c r="A2" t="s"><v>7</v></c></row>`,
        /shared text 7 that the workbook lacks/,
      ],
      [
        'nesting deeper than any worksheet',
        `${header}<row r="2">${'<x>'.repeat(100)}${'</x>'.repeat(100)}</row>`,
        /nested too deeply/,
      ],
      [
        'a text of millions of characters',
        `${header}<row r="2"><c r="A2" t="inlineStr"><is><t>${'A'.repeat(1_100_000)}</t></is></c></row>`,
        /longer than 1000000 characters/,
      ],
      [
        'a cell longer than 10,000 characters',
        `${header}<row r="2"><c r="J2" t="inlineStr"><is><t>${'A'.repeat(10_001)}</t></is></c></row>`,
        /column J of sheet row 2 is longer/,
      ],
    ])('with %s', async (_what, rows, message) => {
      const error = await refusalOf(await workbook(rows), XLSX);
      expect(error.code).toBe('MALFORMED_XLSX');
      expect(error.message).toMatch(message);
    });

    it('with no worksheet', async () => {
      const error = await refusalOf(await handBuiltWorkbook({ sheets: [] }), XLSX);
      expect(error.code).toBe('MALFORMED_XLSX');
      expect(error.message).toMatch(/without a worksheet/);
    });

    it('with a value beyond column CV (too many columns)', async () => {
      const error = await refusalOf(
        await workbook(`${header}<row r="2"><c r="CW2"><v>1</v></c></row>`),
        XLSX,
      );
      expect(error.code).toBe('MALFORMED_XLSX');
      expect(error.message).toMatch(
        /Sheet row 2 of the first worksheet has a value in column CW, beyond the 100 columns/,
      );
    });

    it('with more than 1,000 cells in a row, even empty ones', async () => {
      const cells = Array.from({ length: 1001 }, (_v, i) => `<c r="${columnName(i)}2" s="0"/>`).join('');
      const error = await refusalOf(await workbook(`${header}<row r="2">${cells}</row>`), XLSX);
      expect(error.code).toBe('MALFORMED_XLSX');
      expect(error.message).toMatch(/more than 1000 cells/);
    });
  });

  describe('refuses what is not an Excel workbook with NOT_CSV_OR_XLSX (415)', () => {
    it.each([
      [
        'a Word document',
        {
          '[Content_Types].xml': '<Types/>',
          '_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
          'word/document.xml':
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>',
        },
        /a Word document \(\.docx\), not an Excel workbook/,
      ],
      [
        'a plain ZIP archive',
        { 'trades.csv': 'client_ref\nREF-1\n' },
        /a ZIP archive, not an Excel workbook/,
      ],
      ['a binary workbook', { '_rels/.rels': '<Relationships/>', 'xl/workbook.bin': 'binary' }, /\.xlsb/],
      [
        'an OpenDocument spreadsheet',
        { mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<x/>' },
        /OpenDocument/,
      ],
    ])('%s', async (_what, files, message) => {
      const error = await refusalOf(await zipOf(files), XLSX);
      expect(error.code).toBe('NOT_CSV_OR_XLSX');
      expect(error.httpStatus).toBe(415);
      expect(error.message).toMatch(message);
      expect(error.message).toMatch(/"Excel Workbook \(\.xlsx\)"/);
    });

    it('a password-protected workbook (an encrypted OLE compound file)', async () => {
      const ole = Buffer.alloc(4096);
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
      Buffer.from('EncryptedPackage', 'utf16le').copy(ole, 1024);
      const error = await refusalOf(ole, XLSX);
      expect(error.code).toBe('NOT_CSV_OR_XLSX');
      expect(error.message).toMatch(
        /password-protected workbook.*save it as "Excel Workbook \(\.xlsx\)" without a password/,
      );
    });

    it('a ZIP whose parts are encrypted', async () => {
      const bytes = withCentralRecord(await good(), 'xl/workbook.xml', (record) =>
        record.writeUInt16LE(record.readUInt16LE(8) | 1, 8),
      );
      const error = await refusalOf(bytes, XLSX);
      expect(error.code).toBe('NOT_CSV_OR_XLSX');
      expect(error.message).toMatch(/password-protected/);
    });
  });

  describe('refuses a workbook too large to read with TOO_LARGE (413)', () => {
    it('when the upload is larger than maxBytes', async () => {
      const bytes = await good();
      expect(await refusalOf(bytes, { ...XLSX, maxBytes: bytes.length - 1 }, [4096])).toMatchObject({
        code: 'TOO_LARGE',
      });
    });

    it('when it has more than maxRows trades', async () => {
      const error = await refusalOf(await workbook(header + trade(2) + trade(3) + trade(4)), {
        ...XLSX,
        maxRows: 2,
      });
      expect(error).toMatchObject({ code: 'TOO_LARGE', details: { row: 3 } });
    });

    it('when a part unpacks to more than its cap (a zip bomb), before inflating it', async () => {
      const bytes = withCentralRecord(await good(), SHEET, (record) =>
        record.writeUInt32LE(1100 * 1024 * 1024, 24),
      );
      const error = await refusalOf(bytes, XLSX);
      expect(error.code).toBe('TOO_LARGE');
      expect(error.message).toMatch(/unpacks to 1100 MB, more than 1024 MB.*Split the trades/);
    });

    it('when a large part is compressed more than 100 to 1', async () => {
      const bytes = withCentralRecord(await good(), SHEET, (record) =>
        record.writeUInt32LE(17 * 1024 * 1024, 24),
      );
      expect((await refusalOf(bytes, XLSX)).message).toMatch(
        /unpacks to 17 MB from \d+ bytes, more than 100 to 1/,
      );
    });

    it('when the shared strings unpack to more than 128 MB', async () => {
      const bytes = withCentralRecord(await good(), 'xl/sharedStrings.xml', (record) =>
        record.writeUInt32LE(129 * 1024 * 1024, 24),
      );
      expect((await refusalOf(bytes, XLSX)).message).toMatch(/xl\/sharedStrings.xml unpacks to 129 MB/);
    });

    it.each([
      ['in one step', 512 * 1024],
      ['while streaming', 4 * 1024 * 1024],
    ])(
      'and refuses a bomb that understates its size as damaged, inflating %s no more than the stated size',
      async (_how, declared) => {
        // 60 MB of blank rows compress to ~60 KB.
        const sheetXml = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${header}${'<row/>'.repeat(10_000_000)}</sheetData></worksheet>`;
        const bomb = await replacePart(await good(), SHEET, sheetXml, declared);
        const error = await refusalOf(bomb, XLSX);
        expect(error.code).toBe('MALFORMED_XLSX');
        expect(error.message).toMatch(/larger than the ZIP directory says/);
      },
    );
  });
});

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

// Rebuilds the ZIP with one part's content replaced and its declared size set to `declaredSize`.
async function replacePart(
  zip: Buffer,
  name: string,
  content: string,
  declaredSize: number,
): Promise<Buffer> {
  const source = await JSZip.loadAsync(zip);
  const target = new JSZip();
  for (const file of Object.values(source.files)) {
    if (!file.dir) target.file(file.name, file.name === name ? 'PLACEHOLDER' : await file.async('string'));
  }
  const rebuilt = await target.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
  // Swap the stored placeholder for deflated content, fixing the offsets that follow.
  const { start, end } = entryDataRange(rebuilt, name);
  const deflated = deflateRawSync(Buffer.from(content));
  const spliced = Buffer.concat([rebuilt.subarray(0, start), deflated, rebuilt.subarray(end)]);
  const shift = deflated.length - (end - start);
  const eocd = spliced.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  spliced.writeUInt32LE(spliced.readUInt32LE(eocd + 16) + shift, eocd + 16);
  const localHeader = start - 30 - name.length;
  spliced.writeUInt16LE(8, localHeader + 8);
  let patched = withCentralRecord(spliced, name, (record) => {
    record.writeUInt16LE(8, 10);
    record.writeUInt32LE(deflated.length, 20);
    record.writeUInt32LE(declaredSize, 24);
  });
  for (const entryName of Object.keys(target.files)) {
    patched = withCentralRecord(patched, entryName, (record) => {
      const offset = record.readUInt32LE(42);
      if (offset > localHeader) record.writeUInt32LE(offset + shift, 42);
    });
  }
  return patched;
}
