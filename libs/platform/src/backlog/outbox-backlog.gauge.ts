import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import type { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import type { Logger } from 'winston';
import { LOGGER, SERVICE_METRICS, type ServiceMetrics } from '@contingency/observability';
import { PollingLoop } from '../polling-loop';
import { BACKLOG_MAX_BACKOFF_MS, BACKLOG_SETTINGS, type BacklogSettings } from './backlog.settings';

export interface OutboxBacklog {
  pending: number;
  oldestAgeSeconds: number;
}

/**
 * `<service>_outbox_pending_messages` and `<service>_outbox_oldest_pending_age_seconds`: rows due for the
 * relay and not yet published, and how long the oldest has waited. Scheduled retries (a later
 * `available_at`) are not pending until they are due. One statement on the partial index of unpublished
 * rows; the outbox is shared, so every process reports the same values: aggregate with max().
 */
@Injectable()
export class OutboxBacklogGauge implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly pending: Gauge;
  private readonly oldestAge: Gauge;
  private readonly loop: PollingLoop;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_METRICS) metrics: ServiceMetrics,
    @Inject(BACKLOG_SETTINGS) settings: BacklogSettings,
    @Optional() @Inject(LOGGER) logger?: Logger,
  ) {
    this.pending = metrics.gauge('outbox_pending_messages', 'Outbox messages due and not yet published');
    this.oldestAge = metrics.gauge(
      'outbox_oldest_pending_age_seconds',
      'How long the oldest due, unpublished outbox message has waited (0 when none)',
    );
    this.pending.set(0);
    this.oldestAge.set(0);
    this.loop = new PollingLoop(() => this.refresh().then(() => 'idle'), {
      name: 'outbox backlog gauge',
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

  /** Reads the backlog now and sets the gauges; the loop calls it, and so may a test. */
  async refresh(): Promise<OutboxBacklog> {
    const [row]: { pending: string; oldest_age: number | string | null }[] = await this.dataSource.query(
      `SELECT count(*) AS pending, extract(epoch FROM now() - min(available_at)) AS oldest_age
         FROM outbox
        WHERE published_at IS NULL AND available_at <= now()`,
    );
    const backlog = {
      pending: Number(row.pending),
      oldestAgeSeconds: Math.max(0, Number(row.oldest_age ?? 0)),
    };
    this.pending.set(backlog.pending);
    this.oldestAge.set(backlog.oldestAgeSeconds);
    return backlog;
  }
}
