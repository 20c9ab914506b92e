import type { Provider } from '@contingency/contracts';
import type { RetryOptions, StatusQueryOptions } from '../casie.options';
import { backoffMs } from '@contingency/messaging';

export interface FundRouting {
  provider: Provider;
  alternateRoute: 'CALASTONE' | null;
}

export type AfterUnavailable =
  { action: 'failover'; to: 'CALASTONE' } | { action: 'retry'; delayMs: number } | { action: 'dead-letter' };

/**
 * Casie said, for certain, that it does not have the order (refused, 5xx, open circuit). A fund with an
 * alternate route fails over at once (its cut-off will not wait); GS funds never do: they retry with
 * backoff until the attempt limit, then the order is dead-lettered for a person to replay.
 */
export function afterUnavailable(
  attempt: number,
  fund: FundRouting | null,
  policy: { retry: RetryOptions; failover: boolean },
  random: () => number = Math.random,
): AfterUnavailable {
  if (policy.failover && fund && canFailOver(fund)) return { action: 'failover', to: 'CALASTONE' };
  if (attempt >= policy.retry.maxAttempts) return { action: 'dead-letter' };
  return { action: 'retry', delayMs: backoffMs(policy.retry, attempt, random) };
}

export function canFailOver(fund: FundRouting): boolean {
  return fund.provider !== 'GS' && fund.alternateRoute === 'CALASTONE';
}

/**
 * When to ask Casie again about an order that may have reached it. The first query waits `settleMs`
 * after the timeout (a request Casie was still processing must show), then backoff, never giving up:
 * an order that may be at Casie is never sent elsewhere until Casie says it is not.
 */
export function statusQueryDelayMs(
  policy: StatusQueryOptions,
  queriesSoFar: number,
  random: () => number = Math.random,
): number {
  if (queriesSoFar === 0) return policy.settleMs;
  return backoffMs(policy, queriesSoFar, random);
}
