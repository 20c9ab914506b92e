import type { Response } from 'express';
import { sseEventName, type TradeFeedEvent } from './trade-alert.event';

export interface SseLimits {
  /** Unsent bytes a slow client may accumulate before it is cut off (it resumes with Last-Event-ID). */
  maxBufferedBytes: number;
  /** Live events held while the client catches up from the database. */
  maxPendingEvents: number;
}

/**
 * One connected EventSource. Events reach it from its own catch-up query and from the shared feed, in
 * increasing history id order each; sending only ids above the last one sent merges the two without
 * a gap or a duplicate.
 */
export class SseClient {
  private pending: TradeFeedEvent[] | null = [];
  private closed = false;

  constructor(
    private readonly res: Response,
    readonly batchId: string | undefined,
    private lastSent: number,
    private readonly limits: SseLimits,
    private readonly onClose: (client: SseClient) => void,
  ) {
    res.on('close', () => this.close());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get lastEventId(): number {
    return this.lastSent;
  }

  /** From the shared feed: held until the catch-up is done, then sent as it comes. */
  offer(event: TradeFeedEvent): void {
    if (this.closed || (this.batchId && event.batchId !== this.batchId)) return;
    if (!this.pending) return this.send(event);
    if (this.pending.push(event) > this.limits.maxPendingEvents) this.close();
  }

  /** From the catch-up; resolves when the socket can take more. */
  async sendCaughtUp(events: readonly TradeFeedEvent[]): Promise<void> {
    for (const event of events) this.send(event);
    if (!this.closed && this.res.writableNeedDrain) {
      await new Promise<void>((resolve) => {
        this.res.once('drain', resolve);
        this.res.once('close', resolve);
      });
    }
  }

  /** Starts after `position` when the client asked for nothing older. */
  skipTo(position: number): void {
    this.lastSent = Math.max(this.lastSent, position);
  }

  goLive(): void {
    const held = this.pending ?? [];
    this.pending = null;
    for (const event of held) this.send(event);
  }

  heartbeat(): void {
    this.write(': keep-alive\n\n');
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending = null;
    if (!this.res.writableEnded) this.res.end();
    this.onClose(this);
  }

  private send(event: TradeFeedEvent): void {
    if (event.historyId <= this.lastSent) return;
    this.lastSent = event.historyId;
    this.write(`id: ${event.historyId}\nevent: ${sseEventName(event)}\ndata: ${JSON.stringify(event)}\n\n`);
  }

  private write(chunk: string): void {
    if (this.closed) return;
    this.res.write(chunk);
    if (this.pending === null && this.res.writableLength > this.limits.maxBufferedBytes) this.close();
  }
}
