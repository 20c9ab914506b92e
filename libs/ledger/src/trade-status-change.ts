import type { EntityManager } from 'typeorm';
import { Topics, type TradeStatus } from '@contingency/contracts';
import type { TradeEntity } from './entities/trade.entity';
import type { OutboundMessage } from './outbox.writer';
import { json, queryRows } from './sql';
import type { TradePatch } from './trade.ledger';

// The pieces of a trade status change that the single (TradeLedger.transition) and the set-based
// (TradeLedger.recordValidation) paths share, so that both write the same rows.

/** The mutable columns; `merge`: jsonb || the stored object, never a replacement. */
export const PATCH_COLUMNS: Record<keyof TradePatch, { column: string; cast?: string; merge?: true }> = {
  clientRef: { column: 'client_ref' },
  accountId: { column: 'account_id' },
  orderType: { column: 'order_type' },
  fundIsin: { column: 'fund_isin' },
  amount: { column: 'amount', cast: 'numeric' },
  currency: { column: 'currency' },
  units: { column: 'units', cast: 'numeric' },
  tradeDate: { column: 'trade_date', cast: 'date' },
  settlementDate: { column: 'settlement_date', cast: 'date' },
  comment: { column: 'comment' },
  route: { column: 'route' },
  orderRef: { column: 'order_ref' },
  externalRefs: { column: 'external_refs', cast: 'jsonb', merge: true },
  errors: { column: 'errors', cast: 'jsonb' },
  possibleDuplicate: { column: 'possible_duplicate', cast: 'boolean' },
};

const PATCH_KEYS = Object.keys(PATCH_COLUMNS) as Array<keyof TradePatch>;

/** A patch value as its parameter: pg would send a JS array as a Postgres array, not as JSON. */
export function patchParam(key: keyof TradePatch, value: unknown): unknown {
  return PATCH_COLUMNS[key].cast === 'jsonb' ? json(value) : value;
}

export interface HistoryEntry {
  tradeId: string;
  event: string;
  actor: string;
  from?: TradeStatus;
  to?: TradeStatus;
  reason?: string;
  details?: Record<string, unknown>;
}

/** Appends history rows in the given order (one statement however many). */
export async function appendHistory(tx: EntityManager, entries: readonly HistoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const column = <T>(pick: (e: HistoryEntry) => T) => entries.map(pick);
  await queryRows(
    tx,
    `INSERT INTO trade_history (trade_id, event, from_status, to_status, actor, reason, details)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[])`,
    [
      column((e) => e.tradeId),
      column((e) => e.event),
      column((e) => e.from ?? null),
      column((e) => e.to ?? null),
      column((e) => e.actor),
      column((e) => e.reason ?? null),
      column((e) => json(e.details ?? {})),
    ],
  );
}

export interface StatusChange {
  from: TradeStatus;
  to: TradeStatus;
  actor: string;
  reason?: string;
  details?: Record<string, unknown>;
}

export const statusChangedHistory = (tradeId: string, change: StatusChange): HistoryEntry => ({
  tradeId,
  event: 'STATUS_CHANGED',
  ...change,
});

/** What trades.status.v1 tells of the row as the change left it. */
export type ChangedTrade = Pick<
  TradeEntity,
  'id' | 'batchId' | 'accountId' | 'route' | 'version' | 'updatedAt'
>;

/** The trades.status.v1 message announcing a change. */
export function statusChangedMessage(
  updated: ChangedTrade,
  change: StatusChange,
): OutboundMessage<typeof Topics.tradesStatus> {
  return {
    topic: Topics.tradesStatus,
    key: updated.accountId,
    payload: {
      tradeId: updated.id,
      batchId: updated.batchId,
      accountId: updated.accountId,
      from: change.from,
      to: change.to,
      route: updated.route,
      version: updated.version,
      actor: change.actor,
      reason: change.reason ?? null,
      at: updated.updatedAt.toISOString(),
    },
  };
}

export interface VersionedChange {
  id: string;
  expectedVersion: number;
  to: TradeStatus;
  set?: TradePatch;
}

/**
 * One UPDATE for many trades, each with its own status and patch, each only at its expected version
 * (a row whose version moved is not updated: compare the returned rows with the input). A column that
 * only some changes set keeps its stored value for the others, as `transition` leaves it. Returns
 * ChangedTrade rows.
 */
export function setBasedUpdate(changes: readonly VersionedChange[]): { sql: string; params: unknown[] } {
  const params: unknown[] = [
    changes.map((c) => c.id),
    changes.map((c) => c.expectedVersion),
    changes.map((c) => c.to),
  ];
  const inputs = ['$1::uuid[]', '$2::integer[]', '$3::text[]'];
  const names = ['id', 'version', 'status'];
  const sets = ['status = v.status', 'version = t.version + 1', 'updated_at = now()'];
  // Only known columns: a caller's wider object (extra keys) must not reach the SQL.
  for (const [i, key] of PATCH_KEYS.entries()) {
    const { column, cast, merge } = PATCH_COLUMNS[key];
    const present = changes.map((c) => c.set?.[key] !== undefined);
    if (!present.includes(true)) continue;
    const value = `v.c${i}`;
    params.push(changes.map((c) => (c.set?.[key] === undefined ? null : patchParam(key, c.set[key]))));
    inputs.push(`$${params.length}::${cast ?? 'text'}[]`);
    names.push(`c${i}`);
    let expression = merge ? `t.${column} || ${value}` : value;
    if (present.includes(false)) {
      params.push(present);
      inputs.push(`$${params.length}::boolean[]`);
      names.push(`p${i}`);
      expression = `CASE WHEN v.p${i} THEN ${expression} ELSE t.${column} END`;
    }
    sets.push(`${column} = ${expression}`);
  }
  return {
    sql: `UPDATE trades t SET ${sets.join(', ')}
            FROM unnest(${inputs.join(', ')}) AS v(${names.join(', ')})
           WHERE t.id = v.id AND t.version = v.version
          RETURNING t.id, t.batch_id AS "batchId", t.account_id AS "accountId", t.route, t.version,
                    t.updated_at AS "updatedAt"`,
    params,
  };
}
