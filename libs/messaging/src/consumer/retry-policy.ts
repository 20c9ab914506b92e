import type { BackoffPolicy } from './backoff';

export interface RetryPolicy {
  /** In-process tries of one delivery before it becomes a delayed redelivery. */
  quickTries: number;
  quickBackoff: BackoffPolicy;
  /** Delay before delayed redelivery n+1, by attempt n. */
  delayedBackoff: BackoffPolicy;
  /** Deliveries before a retryable failure is dead-lettered (per handler: @OnMessage({ maxAttempts })). */
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  quickTries: 3,
  quickBackoff: { baseMs: 100, maxMs: 1_000 },
  delayedBackoff: { baseMs: 2_000, maxMs: 300_000 },
  maxAttempts: 8,
};
