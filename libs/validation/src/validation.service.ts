import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Logger } from 'winston';
import { Topics, type TradeReceived } from '@contingency/contracts';
import {
  BatchLedger,
  FundMaster,
  invalidReason,
  OutboxWriter,
  TradeLedger,
  type ValidationRecord,
} from '@contingency/ledger';
import { PermanentError } from '@contingency/messaging';
import { LOGGER } from '@contingency/observability';
import { ChunkFunds } from './chunk-funds';
import { Clock } from './clock';
import { clientRefErrors } from './duplicate-checks';
import { type RowVerdict, type TradeCells, validateRow } from './rules';
import { concludeChunk, type TradeDecision } from './trade-decision';
import { type ChunkTrade, type FirstUse, ValidationLookups } from './validation.lookups';

const ACTOR = 'validation-service';

export interface ValidationOutcome {
  decisions: TradeDecision[];
  /** Trades no longer RECEIVED (decided or cancelled before): left alone. */
  skipped: string[];
  /** Batches this call moved to AWAITING_APPROVAL. */
  completedBatches: string[];
}

/**
 * Judges received rows against every rule of trade file v1 and the fund master, records each verdict
 * and completes the batches whose last row it decided, all in the caller's transaction.
 *
 * A chunk is judged as if its trades came one by one in the given order: the ledger answers the duplicate
 * questions (a lower row of the same batch, an earlier batch), and a possible duplicate is flagged when a
 * live trade decided before it (in the ledger, or earlier in the chunk) has the same economics.
 */
@Injectable()
export class ValidationService {
  constructor(
    private readonly funds: FundMaster,
    private readonly trades: TradeLedger,
    private readonly batches: BatchLedger,
    private readonly outbox: OutboxWriter,
    private readonly lookups: ValidationLookups,
    private readonly clock: Clock,
    @Optional() @Inject(LOGGER) private readonly logger?: Logger,
  ) {}

  validate(tx: EntityManager, received: TradeReceived): Promise<ValidationOutcome> {
    return this.validateChunk(tx, [received]);
  }

  async validateChunk(tx: EntityManager, received: readonly TradeReceived[]): Promise<ValidationOutcome> {
    const ids = [...new Set(received.map((r) => r.tradeId))];
    if (ids.length === 0) return { decisions: [], skipped: [], completedBatches: [] };
    const locked = await this.lookups.lockChunk(tx, ids);
    const missing = ids.filter((id) => !locked.has(id));
    if (missing.length > 0) {
      throw new PermanentError(
        'TRADE_NOT_FOUND',
        `trades.received.v1 names trade ${missing.join(', ')}, which is not in the ledger`,
      );
    }
    const chunk = ids.map((id) => locked.get(id)!);
    const pending = chunk.filter((t) => t.status === 'RECEIVED');

    const decisions = await this.decide(tx, pending);
    await this.record(tx, decisions);
    const completedBatches = await this.completeBatches(tx, chunk);
    return {
      decisions,
      skipped: chunk.filter((t) => t.status !== 'RECEIVED').map((t) => t.id),
      completedBatches,
    };
  }

  private async decide(tx: EntityManager, pending: readonly ChunkTrade[]): Promise<TradeDecision[]> {
    if (pending.length === 0) return [];
    const now = this.clock.now();
    const funds = new ChunkFunds(this.funds, tx);
    await funds.load(pending.map((t) => t.cells.fundIsin));
    const judge = (row: number, cells: TradeCells): RowVerdict =>
      validateRow({ row, cells, fund: funds.get(cells.fundIsin), now });
    const verdicts = pending.map((t) => judge(t.row, t.cells));

    const firstUses = groupBy(
      await this.lookups.findFirstUses(
        tx,
        pending.map((t) => t.id),
      ),
      (use) => identityKey(use.probeBatchId, use.accountId, use.clientRef),
    );
    const receivedUses = [...firstUses.values()].flat().filter((use) => use.status === 'RECEIVED');
    await funds.load(receivedUses.map((use) => use.cells.fundIsin));
    const passesRowRules = (use: FirstUse): boolean => judge(use.row, use.cells).ok;
    const duplicates = pending.map((t) =>
      clientRefErrors(
        { row: t.row, accountId: t.accountId, clientRef: t.clientRef },
        firstUses.get(identityKey(t.batchId, t.accountId, t.clientRef)) ?? [],
        passesRowRules,
      ),
    );

    const twins = groupBy(
      await this.lookups.findEconomicTwins(
        tx,
        pending.flatMap((t, i) => {
          const verdict = verdicts[i];
          return verdict.ok && duplicates[i].length === 0 ? [{ tradeId: t.id, trade: verdict.trade }] : [];
        }),
      ),
      (twin) => twin.probeId,
    );

    return concludeChunk(pending, verdicts, duplicates, twins);
  }

  // Set-based: a handful of statements for the chunk, whatever its size (the ledger keeps transition's
  // guarantees per trade).
  private async record(tx: EntityManager, decisions: readonly TradeDecision[]): Promise<void> {
    await this.trades.recordValidation(tx, decisions.map(verdictOf), ACTOR);
    await this.outbox.enqueue(
      tx,
      decisions.map((decision) => ({
        topic: Topics.tradesValidated,
        key: decision.trade.accountId,
        payload: {
          tradeId: decision.trade.id,
          batchId: decision.trade.batchId,
          status: decision.status,
          route: decision.status === 'VALID' ? decision.route : null,
          errors: decision.status === 'VALID' ? decision.notes : decision.errors,
          possibleDuplicate: decision.status === 'VALID' && decision.possibleDuplicate,
        },
      })),
    );
  }

  // Batch rows are locked in id order, as by every other instance: no deadlock between two chunks.
  private async completeBatches(tx: EntityManager, chunk: readonly ChunkTrade[]): Promise<string[]> {
    const completed: string[] = [];
    for (const batchId of [...new Set(chunk.map((t) => t.batchId))].sort()) {
      if (await this.batches.completeValidationIfDone(tx, batchId)) {
        completed.push(batchId);
        this.logger?.info('batch validated, awaiting approval', { batchId });
      }
    }
    return completed;
  }
}

function verdictOf(decision: TradeDecision): ValidationRecord {
  const { id, version } = decision.trade;
  switch (decision.status) {
    case 'VALID':
      // The approver's POSSIBLE_DUPLICATE note is stored with the trade's errors.
      return {
        id,
        expectedVersion: version,
        to: 'VALID',
        reason: decision.possibleDuplicate ? 'POSSIBLE_DUPLICATE' : undefined,
        set: {
          ...decision.fields,
          route: decision.route,
          possibleDuplicate: decision.possibleDuplicate,
          errors: decision.notes,
        },
      };
    case 'INVALID':
      return {
        id,
        expectedVersion: version,
        to: 'INVALID',
        reason: invalidReason(decision.errors),
        set: { errors: decision.errors },
      };
  }
}

const identityKey = (batchId: string, accountId: string, clientRef: string): string =>
  JSON.stringify([batchId, accountId, clientRef]);

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
