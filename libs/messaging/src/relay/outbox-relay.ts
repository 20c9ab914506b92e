import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Headers } from '@contingency/contracts';
import type { MessageBus, OutgoingRecord } from '../bus/message-bus';
import { backoffMs, type BackoffPolicy } from '../consumer/backoff';
import { OutboxRowKeys } from '../messaging-headers';
import { basicTelemetry, errorMeta, type MessagingTelemetry } from '../telemetry/messaging-telemetry';
import { claimRows, markFailed, markPublished, type ClaimedRow } from './outbox-queries';

export interface OutboxRelayOptions {
  /**
   * Who claims rows. Give a stable id (e.g. the service name when it runs once) to take over at once the
   * rows a killed previous run left claimed; rows claimed by another id wait for the lease to end.
   */
  relayId?: string;
  batchSize?: number;
  /** Sleep when a poll returned less than a full batch. */
  idleMs?: number;
  /** A claim older than this is taken to be a dead relay's; keep it well above a publish's longest time. */
  leaseMs?: number;
  /** Scan the bus from this long before an in-doubt row's claim (clock skew between hosts). */
  inDoubtMarginMs?: number;
  /** Back-off of rows whose publish failed, by their attempts. */
  errorBackoff?: BackoffPolicy;
}

const DEFAULTS = {
  batchSize: 500,
  idleMs: 150,
  leaseMs: 60_000,
  inDoubtMarginMs: 60_000,
  errorBackoff: { baseMs: 500, maxMs: 30_000 },
};

/**
 * Publishes the outbox: claim rows (committed), publish, mark published. A row claimed before and never
 * marked is in doubt (the relay died, or a send failed after reaching the broker): the bus is asked
 * whether it has the message id already, so the topic gets each message exactly once.
 */
export class OutboxRelay {
  readonly relayId: string;
  private readonly settings: typeof DEFAULTS;
  private stopping = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private failures = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    options: OutboxRelayOptions = {},
    private readonly telemetry: MessagingTelemetry = basicTelemetry,
  ) {
    this.relayId = options.relayId ?? randomUUID();
    this.settings = {
      batchSize: options.batchSize ?? DEFAULTS.batchSize,
      idleMs: options.idleMs ?? DEFAULTS.idleMs,
      leaseMs: options.leaseMs ?? DEFAULTS.leaseMs,
      inDoubtMarginMs: options.inDoubtMarginMs ?? DEFAULTS.inDoubtMarginMs,
      errorBackoff: options.errorBackoff ?? DEFAULTS.errorBackoff,
    };
  }

  start(): void {
    this.stopping = false;
    this.loop ??= this.run();
  }

  /** Lets the batch in flight finish (publish and mark), then returns. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    await this.loop;
    this.loop = undefined;
  }

  /** One claim-publish-mark round; the number of rows it handled. */
  async relayOnce(): Promise<number> {
    const rows = await claimRows(
      this.dataSource,
      this.relayId,
      this.settings.batchSize,
      this.settings.leaseMs,
    );
    if (rows.length === 0) return 0;
    const already = await this.alreadyPublished(rows.filter((r) => r.previous_claim !== null));
    const toSend = rows.filter((r) => !already.has(r.message_id));
    const started = Date.now();
    try {
      await this.bus.publish(toSend.map(toRecord));
      await this.published(toSend);
    } catch (error) {
      const retryInMs = backoffMs(this.settings.errorBackoff, this.failures + 1);
      await markFailed(
        this.dataSource,
        toSend.map((r) => r.id),
        messageOf(error),
        retryInMs,
      );
      await markPublished(
        this.dataSource,
        rows.filter((r) => already.has(r.message_id)).map((r) => r.id),
      );
      throw error;
    }
    if (Date.now() - started > this.settings.leaseMs) {
      this.telemetry.logger.error(
        'outbox relay: a publish outlived the lease; another relay may have sent it too',
        {
          ms: Date.now() - started,
        },
      );
    }
    await markPublished(
      this.dataSource,
      rows.map((r) => r.id),
    );
    for (const [topic, count] of countByTopic(toSend)) this.telemetry.produced(topic, count);
    return rows.length;
  }

  /** Test seam: runs after the bus took the records and before they are marked published. */
  protected async published(_rows: readonly ClaimedRow[]): Promise<void> {}

  private async alreadyPublished(inDoubt: ClaimedRow[]): Promise<Set<string>> {
    if (inDoubt.length === 0) return new Set();
    const earliest = Math.min(...inDoubt.map((r) => new Date(r.previous_claim!).getTime()));
    const found = await this.bus.findPublished(
      inDoubt.map((r) => ({ topic: r.topic, messageId: r.message_id })),
      new Date(earliest - this.settings.inDoubtMarginMs),
    );
    this.telemetry.logger.warn('outbox relay: rows in doubt checked against the bus', {
      inDoubt: inDoubt.length,
      alreadyPublished: found.size,
    });
    return found;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let handled = 0;
      try {
        handled = await this.relayOnce();
        this.failures = 0;
      } catch (error) {
        this.failures++;
        this.telemetry.logger.error('outbox relay: round failed', {
          failures: this.failures,
          ...errorMeta(error),
        });
        await this.pause(backoffMs(this.settings.errorBackoff, this.failures));
        continue;
      }
      if (handled < this.settings.batchSize) await this.pause(this.settings.idleMs);
    }
  }

  private pause(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

function toRecord(row: ClaimedRow): OutgoingRecord {
  const {
    [OutboxRowKeys.relayClaim]: _claim,
    [OutboxRowKeys.valueEncoding]: encoding,
    ...headers
  } = row.headers;
  return {
    topic: row.topic,
    key: row.key,
    value:
      encoding === 'base64'
        ? Buffer.from(JSON.parse(row.payload_json) as string, 'base64')
        : row.payload_json,
    headers: { ...headers, [Headers.messageId]: row.message_id },
  };
}

function countByTopic(rows: readonly ClaimedRow[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.topic, (counts.get(r.topic) ?? 0) + 1);
  return counts;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
