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
import type { FirstUse } from './validation.lookups';

/** Whether a trade that is still RECEIVED will pass the per-row rules (judged with the same fund and clock). */
export type RowRulesJudge = (use: FirstUse) => boolean;

/**
 * CLIENT_REF_DUPLICATE_IN_FILE when the first use of the (account, client_ref) in the row's own batch is a
 * lower row; CLIENT_REF_ALREADY_USED when its first use in an earlier batch still holds it. Both come from
 * the ledger, so the answer does not depend on which rows were decided first.
 */
export function clientRefErrors(
  entry: ClientRefEntry,
  firstUses: readonly FirstUse[],
  passesRowRules: RowRulesJudge,
): RowError[] {
  const inBatch = firstUses.find((use) => use.relation === 'same-batch');
  const inFile =
    inBatch && inBatch.row < entry.row ? findInFileDuplicates([{ ...entry, row: inBatch.row }, entry]) : [];
  const used = firstUses.some(
    (use) => use.relation === 'earlier-batch' && holdsClientRef(use, passesRowRules),
  );
  const alreadyUsed = used
    ? findAlreadyUsed([entry], new Set([clientRefKey(entry.accountId, entry.clientRef)]))
    : [];
  return [...inFile, ...alreadyUsed];
}

/**
 * An earlier batch's first use keeps the client_ref unless it or its batch was refused. One still RECEIVED
 * (that batch is validating too) keeps it exactly when it will be VALID, that is when it is clean by the
 * row rules. (Were it itself already used, an even earlier batch holds the reference: the same answer.)
 */
export function holdsClientRef(use: FirstUse, passesRowRules: RowRulesJudge): boolean {
  if (DEAD_BATCH_STATUSES.includes(use.batchStatus)) return false;
  if (CLIENT_REF_FREED_BY.includes(use.status)) return false;
  if (use.status === 'RECEIVED') return passesRowRules(use);
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
