import type { BackoffPolicy } from '@contingency/messaging';

export interface CalastoneRetryOptions extends BackoffPolicy {
  /** Delivery attempts before an order the mailbox keeps refusing is DEAD_LETTERED. */
  maxAttempts: number;
}

export interface CalastoneWorkerOptions {
  /** Run the delivery worker in this process (off: intake only, e.g. for a test that drives it). */
  enabled: boolean;
  /** Orders claimed, written and recorded together. */
  batchSize: number;
  /** Channel operations in flight at once within a batch. */
  concurrency: number;
  /** How often an idle worker looks for due deliveries. */
  pollMs: number;
  /** A claim not finished within this is taken to be a crashed worker's: its order is due again. */
  leaseMs: number;
  /** Who claims (logs, claimed_by); a stable id lets a restarted process take back its claims at once. */
  id?: string;
}

/** CalastoneModule.forRoot: the folder of the official XSDs, plus the delivery policy. */
export interface CalastoneModuleOptions {
  /** ISO20022_XSD_DIR: every document is validated against the official XSD before it is written. */
  xsdDir: string;
  retry?: Partial<CalastoneRetryOptions>;
  worker?: Partial<CalastoneWorkerOptions>;
}

export interface CalastoneSettings {
  xsdDir: string;
  retry: CalastoneRetryOptions;
  worker: CalastoneWorkerOptions;
}

export const CALASTONE_SETTINGS = Symbol('CALASTONE_SETTINGS');

// 20 attempts, the waits from 1 s doubling to a 2 min cap: about 15 to 30 minutes (the jitter) of an
// unreachable mailbox before a dead letter — alerts fire long before.
export function resolveCalastoneOptions(options: CalastoneModuleOptions): CalastoneSettings {
  return {
    xsdDir: options.xsdDir,
    retry: { maxAttempts: 20, baseMs: 1_000, maxMs: 120_000, ...options.retry },
    worker: {
      enabled: true,
      batchSize: 64,
      concurrency: 16,
      pollMs: 250,
      leaseMs: 60_000,
      ...options.worker,
    },
  };
}
