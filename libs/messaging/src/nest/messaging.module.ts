import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DataSource } from 'typeorm';
import {
  HealthRegistry,
  LOGGER,
  MetricsRegistry,
  SERVICE_METRICS,
  type ServiceMetrics,
} from '@contingency/observability';
import { EmbeddedBus } from '../bus/embedded-bus';
import { KafkaBus } from '../bus/kafka-bus';
import type { MessageBus } from '../bus/message-bus';
import { ExternalPublisher } from '../external-publisher';
import { OutboxRelay } from '../relay/outbox-relay';
import type { MessagingLogger, MessagingTelemetry } from '../telemetry/messaging-telemetry';
import { observabilityTelemetry } from '../telemetry/observability.adapter';
import {
  MESSAGE_BUS,
  MESSAGING_OPTIONS,
  MESSAGING_TELEMETRY,
  type MessagingModuleOptions,
} from './messaging.options';
import { MessagingRuntime } from './messaging.runtime';

/**
 * The bus, the outbox relay, the external publisher and the consumers of @MessageConsumer providers.
 * Needs the LedgerModule (DataSource, OutboxWriter); uses the ObservabilityModule when it is there.
 */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    return {
      module: MessagingModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        {
          provide: MESSAGING_TELEMETRY,
          inject: [
            { token: LOGGER, optional: true },
            { token: MetricsRegistry, optional: true },
            { token: SERVICE_METRICS, optional: true },
            { token: HealthRegistry, optional: true },
          ],
          useFactory: (
            logger?: MessagingLogger,
            registry?: MetricsRegistry,
            serviceMetrics?: ServiceMetrics,
            health?: HealthRegistry,
          ): MessagingTelemetry =>
            observabilityTelemetry({
              logger,
              metrics: options.service && registry ? registry.forService(options.service) : serviceMetrics,
              health,
            }),
        },
        {
          provide: MESSAGE_BUS,
          inject: [DataSource, MESSAGING_TELEMETRY],
          useFactory: (dataSource: DataSource, telemetry: MessagingTelemetry): MessageBus =>
            createBus(options, dataSource, telemetry),
        },
        {
          provide: OutboxRelay,
          inject: [DataSource, MESSAGE_BUS, MESSAGING_TELEMETRY],
          useFactory: (dataSource: DataSource, bus: MessageBus, telemetry: MessagingTelemetry) =>
            new OutboxRelay(
              dataSource,
              bus,
              typeof options.relay === 'object' ? options.relay : {},
              telemetry,
            ),
        },
        {
          provide: ExternalPublisher,
          inject: [MESSAGE_BUS, MESSAGING_TELEMETRY],
          useFactory: (bus: MessageBus, telemetry: MessagingTelemetry) =>
            new ExternalPublisher(bus, telemetry),
        },
        MessagingRuntime,
      ],
      exports: [MESSAGE_BUS, ExternalPublisher, OutboxRelay, MessagingRuntime],
    };
  }
}

function createBus(
  options: MessagingModuleOptions,
  dataSource: DataSource,
  telemetry: MessagingTelemetry,
): MessageBus {
  switch (options.bus) {
    case 'kafka':
      if (!options.brokers?.length)
        throw new Error('MessagingModule: bus "kafka" needs brokers (KAFKA_BROKERS)');
      return new KafkaBus({
        ...options.kafka,
        brokers: options.brokers,
        clientId: options.clientId,
        logger: telemetry.logger,
      });
    case 'embedded':
      return new EmbeddedBus(dataSource, { ...options.embedded, logger: telemetry.logger });
  }
}
