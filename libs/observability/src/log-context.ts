import { AsyncLocalStorage } from 'node:async_hooks';

/** Fields every log line carries while a request or message is being handled. */
export interface LogContext {
  correlationId?: string;
  tradeId?: string;
  batchId?: string;
  messageId?: string;
  topic?: string;
  service?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/** Runs fn with ctx merged over the enclosing context; the outer context is untouched afterwards. */
export function withLogContext<T>(ctx: LogContext, fn: () => T): T {
  const merged = { ...storage.getStore(), ...withoutUndefined(ctx) };
  return storage.run(Object.freeze(merged), fn);
}

export function currentLogContext(): LogContext {
  return storage.getStore() ?? {};
}

// An explicit `tradeId: undefined` must not erase the tradeId of the enclosing context.
function withoutUndefined(ctx: LogContext): LogContext {
  return Object.fromEntries(Object.entries(ctx).filter(([, value]) => value !== undefined));
}
