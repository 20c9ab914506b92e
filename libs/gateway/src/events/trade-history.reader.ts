import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Route, TRADE_ALERT_KINDS, type TradeAlertKind, type TradeStatus } from '@contingency/contracts';
import type { TradeFeedEvent } from './trade-alert.event';

/** One trade_history row as the feed reads it; `event` is null for a row the stream does not send. */
export interface FeedRow {
  id: number;
  event: TradeFeedEvent | null;
}

interface RawRow {
  id: string;
  trade_id: string;
  batch_id: string;
  account_id: string;
  from_status: TradeStatus | null;
  to_status: TradeStatus | null;
  route: Route | null;
  actor: string;
  at: Date;
  event: string;
  details: Record<string, unknown>;
}

const COLUMNS = `h.id, h.trade_id, t.batch_id, t.account_id, h.from_status, h.to_status, t.route, h.actor, h.at,
                 h.event, h.details`;
const ALERTS: ReadonlySet<string> = new Set(TRADE_ALERT_KINDS);

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

  /** Every history row after `after` (sent or not: the feed must see the holes). */
  async readAfter(after: number, limit: number): Promise<FeedRow[]> {
    const raw = await this.dataSource.query<RawRow[]>(
      `SELECT ${COLUMNS} FROM trade_history h JOIN trades t ON t.id = h.trade_id
       WHERE h.id > $1 ORDER BY h.id LIMIT $2`,
      [after, limit],
    );
    return raw.map((r) => ({ id: Number(r.id), event: toEvent(r) }));
  }

  /**
   * The transactions holding a write lock on trade_history in this database now (virtual transaction
   * ids): whoever may still commit a history row. pg_locks is live, not a snapshot.
   */
  async writers(): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ vxid: string }>>(
      `SELECT DISTINCT l.virtualtransaction AS vxid FROM pg_locks l
       WHERE l.locktype = 'relation' AND l.granted
         AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND l.relation = 'trade_history'::regclass
         AND l.mode IN ('RowExclusiveLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock')`,
    );
    return rows.map((r) => r.vxid);
  }

  /** A reconnecting client's missed status changes and alerts in (after, upTo], oldest first. */
  async feedEvents(after: number, upTo: number, limit: number, batchId?: string): Promise<TradeFeedEvent[]> {
    const params: unknown[] = [after, upTo, limit, TRADE_ALERT_KINDS];
    const byBatch = batchId ? `AND t.batch_id = $${params.push(batchId)}` : '';
    const raw = await this.dataSource.query<RawRow[]>(
      `SELECT ${COLUMNS} FROM trade_history h JOIN trades t ON t.id = h.trade_id
       WHERE h.id > $1 AND h.id <= $2 AND (h.to_status IS NOT NULL OR h.event = ANY($4::text[])) ${byBatch}
       ORDER BY h.id LIMIT $3`,
      params,
    );
    return raw.flatMap((r) => {
      const event = toEvent(r);
      return event ? [event] : [];
    });
  }
}

function toEvent(r: RawRow): TradeFeedEvent | null {
  if (r.to_status === null) {
    if (!ALERTS.has(r.event)) return null;
    return {
      tradeId: r.trade_id,
      batchId: r.batch_id,
      kind: r.event as TradeAlertKind,
      details: r.details,
      at: r.at.toISOString(),
      historyId: Number(r.id),
    };
  }
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
