import { Inject, Injectable, Optional, type OnModuleDestroy } from '@nestjs/common';
import type { Gauge } from 'prom-client';
import type { Logger } from 'winston';
import { LOGGER, SERVICE_METRICS, type ServiceMetrics } from '@contingency/observability';
import { FeedHorizon } from './feed-horizon';
import type { SseClient } from './sse-client';
import { TradeHistoryReader } from './trade-history.reader';

export interface EventFeedOptions {
  pollIntervalMs: number;
  /** History rows per statement. */
  batchSize: number;
  heartbeatMs: number;
  /** Pause after a failed read (database restarting...). */
  retryMs: number;
}

export const EVENT_FEED_OPTIONS = Symbol('EVENT_FEED_OPTIONS');

export const DEFAULT_EVENT_FEED_OPTIONS: EventFeedOptions = {
  pollIntervalMs: 500,
  batchSize: 500,
  heartbeatMs: 15_000,
  retryMs: 2_000,
};

/**
 * ONE poller per process, shared by every connected client: reads new trade_history rows (LISTEN/NOTIFY
 * is not available on the embedded database) and fans the status changes and alerts out. Runs only while
 * someone listens; a fresh start begins at the then-current head.
 */
@Injectable()
export class TradeEventFeed implements OnModuleDestroy {
  private readonly options: EventFeedOptions;
  private readonly clients = new Set<SseClient>();
  private readonly clientsGauge: Gauge;
  private horizon: FeedHorizon | undefined;
  private run = 0; // a stopped poll loop must not touch the next one's state
  private pollTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private settledWaiters: Array<(position: number | undefined) => void> = [];

  constructor(
    private readonly reader: TradeHistoryReader,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SERVICE_METRICS) metrics: ServiceMetrics,
    @Optional() @Inject(EVENT_FEED_OPTIONS) options?: Partial<EventFeedOptions>,
  ) {
    this.options = { ...DEFAULT_EVENT_FEED_OPTIONS, ...options };
    this.clientsGauge = metrics.gauge('sse_clients', 'Clients connected to GET /events');
    this.clientsGauge.set(0);
  }

  get clientCount(): number {
    return this.clients.size;
  }

  get running(): boolean {
    return this.pollTimer !== undefined || this.horizon !== undefined;
  }

  /** From now on the client is offered every event the feed hands out. */
  add(client: SseClient): void {
    this.clients.add(client);
    this.clientsGauge.set(this.clients.size);
    if (this.clients.size === 1) this.start();
  }

  remove(client: SseClient): void {
    if (!this.clients.delete(client)) return;
    this.clientsGauge.set(this.clients.size);
    if (this.clients.size === 0) this.stop();
  }

  /**
   * The id up to which every row exists or never will (what a catch-up may read up to), once the
   * feed's start has settled; undefined when the feed stops first.
   */
  settled(): Promise<number | undefined> {
    const position = this.horizon?.settled;
    if (position !== undefined) return Promise.resolve(position);
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  onModuleDestroy(): void {
    // Open streams would keep the HTTP server from closing.
    for (const client of [...this.clients]) client.close();
    this.stop();
  }

  private start(): void {
    const run = ++this.run;
    this.heartbeatTimer = setInterval(() => {
      for (const client of this.clients) client.heartbeat();
    }, this.options.heartbeatMs);
    this.heartbeatTimer.unref();
    this.schedule(run, 0);
  }

  private stop(): void {
    this.run++;
    clearTimeout(this.pollTimer);
    clearInterval(this.heartbeatTimer);
    this.pollTimer = undefined;
    this.heartbeatTimer = undefined;
    this.horizon = undefined;
    const waiters = this.settledWaiters;
    this.settledWaiters = [];
    for (const resolve of waiters) resolve(undefined);
  }

  private schedule(run: number, delayMs: number): void {
    this.pollTimer = setTimeout(() => void this.poll(run), delayMs);
    this.pollTimer.unref();
  }

  private async poll(run: number): Promise<void> {
    let delay = this.options.pollIntervalMs;
    try {
      if (!this.horizon) {
        const head = await this.reader.head();
        const writers = await this.reader.writers();
        if (run !== this.run) return;
        this.horizon = new FeedHorizon(head, writers);
      } else {
        const horizon = this.horizon;
        // FeedHorizon's protocol: writers before the rows while waiting, after them for a new fence.
        if (horizon.waiting) horizon.fenceCleared(await this.reader.writers());
        const rows = await this.reader.readAfter(horizon.position, this.options.batchSize);
        if (run !== this.run) return;
        const handedOut = horizon.advance(rows);
        this.releaseWaiters();
        for (const { event } of handedOut) {
          if (event) for (const client of this.clients) client.offer(event);
        }
        if (horizon.needsFence) horizon.fence(await this.reader.writers());
        else if (rows.length === this.options.batchSize && handedOut.length === rows.length) delay = 0;
      }
    } catch (error) {
      if (run !== this.run) return;
      delay = this.options.retryMs;
      this.logger.warn('trade event feed: reading trade_history failed; retrying', {
        context: 'events',
        error,
      });
    }
    if (run === this.run) this.schedule(run, delay);
  }

  private releaseWaiters(): void {
    const position = this.horizon?.settled;
    if (position === undefined || this.settledWaiters.length === 0) return;
    const waiters = this.settledWaiters;
    this.settledWaiters = [];
    for (const resolve of waiters) resolve(position);
  }
}
