import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { Logger } from 'winston';
import { LOGGER } from '@contingency/observability';
import { SseClient } from './sse-client';
import { TradeEventFeed } from './trade-event.feed';
import { TradeHistoryReader } from './trade-history.reader';

export interface StreamRequest {
  /** Resume after this history id (Last-Event-ID or ?after=); live from now when absent. */
  after?: number;
  batchId?: string;
}

const CATCH_UP_PAGE = 500;
const RECONNECT_DELAY_MS = 3_000;
const LIMITS = { maxBufferedBytes: 1 << 20, maxPendingEvents: 50_000 };

/** One GET /events connection: catch up from the client's own id, then join the shared feed. */
@Injectable()
export class TradeEventStream {
  constructor(
    private readonly feed: TradeEventFeed,
    private readonly reader: TradeHistoryReader,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async open(res: Response, request: StreamRequest): Promise<void> {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no', // proxies must not hold events back
    });
    res.write(`retry: ${RECONNECT_DELAY_MS}\n\n`);

    const client = new SseClient(res, request.batchId, request.after ?? 0, LIMITS, (c) =>
      this.feed.remove(c),
    );
    // Joined before reading the settled position: whatever the feed hands out after it reaches the
    // client, whatever before it the catch-up reads. The client drops what it already sent.
    this.feed.add(client);
    try {
      const settled = await this.feed.settled();
      if (settled === undefined || client.isClosed) return;
      if (request.after === undefined) client.skipTo(settled);
      while (!client.isClosed && client.lastEventId < settled) {
        const from = client.lastEventId;
        const events = await this.reader.feedEvents(from, settled, CATCH_UP_PAGE, request.batchId);
        await client.sendCaughtUp(events);
        if (events.length < CATCH_UP_PAGE) break;
      }
      client.goLive();
    } catch (error) {
      this.logger.warn('event stream: catch-up failed; the client will reconnect', {
        context: 'events',
        error,
      });
      client.close();
    }
  }
}
