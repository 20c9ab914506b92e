import type { Logger } from 'winston';
import { backoffMs } from '@contingency/messaging';

/** What a round says about the next one. */
export type RoundOutcome = 'more' | 'idle';

export interface PollingLoopOptions {
  /** Named in the log line of a failed round. */
  name: string;
  /** The pause after an idle round. */
  intervalMs: number;
  /** After failed rounds the pause grows from intervalMs (with jitter) up to this; default intervalMs. */
  maxBackoffMs?: number;
  logger?: Logger;
}

/**
 * A background loop of rounds, one at a time: the next round at once while a round says there is
 * 'more', else after `intervalMs`, or sooner when `wake()` says new work may be due; after a failed
 * round, a growing pause. `stop()` cuts the pause short and waits for the round in hand, so that its
 * work is recorded before the database closes. What every worker and poller here needs, once.
 */
export class PollingLoop {
  private running = false;
  private done: Promise<void> = Promise.resolve();
  private woken = false;
  private cutPause: () => void = () => undefined;
  private failures = 0;

  constructor(
    private readonly round: () => Promise<RoundOutcome>,
    private readonly options: PollingLoopOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.done = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.done;
  }

  /** New work may be due: the pause in progress (or the next one) ends at once. */
  wake(): void {
    this.woken = true;
    this.cutPause();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let pauseMs = 0;
      try {
        this.woken = false;
        pauseMs = (await this.round()) === 'more' ? 0 : this.options.intervalMs;
        this.failures = 0;
      } catch (error) {
        this.failures++;
        pauseMs = backoffMs(
          { baseMs: this.options.intervalMs, maxMs: this.options.maxBackoffMs ?? this.options.intervalMs },
          this.failures,
        );
        this.options.logger?.error(`${this.options.name} failed; next round in ${pauseMs} ms`, { error });
      }
      if (pauseMs > 0 && this.running) await this.pause(pauseMs);
    }
  }

  private pause(ms: number): Promise<void> {
    if (this.woken) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(end, ms);
      function end() {
        clearTimeout(timer);
        resolve();
      }
      this.cutPause = end;
    });
  }
}
