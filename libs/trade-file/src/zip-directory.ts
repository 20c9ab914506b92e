import { TRADE_FILE_LIMITS } from './trade-file.limits';

/** One file in a ZIP archive, as its central directory describes it. */
export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly encrypted: boolean;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
}

/** The entries of a ZIP archive, looked up the way OPC names parts: case-insensitively, '/'-separated. */
export class ZipDirectory {
  private readonly byName = new Map<string, ZipEntry>();

  constructor(readonly entries: readonly ZipEntry[]) {
    for (const entry of entries) {
      const key = partKey(entry.name);
      if (!this.byName.has(key)) this.byName.set(key, entry);
    }
  }

  find(name: string): ZipEntry | undefined {
    return this.byName.get(partKey(name));
  }
}

export function partKey(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;

/**
 * Reads the central directory at the end of the archive: the one authoritative list of entries (local
 * headers may leave sizes out). Throws a plain Error, worded for the operator, for anything damaged.
 */
export function readZipDirectory(zip: Buffer): ZipDirectory {
  const end = findEndOfCentralDirectory(zip);
  if (end < 0) {
    throw new Error('the ZIP directory at the end of the file is missing: the file is cut off or damaged');
  }
  let count = zip.readUInt16LE(end + 10);
  let size = zip.readUInt32LE(end + 12);
  let offset = zip.readUInt32LE(end + 16);
  if (zip.readUInt16LE(end + 4) !== 0 || zip.readUInt16LE(end + 6) !== 0) {
    throw new Error('it is a multi-part (split) ZIP archive');
  }
  if (count === U16_MAX || size === U32_MAX || offset === U32_MAX) {
    ({ count, size, offset } = readZip64End(zip, end));
  }
  if (count > TRADE_FILE_LIMITS.maxXlsxZipEntries) {
    throw new Error(`the ZIP archive holds ${count} files, more than a workbook has`);
  }
  if (offset + size > end) throw new Error('the ZIP directory points outside the file');

  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    need(zip, at, 46);
    if (zip.readUInt32LE(at) !== CENTRAL_HEADER) throw new Error('the ZIP directory is damaged');
    const flags = zip.readUInt16LE(at + 8);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    need(zip, at + 46, nameLength + extraLength + commentLength);
    const nameBytes = zip.subarray(at + 46, at + 46 + nameLength);
    const sizes = {
      compressedSize: zip.readUInt32LE(at + 20),
      uncompressedSize: zip.readUInt32LE(at + 24),
      localHeaderOffset: zip.readUInt32LE(at + 42),
    };
    const extra = zip.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    entries.push({
      // Bit 11: UTF-8 names; otherwise CP437, which agrees with ASCII, all an OPC part name may use.
      name: nameBytes.toString((flags & 0x800) !== 0 ? 'utf8' : 'latin1'),
      method: zip.readUInt16LE(at + 10),
      encrypted: (flags & 0x1) !== 0,
      crc32: zip.readUInt32LE(at + 16),
      ...withZip64Sizes(sizes, extra),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return new ZipDirectory(entries);
}

// The record is 22 bytes plus a comment of up to 65,535 bytes; search backwards for its signature.
function findEndOfCentralDirectory(zip: Buffer): number {
  const lowest = Math.max(0, zip.length - 22 - U16_MAX);
  for (let at = zip.length - 22; at >= lowest; at--) {
    if (zip.readUInt32LE(at) === EOCD && at + 22 + zip.readUInt16LE(at + 20) <= zip.length) return at;
  }
  return -1;
}

function readZip64End(zip: Buffer, end: number): { count: number; size: number; offset: number } {
  const locator = end - 20;
  if (locator < 0 || zip.readUInt32LE(locator) !== ZIP64_LOCATOR) {
    throw new Error('the ZIP64 directory locator is missing');
  }
  const record = safeNumber(zip.readBigUInt64LE(locator + 8));
  need(zip, record, 56);
  if (zip.readUInt32LE(record) !== ZIP64_EOCD) throw new Error('the ZIP64 directory is damaged');
  return {
    count: safeNumber(zip.readBigUInt64LE(record + 32)),
    size: safeNumber(zip.readBigUInt64LE(record + 40)),
    offset: safeNumber(zip.readBigUInt64LE(record + 48)),
  };
}

type EntrySizes = Pick<ZipEntry, 'compressedSize' | 'uncompressedSize' | 'localHeaderOffset'>;

// A field at its 32-bit maximum is in the ZIP64 extra field (id 1), in this order, when present.
function withZip64Sizes(sizes: EntrySizes, extra: Buffer): EntrySizes {
  const wanted = (['uncompressedSize', 'compressedSize', 'localHeaderOffset'] as const).filter(
    (key) => sizes[key] === U32_MAX,
  );
  if (wanted.length === 0) return sizes;
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 0x0001 && at + 4 + length <= extra.length && length >= wanted.length * 8) {
      const result = { ...sizes };
      wanted.forEach((key, i) => (result[key] = safeNumber(extra.readBigUInt64LE(at + 4 + i * 8))));
      return result;
    }
    at += 4 + length;
  }
  throw new Error('a ZIP64 entry has no ZIP64 sizes');
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('a ZIP64 size is out of range');
  return Number(value);
}

function need(zip: Buffer, at: number, length: number): void {
  if (at < 0 || at + length > zip.length) throw new Error('the ZIP directory points outside the file');
}
