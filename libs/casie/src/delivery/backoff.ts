export interface Backoff {
  baseMs: number;
  maxMs: number;
}

/**
 * Exponential backoff with "equal jitter" (as the messaging retries): step n is base·2^(n-1) capped at
 * max, half of it fixed and half random, so that orders that failed together do not retry together.
 */
export function backoffMs({ baseMs, maxMs }: Backoff, n: number, random: () => number = Math.random): number {
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, n - 1));
  return Math.round(step / 2 + random() * (step / 2));
}
