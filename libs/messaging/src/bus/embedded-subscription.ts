import type { EventEmitter } from 'node:events';
import type { DataSource } from 'typeorm';
import { errorMeta, type MessagingLogger } from '../telemetry/messaging-telemetry';
import type { ConsumeSession, DeliveredRecord, SubscribeOptions, Subscription } from './message-bus';

interface LogRow {
  seq: string;
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

const RETRY_AFTER_ERROR_MS = 1_000;

/**
 * One consumer group on the embedded log: a loop per topic (the topic is the unit of order, like a
 * single partition), woken by in-process publishes and polling as a fallback for other processes.
 * The group's offset moves only after onBatch returned, i.e. after the handlers' transactions committed.
 */
export class EmbeddedSubscription implements Subscription {
  private stopping = false;
  private readonly wakers = new Set<() => void>();
  private loops: Promise<void>[] = [];
  private markReady!: () => void;
  readonly ready = new Promise<void>((resolve) => (this.markReady = resolve));
  private markFinished!: () => void;
  readonly finished = new Promise<void>((resolve) => (this.markFinished = resolve));

  constructor(
    private readonly dataSource: DataSource,
    private readonly published: EventEmitter,
    private readonly options: SubscribeOptions,
    private readonly tuning: { pollIntervalMs: number; fetchSize: number; logger: MessagingLogger },
  ) {}

  async start(): Promise<void> {
    const starts: { topic: string; next: bigint }[] = [];
    for (const topic of this.options.topics) starts.push({ topic, next: await this.startingOffset(topic) });
    this.loops = starts.map(({ topic, next }) => this.run(topic, next));
    this.markReady();
    void Promise.all(this.loops).finally(() => this.markFinished());
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const wake of this.wakers) wake();
    await Promise.all(this.loops);
  }

  private async startingOffset(topic: string): Promise<bigint> {
    const start =
      this.options.startFrom === 'latest' ? '(SELECT coalesce(max(seq), 0) + 1 FROM bus_log)' : '0';
    await this.dataSource.query(
      `INSERT INTO bus_offsets (group_id, topic, next_seq) VALUES ($1, $2, ${start}) ON CONFLICT DO NOTHING`,
      [this.options.groupId, topic],
    );
    const [row]: { next_seq: string }[] = await this.dataSource.query(
      'SELECT next_seq FROM bus_offsets WHERE group_id = $1 AND topic = $2',
      [this.options.groupId, topic],
    );
    return BigInt(row.next_seq);
  }

  private async run(topic: string, next: bigint): Promise<void> {
    let committed = next;
    while (!this.stopping) {
      const rows = await this.dataSource
        .query<LogRow[]>(
          `SELECT seq, topic, key, value, headers FROM bus_log WHERE topic = $1 AND seq >= $2 ORDER BY seq LIMIT $3`,
          [topic, committed.toString(), this.tuning.fetchSize],
        )
        .catch((error: unknown) => {
          this.tuning.logger.warn('embedded bus: reading the log failed', { topic, ...errorMeta(error) });
          return null;
        });
      if (rows === null) {
        await this.idle(topic, RETRY_AFTER_ERROR_MS);
        continue;
      }
      if (rows.length === 0) {
        await this.idle(topic, this.tuning.pollIntervalMs);
        continue;
      }
      let done = committed;
      const session: ConsumeSession = {
        commit: (record) => {
          done = BigInt(record.offset) + 1n;
          return Promise.resolve();
        },
        heartbeat: () => Promise.resolve(),
        isActive: () => !this.stopping,
      };
      try {
        await this.options.onBatch(rows.map(toRecord), session);
      } catch (error) {
        // An infrastructure failure (database down): what was not committed is delivered again.
        this.tuning.logger.error('embedded bus: batch failed, redelivering', { topic, ...errorMeta(error) });
        await this.idle(topic, RETRY_AFTER_ERROR_MS);
      }
      if (done > committed) {
        try {
          await this.saveOffset(topic, done);
          committed = done;
        } catch (error) {
          this.tuning.logger.warn('embedded bus: saving the offset failed', { topic, ...errorMeta(error) });
        }
      }
    }
  }

  private async saveOffset(topic: string, next: bigint): Promise<void> {
    await this.dataSource.query('UPDATE bus_offsets SET next_seq = $3 WHERE group_id = $1 AND topic = $2', [
      this.options.groupId,
      topic,
      next.toString(),
    ]);
  }

  private idle(topic: string, ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.published.off(topic, wake);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.published.on(topic, wake);
      this.wakers.add(wake);
    });
  }
}

function toRecord(row: LogRow): DeliveredRecord {
  return {
    topic: row.topic,
    key: row.key,
    value: Buffer.from(row.value, 'utf8'),
    headers: row.headers,
    partition: 0,
    offset: row.seq,
  };
}
