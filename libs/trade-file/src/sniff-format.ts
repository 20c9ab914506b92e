import { TradeFileError } from './trade-file.error';
import { TRADE_FILE_LIMITS } from './trade-file.limits';

export type SniffedFormat = 'csv' | 'xlsx';

// Known binary formats, named in the message so the operator knows what was actually uploaded.
const SIGNATURES: readonly { readonly bytes: readonly number[]; readonly what: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
  { bytes: [0x42, 0x5a, 0x68], what: 'a bzip2 archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], what: 'a 7-Zip archive' },
  { bytes: [0x52, 0x61, 0x72, 0x21], what: 'a RAR archive' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], what: 'an empty ZIP archive' },
  { bytes: [0x50, 0x4b, 0x07, 0x08], what: 'a split ZIP archive' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'a program (ELF)' },
  { bytes: [0x4d, 0x5a], what: 'a Windows program' },
];
const ZIP_LOCAL_FILE = [0x50, 0x4b, 0x03, 0x04];
// An OLE compound file: Excel 97-2003 (.xls), or an .xlsx saved with a password (Excel encrypts it into one).
const OLE_COMPOUND_FILE = [0xd0, 0xcf, 0x11, 0xe0];
const UTF16_BOMS = [
  [0xff, 0xfe],
  [0xfe, 0xff],
];
const MARKUP = /^\s*<(\?xml|!doctype|html|workbook)/i;

/**
 * Decides from the content, never from the name or the declared type: XLSX is a ZIP ('PK\x03\x04'),
 * CSV is text. Anything else is refused here, before a single row is read.
 */
export function sniffFormat(bytes: Uint8Array, file: string): SniffedFormat {
  const head = bytes.subarray(0, TRADE_FILE_LIMITS.sniffBytes);
  if (head.length === 0) {
    throw new TradeFileError(
      'EMPTY_FILE',
      `${file} is empty (0 bytes). Upload a trade file with a header and trades.`,
    );
  }
  if (startsWith(head, ZIP_LOCAL_FILE)) return 'xlsx';
  if (startsWith(head, OLE_COMPOUND_FILE)) {
    throw new TradeFileError(
      'NOT_CSV_OR_XLSX',
      `${file} is a password-protected workbook or a legacy Excel 97-2003 file (.xls), which cannot be read. In Excel remove any password (File > Info > Protect Workbook > Encrypt with Password, clear it) and save it as "Excel Workbook (.xlsx)" without a password, or as "CSV UTF-8 (Comma delimited)", then upload that file.`,
    );
  }
  const known = SIGNATURES.find((s) => startsWith(head, s.bytes));
  if (known !== undefined) throw notCsvOrXlsx(file, known.what);
  if (UTF16_BOMS.some((bom) => startsWith(head, bom))) {
    throw new TradeFileError(
      'BAD_ENCODING',
      `${file} is UTF-16 text; trade files must be UTF-8. In Excel save as "CSV UTF-8 (Comma delimited)".`,
      { byteOffset: 0, line: 1 },
    );
  }
  if (looksBinary(head)) throw notCsvOrXlsx(file, 'binary data');
  const text = new TextDecoder('utf-8').decode(head.subarray(0, 256));
  if (MARKUP.test(text)) throw notCsvOrXlsx(file, 'an XML or HTML document');
  return 'csv';
}

function notCsvOrXlsx(file: string, what: string): TradeFileError {
  return new TradeFileError(
    'NOT_CSV_OR_XLSX',
    `${file} is ${what}, not a trade file. Upload the trade file as CSV (UTF-8, comma separated) or as an Excel workbook (.xlsx).`,
  );
}

// Text has no NUL and few control characters; a UTF-8 decode of binary data is mostly replacement marks.
function looksBinary(head: Uint8Array): boolean {
  if (head.includes(0)) return true;
  const text = new TextDecoder('utf-8').decode(head, { stream: true });
  let suspicious = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const control = c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1a;
    if (control || c === 0x7f || c === 0xfffd) suspicious++;
  }
  return suspicious > Math.max(1, text.length * 0.05);
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);
}
