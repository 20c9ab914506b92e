import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Logger } from 'winston';
import { deadLetterTopic, Headers, type Order, Topics } from '@contingency/contracts';
import {
  ConcurrentUpdateError,
  FundMaster,
  OutboxWriter,
  TradeLedger,
  type TradeEntity,
} from '@contingency/ledger';
import { LOGGER } from '@contingency/observability';
import type { StatusResult } from '../casie.client';
import type { GuardedSubmitResult } from '../casie-endpoint';
import { CasieMetrics } from '../casie.metrics';
import { CASIE_SETTINGS, type CasieSettings } from '../casie.options';
import { CasieDeliveries } from './casie-deliveries.repository';
import { afterUnavailable, statusQueryDelayMs } from './delivery.policy';
import { TradeReroute } from './trade-reroute.repository';

export const CASIE_ACTOR = 'casie-adapter';

/** A delivery this worker claimed: a POST (attempt n) or a status query. */
export interface ClaimedDelivery {
  kind: 'send' | 'status-query';
  tradeId: string;
  order: Order;
  /** The POST attempt number (send), or the attempts so far (status query). */
  attempt: number;
  statusQueries: number;
  token: string;
}

// A released order still waiting for Casie's word; anything else was decided elsewhere meanwhile.
const AWAITING = new Set(['RELEASED', 'OUTCOME_UNKNOWN']);
const TRIES = 3;

/**
 * The "record" of claim → call → record: what Casie answered becomes the trade's state, in one short
 * transaction per order that first checks the claim is still ours.
 */
@Injectable()
export class DeliveryOutcomes {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trades: TradeLedger,
    private readonly funds: FundMaster,
    private readonly outbox: OutboxWriter,
    private readonly deliveries: CasieDeliveries,
    private readonly reroute: TradeReroute,
    private readonly metrics: CasieMetrics,
    @Inject(CASIE_SETTINGS) private readonly settings: CasieSettings,
    @Optional() @Inject(LOGGER) private readonly logger?: Logger,
  ) {}

  afterSubmit(claim: ClaimedDelivery, result: GuardedSubmitResult): Promise<void> {
    return this.inClaim(claim, async (tx, trade) => {
      switch (result.kind) {
        case 'accepted':
          return this.dispatched(tx, claim, trade, result.casieOrderId, 'Casie accepted the order');
        case 'rejected':
          if (AWAITING.has(trade.status)) {
            await this.trades.markNacked(
              tx,
              trade.id,
              `Casie refused the order (HTTP ${result.httpStatus}): ${result.reason}`.slice(0, 1_000),
              CASIE_ACTOR,
            );
          }
          return this.deliveries.close(tx, [trade.id], 'NACKED', { note: result.reason, maybeSent: false });
        case 'unknown':
          if (trade.status === 'RELEASED') {
            await this.trades.markOutcomeUnknown(
              tx,
              trade.id,
              `no answer from Casie (${result.reason}): the order may have reached it; asking Casie before anything else`,
              CASIE_ACTOR,
            );
          }
          await this.deliveries.reschedule(tx, trade.id, {
            delayMs: statusQueryDelayMs(this.settings.statusQuery, 0),
            maybeSent: true,
            note: result.reason,
          });
          return;
        case 'unavailable':
        case 'circuit-open':
          return this.unavailable(tx, claim, trade, result.reason);
      }
    });
  }

  afterStatusQuery(claim: ClaimedDelivery, result: StatusResult): Promise<void> {
    return this.inClaim(claim, async (tx, trade) => {
      switch (result.kind) {
        case 'received':
          return this.dispatched(tx, claim, trade, result.casieOrderId, 'Casie has the order (status query)');
        case 'not-received':
          // Only now may the order be sent again, or elsewhere.
          if (trade.status === 'OUTCOME_UNKNOWN') {
            await this.trades.transition(tx, trade.id, 'RELEASED', {
              actor: CASIE_ACTOR,
              reason: 'Casie has not received the order (status query): sending it again',
            });
          } else {
            await this.trades.recordEvent(tx, trade.id, 'CASIE_NOT_RECEIVED', CASIE_ACTOR, {
              statusQuery: claim.statusQueries,
            });
          }
          await this.deliveries.reschedule(tx, trade.id, {
            delayMs: 0,
            maybeSent: false,
            note: 'not received by Casie',
          });
          return;
        case 'unreachable':
          if (trade.status === 'RELEASED') {
            await this.trades.markOutcomeUnknown(
              tx,
              trade.id,
              `an earlier delivery attempt may have reached Casie and the status query failed (${result.reason})`,
              CASIE_ACTOR,
            );
          }
          await this.deliveries.reschedule(tx, trade.id, {
            delayMs: statusQueryDelayMs(this.settings.statusQuery, claim.statusQueries),
            maybeSent: true,
            note: `status query: ${result.reason}`,
          });
          return;
      }
    });
  }

  private async dispatched(
    tx: EntityManager,
    claim: ClaimedDelivery,
    trade: TradeEntity,
    casieOrderId: string,
    reason: string,
  ): Promise<void> {
    if (AWAITING.has(trade.status)) {
      await this.trades.transition(tx, trade.id, 'DISPATCHED', {
        actor: CASIE_ACTOR,
        reason,
        set: { externalRefs: { casieOrderId } },
        details: { attempt: claim.attempt },
      });
    } else {
      // Someone decided the trade meanwhile (a person resolved it): keep the fact, tell the humans.
      await this.trades.recordEvent(tx, trade.id, 'CASIE_HAS_ORDER', CASIE_ACTOR, {
        casieOrderId,
        status: trade.status,
      });
      this.logger?.error(`Casie has order ${claim.order.orderRef} but trade ${trade.id} is ${trade.status}`, {
        tradeId: trade.id,
        casieOrderId,
      });
    }
    await this.deliveries.close(tx, [trade.id], 'DISPATCHED', { maybeSent: false });
  }

  private async unavailable(
    tx: EntityManager,
    claim: ClaimedDelivery,
    trade: TradeEntity,
    reason: string,
  ): Promise<void> {
    const fund = await this.funds.find(tx, claim.order.fundIsin);
    const decision = afterUnavailable(claim.attempt, fund, this.settings);
    if (decision.action === 'failover' && trade.status === 'RELEASED' && trade.route === 'CASIE') {
      return this.failOver(tx, claim, trade, reason);
    }
    if (decision.action === 'dead-letter') return this.deadLetter(tx, claim, trade, reason);
    const delayMs = decision.action === 'retry' ? decision.delayMs : this.settings.retry.baseMs;
    const nextAttemptAt = await this.deliveries.reschedule(tx, trade.id, {
      delayMs,
      maybeSent: false,
      note: reason,
    });
    await this.trades.recordEvent(tx, trade.id, 'DELIVERY_RETRY', CASIE_ACTOR, {
      attempt: claim.attempt,
      reason,
      nextAttemptAt: new Date(nextAttemptAt).toISOString(),
    });
  }

  private async failOver(
    tx: EntityManager,
    claim: ClaimedDelivery,
    trade: TradeEntity,
    reason: string,
  ): Promise<void> {
    const routeReason = `failover: Casie unavailable (${reason})`.slice(0, 200);
    await this.reroute.reroute(tx, trade, 'CALASTONE', {
      actor: CASIE_ACTOR,
      reason: routeReason,
      event: 'FAILOVER',
    });
    await this.outbox.enqueue(tx, [
      { topic: Topics.ordersCalastone, key: trade.accountId, payload: { ...claim.order, routeReason } },
    ]);
    await this.deliveries.close(tx, [trade.id], 'FAILED_OVER', { note: reason, maybeSent: false });
    this.metrics.failover();
    this.logger?.warn(`order ${claim.order.orderRef} failed over to Calastone: ${reason}`, {
      tradeId: trade.id,
    });
  }

  private async deadLetter(
    tx: EntityManager,
    claim: ClaimedDelivery,
    trade: TradeEntity,
    reason: string,
  ): Promise<void> {
    const why = `Casie unavailable after ${claim.attempt} attempts: ${reason}`;
    if (trade.status === 'RELEASED') await this.trades.markDeadLettered(tx, trade.id, why, CASIE_ACTOR);
    // Also on the dead-letter topic, where the DLQ alerts and tools look.
    await this.outbox.enqueueRaw(tx, [
      {
        topic: deadLetterTopic(Topics.ordersCasie),
        key: trade.accountId,
        payload: claim.order,
        headers: {
          [Headers.deadLetterReason]: why.slice(0, 1_000),
          [Headers.deadLetterCode]: 'CASIE_UNAVAILABLE',
          [Headers.originalTopic]: Topics.ordersCasie,
          [Headers.attempt]: String(claim.attempt),
        },
      },
    ]);
    await this.deliveries.close(tx, [trade.id], 'DEAD_LETTERED', { note: reason, maybeSent: false });
    this.metrics.deadLetter();
    this.logger?.error(`order ${claim.order.orderRef} dead-lettered: ${why}`, { tradeId: trade.id });
  }

  // A lost optimistic lock is retried at once; if it keeps failing the claim lapses and its lease expiry
  // brings the order back (maybe sent: with a status query first).
  private async inClaim(
    claim: ClaimedDelivery,
    record: (tx: EntityManager, trade: TradeEntity) => Promise<void>,
  ): Promise<void> {
    for (let tries = 1; ; tries++) {
      try {
        await this.dataSource.transaction(async (tx) => {
          if (!(await this.deliveries.lockClaimed(tx, [claim.tradeId], claim.token)).has(claim.tradeId)) {
            this.logger?.warn(`claim on ${claim.order.orderRef} lapsed before its outcome was recorded`, {
              tradeId: claim.tradeId,
            });
            return;
          }
          await record(tx, await this.trades.findById(tx, claim.tradeId));
        });
        return;
      } catch (error) {
        if (!(error instanceof ConcurrentUpdateError) || tries >= TRIES) throw error;
      }
    }
  }
}
