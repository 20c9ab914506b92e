import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import type { Logger } from 'winston';
import { LOGGER } from '@contingency/observability';
import { PollingLoop, type RoundOutcome } from '@contingency/platform';
import { ACKS_SETTINGS, type AcksSettings } from '../acks.options';
import { CalastoneInbox } from './calastone-inbox.service';

const MAX_BACKOFF_MS = 30_000;

/**
 * Polls the Calastone inbox: at once again while it had a full batch, else after `pollMs`; after a
 * failed listing (mailbox unreachable) with a growing pause, up to 30 s.
 */
@Injectable()
export class CalastoneInboxPoller implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop: PollingLoop;

  constructor(
    private readonly inbox: CalastoneInbox,
    @Inject(ACKS_SETTINGS) private readonly settings: AcksSettings,
    @Optional() @Inject(LOGGER) logger?: Logger,
  ) {
    this.loop = new PollingLoop(() => this.once(), {
      name: 'polling the Calastone inbox',
      intervalMs: settings.inbox.pollMs,
      maxBackoffMs: MAX_BACKOFF_MS,
      logger,
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  private async once(): Promise<RoundOutcome> {
    const summary = await this.inbox.pollOnce();
    const full = summary.listed >= this.settings.inbox.batchSize && summary.deferred < summary.listed;
    return full ? 'more' : 'idle';
  }
}
