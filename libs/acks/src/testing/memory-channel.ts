import {
  type CalastoneChannel,
  CalastoneChannelError,
  type DeliveryResult,
  type InboundDisposition,
  type InboundFile,
} from '@contingency/calastone';

/** FOR UNIT SPECS: a Calastone inbox in memory, with the contract's inbound semantics. */
export class MemoryChannel implements CalastoneChannel {
  readonly description = 'memory';
  readonly inbox = new Map<string, { content: Buffer; size: number; modifiedAt: Date }>();
  readonly settled: Record<InboundDisposition, string[]> = { processed: [], rejected: [] };
  /** Bytes handed out by readInbound, to prove a large document was never read. */
  bytesRead = 0;
  private failures: Array<() => Error | undefined> = [];
  private clock = 0;

  /** Puts a document in the inbox; `size` pretends a bigger file without holding its bytes. */
  drop(name: string, content: string | Buffer, size?: number): void {
    const bytes = Buffer.from(content);
    this.inbox.set(name, { content: bytes, size: size ?? bytes.length, modifiedAt: new Date(++this.clock) });
  }

  /** The next settleInbound throws, as a mailbox that drops the connection after the commit. */
  failNextSettle(): void {
    this.failures.push(() => new CalastoneChannelError('UNAVAILABLE', 'connection reset while moving'));
  }

  listInbound(limit: number): Promise<InboundFile[]> {
    const files = [...this.inbox.entries()]
      .map(([name, f]) => ({ name, size: f.size, modifiedAt: f.modifiedAt }))
      .sort((a, b) => a.modifiedAt.getTime() - b.modifiedAt.getTime());
    return Promise.resolve(files.slice(0, limit));
  }

  readInbound(name: string, maxBytes: number): Promise<Buffer> {
    const file = this.inbox.get(name);
    if (!file) return Promise.reject(new CalastoneChannelError('FAILED', `no ${name}`));
    if (file.size > maxBytes) {
      return Promise.reject(new CalastoneChannelError('TOO_LARGE', `${name}: ${file.size} > ${maxBytes}`));
    }
    this.bytesRead += file.content.length;
    return Promise.resolve(file.content);
  }

  settleInbound(name: string, disposition: InboundDisposition): Promise<void> {
    const failure = this.failures.shift()?.();
    if (failure) return Promise.reject(failure);
    if (!this.inbox.delete(name)) return Promise.reject(new CalastoneChannelError('FAILED', `no ${name}`));
    this.settled[disposition].push(name);
    return Promise.resolve();
  }

  stage(): Promise<void> {
    return Promise.reject(new Error('the inbox fake has no outbox'));
  }

  publish(): Promise<DeliveryResult> {
    return Promise.reject(new Error('the inbox fake has no outbox'));
  }

  presentInOutbox(): Promise<Set<string>> {
    return Promise.resolve(new Set());
  }

  discard(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
