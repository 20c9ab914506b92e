import { Readable } from 'node:stream';
import { readTradeFile, type ReadTradeFileOptions } from '../src/read-trade-file';
import type { TradeFileRow } from '../src/trade-columns';
import { TradeFileError } from '../src/trade-file.error';

export const HEADER =
  'client_ref,order_type,fund_isin,account_id,amount,currency,units,trade_date,settlement_date,comment';

export function tradeLine(i: number): string {
  return `REF-${i},SUBSCRIPTION,LU0000000001,ACC-${i % 97},${1000 + i}.50,EUR,,2026-12-04,2026-12-08,row ${i}`;
}

export const OPTIONS: ReadTradeFileOptions = {
  fileName: 'trades.csv',
  maxRows: 1_000_000,
  maxBytes: 600_000_000,
};

/** The file as chunks of the given sizes (cycled), e.g. [1] for one byte at a time. */
export async function* chunked(
  bytes: Uint8Array,
  sizes: readonly number[] = [bytes.length],
): AsyncGenerator<Buffer> {
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const size = Math.max(1, sizes[k % sizes.length]);
    // A tick between chunks, as a real stream has.
    yield await Promise.resolve(Buffer.from(bytes.subarray(at, at + size)));
    at += size;
  }
}

export async function readAll(
  file: string | Uint8Array,
  options: Partial<ReadTradeFileOptions> = {},
  sizes?: readonly number[],
): Promise<TradeFileRow[]> {
  const bytes = typeof file === 'string' ? Buffer.from(file, 'utf8') : file;
  const rows: TradeFileRow[] = [];
  for await (const row of readTradeFile(chunked(bytes, sizes), { ...OPTIONS, ...options })) rows.push(row);
  return rows;
}

/** The TradeFileError a file is refused with (fails the test if it is accepted or fails otherwise). */
export async function refusalOf(
  file: string | Uint8Array,
  options: Partial<ReadTradeFileOptions> = {},
  sizes?: readonly number[],
): Promise<TradeFileError> {
  try {
    await readAll(file, options, sizes);
  } catch (error) {
    if (error instanceof TradeFileError) return error;
    throw error;
  }
  throw new Error('expected the file to be refused, but it was accepted');
}

/** A stream of a generated CSV of `rows` trades, made on the fly in ~64 KB chunks (never held whole). */
export function generatedCsv(rows: number): Readable {
  return Readable.from(
    (function* () {
      let batch = `${HEADER}\r\n`;
      for (let i = 1; i <= rows; i++) {
        batch += `${tradeLine(i)}\r\n`;
        if (batch.length >= 64 * 1024) {
          yield Buffer.from(batch, 'utf8');
          batch = '';
        }
      }
      if (batch !== '') yield Buffer.from(batch, 'utf8');
    })(),
    { objectMode: false },
  );
}

/** A tiny seeded PRNG (mulberry32): reproducible fuzzing without a dependency. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
