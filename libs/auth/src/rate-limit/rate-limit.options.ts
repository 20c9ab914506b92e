export const RATE_LIMIT_KEY = 'contingency:rate-limit';

export interface RateLimitOptions {
  /** Whose requests are counted together: the caller's IP, or the authenticated principal. */
  key: 'ip' | 'principal';
  limit: number;
  windowSeconds: number;
}
