import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import type { Gauge } from 'prom-client';
import type { Logger } from 'winston';
import { type GroupLag, MessagingRuntime } from '@contingency/messaging';
import { LOGGER, SERVICE_METRICS, type ServiceMetrics } from '@contingency/observability';
import { PollingLoop } from '../polling-loop';
import { BACKLOG_MAX_BACKOFF_MS, BACKLOG_SETTINGS, type BacklogSettings } from './backlog.settings';

type LagLabel = 'group' | 'topic' | 'partition';

/**
 * `<service>_consumer_lag_messages{group,topic,partition}`: how far each consumer group of this process
 * is behind, from the bus's committed offsets (Kafka admin, or the embedded log's offsets table). Every
 * instance of a service reports its group's whole lag: aggregate instances with max().
 */
@Injectable()
export class ConsumerLagGauge implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly lag: Gauge<LagLabel>;
  private readonly loop: PollingLoop;

  constructor(
    private readonly runtime: MessagingRuntime,
    @Inject(SERVICE_METRICS) metrics: ServiceMetrics,
    @Inject(BACKLOG_SETTINGS) settings: BacklogSettings,
    @Optional() @Inject(LOGGER) logger?: Logger,
  ) {
    this.lag = metrics.gauge(
      'consumer_lag_messages',
      'Messages on the partition not yet committed by the consumer group',
      ['group', 'topic', 'partition'],
    );
    this.loop = new PollingLoop(() => this.refresh().then(() => 'idle'), {
      name: 'consumer lag gauge',
      intervalMs: settings.intervalMs,
      maxBackoffMs: Math.max(settings.intervalMs, BACKLOG_MAX_BACKOFF_MS),
      logger,
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Reads the lag of every group now and sets the gauge; the loop calls it, and so may a test. */
  async refresh(): Promise<GroupLag[]> {
    const lags = await this.runtime.consumerLag();
    // Reset and set in one synchronous step: a scrape never sees the gauge half filled.
    this.lag.reset();
    for (const { group, topic, partition, lag } of lags) {
      this.lag.set({ group, topic, partition: String(partition) }, lag);
    }
    return lags;
  }
}
