import { currentLogContext } from '@contingency/observability';

// The correlation id of the request or message being handled, when the caller runs inside a log context.
export function ambientCorrelationId(): string | undefined {
  return currentLogContext().correlationId;
}
