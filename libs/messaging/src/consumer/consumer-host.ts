import type { DataSource, EntityManager } from 'typeorm';
import type { OutboxWriter } from '@contingency/ledger';
import type { MessageBus, Subscription } from '../bus/message-bus';
import type { MessagingTelemetry } from '../telemetry/messaging-telemetry';
import type { InboundMessage } from './inbound-message';
import { consumerGroupOf, consumerHandlers } from './message-consumer.decorators';
import { DEFAULT_MAX_BATCH_SIZE, MessageProcessor, type BoundHandler } from './message-processor';
import type { RetryPolicy } from './retry-policy';

export interface ConsumerHostDeps {
  bus: MessageBus;
  dataSource: DataSource;
  outbox: OutboxWriter;
  telemetry: MessagingTelemetry;
  retry: RetryPolicy;
  startFrom?: 'earliest' | 'latest';
  /** Prepended to the bus's consumer group ids (not to processed_messages.consumer): isolates test runs. */
  groupPrefix?: string;
}

/** A consumer group as the bus knows it: `group` is the @MessageConsumer name, `groupId` with the prefix. */
export interface HostedGroup {
  group: string;
  groupId: string;
  topics: string[];
}

/** Runs @MessageConsumer instances: one bus subscription per consumer group, whatever the classes. */
export class ConsumerHost {
  private subscriptions: Subscription[] = [];
  private hosted: HostedGroup[] = [];

  constructor(private readonly deps: ConsumerHostDeps) {}

  /** Resolves when subscribed; `ready` when every group has its partitions. */
  async start(consumers: readonly object[]): Promise<{ ready: Promise<void> }> {
    const groups = bindHandlers(consumers, this.deps.retry.maxAttempts);
    this.deps.telemetry.consumesFrom([...new Set([...groups.values()].flatMap((h) => [...h.keys()]))]);
    for (const [group, handlers] of groups) {
      const processor = new MessageProcessor(group, handlers, this.deps);
      const hosted = {
        group,
        groupId: `${this.deps.groupPrefix ?? ''}${group}`,
        topics: [...handlers.keys()],
      };
      this.hosted.push(hosted);
      this.subscriptions.push(
        await this.deps.bus.subscribe({
          groupId: hosted.groupId,
          topics: hosted.topics,
          startFrom: this.deps.startFrom,
          onBatch: (records, session) => processor.onBatch(records, session),
        }),
      );
    }
    return { ready: Promise.all(this.subscriptions.map((s) => s.ready)).then(() => undefined) };
  }

  /** The groups this host subscribed. */
  groups(): readonly HostedGroup[] {
    return this.hosted;
  }

  /** Each group finishes its in-flight message, commits and leaves. */
  async stop(): Promise<void> {
    const subscriptions = this.subscriptions;
    this.subscriptions = [];
    await Promise.all(subscriptions.map((s) => s.stop()));
  }
}

export function bindHandlers(
  consumers: readonly object[],
  defaultMaxAttempts: number,
): Map<string, Map<string, BoundHandler>> {
  const groups = new Map<string, Map<string, BoundHandler>>();
  for (const instance of consumers) {
    const type = instance.constructor;
    const group = consumerGroupOf(type);
    if (!group) throw new Error(`${type.name} is not a @MessageConsumer`);
    const handlers = groups.get(group) ?? new Map<string, BoundHandler>();
    for (const meta of consumerHandlers(type)) {
      const name = `${type.name}.${String(meta.method)}`;
      const existing = handlers.get(meta.topic);
      if (existing)
        throw new Error(`${meta.topic} has two handlers in group ${group}: ${existing.name} and ${name}`);
      const method = (instance as Record<string | symbol, unknown>)[meta.method];
      if (typeof method !== 'function') throw new Error(`${name} is not a method`);
      const maxBatchSize = meta.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
      if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1)
        throw new Error(`${name}: maxBatchSize must be a positive integer, not ${maxBatchSize}`);
      handlers.set(meta.topic, {
        name,
        batch: meta.batch,
        maxBatchSize,
        maxAttempts: meta.maxAttempts ?? defaultMaxAttempts,
        call: (input: InboundMessage | InboundMessage[], tx: EntityManager) =>
          (method as (i: unknown, tx: EntityManager) => Promise<unknown>).call(instance, input, tx),
      });
    }
    groups.set(group, handlers);
  }
  return groups;
}
