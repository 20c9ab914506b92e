import { TradeFileError } from './trade-file.error';

export type ByteSource = AsyncIterable<Uint8Array | string> | NodeJS.ReadableStream;

/**
 * The source as byte slices of at most `sliceBytes` (views, no copies), refusing the file as soon as it
 * grows past `maxBytes`: the count is kept as the bytes arrive, never after the fact.
 */
export async function* byteChunks(
  source: ByteSource,
  limits: { readonly maxBytes: number; readonly sliceBytes: number },
  file: string,
): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const raw of source as AsyncIterable<unknown>) {
    const chunk = toBytes(raw);
    total += chunk.length;
    if (total > limits.maxBytes) {
      throw new TradeFileError(
        'TOO_LARGE',
        `${file} is larger than ${limits.maxBytes} bytes, the limit per upload; split it into several files.`,
        { byteOffset: limits.maxBytes },
      );
    }
    for (let at = 0; at < chunk.length; at += limits.sliceBytes) {
      yield chunk.subarray(at, at + limits.sliceBytes);
    }
  }
}

function toBytes(raw: unknown): Uint8Array {
  if (raw instanceof Uint8Array) return raw;
  // A stream in string mode (setEncoding was called) has already decoded the bytes: encode them back.
  if (typeof raw === 'string') return Buffer.from(raw, 'utf8');
  throw new TypeError(
    `readTradeFile: the source yielded ${typeof raw}, expected Buffer or Uint8Array chunks`,
  );
}

/** Reads at least `size` bytes (or all there are) and gives them back together with the whole stream. */
export async function peekBytes(
  chunks: AsyncGenerator<Uint8Array>,
  size: number,
): Promise<{ head: Uint8Array; all: AsyncGenerator<Uint8Array> }> {
  const seen: Uint8Array[] = [];
  let length = 0;
  while (length < size) {
    const next = await chunks.next();
    if (next.done === true) break;
    seen.push(next.value);
    length += next.value.length;
  }
  return { head: Buffer.concat(seen), all: replay(seen, chunks) };
}

async function* replay(seen: Uint8Array[], rest: AsyncGenerator<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* seen;
  yield* rest;
}
