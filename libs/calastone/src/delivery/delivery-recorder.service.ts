import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Logger } from 'winston';
import { deadLetterTopic, Headers, Topics } from '@contingency/contracts';
import { ConcurrentUpdateError, OutboxWriter, TradeLedger } from '@contingency/ledger';
import { backoffMs } from '@contingency/messaging';
import { LOGGER } from '@contingency/observability';
import { CalastoneMetrics } from '../calastone.metrics';
import { CALASTONE_SETTINGS, type CalastoneSettings } from '../calastone.options';
import { CalastoneChannelError } from '../channel/calastone-channel';
import { CalastoneDeliveries, type DueDelivery } from './calastone-deliveries.repository';
import { CALASTONE_ACTOR } from './calastone-intake.service';

/** A document now in the outbox under its final name, and how the worker knows. */
export interface Delivered extends DueDelivery {
  attempt: number;
  how: string;
}

/** A delivery whose mailbox operation failed. */
export interface Failed extends DueDelivery {
  attempt: number;
  error: unknown;
}

const TRIES = 3;

/**
 * The "record" step of a delivery batch, in one transaction that first checks which claims are still
 * this worker's: DISPATCHED for what is in the outbox, a retry on the delivery's own backoff schedule —
 * or, after the last attempt, DEAD_LETTERED — for what failed.
 */
@Injectable()
export class DeliveryRecorder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveries: CalastoneDeliveries,
    private readonly trades: TradeLedger,
    private readonly outbox: OutboxWriter,
    private readonly metrics: CalastoneMetrics,
    @Inject(CALASTONE_SETTINGS) private readonly settings: CalastoneSettings,
    @Optional() @Inject(LOGGER) private readonly logger?: Logger,
  ) {}

  async record(token: string, delivered: readonly Delivered[], failed: readonly Failed[]): Promise<void> {
    if (delivered.length + failed.length === 0) return;
    // A lost optimistic lock (someone changed a trade meanwhile) is retried; if it keeps failing, the
    // claims lapse and the deliveries come back, staged: looked up, never written twice.
    for (let tries = 1; ; tries++) {
      try {
        await this.dataSource.transaction(async (tx) => {
          const held = await this.deliveries.lockClaimed(
            tx,
            [...delivered, ...failed].map((d) => d.tradeId),
            token,
          );
          await this.dispatched(
            tx,
            delivered.filter((x) => held.has(x.tradeId)),
          );
          for (const d of failed.filter((x) => held.has(x.tradeId))) await this.failed(tx, d);
        });
        break;
      } catch (error) {
        if (!(error instanceof ConcurrentUpdateError) || tries >= TRIES) throw error;
      }
    }
    this.metrics.attempt('written', delivered.filter((d) => d.how === 'written to the outbox').length);
    this.metrics.attempt(
      'already_present',
      delivered.filter((d) => d.how !== 'written to the outbox').length,
    );
    this.metrics.attempt('unavailable', failed.filter((f) => retryable(f.error)).length);
    this.metrics.attempt('failed', failed.filter((f) => !retryable(f.error)).length);
  }

  // One set-based transition for the batch (a trade at a time would be the adapter's bottleneck).
  private async dispatched(tx: EntityManager, delivered: readonly Delivered[]): Promise<void> {
    if (delivered.length === 0) return;
    const states = await this.trades.lockStates(
      tx,
      delivered.map((d) => d.tradeId),
    );
    const released = delivered.filter((d) => states.get(d.tradeId)?.status === 'RELEASED');
    await this.trades.transitionMany(
      tx,
      released.map((d) => ({
        id: d.tradeId,
        expectedVersion: states.get(d.tradeId)!.version,
        to: 'DISPATCHED' as const,
        reason: `setr document ${d.how}`,
        set: { externalRefs: { calastoneMessageId: d.messageId, calastoneFile: d.fileName } },
        details: { attempt: d.attempt, messageId: d.messageId, fileName: d.fileName },
      })),
      CALASTONE_ACTOR,
    );
    for (const d of delivered.filter((x) => !released.includes(x))) {
      // Someone decided the trade meanwhile (cancelled it): the order is at Calastone all the same.
      const status = states.get(d.tradeId)?.status;
      await this.trades.recordEvent(tx, d.tradeId, 'CALASTONE_HAS_ORDER', CALASTONE_ACTOR, {
        messageId: d.messageId,
        fileName: d.fileName,
        status,
      });
      this.logger?.error(`order ${d.orderRef} is at Calastone but trade ${d.tradeId} is ${status}`, {
        tradeId: d.tradeId,
      });
    }
    await this.deliveries.close(
      tx,
      delivered.map((d) => d.tradeId),
      'DISPATCHED',
    );
  }

  private async failed(tx: EntityManager, d: Failed): Promise<void> {
    const reason = describe(d.error);
    if (d.attempt >= this.settings.retry.maxAttempts) return this.deadLetter(tx, d, reason);
    const nextAttemptAt = await this.deliveries.reschedule(
      tx,
      d.tradeId,
      backoffMs(this.settings.retry, d.attempt),
      reason,
    );
    await this.trades.recordEvent(tx, d.tradeId, 'DELIVERY_RETRY', CALASTONE_ACTOR, {
      attempt: d.attempt,
      reason,
      nextAttemptAt: new Date(nextAttemptAt).toISOString(),
    });
    const log = retryable(d.error) ? 'warn' : 'error';
    this.logger?.[log](`order ${d.orderRef} not delivered to Calastone (attempt ${d.attempt}): ${reason}`, {
      tradeId: d.tradeId,
    });
  }

  private async deadLetter(tx: EntityManager, d: Failed, reason: string): Promise<void> {
    const why = `Calastone mailbox unavailable after ${d.attempt} attempts: ${reason}`;
    const trade = await this.trades.findById(tx, d.tradeId);
    if (trade.status === 'RELEASED') await this.trades.markDeadLettered(tx, d.tradeId, why, CALASTONE_ACTOR);
    // Also on the dead-letter topic, where the DLQ alerts and tools look.
    await this.outbox.enqueueRaw(tx, [
      {
        topic: deadLetterTopic(Topics.ordersCalastone),
        key: d.accountId,
        payload: { tradeId: d.tradeId, orderRef: d.orderRef, messageId: d.messageId, fileName: d.fileName },
        headers: {
          [Headers.deadLetterReason]: why.slice(0, 1_000),
          [Headers.deadLetterCode]: 'CALASTONE_UNAVAILABLE',
          [Headers.originalTopic]: Topics.ordersCalastone,
          [Headers.attempt]: String(d.attempt),
        },
      },
    ]);
    await this.deliveries.close(tx, [d.tradeId], 'DEAD_LETTERED', reason);
    this.metrics.deadLetter();
    this.logger?.error(`order ${d.orderRef} dead-lettered: ${why}`, { tradeId: d.tradeId });
  }
}

const retryable = (error: unknown): boolean => error instanceof CalastoneChannelError && error.retryable;

function describe(error: unknown): string {
  if (error instanceof CalastoneChannelError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
