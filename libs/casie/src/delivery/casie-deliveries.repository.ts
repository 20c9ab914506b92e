import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Order, Route, TradeStatus } from '@contingency/contracts';
import { type Claim, DeliveryLeases, queryRows } from '@contingency/ledger';

/** How a delivery ended; null while it is still open. */
export type DeliveryOutcome = 'DISPATCHED' | 'NACKED' | 'FAILED_OVER' | 'DEAD_LETTERED' | 'SKIPPED';

/** A due delivery, locked for the claim, with its trade's state. */
export interface DueDelivery {
  tradeId: string;
  order: Order;
  attempts: number;
  statusQueries: number;
  /** A POST may have reached Casie without a definite answer: query its status before anything else. */
  maybeSent: boolean;
  tradeStatus: TradeStatus;
  route: Route | null;
}

export interface TradeState {
  id: string;
  status: TradeStatus;
  route: Route | null;
  orderRef: string | null;
}

interface DueRow {
  trade_id: string;
  order: Order;
  attempts: number;
  status_queries: number;
  maybe_sent: boolean;
  status: TradeStatus;
  route: Route | null;
}

/**
 * casie_deliveries: one row per order the adapter owes Casie, the durable state of "claim → call →
 * record". A POST is counted (attempts, maybe_sent) in a committed claim before it is sent, so after any
 * crash the next worker knows that it may have reached Casie and asks Casie first.
 */
@Injectable()
export class CasieDeliveries extends DeliveryLeases {
  constructor() {
    super('casie_deliveries');
  }

  async tradeStates(manager: EntityManager, tradeIds: readonly string[]): Promise<TradeState[]> {
    return queryRows<TradeState>(
      manager,
      `SELECT id, status, route, order_ref AS "orderRef" FROM trades WHERE id = ANY($1::uuid[])`,
      [tradeIds],
    );
  }

  /**
   * New deliveries, due now. A delivery that already ended (a replayed trade is released again) opens
   * afresh with a new retry budget, but keeps maybe_sent; an open one is left alone (a redelivered message).
   * `maybeSent`: the order may already be at Casie (an unknown outcome adopted by the resolver).
   */
  async open(tx: EntityManager, orders: readonly Order[], { maybeSent = false } = {}): Promise<number> {
    if (orders.length === 0) return 0;
    const rows = await queryRows(
      tx,
      `INSERT INTO casie_deliveries (trade_id, order_ref, "order", maybe_sent)
       SELECT (e->>'tradeId')::uuid, e->>'orderRef', e, $2 FROM jsonb_array_elements($1::jsonb) AS e
       ON CONFLICT (trade_id) DO UPDATE SET
         "order" = EXCLUDED."order", outcome = NULL, attempts = 0, status_queries = 0, next_at = now(),
         maybe_sent = casie_deliveries.maybe_sent OR EXCLUDED.maybe_sent,
         claimed_by = NULL, claim_token = NULL, last_error = NULL, updated_at = now()
       WHERE casie_deliveries.outcome IS NOT NULL
       RETURNING trade_id`,
      [JSON.stringify(orders), maybeSent],
    );
    return rows.length;
  }

  /** OUTCOME_UNKNOWN trades on route CASIE that no open delivery will resolve (e.g. set before this table). */
  async unknownWithoutDelivery(manager: EntityManager, limit: number): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      manager,
      `SELECT t.id FROM trades t LEFT JOIN casie_deliveries d ON d.trade_id = t.id
       WHERE t.status = 'OUTCOME_UNKNOWN' AND t.route = 'CASIE' AND t.order_ref IS NOT NULL
         AND (d.trade_id IS NULL OR d.outcome IS NOT NULL)
       LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  /** Open deliveries due now, oldest first, locked (SKIP LOCKED: cooperating workers share the work). */
  async lockDue(tx: EntityManager, limit: number): Promise<DueDelivery[]> {
    const rows = await queryRows<DueRow>(
      tx,
      `SELECT d.trade_id, d."order", d.attempts, d.status_queries, d.maybe_sent, t.status, t.route
       FROM casie_deliveries d JOIN trades t ON t.id = d.trade_id
       WHERE d.outcome IS NULL AND d.next_at <= now()
       ORDER BY d.next_at
       LIMIT $1
       FOR UPDATE OF d SKIP LOCKED`,
      [limit],
    );
    return rows.map((r) => ({
      tradeId: r.trade_id,
      order: r.order,
      attempts: r.attempts,
      statusQueries: r.status_queries,
      maybeSent: r.maybe_sent,
      tradeStatus: r.status,
      route: r.route,
    }));
  }

  /** Claims for a status query: nothing is sent, maybe_sent stays as it is. */
  async claimForQuery(tx: EntityManager, tradeIds: readonly string[], claim: Claim): Promise<void> {
    if (tradeIds.length === 0) return;
    await queryRows(
      tx,
      `UPDATE casie_deliveries SET status_queries = status_queries + 1, ${DeliveryLeases.TAKE}
       WHERE trade_id = ANY($1::uuid[])`,
      DeliveryLeases.params(tradeIds, claim),
    );
  }

  /** Claims for a POST: counted and marked maybe-sent before the request exists. Returns the attempt numbers. */
  async claimForSend(
    tx: EntityManager,
    tradeIds: readonly string[],
    claim: Claim,
  ): Promise<Map<string, number>> {
    if (tradeIds.length === 0) return new Map();
    const rows = await queryRows<{ trade_id: string; attempts: number }>(
      tx,
      `UPDATE casie_deliveries SET attempts = attempts + 1, maybe_sent = true, ${DeliveryLeases.TAKE}
       WHERE trade_id = ANY($1::uuid[])
       RETURNING trade_id, attempts`,
      DeliveryLeases.params(tradeIds, claim),
    );
    return new Map(rows.map((r) => [r.trade_id, r.attempts]));
  }

  /** Ends deliveries. `maybeSent` false once Casie gave a definite answer; left as it was otherwise. */
  async close(
    tx: EntityManager,
    tradeIds: readonly string[],
    outcome: DeliveryOutcome,
    { note, maybeSent }: { note?: string; maybeSent?: boolean } = {},
  ): Promise<void> {
    if (tradeIds.length === 0) return;
    await queryRows(
      tx,
      `UPDATE casie_deliveries SET outcome = $2, maybe_sent = COALESCE($4, maybe_sent), claimed_by = NULL,
         claim_token = NULL, last_error = COALESCE($3, last_error), updated_at = now()
       WHERE trade_id = ANY($1::uuid[])`,
      [tradeIds, outcome, note?.slice(0, 1_000) ?? null, maybeSent ?? null],
    );
  }

  async reschedule(
    tx: EntityManager,
    tradeId: string,
    next: { delayMs: number; maybeSent: boolean; note: string },
  ): Promise<Date> {
    const [row] = await queryRows<{ next_at: Date }>(
      tx,
      `UPDATE casie_deliveries SET next_at = now() + $2 * interval '1 millisecond', maybe_sent = $3,
         last_error = $4, claimed_by = NULL, claim_token = NULL, updated_at = now()
       WHERE trade_id = $1
       RETURNING next_at`,
      [tradeId, next.delayMs, next.maybeSent, next.note.slice(0, 1_000)],
    );
    return row.next_at;
  }

  async pendingCounts(manager: EntityManager): Promise<{ send: number; statusQuery: number }> {
    const [row] = await queryRows<{ send: number; query: number }>(
      manager,
      `SELECT count(*) FILTER (WHERE NOT maybe_sent)::int AS send, count(*) FILTER (WHERE maybe_sent)::int AS query
       FROM casie_deliveries WHERE outcome IS NULL`,
    );
    return { send: row.send, statusQuery: row.query };
  }
}
