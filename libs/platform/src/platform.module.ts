import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '@contingency/config';
import { LedgerModule } from '@contingency/ledger';
import { MessagingModule } from '@contingency/messaging';
import { ObservabilityModule } from '@contingency/observability';
import {
  BACKLOG_SETTINGS,
  ConsumerLagGauge,
  DEFAULT_BACKLOG_INTERVAL_MS,
  OutboxBacklogGauge,
} from './backlog';
import { CanaryModule } from './canary';
import { LedgerHealth } from './ledger-health';

export interface PlatformOptions {
  config: AppConfig;
  /** The ledger URL when it is not config.database.url (the embedded server's). */
  databaseUrl?: string;
}

/**
 * What every process stands on: logs/metrics/health, the ledger and the bus. Standalone runs the
 * embedded bus over the ledger database with one connection; distributed runs Kafka. Also the gauges of
 * the bus's backlog (consumer lag, outbox) and the connectivity canary the services add probes to.
 */
@Module({})
export class PlatformModule {
  static forRoot({ config, databaseUrl }: PlatformOptions): DynamicModule {
    const standalone = config.mode === 'standalone';
    const url = databaseUrl ?? config.database.url;
    if (!url) throw new Error('PlatformModule needs a database URL');
    return {
      module: PlatformModule,
      imports: [
        ObservabilityModule.forRoot({
          service: config.service,
          logLevel: config.log.level,
          logFormat: config.log.format,
        }),
        LedgerModule.forRoot({
          url,
          poolSize: standalone ? 1 : config.database.poolSize,
          migrate: config.database.migrate,
          applicationName: config.service,
        }),
        MessagingModule.forRoot({
          bus: standalone ? 'embedded' : 'kafka',
          brokers: config.kafka.brokers,
          clientId: config.kafka.clientId,
          groupPrefix: config.kafka.groupPrefix,
          startFrom: config.kafka.startFrom,
          service: config.service,
          consumers: true,
          // One relay per standalone process: a stable id takes back a crashed run's claims at once.
          relay: standalone ? { relayId: 'standalone' } : true,
          // Chunks of up to 1,000 for batch handlers (validation), as Kafka's default fetch gives.
          embedded: { fetchSize: 1_000 },
        }),
        CanaryModule.forRoot({ intervalMs: config.canary.intervalMs }),
      ],
      providers: [
        LedgerHealth,
        { provide: BACKLOG_SETTINGS, useValue: { intervalMs: DEFAULT_BACKLOG_INTERVAL_MS } },
        ConsumerLagGauge,
        OutboxBacklogGauge,
      ],
    };
  }
}
