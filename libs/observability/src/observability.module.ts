import {
  Global,
  Module,
  RequestMethod,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { AppLogger } from './app.logger';
import { CorrelationIdMiddleware } from './correlation-id.middleware';
import { createLogger, type LogFormat, type LogLevel } from './create-logger';
import { HealthRegistry } from './health.registry';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsRegistry } from './metrics.registry';
import { ObservabilityController } from './observability.controller';
import { LOGGER, OBSERVABILITY_OPTIONS, SERVICE_METRICS } from './observability.tokens';

export interface ObservabilityOptions {
  /** kebab-case service name: the `service` of every log line and the prefix of every metric. */
  service: string;
  logLevel?: LogLevel;
  logFormat?: LogFormat;
}

/**
 * Logging, metrics and health for one service: import `ObservabilityModule.forRoot(...)` once in the
 * app module; the providers are global.
 */
@Global()
@Module({})
export class ObservabilityModule implements NestModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: [ObservabilityController],
      providers: [
        { provide: OBSERVABILITY_OPTIONS, useValue: options },
        {
          provide: LOGGER,
          useFactory: () =>
            createLogger({ service: options.service, level: options.logLevel, format: options.logFormat }),
        },
        AppLogger,
        MetricsRegistry,
        HealthRegistry,
        {
          provide: SERVICE_METRICS,
          inject: [MetricsRegistry],
          useFactory: (registry: MetricsRegistry) => registry.forService(options.service),
        },
      ],
      exports: [LOGGER, AppLogger, MetricsRegistry, HealthRegistry, SERVICE_METRICS],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // Correlation first, so that everything after it, the metrics included, runs in the request's context.
    consumer
      .apply(CorrelationIdMiddleware, HttpMetricsMiddleware)
      .forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
