import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from 'winston';
import { temporaryFileName } from '@contingency/iso20022';
import { TradeLedger } from '@contingency/ledger';
import { LOGGER } from '@contingency/observability';
import { PollingLoop, type RoundOutcome } from '@contingency/platform';
import { CalastoneMetrics } from '../calastone.metrics';
import { CALASTONE_SETTINGS, type CalastoneSettings } from '../calastone.options';
import { CALASTONE_CHANNEL } from '../channel/create-channel';
import type { CalastoneChannel } from '../channel/calastone-channel';
import { CalastoneDeliveries, type DueDelivery } from './calastone-deliveries.repository';
import { CALASTONE_ACTOR } from './calastone-intake.service';
import { DeliveryRecorder, type Delivered, type Failed } from './delivery-recorder.service';
import { mapLimit } from './map-limit';

const GAUGE_EVERY_MS = 5_000;

/** A claimed delivery on its way: what the worker knows of it so far. */
interface Claimed extends DueDelivery {
  attempt: number;
}

/**
 * Delivers open calastone_deliveries in batches: claim (committed: attempt counted, lease taken) → stage
 * each document under a temporary name → mark staged (committed: from now on the rename may have
 * happened) → rename to the final name → record DISPATCHED. A delivery staged by an earlier try is looked
 * up first: under its final name (or collected by Calastone: temporary gone) it was sent; still under its
 * temporary name, only the rename is left. So no order is ever written twice, whatever crashes.
 */
@Injectable()
export class CalastoneDeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly workerId: string;
  private readonly loop: PollingLoop;
  private gaugeAt = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveries: CalastoneDeliveries,
    private readonly trades: TradeLedger,
    private readonly recorder: DeliveryRecorder,
    private readonly metrics: CalastoneMetrics,
    @Inject(CALASTONE_CHANNEL) private readonly channel: CalastoneChannel,
    @Inject(CALASTONE_SETTINGS) private readonly settings: CalastoneSettings,
    @Optional() @Inject(LOGGER) private readonly logger?: Logger,
  ) {
    this.workerId = settings.worker.id ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.loop = new PollingLoop(() => this.round(), {
      name: 'delivering to Calastone',
      intervalMs: settings.worker.pollMs,
      maxBackoffMs: 5_000,
      logger,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings.worker.enabled) return;
    if (this.settings.worker.id) {
      const orphans = await this.deliveries.releaseClaimsOf(this.dataSource.manager, this.workerId);
      if (orphans > 0) this.logger?.warn(`took back ${orphans} claims of a previous run of ${this.workerId}`);
    }
    this.loop.start();
  }

  /** Finishes the batch in hand and records it before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** New orders may be due: look now rather than at the next poll. */
  wake(): void {
    this.loop.wake();
  }

  private async round(): Promise<RoundOutcome> {
    const due = await this.deliverBatch();
    await this.refreshGauge();
    return due === this.settings.worker.batchSize ? 'more' : 'idle';
  }

  /** One batch: returns how many due deliveries it looked at. */
  private async deliverBatch(): Promise<number> {
    if (!(await this.deliveries.anyDue(this.dataSource.manager))) return 0;
    const token = randomUUID();
    const { due, claimed } = await this.claim(token);
    if (claimed.length === 0) return due;

    const delivered: Delivered[] = [];
    const failed: Failed[] = [];
    const toPublish: Array<{ delivery: Claimed; stagedName: string }> = [];

    // Earlier tries that got as far as "staged": look before anything is written again.
    const restaged = claimed.filter((d) => d.stagedName !== null);
    if (restaged.length > 0) {
      try {
        const present = await this.channel.presentInOutbox(
          restaged.flatMap((d) => [d.fileName, d.stagedName!]),
        );
        for (const d of restaged) {
          if (present.has(d.fileName)) delivered.push({ ...d, how: 'found under its final name' });
          else if (present.has(d.stagedName!)) toPublish.push({ delivery: d, stagedName: d.stagedName! });
          // Renamed, then collected by Calastone: the temporary name only ever goes away by the rename.
          else delivered.push({ ...d, how: 'collected from the outbox' });
        }
      } catch (error) {
        failed.push(...restaged.map((d) => ({ ...d, error })));
      }
    }

    const fresh = claimed.filter((d) => d.stagedName === null);
    const staged = await mapLimit(fresh, this.settings.worker.concurrency, async (d) => {
      // Named by the attempt, which only this claim has: a retry knows what the last one may have left.
      const stagedName = temporaryFileName(d.fileName, String(d.attempt));
      try {
        if (d.attempt > 1) await this.channel.discard(temporaryFileName(d.fileName, String(d.attempt - 1)));
        await this.channel.stage(stagedName, Buffer.from(d.document, 'utf8'));
        return { delivery: d, stagedName };
      } catch (error) {
        failed.push({ ...d, error });
        return null;
      }
    });
    const written = staged.filter((s) => s !== null);
    if (written.length > 0) {
      const held = await this.dataSource.transaction((tx) =>
        this.deliveries.markStaged(
          tx,
          written.map((s) => ({ tradeId: s.delivery.tradeId, stagedName: s.stagedName })),
          token,
        ),
      );
      for (const s of written) {
        if (held.has(s.delivery.tradeId)) toPublish.push(s);
        else await this.discardQuietly(s.stagedName); // the lease lapsed: another worker owns it now
      }
    }

    await mapLimit(toPublish, this.settings.worker.concurrency, async ({ delivery, stagedName }) => {
      try {
        const result = await this.channel.publish(delivery.fileName, stagedName);
        delivered.push({
          ...delivery,
          how: result === 'written' ? 'written to the outbox' : 'found under its final name',
        });
      } catch (error) {
        failed.push({ ...delivery, error });
      }
    });

    this.metrics.mailbox(failed.length === 0);
    await this.recorder.record(token, delivered, failed);
    return due;
  }

  private async claim(token: string): Promise<{ due: number; claimed: Claimed[] }> {
    const claim = { workerId: this.workerId, token, leaseMs: this.settings.worker.leaseMs };
    return this.dataSource.transaction(async (tx) => {
      const due = await this.deliveries.lockDue(tx, this.settings.worker.batchSize);
      const skip = due.filter((d) => d.route !== 'CALASTONE' || d.tradeStatus !== 'RELEASED');
      for (const d of skip) {
        await this.deliveries.close(
          tx,
          [d.tradeId],
          'SKIPPED',
          `trade is ${d.tradeStatus} on route ${d.route ?? 'none'}`,
        );
      }
      const take = due.filter((d) => !skip.includes(d));
      const attempts = await this.deliveries.claim(
        tx,
        take.map((d) => d.tradeId),
        claim,
      );
      const claimed = take.map((d) => ({ ...d, attempt: attempts.get(d.tradeId) ?? d.attempts + 1 }));
      await this.trades.recordEvents(
        tx,
        claimed.map((d) => ({
          tradeId: d.tradeId,
          event: 'DELIVERY_ATTEMPT',
          details: { attempt: d.attempt, destination: this.channel.description, fileName: d.fileName },
        })),
        CALASTONE_ACTOR,
      );
      return { due: due.length, claimed };
    });
  }

  private async discardQuietly(stagedName: string): Promise<void> {
    try {
      await this.channel.discard(stagedName);
    } catch (error) {
      this.logger?.warn(`could not remove the temporary file ${stagedName}`, { error });
    }
  }

  private async refreshGauge(): Promise<void> {
    if (Date.now() - this.gaugeAt < GAUGE_EVERY_MS) return;
    this.gaugeAt = Date.now();
    try {
      this.metrics.pendingDeliveries(await this.deliveries.pendingCount(this.dataSource.manager));
    } catch (error) {
      this.logger?.warn('counting pending Calastone deliveries failed', { error });
    }
  }
}
