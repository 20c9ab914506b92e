import type { Consumer, Kafka } from 'kafkajs';
import { errorMeta, type MessagingLogger } from '../telemetry/messaging-telemetry';
import { deliveredRecord } from './kafka-records';
import type { ConsumeSession, SubscribeOptions, Subscription } from './message-bus';

export interface KafkaConsumerTuning {
  /** Offsets are committed when this many records are resolved or this long has passed, and after each batch. */
  commitThreshold?: number;
  commitIntervalMs?: number;
  partitionsConsumedConcurrently?: number;
  maxWaitTimeInMs?: number;
  /** How soon the group notices a dead member (a restarted one waits for this before it gets partitions). */
  sessionTimeoutMs?: number;
  rebalanceTimeoutMs?: number;
}

/**
 * A kafkajs consumer group with manual commits: an offset is resolved only after onBatch reported the
 * record done (its transaction committed), and committed in small groups (a redelivery after a crash
 * is harmless: consumers are idempotent).
 */
export class KafkaSubscription implements Subscription {
  private readonly consumer: Consumer;
  private markReady!: () => void;
  readonly ready = new Promise<void>((resolve) => (this.markReady = resolve));

  constructor(
    kafka: Kafka,
    private readonly options: SubscribeOptions,
    private readonly tuning: KafkaConsumerTuning,
    private readonly logger: MessagingLogger,
  ) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: tuning.maxWaitTimeInMs ?? 500,
      sessionTimeout: tuning.sessionTimeoutMs ?? 30_000,
      rebalanceTimeout: tuning.rebalanceTimeoutMs ?? 60_000,
    });
  }

  async start(): Promise<void> {
    this.watchReadiness();
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: [...this.options.topics],
      fromBeginning: this.options.startFrom !== 'latest',
    });
    await this.consumer.run({
      autoCommit: false,
      autoCommitThreshold: this.tuning.commitThreshold ?? 100,
      autoCommitInterval: this.tuning.commitIntervalMs ?? 1_000,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.tuning.partitionsConsumedConcurrently ?? 1,
      eachBatch: async ({
        batch,
        resolveOffset,
        heartbeat,
        commitOffsetsIfNecessary,
        uncommittedOffsets,
        isRunning,
        isStale,
      }) => {
        const session: ConsumeSession = {
          commit: async (record) => {
            resolveOffset(record.offset);
            await commitOffsetsIfNecessary();
          },
          heartbeat,
          isActive: () => isRunning() && !isStale(),
        };
        try {
          await this.options.onBatch(
            batch.messages.map((m) => deliveredRecord(batch.topic, batch.partition, m)),
            session,
          );
        } finally {
          // Whatever was resolved is committed now; the rest comes again.
          await commitOffsetsIfNecessary(uncommittedOffsets()).catch((error: unknown) =>
            this.logger.warn('kafka: committing offsets failed', {
              groupId: this.options.groupId,
              ...errorMeta(error),
            }),
          );
        }
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }

  // Ready = assigned and the first fetch done: kafkajs fixes the starting offsets of new groups then.
  private watchReadiness(): void {
    let joined = false;
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => (joined = true));
    this.consumer.on(this.consumer.events.FETCH, () => {
      if (joined) this.markReady();
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) =>
      this.logger.error('kafka: consumer crashed', {
        groupId: this.options.groupId,
        restart: payload.restart,
        ...errorMeta(payload.error),
      }),
    );
  }
}
