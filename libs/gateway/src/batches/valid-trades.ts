import type { EntityManager } from 'typeorm';
import { Topics, type OrderType, type Route, type TradeStatus } from '@contingency/contracts';
import { assertTransition, type OutboxWriter } from '@contingency/ledger';
import { rawRows } from './raw-rows';

/** A trade just moved out of VALID, with what its order and status messages need. */
export interface MovedTrade {
  id: string;
  batchId: string;
  rowNumber: number;
  clientRef: string;
  accountId: string;
  orderType: OrderType | null;
  fundIsin: string | null;
  amount: string | null;
  currency: string | null;
  units: string | null;
  tradeDate: string | null;
  settlementDate: string | null;
  route: Route | null;
  orderRef: string | null;
  version: number;
  updatedAt: Date;
}

export interface ValidTradesChange {
  to: Extract<TradeStatus, 'RELEASED' | 'CANCELLED'>;
  actor: string;
  reason?: string;
  /** The order reference each trade gets (release). */
  orderRef?: (tradeId: string) => string;
}

const CHUNK = 2_000;

/**
 * Moves every VALID trade of a batch to `to`, set-based, chunk by chunk, in the caller's transaction:
 * per chunk one UPDATE, one history INSERT and the trades.status.v1 messages — what
 * TradeLedger.transition writes per trade, without a round trip per trade. `each` gets every moved
 * chunk (to emit the orders). Only trades still VALID move, so a trade cancelled meanwhile stays put.
 * (A candidate for TradeLedger.)
 */
export async function moveValidTrades(
  tx: EntityManager,
  outbox: OutboxWriter,
  batchId: string,
  change: ValidTradesChange,
  each: (moved: MovedTrade[]) => Promise<void> = () => Promise.resolve(),
): Promise<number> {
  assertTransition('VALID', change.to);
  let after = 0;
  let total = 0;
  for (;;) {
    const picked = await rawRows<{ id: string; row_number: number }>(
      tx,
      `SELECT id, row_number FROM trades
       WHERE batch_id = $1 AND status = 'VALID' AND row_number > $2
       ORDER BY row_number LIMIT $3`,
      [batchId, after, CHUNK],
    );
    if (picked.length === 0) return total;
    after = picked[picked.length - 1].row_number;
    const ids = picked.map((p) => p.id);
    const moved = await rawRows<MovedTrade>(
      tx,
      `UPDATE trades t
          SET status = $2, version = t.version + 1, updated_at = now(),
              order_ref = COALESCE(v.order_ref, t.order_ref)
         FROM unnest($3::uuid[], $4::text[]) AS v(id, order_ref)
        WHERE t.id = v.id AND t.batch_id = $1 AND t.status = 'VALID'
        RETURNING t.id, t.batch_id AS "batchId", t.row_number AS "rowNumber", t.client_ref AS "clientRef",
                  t.account_id AS "accountId", t.order_type AS "orderType", t.fund_isin AS "fundIsin",
                  t.amount::text AS amount, t.currency, t.units::text AS units,
                  t.trade_date::text AS "tradeDate", t.settlement_date::text AS "settlementDate",
                  t.route, t.order_ref AS "orderRef", t.version, t.updated_at AS "updatedAt"`,
      [batchId, change.to, ids, ids.map((id) => change.orderRef?.(id) ?? null)],
    );
    if (moved.length === 0) continue;
    moved.sort((a, b) => a.rowNumber - b.rowNumber);
    await rawRows(
      tx,
      `INSERT INTO trade_history (trade_id, event, from_status, to_status, actor, reason, details)
       SELECT id, 'STATUS_CHANGED', 'VALID', $2, $3, $4, '{}'::jsonb FROM unnest($1::uuid[]) AS id`,
      [moved.map((t) => t.id), change.to, change.actor, change.reason ?? null],
    );
    await outbox.enqueue(
      tx,
      moved.map((t) => ({
        topic: Topics.tradesStatus,
        key: t.accountId,
        payload: {
          tradeId: t.id,
          batchId: t.batchId,
          accountId: t.accountId,
          from: 'VALID' as const,
          to: change.to,
          route: t.route,
          version: t.version,
          actor: change.actor,
          reason: change.reason ?? null,
          at: new Date(t.updatedAt).toISOString(),
        },
      })),
    );
    await each(moved);
    total += moved.length;
  }
}
