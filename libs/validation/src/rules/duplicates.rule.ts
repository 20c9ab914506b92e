import type { RowError } from '@contingency/contracts';
import { canonicalDecimal } from './decimal';
import { issue, toRowError } from './issue';
import type { NormalisedTrade } from './trade';

// Keys are JSON arrays so that no separator character inside a reference can make two keys collide.

/** One row's client reference, as the file gave it (trimmed here). */
export interface ClientRefEntry {
  row: number;
  accountId: string;
  clientRef: string;
}

/** The (account, client_ref) identity of an order; compare it with the same key built from the ledger. */
export function clientRefKey(accountId: string, clientRef: string): string {
  return JSON.stringify([accountId.trim(), clientRef.trim()]);
}

/** Rows that repeat the (account, client_ref) of an earlier row of the same file; the first stays valid. */
export function findInFileDuplicates(entries: readonly ClientRefEntry[]): RowError[] {
  const firstRow = new Map<string, number>();
  const errors: RowError[] = [];
  for (const entry of entries) {
    if (!hasIdentity(entry)) continue;
    const key = clientRefKey(entry.accountId, entry.clientRef);
    const first = firstRow.get(key);
    if (first === undefined) {
      firstRow.set(key, entry.row);
      continue;
    }
    errors.push(
      toRowError(
        entry.row,
        issue(
          'CLIENT_REF_DUPLICATE_IN_FILE',
          `client_ref ${entry.clientRef.trim()} is already used for account ${entry.accountId.trim()} in row ${first} ` +
            'of this file: give this order its own client_ref, or delete the row if it is the same order',
        ),
      ),
    );
  }
  return errors;
}

/**
 * Rows whose (account, client_ref) is in `used`: the clientRefKeys of valid trades in earlier batches that
 * were not rejected (the caller queries them).
 */
export function findAlreadyUsed(entries: readonly ClientRefEntry[], used: ReadonlySet<string>): RowError[] {
  return entries
    .filter((entry) => hasIdentity(entry) && used.has(clientRefKey(entry.accountId, entry.clientRef)))
    .map((entry) =>
      toRowError(
        entry.row,
        issue(
          'CLIENT_REF_ALREADY_USED',
          `client_ref ${entry.clientRef.trim()} was already used for account ${entry.accountId.trim()} by a trade ` +
            'of an earlier batch: give this order a new client_ref, or delete the row if that order was already sent',
        ),
      ),
    );
}

// Empty references are the text rules' business, not duplicates.
function hasIdentity(entry: ClientRefEntry): boolean {
  return entry.accountId.trim() !== '' && entry.clientRef.trim() !== '';
}

/** What makes two orders look like the same order, whatever their client_ref. */
export type EconomicFields = Pick<
  NormalisedTrade,
  'accountId' | 'fundIsin' | 'orderType' | 'amount' | 'units' | 'tradeDate'
>;

/**
 * (account, fund, type, amount or units, trade date). Decimals are canonicalised, so a ledger numeric such as
 * '1000.50000000' builds the same key as the file's '1000.50'.
 */
export function possibleDuplicateKey(trade: EconomicFields): string {
  const quantity =
    trade.amount !== null
      ? ['amount', canonicalDecimal(trade.amount)]
      : ['units', canonicalDecimal(trade.units ?? '')];
  return JSON.stringify([
    trade.accountId.trim(),
    trade.fundIsin.trim().toUpperCase(),
    trade.orderType,
    ...quantity,
    trade.tradeDate,
  ]);
}

export interface LiveTrade {
  clientRef: string;
  /** possibleDuplicateKey of the trade. */
  key: string;
}

/**
 * Whether `trade` matches another live trade under another client_ref: valid, but the approver should look.
 * `live` holds the other live trades (same file and earlier batches); the trade itself may be among them.
 */
export function isPossibleDuplicate(
  trade: EconomicFields & { clientRef: string },
  live: Iterable<LiveTrade>,
): boolean {
  const key = possibleDuplicateKey(trade);
  const clientRef = trade.clientRef.trim();
  for (const other of live) {
    if (other.key === key && other.clientRef.trim() !== clientRef) return true;
  }
  return false;
}

/** Rows of one file that match each other, or a live trade, under another client_ref. */
export function findPossibleDuplicates(
  trades: readonly { row: number; trade: EconomicFields & { clientRef: string } }[],
  live: readonly LiveTrade[] = [],
): number[] {
  const keyed = trades.map(({ row, trade }) => ({
    row,
    clientRef: trade.clientRef.trim(),
    key: possibleDuplicateKey(trade),
  }));
  const refsByKey = new Map<string, Set<string>>();
  for (const { key, clientRef } of [...keyed, ...live]) {
    const refs = refsByKey.get(key) ?? new Set<string>();
    refsByKey.set(key, refs.add(clientRef.trim()));
  }
  // Every row's own reference is in its set, so any second reference means another order.
  return keyed.filter(({ key }) => (refsByKey.get(key)?.size ?? 0) > 1).map(({ row }) => row);
}

/** The flag the approver sees, in the same shape as an error. */
export function possibleDuplicateFlag(row: number, clientRef: string): RowError {
  return toRowError(
    row,
    issue(
      'POSSIBLE_DUPLICATE',
      `client_ref ${clientRef.trim()} has the same account, fund, order type, quantity and trade date as another ` +
        'live trade: the approver should confirm it is a separate order, or reject the batch',
    ),
  );
}
