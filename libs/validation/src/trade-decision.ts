import type { Route, RowError } from '@contingency/contracts';
import { possibleDuplicateNotes, withDuplicateErrors } from './duplicate-checks';
import { DEAD_BATCH_STATUSES } from './liveness';
import { type LiveTrade, type NormalisedTrade, possibleDuplicateKey, type RowVerdict } from './rules';
import type { ChunkTrade, EconomicTwin } from './validation.lookups';

export type TradeDecision =
  | {
      status: 'VALID';
      trade: ChunkTrade;
      route: Route;
      fields: NormalisedTrade;
      possibleDuplicate: boolean;
      /** The POSSIBLE_DUPLICATE note for the approver, when flagged. */
      notes: RowError[];
    }
  | { status: 'INVALID'; trade: ChunkTrade; errors: RowError[] };

/**
 * The verdict on each trade of a chunk, in order: INVALID with every problem of the row (the row rules'
 * and the duplicates'), or VALID, flagged when a live trade decided before it has the same economics —
 * a ledger twin, or a VALID trade earlier in the chunk, as one-by-one processing would have found it.
 */
export function concludeChunk(
  pending: readonly ChunkTrade[],
  verdicts: readonly RowVerdict[],
  duplicates: readonly RowError[][],
  twins: ReadonlyMap<string, readonly EconomicTwin[]>,
): TradeDecision[] {
  const validEarlierInChunk: LiveTrade[] = [];
  return pending.map((trade, i): TradeDecision => {
    const verdict = verdicts[i];
    if (!verdict.ok || duplicates[i].length > 0) {
      const errors = withDuplicateErrors(verdict.ok ? [] : verdict.errors, duplicates[i]);
      return { status: 'INVALID', trade, errors };
    }
    const ledgerTwins = (twins.get(trade.id) ?? []).map((twin) => ({
      clientRef: twin.clientRef,
      key: possibleDuplicateKey(twin.fields),
    }));
    const notes = possibleDuplicateNotes(trade.row, verdict.trade, [...validEarlierInChunk, ...ledgerTwins]);
    if (!DEAD_BATCH_STATUSES.includes(trade.batchStatus)) {
      validEarlierInChunk.push({
        clientRef: verdict.trade.clientRef,
        key: possibleDuplicateKey(verdict.trade),
      });
    }
    return {
      status: 'VALID',
      trade,
      route: verdict.route,
      fields: verdict.trade,
      possibleDuplicate: notes.length > 0,
      notes,
    };
  });
}
