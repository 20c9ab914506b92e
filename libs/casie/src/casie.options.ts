import type { CasieClientOptions } from './casie.client';
import type { CircuitOptions } from './circuit-breaker';
import type { BackoffPolicy } from '@contingency/messaging';

export interface RetryOptions extends BackoffPolicy {
  /** Delivery attempts (POSTs) before an order Casie keeps refusing to take is DEAD_LETTERED. */
  maxAttempts: number;
}

export interface StatusQueryOptions extends BackoffPolicy {
  /** Wait after a timeout before the first status query, so that a late-processed POST shows. */
  settleMs: number;
}

export interface WorkerOptions {
  /** Run the delivery worker in this process (off: intake only, e.g. for a test that drives it). */
  enabled: boolean;
  /** Orders in flight to Casie at once. */
  concurrency: number;
  /** How often an idle worker looks for due deliveries. */
  pollMs: number;
  /** A claim not finished within this is taken to be a crashed worker's: its order gets a status query. */
  leaseMs: number;
  /** How often the worker looks for OUTCOME_UNKNOWN trades that no open delivery will resolve. */
  unknownScanMs: number;
  /** Who claims (logs, claimed_by); a stable id lets a restarted process take back its claims at once. */
  id?: string;
}

/** CasieModule.forRoot: where Casie is, plus the delivery policy (defaults in resolveCasieOptions). */
export interface CasieModuleOptions extends CasieClientOptions {
  retry?: Partial<RetryOptions>;
  statusQuery?: Partial<StatusQueryOptions>;
  circuit?: Partial<CircuitOptions>;
  worker?: Partial<WorkerOptions>;
  /** Fail non-GS orders over to their alternate route while Casie is unavailable (default true). */
  failover?: boolean;
}

export interface CasieSettings extends CasieClientOptions {
  retry: RetryOptions;
  statusQuery: StatusQueryOptions;
  circuit: CircuitOptions;
  worker: WorkerOptions;
  failover: boolean;
}

export const CASIE_SETTINGS = Symbol('CASIE_SETTINGS');

// 12 attempts, the waits from 2 s doubling to a 5 min cap: 12 to 24 minutes (the jitter) before a dead letter.
export function resolveCasieOptions(options: CasieModuleOptions): CasieSettings {
  return {
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs,
    retry: { maxAttempts: 12, baseMs: 2_000, maxMs: 300_000, ...options.retry },
    statusQuery: { settleMs: 2_000, baseMs: 2_000, maxMs: 60_000, ...options.statusQuery },
    circuit: { failureThreshold: 5, openMs: 15_000, ...options.circuit },
    worker: {
      enabled: true,
      concurrency: 32,
      pollMs: 250,
      leaseMs: options.timeoutMs + 10_000,
      unknownScanMs: 30_000,
      ...options.worker,
    },
    failover: options.failover ?? true,
  };
}
