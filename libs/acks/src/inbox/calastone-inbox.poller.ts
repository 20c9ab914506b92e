import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import type { Logger } from 'winston';
import { backoffMs } from '@contingency/messaging';
import { LOGGER } from '@contingency/observability';
import { ACKS_SETTINGS, type AcksSettings } from '../acks.options';
import { CalastoneInbox } from './calastone-inbox.service';

const MAX_BACKOFF_MS = 30_000;

/**
 * Polls the Calastone inbox: at once again while it had a full batch, else after `pollMs`; after a
 * failed listing (mailbox unreachable) with a growing pause, up to 30 s.
 */
@Injectable()
export class CalastoneInboxPoller implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private poll: Promise<void> = Promise.resolve();
  private stopped = false;
  private failures = 0;

  constructor(
    private readonly inbox: CalastoneInbox,
    @Inject(ACKS_SETTINGS) private readonly settings: AcksSettings,
    @Optional() @Inject(LOGGER) private readonly logger?: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.poll;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.poll = this.once().then((next) => this.schedule(next));
    }, delayMs);
  }

  /** One poll; returns the pause before the next. */
  private async once(): Promise<number> {
    const { pollMs, batchSize } = this.settings.inbox;
    try {
      const summary = await this.inbox.pollOnce();
      this.failures = 0;
      return summary.listed >= batchSize && summary.deferred < summary.listed ? 0 : pollMs;
    } catch (error) {
      this.failures++;
      const delayMs = backoffMs({ baseMs: pollMs, maxMs: MAX_BACKOFF_MS }, this.failures);
      this.logger?.warn(`the Calastone inbox could not be listed; trying again in ${delayMs} ms`, { error });
      return delayMs;
    }
  }
}
