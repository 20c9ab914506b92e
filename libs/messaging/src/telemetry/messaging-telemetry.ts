/** The few logger methods messaging uses; a winston Logger fits. */
export interface MessagingLogger {
  info(message: string, meta?: Record<string, unknown>): unknown;
  warn(message: string, meta?: Record<string, unknown>): unknown;
  error(message: string, meta?: Record<string, unknown>): unknown;
}

/** How the consumption of one message ended ('skipped': a redelivery meant for another group). */
export type ConsumeOutcome = 'processed' | 'duplicate' | 'retry_scheduled' | 'dead_lettered' | 'skipped';

/** A failed handling, by what came of it (the `reason` label of <svc>_messages_failed_total). */
export type FailureReason = 'retry' | 'dead_letter' | 'contract';

export interface MessageLogContext {
  correlationId?: string;
  messageId?: string;
  topic: string;
}

/**
 * Everything messaging needs from logging, metrics and health, behind one port so that the library
 * does not depend on how observability is built (see observability.adapter.ts).
 */
export interface MessagingTelemetry {
  readonly logger: MessagingLogger;
  inMessageContext<T>(ctx: MessageLogContext, fn: () => Promise<T>): Promise<T>;
  /** The topics consumed: their series start at zero, so that rates and alerts see them at once. */
  consumesFrom(topics: readonly string[]): void;
  consumed(topic: string, outcome: ConsumeOutcome, seconds: number): void;
  failed(topic: string, reason: FailureReason): void;
  produced(topic: string, count: number): void;
  registerReadiness(name: string, check: () => Promise<void>): void;
}

const consoleLogger: MessagingLogger = {
  info: () => undefined,
  warn: (message, meta) => console.warn(message, meta ?? ''),
  error: (message, meta) => console.error(message, meta ?? ''),
};

/** Used when no observability is wired (scripts, tests): warnings and errors still reach the console. */
export const basicTelemetry: MessagingTelemetry = {
  logger: consoleLogger,
  inMessageContext: (_ctx, fn) => fn(),
  consumesFrom: () => undefined,
  consumed: () => undefined,
  failed: () => undefined,
  produced: () => undefined,
  registerReadiness: () => undefined,
};

export const errorMeta = (error: unknown): Record<string, unknown> =>
  error instanceof Error ? { error: error.message, stack: error.stack } : { error: String(error) };
