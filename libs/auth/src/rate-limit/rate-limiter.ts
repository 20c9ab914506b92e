export interface RateLimitDecision {
  allowed: boolean;
  /** Whole seconds until the window that refused this request ends (at least 1 when refused). */
  retryAfterSeconds: number;
}

interface Window {
  endsAt: number;
  count: number;
}

/** Above this many keys, expired windows are swept (at most once a second) before a new key is added. */
const SWEEP_ABOVE = 10_000;
const SWEEP_EVERY_MS = 1_000;
/** A hard bound: a flood of distinct keys (spoofed IPs) must not grow the map without end. */
const MAX_KEYS = 100_000;

/**
 * Fixed windows counted in this process's memory: cheap and exact for one instance. With N instances
 * behind a load balancer a caller can get up to N × limit per window (each instance counts alone);
 * docs/security.md says so, and the limits are set with that in mind.
 */
export class InMemoryRateLimiter {
  private readonly windows = new Map<string, Window>();
  private sweptAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly now: () => number = Date.now) {}

  take(key: string, limit: number, windowSeconds: number): RateLimitDecision {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now >= window.endsAt) {
      if (!window) this.makeRoom(now);
      window = { endsAt: now + windowSeconds * 1_000, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    const allowed = window.count <= limit;
    return {
      allowed,
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((window.endsAt - now) / 1_000)),
    };
  }

  get size(): number {
    return this.windows.size;
  }

  private makeRoom(now: number): void {
    if (this.windows.size >= SWEEP_ABOVE && now - this.sweptAt >= SWEEP_EVERY_MS) {
      this.sweptAt = now;
      for (const [key, window] of this.windows) if (now >= window.endsAt) this.windows.delete(key);
    }
    // Still full of live windows: forget the oldest (Map keeps insertion order), never refuse a newcomer.
    for (const key of this.windows.keys()) {
      if (this.windows.size < MAX_KEYS) break;
      this.windows.delete(key);
    }
  }
}
