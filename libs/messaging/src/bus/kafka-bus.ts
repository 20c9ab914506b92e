import {
  CompressionTypes,
  Kafka,
  logLevel,
  Partitioners,
  type Admin,
  type LogEntry,
  type Producer,
} from 'kafkajs';
import { ALL_TOPICS, deadLetterTopic } from '@contingency/contracts';
import { withTimeout } from '@contingency/observability';
import { basicTelemetry, type MessagingLogger } from '../telemetry/messaging-telemetry';
import { scanForPublished } from './kafka-published-scan';
import { KafkaSubscription, type KafkaConsumerTuning } from './kafka-subscription';
import type {
  MessageBus,
  OutgoingRecord,
  PartitionLag,
  PublishedRef,
  SubscribeOptions,
  Subscription,
} from './message-bus';

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  /** Partitions of the topics created on connect. */
  partitions?: number;
  /** Topics created on connect; every contract topic and its dead-letter topic by default. */
  topics?: readonly string[];
  consumer?: KafkaConsumerTuning;
  healthTimeoutMs?: number;
  logger?: MessagingLogger;
}

export const defaultKafkaTopics = (): string[] => ALL_TOPICS.flatMap((t) => [t, deadLetterTopic(t)]);

/**
 * Kafka through kafkajs (docs/decisions/0001-kafka-client.md): an idempotent producer with acks=all and
 * one request in flight, so one key's records land in one partition in publish order.
 */
export class KafkaBus implements MessageBus {
  readonly kind = 'kafka';
  private readonly kafka: Kafka;
  private readonly producerKafka: Kafka;
  private readonly admin: Admin;
  private producer: Producer;
  private producerConnected?: Promise<void>;
  private readonly subscriptions = new Set<KafkaSubscription>();
  private readonly logger: MessagingLogger;
  private connecting?: Promise<void>;

  constructor(private readonly options: KafkaBusOptions) {
    this.logger = options.logger ?? basicTelemetry.logger;
    const common = {
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      logCreator: () => (entry: LogEntry) => this.log(entry),
    };
    this.kafka = new Kafka(common);
    // The producer's own client bounds a send (3 tries of at most 10 s) well inside the relay's lease,
    // so that a stalled relay cannot publish after another relay took its rows over.
    this.producerKafka = new Kafka({ ...common, requestTimeout: 10_000 });
    this.admin = this.kafka.admin();
    this.producer = this.newProducer();
  }

  connect(): Promise<void> {
    this.connecting ??= this.open().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }

  async disconnect(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.subscriptions.clear();
    if (!this.connecting) return;
    this.connecting = undefined;
    this.producerConnected = undefined;
    await this.producer.disconnect();
    await this.admin.disconnect();
  }

  async publish(records: readonly OutgoingRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.connect();
    const byTopic = new Map<string, OutgoingRecord[]>();
    for (const r of records) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
    const producer = this.producer;
    await this.connectProducer();
    await producer
      .sendBatch({
        acks: -1,
        compression: CompressionTypes.None,
        topicMessages: [...byTopic].map(([topic, rs]) => ({
          topic,
          messages: rs.map((r) => ({ key: r.key, value: r.value, headers: r.headers })),
        })),
      })
      .catch(async (error: unknown) => {
        // After a failed send the broker may hold part of it; a fresh producer id keeps later sends clean of
        // the old sequence numbers, and the relay settles what is in doubt.
        this.producer = this.newProducer();
        this.producerConnected = undefined;
        await producer.disconnect().catch(() => undefined);
        throw error;
      });
  }

  async findPublished(refs: readonly PublishedRef[], since: Date): Promise<Set<string>> {
    await this.connect();
    return scanForPublished(this.kafka, this.admin, refs, since);
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    await this.connect();
    const subscription = new KafkaSubscription(this.kafka, options, this.options.consumer ?? {}, this.logger);
    this.subscriptions.add(subscription);
    await subscription.start();
    return {
      ready: subscription.ready,
      stop: async () => {
        this.subscriptions.delete(subscription);
        await subscription.stop();
      },
    };
  }

  async consumerLag(
    groupId: string,
    topics: readonly string[],
    startFrom: 'earliest' | 'latest' = 'earliest',
  ): Promise<PartitionLag[]> {
    await this.connect();
    const committed = await this.admin.fetchOffsets({ groupId, topics: [...topics] });
    const lags: PartitionLag[] = [];
    for (const { topic, partitions } of committed) {
      const offsets = new Map(partitions.map((p) => [p.partition, BigInt(p.offset)]));
      for (const { partition, low, high } of await this.admin.fetchTopicOffsets(topic)) {
        const end = BigInt(high);
        const start = BigInt(low);
        // -1: nothing committed yet; the group reads from the oldest record kept, or only what comes next.
        const next = offsets.get(partition) ?? -1n;
        const from = next >= 0n ? (next > start ? next : start) : startFrom === 'latest' ? end : start;
        lags.push({ topic, partition, lag: Number(end > from ? end - from : 0n) });
      }
    }
    return lags;
  }

  async checkHealth(): Promise<void> {
    const ms = this.options.healthTimeoutMs ?? 3_000;
    await withTimeout(
      () => this.connect().then(() => this.admin.describeCluster()),
      ms,
      `kafka: no cluster description within ${ms} ms`,
    );
  }

  private async open(): Promise<void> {
    await this.admin.connect();
    await this.ensureTopics();
  }

  private connectProducer(): Promise<void> {
    this.producerConnected ??= this.producer.connect().catch((error: unknown) => {
      this.producerConnected = undefined;
      throw error;
    });
    return this.producerConnected;
  }

  private newProducer(): Producer {
    return this.producerKafka.producer({
      idempotent: true,
      retry: { retries: 2, maxRetryTime: 3_000 },
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  private async ensureTopics(): Promise<void> {
    const existing = new Set(await this.admin.listTopics());
    const missing = (this.options.topics ?? defaultKafkaTopics()).filter((t) => !existing.has(t));
    if (missing.length === 0) return;
    await this.admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({ topic, numPartitions: this.options.partitions ?? 6 })),
    });
  }

  private log({ level, log }: LogEntry): void {
    const { message, ...meta } = log;
    // Expected: we bound the producer's retries on purpose (see the constructor).
    if (message.startsWith('Limiting retries for the idempotent producer')) return;
    if (level === logLevel.ERROR) this.logger.error(`kafkajs: ${message}`, meta);
    else if (level === logLevel.WARN) this.logger.warn(`kafkajs: ${message}`, meta);
  }
}
