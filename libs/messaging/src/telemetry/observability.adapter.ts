import type { HealthRegistry, ServiceMetrics } from '@contingency/observability';
import { withLogContext } from '@contingency/observability';
import { basicTelemetry, type MessagingLogger, type MessagingTelemetry } from './messaging-telemetry';

export interface ObservabilityParts {
  logger?: MessagingLogger;
  metrics?: ServiceMetrics;
  health?: HealthRegistry;
}

/** The only file that knows @contingency/observability: whatever parts the app has, the rest stays basic. */
export function observabilityTelemetry({ logger, metrics, health }: ObservabilityParts): MessagingTelemetry {
  return {
    logger: logger ?? basicTelemetry.logger,
    inMessageContext: (ctx, fn) => withLogContext(ctx, fn),
    consumesFrom: (topics) => metrics?.initTopics(topics),
    consumed: (topic, outcome, seconds) => {
      if (outcome === 'skipped') return;
      metrics?.messagesConsumed.inc({ topic });
      if (outcome === 'processed') metrics?.messageProcessing.observe({ topic }, seconds);
    },
    failed: (topic, reason) => metrics?.messageFailed(topic, reason),
    produced: (topic, count) => metrics?.messagesProduced.inc({ topic }, count),
    registerReadiness: (name, check) => health?.register(name, check, { readiness: true }),
  };
}
