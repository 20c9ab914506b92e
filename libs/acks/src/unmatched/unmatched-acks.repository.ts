import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TradeStatus } from '@contingency/contracts';
import { queryRows } from '@contingency/ledger';
import type { AckEvent } from '../ack-event';

/** A parked acknowledgment as stored. */
export interface ParkedAck {
  id: string;
  ack: AckEvent;
  parkedAt: Date;
}

/** A parked acknowledgment with the trade its refs name now, if any (for the API). */
export interface UnmatchedAckRow extends ParkedAck {
  tradeId: string | null;
  tradeStatus: TradeStatus | null;
}

interface Row {
  id: string;
  ack: AckEvent;
  parked_at: Date;
}

// The trade a parked answer names now: the first of its match_refs that a trade has.
const NAMED_TRADE = `
  LEFT JOIN LATERAL (
    SELECT t.id, t.status FROM trades t WHERE t.order_ref = ANY(u.match_refs)
    ORDER BY array_position(u.match_refs, t.order_ref) LIMIT 1
  ) t ON true`;

/**
 * unmatched_acks: acknowledgments kept until their trade can take them (unknown order reference, or a
 * dispatch not recorded yet). Rows are written and removed in the caller's transaction, so an answer is
 * parked, or applied, exactly once with the rest of its effect.
 */
@Injectable()
export class UnmatchedAcks {
  /** Parks an answer; false when the same answer (ack_id) is already parked. */
  async park(tx: EntityManager, ack: AckEvent, matchRefs: readonly string[]): Promise<boolean> {
    const rows = await queryRows(
      tx,
      `INSERT INTO unmatched_acks (source, ack_id, order_ref, match_refs, ack)
       VALUES ($1, $2, $3, $4::text[], $5::jsonb)
       ON CONFLICT (ack_id) DO NOTHING RETURNING id`,
      [ack.source, ack.ackId, ack.orderRef ?? null, matchRefs, JSON.stringify(ack)],
    );
    return rows.length === 1;
  }

  /**
   * Locks the parked answers that may belong to `orderRef`, oldest first, skipping those another
   * transaction holds (it is applying them).
   */
  async lockFor(tx: EntityManager, orderRef: string): Promise<ParkedAck[]> {
    const rows = await queryRows<Row>(
      tx,
      `SELECT id, ack, parked_at FROM unmatched_acks WHERE match_refs @> ARRAY[$1::text]
       ORDER BY id FOR UPDATE SKIP LOCKED`,
      [orderRef],
    );
    return rows.map(parked);
  }

  /** Locks one parked answer, unless it is gone or held by another transaction. */
  async lock(tx: EntityManager, id: string): Promise<ParkedAck | undefined> {
    const [row] = await queryRows<Row>(
      tx,
      `SELECT id, ack, parked_at FROM unmatched_acks WHERE id = $1 FOR UPDATE SKIP LOCKED`,
      [id],
    );
    return row && parked(row);
  }

  async remove(tx: EntityManager, id: string): Promise<void> {
    await queryRows(tx, `DELETE FROM unmatched_acks WHERE id = $1`, [id]);
  }

  /** Parked answers whose trade now exists and is past RELEASED: ready to apply, oldest first. */
  async ready(manager: EntityManager, limit: number): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      manager,
      `SELECT u.id FROM unmatched_acks u ${NAMED_TRADE}
       WHERE t.status <> 'RELEASED' ORDER BY u.id LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  /** A page of parked answers, oldest first, after the id `after`. */
  async list(manager: EntityManager, page: { limit: number; after?: string }): Promise<UnmatchedAckRow[]> {
    const rows = await queryRows<Row & { trade_id: string | null; trade_status: TradeStatus | null }>(
      manager,
      `SELECT u.id, u.ack, u.parked_at, t.id AS trade_id, t.status AS trade_status
       FROM unmatched_acks u ${NAMED_TRADE}
       WHERE u.id > $1 ORDER BY u.id LIMIT $2`,
      [page.after ?? '0', page.limit],
    );
    return rows.map((r) => ({ ...parked(r), tradeId: r.trade_id, tradeStatus: r.trade_status }));
  }

  /** How many answers are parked, and since when the oldest. */
  async summary(manager: EntityManager): Promise<{ count: number; oldest: Date | null }> {
    const [row] = await queryRows<{ count: number; oldest: Date | null }>(
      manager,
      `SELECT count(*)::int AS count, min(parked_at) AS oldest FROM unmatched_acks`,
    );
    return row;
  }
}

const parked = (row: Row): ParkedAck => ({ id: String(row.id), ack: row.ack, parkedAt: row.parked_at });
