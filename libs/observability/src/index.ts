export { AppLogger } from './app.logger';
export { CORRELATION_ID_HEADER } from './correlation-id.middleware';
export { LOG_LEVELS, createLogger, type LogFormat, type LogLevel, type LoggerOptions } from './create-logger';
export {
  HealthRegistry,
  type CheckResult,
  type HealthCheck,
  type HealthCheckOptions,
  type HealthReport,
} from './health.registry';
export { UNMATCHED_ROUTE, routeTemplate } from './http-metrics.middleware';
export { currentLogContext, withLogContext, type LogContext } from './log-context';
export { MASK, SECRET_KEY, maskSecrets, maskUrlPasswords } from './mask-secrets';
export { MetricsRegistry } from './metrics.registry';
export { withTimeout } from './with-timeout';
export { ObservabilityModule, type ObservabilityOptions } from './observability.module';
export { LOGGER, OBSERVABILITY_ROUTES, SERVICE_METRICS } from './observability.tokens';
export {
  MESSAGE_FAILURE_REASONS,
  ServiceMetrics,
  type HttpObservation,
  type MessageFailureReason,
} from './service.metrics';
