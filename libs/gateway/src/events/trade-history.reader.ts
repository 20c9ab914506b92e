import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Route, TradeStatus } from '@contingency/contracts';
import type { Snapshot } from './feed-horizon';
import type { TradeStatusEvent } from './trade-status.event';

/** One trade_history row as the feed reads it; `event` is null for a row without a status change. */
export interface FeedRow {
  id: number;
  event: TradeStatusEvent | null;
}

interface RawRow {
  id: string | null;
  trade_id: string;
  batch_id: string;
  account_id: string;
  from_status: TradeStatus | null;
  to_status: TradeStatus | null;
  route: Route | null;
  actor: string;
  at: Date;
}

const COLUMNS = `h.id, h.trade_id, t.batch_id, t.account_id, h.from_status, h.to_status, t.route, h.actor, h.at`;

/**
 * The feed's statements: each one short and outside any transaction (the standalone database has a
 * single connection, shared with everything else).
 */
@Injectable()
export class TradeHistoryReader {
  constructor(private readonly dataSource: DataSource) {}

  /** The highest history id visible now (0 for an empty ledger). */
  async head(): Promise<number> {
    const [row] = await this.dataSource.query<Array<{ head: string }>>(
      'SELECT coalesce(max(id), 0)::text AS head FROM trade_history',
    );
    return Number(row.head);
  }

  /**
   * Every history row after `after` (status changes or not: the feed needs to see holes), with the
   * snapshot of the same statement.
   */
  async readAfter(after: number, limit: number): Promise<{ rows: FeedRow[]; snapshot: Snapshot }> {
    const raw = await this.dataSource.query<Array<RawRow & { xmin: string; xmax: string }>>(
      `WITH snap AS (SELECT pg_current_snapshot() AS s)
       SELECT pg_snapshot_xmin(snap.s)::text AS xmin, pg_snapshot_xmax(snap.s)::text AS xmax, r.*
       FROM snap LEFT JOIN LATERAL (
         SELECT ${COLUMNS} FROM trade_history h JOIN trades t ON t.id = h.trade_id
         WHERE h.id > $1 ORDER BY h.id LIMIT $2
       ) r ON true
       ORDER BY r.id`,
      [after, limit],
    );
    const snapshot = { xmin: BigInt(raw[0].xmin), xmax: BigInt(raw[0].xmax) };
    const rows = raw.flatMap((r) => (r.id === null ? [] : [{ id: Number(r.id), event: toEvent(r) }]));
    return { rows, snapshot };
  }

  /** A reconnecting client's missed status changes in (after, upTo], oldest first. */
  async statusEvents(
    after: number,
    upTo: number,
    limit: number,
    batchId?: string,
  ): Promise<TradeStatusEvent[]> {
    const params: unknown[] = [after, upTo, limit];
    const byBatch = batchId ? `AND t.batch_id = $${params.push(batchId)}` : '';
    const raw = await this.dataSource.query<RawRow[]>(
      `SELECT ${COLUMNS} FROM trade_history h JOIN trades t ON t.id = h.trade_id
       WHERE h.id > $1 AND h.id <= $2 AND h.to_status IS NOT NULL ${byBatch}
       ORDER BY h.id LIMIT $3`,
      params,
    );
    return raw.flatMap((r) => {
      const event = toEvent(r);
      return event ? [event] : [];
    });
  }
}

function toEvent(r: RawRow): TradeStatusEvent | null {
  if (r.to_status === null) return null;
  return {
    tradeId: r.trade_id,
    batchId: r.batch_id,
    accountId: r.account_id,
    from: r.from_status,
    to: r.to_status,
    route: r.route,
    actor: r.actor,
    at: r.at.toISOString(),
    historyId: Number(r.id),
  };
}
