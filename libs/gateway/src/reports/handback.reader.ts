import { queryRows } from '@contingency/ledger';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { HandbackWindow } from './handback.query';
import { type HandbackRecord, type HandbackRow, toHandbackRow } from './handback.row';

const BATCH_PAGE = 200;
export const TRADE_PAGE_ROWS = 1_000;

/** References a trade may have recorded in its history rather than in external_refs. */
const HISTORY_REF_KEYS = ['casieOrderId', 'taReference', 'calastoneMessageId'] as const;

const utc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const latest = (value: string, where: string) =>
  `(array_agg(${value} ORDER BY h.id DESC) FILTER (WHERE ${where}))[1]`;

// One page of one batch's trades in row order (the trades_row_once index), each with what its history
// says: when it was released, when and why it entered its status, its confirmation, its references.
const TRADE_PAGE_SQL = `
  SELECT t.id AS "tradeId", t.batch_id AS "batchId", t.row_number AS "row", t.client_ref AS "clientRef",
         t.order_type AS "orderType", t.fund_isin AS "fundIsin", t.account_id AS "accountId",
         t.amount::text AS "amount", t.currency AS "currency", t.units::text AS "units",
         to_char(t.trade_date, 'YYYY-MM-DD') AS "tradeDate",
         to_char(t.settlement_date, 'YYYY-MM-DD') AS "settlementDate",
         t.status AS "status", t.route AS "route", t.order_ref AS "orderRef",
         t.external_refs AS "externalRefs", ${utc('t.updated_at')} AS "updatedAt",
         b.uploaded_by AS "uploadedBy", ${utc('b.uploaded_at')} AS "uploadedAt",
         CASE WHEN b.status IN ('RELEASED', 'COMPLETED') THEN b.decided_by END AS "approvedBy",
         ${utc('h.released_at')} AS "releasedAt", ${utc('h.status_at')} AS "statusAt",
         h.status_reason AS "statusReason", h.failed_over AS "failedOver",
         h.confirmation AS "confirmation", h.history_refs AS "historyRefs"
  FROM trades t
  JOIN batches b ON b.id = t.batch_id
  LEFT JOIN LATERAL (
    SELECT min(h.at) FILTER (WHERE h.to_status = 'RELEASED') AS released_at,
           max(h.at) FILTER (WHERE h.to_status = t.status) AS status_at,
           ${latest('h.reason', 'h.to_status = t.status')} AS status_reason,
           ${latest('h.details', "h.to_status = 'CONFIRMED'")} AS confirmation,
           bool_or(h.event = 'FAILOVER') AS failed_over,
           jsonb_strip_nulls(jsonb_build_object(${HISTORY_REF_KEYS.map(
             (key) => `'${key}', ${latest(`h.details -> '${key}'`, `h.details -> '${key}' IS NOT NULL`)}`,
           ).join(', ')})) AS history_refs
    FROM trade_history h
    WHERE h.trade_id = t.id
  ) h ON true
  WHERE t.batch_id = $1 AND t.row_number > $2
  ORDER BY t.row_number
  LIMIT $3`;

interface BatchKey {
  id: string;
  /** uploaded_at as PostgreSQL prints it, to the microsecond (a JS Date would round it). */
  at: string;
}

/**
 * The hand-back report's trades, page by page: keyset over the window's batches by (uploaded_at, id),
 * then over each batch's trades by row. Short statements, no transaction held while the client reads;
 * at most one page is in memory, whatever the window holds.
 */
@Injectable()
export class HandbackReader {
  constructor(private readonly dataSource: DataSource) {}

  async *pages(window: HandbackWindow): AsyncGenerator<HandbackRow[]> {
    for await (const batch of this.batchesIn(window)) {
      let afterRow = 0;
      for (;;) {
        const page = await queryRows<HandbackRecord>(this.dataSource.manager, TRADE_PAGE_SQL, [
          batch.id,
          afterRow,
          TRADE_PAGE_ROWS,
        ]);
        if (page.length === 0) break;
        yield page.map(toHandbackRow);
        if (page.length < TRADE_PAGE_ROWS) break;
        afterRow = page[page.length - 1].row;
      }
    }
  }

  /** The batches uploaded in [from, to), oldest first. */
  private async *batchesIn(window: HandbackWindow): AsyncGenerator<BatchKey> {
    let after: BatchKey | undefined;
    for (;;) {
      const page = await queryRows<BatchKey>(
        this.dataSource.manager,
        `SELECT id, to_char(uploaded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at
         FROM batches
         WHERE uploaded_at >= $1 AND uploaded_at < $2
           AND ($3::timestamptz IS NULL OR (uploaded_at, id) > ($3::timestamptz, $4::uuid))
         ORDER BY uploaded_at, id
         LIMIT $5`,
        [window.from, window.to, after?.at ?? null, after?.id ?? null, BATCH_PAGE],
      );
      yield* page;
      if (page.length < BATCH_PAGE) return;
      after = page[page.length - 1];
    }
  }
}
