import { createHash } from 'node:crypto';
import { TradeFileError } from '@contingency/trade-file';
import { UploadStreamError } from './upload.errors';

/**
 * The uploaded bytes on their way to the parser: each chunk is hashed and handed to the sink (the file
 * kept for audit) before the parser sees it. The parser may stop reading early (a workbook reader that
 * has what it needs): `finish()` then takes the rest, so the hash and the kept file are always the
 * whole upload.
 */
export class UploadTap {
  private readonly hash = createHash('sha256');
  private readonly source: AsyncIterator<Uint8Array>;
  private ended = false;
  private size = 0;
  private digest: string | undefined;

  constructor(
    source: AsyncIterable<Uint8Array>,
    private readonly sink: (chunk: Uint8Array) => Promise<void>,
    private readonly limit: { maxBytes: number; fileName: string },
  ) {
    this.source = source[Symbol.asyncIterator]();
  }

  /** For the parser; its return() (breaking out early) does not close the upload. */
  readonly bytes: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => ({
      next: () => this.pull(),
      return: () => Promise.resolve({ done: true, value: undefined }),
    }),
  };

  get bytesRead(): number {
    return this.size;
  }

  /** The SHA-256 (hex) of the whole upload once it was read to its end within the limit, else undefined. */
  get sha256(): string | undefined {
    return this.size <= this.limit.maxBytes ? this.digest : undefined;
  }

  /** Reads whatever the parser left, and answers the SHA-256 (hex) of the whole upload. */
  async finish(): Promise<string> {
    while (!(await this.pull()).done);
    // The parser refuses an oversized file as the bytes arrive; this covers bytes it left unread.
    if (this.size > this.limit.maxBytes) {
      throw new TradeFileError(
        'TOO_LARGE',
        `${this.limit.fileName} is larger than ${this.limit.maxBytes} bytes, the limit per upload; split it into several files.`,
        { byteOffset: this.limit.maxBytes },
      );
    }
    return this.digest ?? this.hash.digest('hex');
  }

  /** Stops reading the upload (a refusal): the source is released. */
  async close(): Promise<void> {
    this.ended = true;
    await this.source.return?.().catch(() => undefined);
  }

  private async pull(): Promise<IteratorResult<Uint8Array>> {
    if (this.ended) return { done: true, value: undefined };
    let next: IteratorResult<Uint8Array>;
    try {
      next = await this.source.next();
    } catch (error) {
      throw error instanceof TradeFileError || error instanceof UploadStreamError
        ? error
        : new UploadStreamError(error);
    }
    if (next.done) {
      this.ended = true;
      this.digest = this.hash.digest('hex');
      return next;
    }
    this.size += next.value.length;
    this.hash.update(next.value);
    await this.sink(next.value);
    return next;
  }
}
