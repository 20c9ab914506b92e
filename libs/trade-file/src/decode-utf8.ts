import { TradeFileError } from './trade-file.error';
import { countByte, firstInvalidUtf8, incompleteSuffixLength } from './utf8-scan';

const LF = 0x0a;

/**
 * Decodes UTF-8 incrementally (a character split across chunks is fine; a leading BOM is dropped) and
 * refuses invalid bytes with their offset and line, and NUL characters (binary content).
 */
export async function* decodeUtf8(chunks: AsyncIterable<Uint8Array>, file: string): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  let newlines = 0;
  // The last bytes read, enough to hold a character still incomplete when its chunk ended.
  let tail = new Uint8Array(0);
  for await (const chunk of chunks) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      const pending = tail.subarray(tail.length - incompleteSuffixLength(tail));
      const joined = concat(pending, chunk);
      const at = Math.max(0, firstInvalidUtf8(joined));
      throw badEncoding(file, offset - pending.length + at, newlines + countByte(joined, at, LF) + 1);
    }
    refuseNul(text, file, newlines);
    newlines += countNewlines(text);
    tail = concat(tail, chunk.subarray(Math.max(0, chunk.length - 3))).slice(-3);
    offset += chunk.length;
    if (text !== '') yield text;
  }
  let rest: string;
  try {
    rest = decoder.decode();
  } catch {
    throw badEncoding(
      file,
      offset - incompleteSuffixLength(tail),
      newlines + 1,
      'starts a character that the end of the file cuts off',
    );
  }
  if (rest !== '') yield rest;
}

function badEncoding(
  file: string,
  byteOffset: number,
  line: number,
  what = 'is not valid UTF-8',
): TradeFileError {
  return new TradeFileError(
    'BAD_ENCODING',
    `${file}: the byte at offset ${byteOffset} (line ${line}) ${what}. Trade files must be UTF-8: in Excel save as "CSV UTF-8 (Comma delimited)", or re-save the file with UTF-8 encoding.`,
    { byteOffset, line },
  );
}

function refuseNul(text: string, file: string, newlinesBefore: number): void {
  const at = text.indexOf('\u0000');
  if (at < 0) return;
  const line = newlinesBefore + countNewlines(text.slice(0, at)) + 1;
  throw new TradeFileError(
    'NOT_CSV_OR_XLSX',
    `${file} contains a NUL byte on line ${line}, so it is binary data, not CSV text. Upload the trade file as CSV (UTF-8) or XLSX.`,
    { line },
  );
}

function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
