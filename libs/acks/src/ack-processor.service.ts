import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Logger } from 'winston';
import { attemptOfMessageId } from '@contingency/iso20022';
import { type TradeEntity, type TradeHistoryEntity, TradeLedger } from '@contingency/ledger';
import { LOGGER } from '@contingency/observability';
import type { AckEvent } from './ack-event';
import { type AckResult, AcksMetrics } from './acks.metrics';
import { matchRefsOf } from './matching/match-refs';
import { ACK_EVENTS, type AckStep, planAck } from './rules/ack-decision';
import { UnmatchedAcks } from './unmatched/unmatched-acks.repository';

export const ACK_ACTOR = 'ack-ingestor';

type AnswerStatus = Extract<AckStep, { kind: 'transition' }>['to'];

/** What one acknowledgment did, for metrics and logs. */
export interface ProcessedAck {
  ack: AckEvent;
  result: AckResult;
  tradeId?: string;
}

interface Match {
  trade: TradeEntity;
  matchedBy: 'orderRef' | 'messageId';
  /** Which sending of the order the answer names (from our MsgId), when it names one. */
  attempt?: number;
}

// Until the adapter has recorded the dispatch, the trade cannot take an answer: it waits, parked.
const isReady = (trade: TradeEntity): boolean => trade.status !== 'RELEASED';

/**
 * Matches acknowledgments of both sources to their trades and applies them, in the caller's transaction:
 * by OrdrRef first, then by our MsgId; a trade that cannot take the answer yet (unknown, or still
 * RELEASED) gets it later from the unmatched queue, in the order the answers came.
 */
@Injectable()
export class AckProcessor {
  constructor(
    private readonly trades: TradeLedger,
    private readonly unmatched: UnmatchedAcks,
    @Optional() private readonly metrics?: AcksMetrics,
    @Optional() @Inject(LOGGER) private readonly logger?: Logger,
  ) {}

  /** Applies one answer, after any answers parked earlier for its trade; or parks it. */
  async process(tx: EntityManager, ack: AckEvent): Promise<ProcessedAck[]> {
    let match = await this.match(tx, ack);
    const done: ProcessedAck[] = [];
    if (match && isReady(match.trade)) {
      done.push(...(await this.drain(tx, match.trade.orderRef!)));
      if (done.length > 0) match = await this.match(tx, ack);
    }
    if (!match || !isReady(match.trade)) return [...done, await this.park(tx, ack, match?.trade)];
    return [...done, await this.apply(tx, ack, match)];
  }

  /** Applies the parked answer `id` if its trade can take it now, with every other answer parked for it. */
  async rematch(tx: EntityManager, id: string): Promise<ProcessedAck[]> {
    const parked = await this.unmatched.lock(tx, id);
    if (!parked) return [];
    const match = await this.match(tx, parked.ack);
    if (!match || !isReady(match.trade)) return [];
    return this.drain(tx, match.trade.orderRef!);
  }

  private async park(tx: EntityManager, ack: AckEvent, trade?: TradeEntity): Promise<ProcessedAck> {
    const fresh = await this.unmatched.park(tx, ack, matchRefsOf(ack));
    const why = trade ? `its trade is still ${trade.status}` : 'no trade has its order reference yet';
    if (fresh)
      this.logger?.info(`parked a ${ack.source} ${ack.status} for ${refsOf(ack)}: ${why}`, {
        tradeId: trade?.id,
      });
    return { ack, result: fresh ? 'parked' : 'duplicate', tradeId: trade?.id };
  }

  // The parked answers for one order, oldest first, each applied and unparked in this transaction.
  private async drain(tx: EntityManager, orderRef: string): Promise<ProcessedAck[]> {
    const done: ProcessedAck[] = [];
    for (const parked of await this.unmatched.lockFor(tx, orderRef)) {
      const match = await this.match(tx, parked.ack);
      if (!match || match.trade.orderRef !== orderRef || !isReady(match.trade)) continue;
      done.push(await this.apply(tx, parked.ack, match, parked.parkedAt));
      await this.unmatched.remove(tx, parked.id);
    }
    return done;
  }

  private async match(tx: EntityManager, ack: AckEvent): Promise<Match | undefined> {
    for (const ref of matchRefsOf(ack)) {
      const trade = await this.trades.findByOrderRef(tx, ref);
      if (!trade) continue;
      const attempt = ack.messageRefs
        .map((messageId) => attemptOfMessageId(messageId, ref))
        .find((n) => n !== undefined);
      return { trade, matchedBy: ref === ack.orderRef ? 'orderRef' : 'messageId', attempt };
    }
    return undefined;
  }

  private async apply(
    tx: EntityManager,
    ack: AckEvent,
    match: Match,
    parkedAt?: Date,
  ): Promise<ProcessedAck> {
    const { trade } = match;
    const history = await this.trades.history(tx, trade.id);
    if (history.some((h) => h.details?.ackId === ack.ackId))
      return { ack, result: 'duplicate', tradeId: trade.id };

    const receivedBefore =
      trade.status === 'ACKNOWLEDGED' ||
      trade.status === 'CONFIRMED' ||
      history.some((h) => h.event === ACK_EVENTS.received);
    const taReference = trade.externalRefs.taReference;
    const plan = planAck(ack, {
      status: trade.status,
      receivedBefore,
      taReference: typeof taReference === 'string' ? taReference : undefined,
    });
    const details = detailsOf(ack, match, parkedAt);
    let version = trade.version;
    if (plan.dispatchFirst) {
      const dispatched = await this.trades.transition(tx, trade.id, 'DISPATCHED', {
        actor: ACK_ACTOR,
        expectedVersion: version,
        reason: `${senderOf(ack)} answered ${ack.status}: the order arrived`,
        details,
      });
      version = dispatched.version;
    }
    const result = await this.take(tx, trade, version, ack, plan.step, details);
    if (result === 'applied' && plan.step.kind === 'transition') this.observe(trade, history, plan.step.to);
    this.log(trade, ack, plan.step, result);
    return { ack, result, tradeId: trade.id };
  }

  private async take(
    tx: EntityManager,
    trade: TradeEntity,
    expectedVersion: number,
    ack: AckEvent,
    step: AckStep,
    details: Record<string, unknown>,
  ): Promise<AckResult> {
    switch (step.kind) {
      case 'park':
        throw new Error(`planAck parks only RELEASED trades, and trade ${trade.id} is ${trade.status}`);
      case 'unchanged':
        return 'duplicate';
      case 'record':
        await this.trades.recordEvent(tx, trade.id, step.event, ACK_ACTOR, { ...details, note: step.note });
        return step.conflict ? 'conflict' : 'recorded';
      case 'transition': {
        const refs = ack.taReference === undefined ? {} : { taReference: ack.taReference };
        const confirmation = step.to === 'CONFIRMED' && ack.execution ? { confirmation: ack.execution } : {};
        await this.trades.transition(tx, trade.id, step.to, {
          actor: ACK_ACTOR,
          expectedVersion,
          reason: step.reason,
          details,
          set: step.to === 'NACKED' ? undefined : { externalRefs: { ...refs, ...confirmation } },
        });
        return 'applied';
      }
    }
  }

  // Release to answer, from the trade's last RELEASED history row (a replay starts the clock again).
  private observe(trade: TradeEntity, history: readonly TradeHistoryEntity[], to: AnswerStatus): void {
    const released = history.findLast((h) => h.toStatus === 'RELEASED');
    if (!released || !this.metrics) return;
    this.metrics.answered(trade.route, released.at, new Date(), {
      first: trade.status === 'DISPATCHED' || trade.status === 'OUTCOME_UNKNOWN',
      confirmed: to === 'CONFIRMED',
    });
  }

  private log(trade: TradeEntity, ack: AckEvent, step: AckStep, result: AckResult): void {
    const meta = { tradeId: trade.id, batchId: trade.batchId, ackId: ack.ackId };
    const what = `${ack.source} ${ack.status} for ${trade.orderRef}`;
    if (result === 'conflict') {
      const note = step.kind === 'record' ? step.note : '';
      this.logger?.error(`${what} contradicts trade ${trade.id} (${trade.status}): ${note}`, meta);
    } else if (result !== 'duplicate') {
      this.logger?.info(`${what}: ${step.kind === 'transition' ? step.to : result}`, meta);
    }
  }
}

/** The history details of an answer: what it said, where it came from, how it was matched. */
function detailsOf(ack: AckEvent, match: Match, parkedAt?: Date): Record<string, unknown> {
  return {
    ackId: ack.ackId,
    source: ack.source,
    outcome: ack.outcome,
    status: ack.status,
    ...(ack.taReference !== undefined && { taReference: ack.taReference }),
    ...(ack.reasons.length > 0 && { reasons: ack.reasons }),
    ...(ack.execution && { execution: ack.execution }),
    at: ack.at,
    origin: ack.origin,
    matchedBy: match.matchedBy,
    ...(match.attempt !== undefined && { attempt: match.attempt }),
    ...(parkedAt && { parkedAt: parkedAt.toISOString() }),
  };
}

const senderOf = (ack: AckEvent): string => (ack.source === 'calastone' ? 'Calastone' : 'the TA');

const refsOf = (ack: AckEvent): string =>
  [ack.orderRef, ...ack.messageRefs.map((m) => `MsgId ${m}`)].filter(Boolean).join(' / ') || 'no reference';
