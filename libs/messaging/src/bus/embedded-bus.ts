import { EventEmitter } from 'node:events';
import type { DataSource } from 'typeorm';
import { Headers } from '@contingency/contracts';
import type {
  MessageBus,
  OutgoingRecord,
  PartitionLag,
  PublishedRef,
  SubscribeOptions,
  Subscription,
} from './message-bus';
import { EmbeddedSubscription } from './embedded-subscription';
import { basicTelemetry, type MessagingLogger } from '../telemetry/messaging-telemetry';

export interface EmbeddedBusOptions {
  /** How often an idle consumer looks at the log when no in-process publish woke it. */
  pollIntervalMs?: number;
  /** Records read per fetch. */
  fetchSize?: number;
  logger?: MessagingLogger;
}

const INSERT_CHUNK = 500;

/**
 * The standalone bus: a durable log in the ledger database (`bus_log`, offsets per group in
 * `bus_offsets`) with Kafka's delivery semantics. Every call is one statement or one short transaction of
 * its own, so it works on PGlite's single connection.
 */
export class EmbeddedBus implements MessageBus {
  readonly kind = 'embedded';
  private readonly published = new EventEmitter().setMaxListeners(0);
  private readonly subscriptions = new Set<EmbeddedSubscription>();
  private connected = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: EmbeddedBusOptions = {},
  ) {}

  async connect(): Promise<void> {
    if (!this.dataSource.isInitialized) await this.dataSource.initialize();
    this.connected = true;
  }

  async disconnect(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.connected = false;
  }

  async publish(records: readonly OutgoingRecord[]): Promise<void> {
    for (let i = 0; i < records.length; i += INSERT_CHUNK) {
      await this.append(records.slice(i, i + INSERT_CHUNK));
    }
    for (const topic of new Set(records.map((r) => r.topic))) this.published.emit(topic);
  }

  async findPublished(refs: readonly PublishedRef[], since: Date): Promise<Set<string>> {
    if (refs.length === 0) return new Set();
    const rows: { message_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT l.message_id FROM bus_log l
         JOIN unnest($1::text[], $2::text[]) AS r(topic, message_id)
           ON l.topic = r.topic AND l.message_id = r.message_id
        WHERE l.created_at >= $3`,
      [refs.map((r) => r.topic), refs.map((r) => r.messageId), since],
    );
    return new Set(rows.map((r) => r.message_id));
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const subscription = new EmbeddedSubscription(this.dataSource, this.published, options, {
      pollIntervalMs: this.options.pollIntervalMs ?? 250,
      fetchSize: this.options.fetchSize ?? 100,
      logger: this.options.logger ?? basicTelemetry.logger,
    });
    this.subscriptions.add(subscription);
    void subscription.finished.then(() => this.subscriptions.delete(subscription));
    await subscription.start();
    return subscription;
  }

  /** One partition (0) per topic; a group's offset row exists from its first subscription. */
  async consumerLag(groupId: string, topics: readonly string[]): Promise<PartitionLag[]> {
    const rows: { topic: string; lag: string }[] = await this.dataSource.query(
      `SELECT o.topic, (SELECT count(*) FROM bus_log l WHERE l.topic = o.topic AND l.seq >= o.next_seq) AS lag
         FROM bus_offsets o
        WHERE o.group_id = $1 AND o.topic = ANY($2::text[])`,
      [groupId, [...topics]],
    );
    return rows.map(({ topic, lag }) => ({ topic, partition: 0, lag: Number(lag) }));
  }

  checkHealth(): Promise<void> {
    return this.connected ? Promise.resolve() : Promise.reject(new Error('embedded bus not connected'));
  }

  // The table lock makes sequence order equal commit order, so a reader never skips a row that a slower
  // writer commits later with a smaller seq. It is one short transaction with nothing else inside.
  private async append(records: readonly OutgoingRecord[]): Promise<void> {
    const params: unknown[] = [];
    const tuples = records.map((r) => {
      params.push(
        r.topic,
        r.key,
        r.headers[Headers.messageId] ?? '',
        valueText(r.value),
        JSON.stringify(r.headers),
      );
      const n = params.length;
      return `($${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n}::jsonb)`;
    });
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query('LOCK TABLE bus_log IN EXCLUSIVE MODE');
      await runner.query(
        `INSERT INTO bus_log (topic, key, message_id, value, headers) VALUES ${tuples.join(', ')}`,
        params,
      );
      await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }
}

const valueText = (value: string | Buffer): string =>
  typeof value === 'string' ? value : value.toString('utf8');
