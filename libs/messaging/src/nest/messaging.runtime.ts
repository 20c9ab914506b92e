import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { OutboxWriter } from '@contingency/ledger';
import type { MessageBus, PartitionLag } from '../bus/message-bus';
import { ConsumerHost } from '../consumer/consumer-host';
import { consumerGroupOf } from '../consumer/message-consumer.decorators';
import { DEFAULT_RETRY_POLICY } from '../consumer/retry-policy';
import { OutboxRelay } from '../relay/outbox-relay';
import type { MessagingTelemetry } from '../telemetry/messaging-telemetry';
import {
  MESSAGE_BUS,
  MESSAGING_OPTIONS,
  MESSAGING_TELEMETRY,
  type MessagingModuleOptions,
} from './messaging.options';

/** One consumer group's lag on one partition; `group` is the @MessageConsumer name, without any prefix. */
export interface GroupLag extends PartitionLag {
  group: string;
}

/**
 * Starts messaging once the app is built (bus, relay, the discovered @MessageConsumer providers) and
 * stops it gracefully before the DataSource closes: consumers finish their message and commit first.
 */
@Injectable()
export class MessagingRuntime
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private host?: ConsumerHost;
  private consumersReady: Promise<void> = Promise.resolve();

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(MESSAGING_TELEMETRY) private readonly telemetry: MessagingTelemetry,
    private readonly relay: OutboxRelay,
    private readonly discovery: DiscoveryService,
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Resolves when every consumer group has its partitions (tests publish after this). */
  ready(): Promise<void> {
    return this.consumersReady;
  }

  /** The lag of every consumer group this process runs, per partition of its topics. */
  async consumerLag(): Promise<GroupLag[]> {
    const groups = this.host?.groups() ?? [];
    const lags = await Promise.all(
      groups.map(async ({ group, groupId, topics }) =>
        (await this.bus.consumerLag(groupId, topics, this.options.startFrom)).map((lag) => ({
          group,
          ...lag,
        })),
      ),
    );
    return lags.flat();
  }

  onModuleInit(): void {
    this.telemetry.registerReadiness(this.bus.kind === 'kafka' ? 'kafka' : 'embedded-bus', () =>
      this.bus.checkHealth(),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.connect();
    if (this.options.relay) this.relay.start();
    if (!this.options.consumers) return;
    const consumers = this.discoverConsumers();
    if (consumers.length === 0) return;
    this.host = new ConsumerHost({
      bus: this.bus,
      dataSource: this.dataSource,
      outbox: this.outbox,
      telemetry: this.telemetry,
      retry: { ...DEFAULT_RETRY_POLICY, ...this.options.retry },
      startFrom: this.options.startFrom,
      groupPrefix: this.options.groupPrefix,
    });
    this.consumersReady = (await this.host.start(consumers)).ready;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.host?.stop();
    await this.relay.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus.disconnect();
  }

  private discoverConsumers(): object[] {
    const instances = new Set<object>();
    for (const wrapper of this.discovery.getProviders()) {
      const metatype: unknown = wrapper.metatype;
      const instance: unknown = wrapper.instance;
      if (typeof metatype !== 'function' || !consumerGroupOf(metatype)) continue;
      if (!wrapper.isDependencyTreeStatic() || typeof instance !== 'object' || instance === null) {
        throw new Error(`@MessageConsumer ${metatype.name} must be a singleton provider`);
      }
      instances.add(instance);
    }
    return [...instances];
  }
}
