import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Route, TradeStatus } from '@contingency/contracts';
import { type Claim, DeliveryLeases, queryRows } from '@contingency/ledger';
import type { SetrOrderDocument } from '@contingency/iso20022';

/** How a delivery ended; null while it is still open. */
export type DeliveryOutcome = 'DISPATCHED' | 'DEAD_LETTERED' | 'SKIPPED';

/** A document to deliver for one trade: what opens a delivery. */
export interface NewDelivery {
  tradeId: string;
  orderRef: string;
  document: SetrOrderDocument;
}

/** A due delivery, locked for the claim, with its trade's state. */
export interface DueDelivery {
  tradeId: string;
  orderRef: string;
  fileName: string;
  messageId: string;
  document: string;
  attempts: number;
  /** The temporary name of an earlier try whose rename may have happened: look before writing again. */
  stagedName: string | null;
  tradeStatus: TradeStatus;
  route: Route | null;
  accountId: string;
}

interface DueRow {
  trade_id: string;
  order_ref: string;
  file_name: string;
  message_id: string;
  document: string;
  attempts: number;
  staged_name: string | null;
  status: TradeStatus;
  route: Route | null;
  account_id: string;
}

/**
 * calastone_deliveries: one row per order the adapter owes Calastone and the exact document it sends —
 * the durable state of "claim → stage → mark staged → rename → record".
 */
@Injectable()
export class CalastoneDeliveries extends DeliveryLeases {
  constructor() {
    super('calastone_deliveries');
  }

  /**
   * Opens deliveries, due now. One that already ended (a replayed trade is released again) opens afresh
   * as the next sending, with its new document; an open one is left alone (a redelivered message).
   * Returns the trade ids opened.
   */
  async open(tx: EntityManager, deliveries: readonly NewDelivery[]): Promise<string[]> {
    if (deliveries.length === 0) return [];
    const rows = await queryRows<{ trade_id: string }>(
      tx,
      `INSERT INTO calastone_deliveries (trade_id, order_ref, message_type, message_id, file_name, document)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       ON CONFLICT (trade_id) DO UPDATE SET
         sending = calastone_deliveries.sending + 1, message_type = EXCLUDED.message_type,
         message_id = EXCLUDED.message_id, file_name = EXCLUDED.file_name, document = EXCLUDED.document,
         outcome = NULL, attempts = 0, next_at = now(), claimed_by = NULL, claim_token = NULL,
         last_error = NULL, updated_at = now()
       WHERE calastone_deliveries.outcome IS NOT NULL
       RETURNING trade_id`,
      [
        deliveries.map((d) => d.tradeId),
        deliveries.map((d) => d.orderRef),
        deliveries.map((d) => d.document.messageType),
        deliveries.map((d) => d.document.messageId),
        deliveries.map((d) => d.document.fileName),
        deliveries.map((d) => d.document.xml),
      ],
    );
    return rows.map((r) => r.trade_id);
  }

  /** The next sending number of each trade (1 for a trade never delivered to Calastone). */
  async nextSendings(tx: EntityManager, tradeIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await queryRows<{ trade_id: string; sending: number }>(
      tx,
      `SELECT trade_id, sending + 1 AS sending FROM calastone_deliveries
       WHERE trade_id = ANY($1::uuid[]) AND outcome IS NOT NULL`,
      [tradeIds],
    );
    const next = new Map(rows.map((r) => [r.trade_id, r.sending]));
    return new Map(tradeIds.map((id) => [id, next.get(id) ?? 1]));
  }

  /** Trade ids among these with a delivery still open (a redelivered order changes nothing). */
  async openAmong(tx: EntityManager, tradeIds: readonly string[]): Promise<Set<string>> {
    const rows = await queryRows<{ trade_id: string }>(
      tx,
      `SELECT trade_id FROM calastone_deliveries WHERE trade_id = ANY($1::uuid[]) AND outcome IS NULL`,
      [tradeIds],
    );
    return new Set(rows.map((r) => r.trade_id));
  }

  /** Open deliveries due now, oldest first, locked (SKIP LOCKED: cooperating workers share the work). */
  async lockDue(tx: EntityManager, limit: number): Promise<DueDelivery[]> {
    const rows = await queryRows<DueRow>(
      tx,
      `SELECT d.trade_id, d.order_ref, d.file_name, d.message_id, d.document, d.attempts, d.staged_name,
              t.status, t.route, t.account_id
       FROM calastone_deliveries d JOIN trades t ON t.id = d.trade_id
       WHERE d.outcome IS NULL AND d.next_at <= now()
       ORDER BY d.next_at
       LIMIT $1
       FOR UPDATE OF d SKIP LOCKED`,
      [limit],
    );
    return rows.map((r) => ({
      tradeId: r.trade_id,
      orderRef: r.order_ref,
      fileName: r.file_name,
      messageId: r.message_id,
      document: r.document,
      attempts: r.attempts,
      stagedName: r.staged_name,
      tradeStatus: r.status,
      route: r.route,
      accountId: r.account_id,
    }));
  }

  /** Counts an attempt and takes the lease; returns the attempt numbers. */
  async claim(tx: EntityManager, tradeIds: readonly string[], claim: Claim): Promise<Map<string, number>> {
    if (tradeIds.length === 0) return new Map();
    const rows = await queryRows<{ trade_id: string; attempts: number }>(
      tx,
      `UPDATE calastone_deliveries SET attempts = attempts + 1, ${DeliveryLeases.TAKE}
       WHERE trade_id = ANY($1::uuid[])
       RETURNING trade_id, attempts`,
      DeliveryLeases.params(tradeIds, claim),
    );
    return new Map(rows.map((r) => [r.trade_id, r.attempts]));
  }

  /**
   * Records the temporary names written for this claim, before any rename: from this commit on, the
   * document may be under its final name. Returns the trade ids this claim still held.
   */
  async markStaged(
    tx: EntityManager,
    staged: ReadonlyArray<{ tradeId: string; stagedName: string }>,
    token: string,
  ): Promise<Set<string>> {
    if (staged.length === 0) return new Set();
    const rows = await queryRows<{ trade_id: string }>(
      tx,
      `UPDATE calastone_deliveries d SET staged_name = s.staged_name, updated_at = now()
       FROM unnest($1::uuid[], $2::text[]) AS s (trade_id, staged_name)
       WHERE d.trade_id = s.trade_id AND d.claim_token = $3::uuid AND d.outcome IS NULL
       RETURNING d.trade_id`,
      [staged.map((s) => s.tradeId), staged.map((s) => s.stagedName), token],
    );
    return new Set(rows.map((r) => r.trade_id));
  }

  async close(
    tx: EntityManager,
    tradeIds: readonly string[],
    outcome: DeliveryOutcome,
    note?: string,
  ): Promise<void> {
    if (tradeIds.length === 0) return;
    await queryRows(
      tx,
      `UPDATE calastone_deliveries SET outcome = $2, claimed_by = NULL, claim_token = NULL,
         last_error = COALESCE($3, last_error), updated_at = now()
       WHERE trade_id = ANY($1::uuid[])`,
      [tradeIds, outcome, note?.slice(0, 1_000) ?? null],
    );
  }

  /** Due again after `delayMs`; the staged name stays (the next try looks before it writes). */
  async reschedule(tx: EntityManager, tradeId: string, delayMs: number, note: string): Promise<Date> {
    const [row] = await queryRows<{ next_at: Date }>(
      tx,
      `UPDATE calastone_deliveries SET next_at = now() + $2 * interval '1 millisecond', last_error = $3,
         claimed_by = NULL, claim_token = NULL, updated_at = now()
       WHERE trade_id = $1
       RETURNING next_at`,
      [tradeId, delayMs, note.slice(0, 1_000)],
    );
    return row.next_at;
  }

  async pendingCount(manager: EntityManager): Promise<number> {
    const [row] = await queryRows<{ pending: number }>(
      manager,
      `SELECT count(*)::int AS pending FROM calastone_deliveries WHERE outcome IS NULL`,
    );
    return row.pending;
  }
}
