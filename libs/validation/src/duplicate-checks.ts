import type { RowError } from '@contingency/contracts';
import { CLIENT_REF_FREED_BY, DEAD_BATCH_STATUSES } from './liveness';
import {
  type ClientRefEntry,
  clientRefKey,
  findAlreadyUsed,
  findInFileDuplicates,
  isPossibleDuplicate,
  type LiveTrade,
  type NormalisedTrade,
  possibleDuplicateFlag,
} from './rules';
import type { ClientRefHolder } from './validation.lookups';

/** Whether a trade that is still RECEIVED will pass the per-row rules (judged with the same fund and clock). */
export type RowRulesJudge = (holder: ClientRefHolder) => boolean;

/**
 * CLIENT_REF_DUPLICATE_IN_FILE when a lower row of the same batch has the same (account, client_ref);
 * CLIENT_REF_ALREADY_USED when a trade of an earlier batch holds it. Both come from the ledger, so the
 * answer does not depend on which rows were decided first.
 */
export function clientRefErrors(
  entry: ClientRefEntry,
  holders: readonly ClientRefHolder[],
  passesRowRules: RowRulesJudge,
): RowError[] {
  const sameBatchRows = holders.filter((h) => h.relation === 'same-batch').map((h) => h.row);
  const inFile =
    sameBatchRows.length > 0
      ? findInFileDuplicates([{ ...entry, row: Math.min(...sameBatchRows) }, entry])
      : [];
  const used = holders.some((h) => h.relation === 'earlier-batch' && holdsClientRef(h, passesRowRules));
  const alreadyUsed = used
    ? findAlreadyUsed([entry], new Set([clientRefKey(entry.accountId, entry.clientRef)]))
    : [];
  return [...inFile, ...alreadyUsed];
}

/**
 * An earlier batch's trade keeps its client_ref unless it or its batch was refused. One still RECEIVED
 * (that batch is validating too) keeps it exactly when it will be VALID: the first row of its batch with
 * that reference, and clean by the row rules. (Were it itself already used, an even earlier trade holds
 * the reference, with the same answer here.)
 */
export function holdsClientRef(holder: ClientRefHolder, passesRowRules: RowRulesJudge): boolean {
  if (DEAD_BATCH_STATUSES.includes(holder.batchStatus)) return false;
  if (CLIENT_REF_FREED_BY.includes(holder.status)) return false;
  if (holder.status === 'RECEIVED') return holder.firstInBatch && passesRowRules(holder);
  return true;
}

/** The POSSIBLE_DUPLICATE note when another live trade has the same economics under another client_ref. */
export function possibleDuplicateNotes(
  row: number,
  trade: NormalisedTrade,
  others: readonly LiveTrade[],
): RowError[] {
  return isPossibleDuplicate(trade, others) ? [possibleDuplicateFlag(row, trade.clientRef)] : [];
}

/** The row rules report client_ref problems first; the duplicate problems belong with them. */
export function withDuplicateErrors(
  rowErrors: readonly RowError[],
  duplicates: readonly RowError[],
): RowError[] {
  const clientRef = rowErrors.filter((e) => e.column === 'client_ref');
  const rest = rowErrors.filter((e) => e.column !== 'client_ref');
  return [...clientRef, ...duplicates, ...rest];
}
