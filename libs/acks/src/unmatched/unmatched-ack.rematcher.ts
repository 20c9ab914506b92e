import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from 'winston';
import { LOGGER } from '@contingency/observability';
import { PollingLoop, type RoundOutcome } from '@contingency/platform';
import { AckProcessor } from '../ack-processor.service';
import { AcksMetrics } from '../acks.metrics';
import { ACKS_SETTINGS, type AcksSettings, resolveAcksOptions } from '../acks.options';
import { retryOnConflict } from '../retry-on-conflict';
import { UnmatchedAcks } from './unmatched-acks.repository';

const CHUNK = 100;

/**
 * Every `rematchMs`, applies the parked acknowledgments whose trade has appeared or been dispatched
 * since (the live paths also apply them first when a new answer for the same order arrives), and keeps
 * the unmatched gauges current.
 */
@Injectable()
export class UnmatchedAckRematcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop: PollingLoop;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly processor: AckProcessor,
    private readonly unmatched: UnmatchedAcks,
    private readonly metrics: AcksMetrics,
    // Absent when AcksModule is imported without forRoot: the defaults.
    @Optional() @Inject(ACKS_SETTINGS) private readonly settings: AcksSettings = resolveAcksOptions(),
    @Optional() @Inject(LOGGER) private readonly logger?: Logger,
  ) {
    this.loop = new PollingLoop(() => this.tick(), {
      name: 'matching parked acknowledgments',
      intervalMs: this.settings.rematchMs,
      logger,
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.loop.stop();
  }

  /** One pass over the parked answers that can be applied now; returns how many answers it applied. */
  async rematchNow(): Promise<number> {
    let applied = 0;
    for (;;) {
      const ids = await this.unmatched.ready(this.dataSource.manager, CHUNK);
      let progress = 0;
      for (const id of ids) {
        const done = await retryOnConflict(() =>
          this.dataSource.transaction((tx) => this.processor.rematch(tx, id)),
        );
        for (const { ack, result } of done) this.metrics.ack(ack.source, result);
        progress += done.length;
      }
      applied += progress;
      // Rows another process is applying right now come back until it commits: leave them to it.
      if (ids.length < CHUNK || progress === 0 || this.stopped) return applied;
    }
  }

  /** Sets the unmatched gauges from the table. */
  async refreshGauges(): Promise<void> {
    const { count, oldest } = await this.unmatched.summary(this.dataSource.manager);
    this.metrics.unmatchedAcks(count, oldest);
  }

  private async tick(): Promise<RoundOutcome> {
    try {
      const applied = await this.rematchNow();
      if (applied > 0) this.logger?.info(`applied ${applied} parked acknowledgments`);
    } catch (error) {
      this.logger?.error('matching parked acknowledgments failed', { error });
    }
    try {
      await this.refreshGauges();
    } catch (error) {
      this.logger?.warn('counting parked acknowledgments failed', { error });
    }
    return 'idle';
  }
}
