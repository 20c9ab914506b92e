import { AsyncLocalStorage } from 'node:async_hooks';

/** Where a request came from, as the audit trail records it. */
export interface AuditOrigin {
  sourceIp?: string;
  userAgent?: string;
}

const storage = new AsyncLocalStorage<AuditOrigin>();

/** Runs fn with the caller's origin in scope, so every audit entry written inside it carries it. */
export function withAuditOrigin<T>(origin: AuditOrigin, fn: () => T): T {
  return storage.run(Object.freeze({ ...origin }), fn);
}

export function ambientAuditOrigin(): AuditOrigin {
  return storage.getStore() ?? {};
}
