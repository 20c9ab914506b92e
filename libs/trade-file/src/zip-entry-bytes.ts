import { Readable, pipeline } from 'node:stream';
import { crc32, createInflateRaw, inflateRawSync } from 'node:zlib';
import type { ZipEntry } from './zip-directory';

const STORED = 0;
const DEFLATED = 8;
const SLICE = 64 * 1024;
// Parts this small (rels, workbook, styles, small sheets) are inflated in one step, off the thread pool.
const SMALL_PART = 1024 * 1024;

/**
 * The uncompressed bytes of one entry, streamed a slice at a time, held to the size and CRC the directory
 * declares: never more bytes than declared (a bomb cannot lie its way past a size check) and a damaged
 * part is refused. Stopping early (breaking out of the loop) frees the inflater.
 */
export async function* entryBytes(zip: Buffer, entry: ZipEntry): AsyncGenerator<Buffer> {
  const data = compressedData(zip, entry);
  let produced = 0;
  let crc = 0;
  for await (const chunk of entry.method === STORED ? slices(data) : inflated(data, entry)) {
    produced += chunk.length;
    if (produced > entry.uncompressedSize) throw largerThanDeclared(entry);
    crc = crc32(chunk, crc);
    yield chunk;
  }
  if (produced !== entry.uncompressedSize || crc >>> 0 !== entry.crc32) {
    throw new Error(`the part ${entry.name} is damaged (its checksum does not match)`);
  }
}

function compressedData(zip: Buffer, entry: ZipEntry): Buffer {
  if (entry.method !== STORED && entry.method !== DEFLATED) {
    throw new Error(`the part ${entry.name} uses an unsupported compression method (${entry.method})`);
  }
  const at = entry.localHeaderOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== 0x04034b50) {
    throw new Error(`the part ${entry.name} is missing from the ZIP data: the file is damaged`);
  }
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > zip.length) throw new Error(`the part ${entry.name} is cut off: the file is incomplete`);
  return zip.subarray(start, end);
}

function* slices(data: Buffer): Generator<Buffer> {
  for (let at = 0; at < data.length; at += SLICE) yield data.subarray(at, at + SLICE);
}

async function* inflated(data: Buffer, entry: ZipEntry): AsyncGenerator<Buffer> {
  if (entry.uncompressedSize <= SMALL_PART) {
    yield inflateSmall(data, entry);
    return;
  }
  const source = Readable.from(slices(data));
  const inflater = createInflateRaw({ chunkSize: SLICE });
  // Errors reach the loop below through the inflater; the callback only keeps them from going unhandled.
  pipeline(source, inflater, () => undefined);
  try {
    for await (const chunk of inflater) yield chunk as Buffer;
  } finally {
    source.destroy();
    inflater.destroy();
  }
}

function inflateSmall(data: Buffer, entry: ZipEntry): Buffer {
  try {
    // One byte more than declared is enough to tell a part that lies about its size.
    return inflateRawSync(data, { maxOutputLength: entry.uncompressedSize + 1 });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw largerThanDeclared(entry);
    throw error;
  }
}

function largerThanDeclared(entry: ZipEntry): Error {
  return new Error(`the part ${entry.name} is larger than the ZIP directory says: the file is damaged`);
}
