export type CircuitState = 'closed' | 'half-open' | 'open';

export interface CircuitOptions {
  /** Consecutive unavailability failures that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before it lets one trial through (half-open). */
  openMs: number;
}

/**
 * One destination's circuit, in memory: closed → open after N consecutive failures → half-open after the
 * cool-down (one trial call at a time) → closed on a success, open again on a failure. While open,
 * callers get no permit and must treat the destination as unavailable without calling it.
 */
export class CircuitBreaker {
  private current: CircuitState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private trialOut = false;

  constructor(
    private readonly options: CircuitOptions,
    private readonly onChange: (state: CircuitState) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): CircuitState {
    return this.current;
  }

  /** True when a call may go out now; every permit must be followed by success() or failure(). */
  tryAcquire(): boolean {
    switch (this.current) {
      case 'closed':
        return true;
      case 'open':
        if (this.now() - this.openedAt < this.options.openMs) return false;
        this.set('half-open');
        this.trialOut = true;
        return true;
      case 'half-open':
        if (this.trialOut) return false;
        this.trialOut = true;
        return true;
    }
  }

  /** The destination answered (any definite answer, a refusal included). */
  success(): void {
    this.failures = 0;
    this.trialOut = false;
    if (this.current !== 'closed') this.set('closed');
  }

  /** The destination was unavailable (refused, 5xx, timeout). */
  failure(): void {
    this.failures += 1;
    if (this.current === 'half-open' || this.failures >= this.options.failureThreshold) {
      this.trialOut = false;
      this.openedAt = this.now();
      if (this.current !== 'open') this.set('open');
    }
  }

  private set(state: CircuitState): void {
    this.current = state;
    this.onChange(state);
  }
}
