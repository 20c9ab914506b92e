import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Route, TradeAlertKind, TradeStatus } from '@contingency/contracts';
import { ACK_EVENTS } from '../rules/ack-decision';
import type { CutoffWindow } from './cutoff-clock';
import { type CountsByRoute, ROUTE_LABELS } from './trade-watch.metrics';

/**
 * History events that are an answer of Calastone or the TA without a status change: "received" and the
 * statuses only recorded (TA_RECEIVED is how earlier versions wrote "received"). Any answer stops the
 * clock: the order arrived. ACKNOWLEDGED, CONFIRMED and NACKED are answers too: they move the trade out
 * of DISPATCHED, out of the watch.
 */
export const ANSWER_EVENTS: readonly string[] = [ACK_EVENTS.received, ACK_EVENTS.status, 'TA_RECEIVED'];

/** Not yet dispatched, and still able to be: RECEIVED (validation pending) up to a dead letter. */
export const PENDING_STATUSES: readonly TradeStatus[] = [
  'RECEIVED',
  'VALID',
  'RELEASED',
  'OUTCOME_UNKNOWN',
  'DEAD_LETTERED',
];

const ACK_OVERDUE: TradeAlertKind = 'ACK_OVERDUE';
const CUTOFF_AT_RISK: TradeAlertKind = 'CUTOFF_AT_RISK';

export interface OverdueTrade {
  tradeId: string;
  batchId: string;
  route: Route;
  dispatchedAt: Date;
}

export interface AtRiskTrade {
  tradeId: string;
  batchId: string;
  status: TradeStatus;
  route: Route | null;
  isin: string;
  tradeDate: string;
  /** Null for a trade date before the window: the caller computes it from the fund. */
  cutoffAt: Date | null;
}

// DISPATCHED trades whose last dispatch (its history row) is at or before $1 and that have none of the
// events $2 since: status index, then each trade's own history through trade_history (trade_id, id).
const OVERDUE = `
  SELECT t.id AS "tradeId", t.batch_id AS "batchId", t.route, d.id AS "dispatchId", d.at AS "dispatchedAt"
    FROM trades t
   CROSS JOIN LATERAL (
         SELECT h.id, h.at FROM trade_history h
          WHERE h.trade_id = t.id AND h.to_status = 'DISPATCHED'
          ORDER BY h.id DESC LIMIT 1) d
   WHERE t.status = 'DISPATCHED' AND d.at <= $1
     AND NOT EXISTS (SELECT 1 FROM trade_history a
                      WHERE a.trade_id = t.id AND a.id > d.id AND a.event = ANY($2::text[]))`;

// Trades in a pending status whose fund and trade date (the typed columns, or while RECEIVED the cells)
// have a cut-off in the window ($1-$3), or whose trade date is before it ($5) for a known fund ($6).
// Trade dates travel as YYYY-MM-DD text, whatever the session's DateStyle.
const AT_RISK = `
  WITH due AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS d(isin, trade_date, cutoff_at)
  ), pending AS (
    SELECT t.id, t.batch_id, t.status, t.route,
           coalesce(t.fund_isin, upper(btrim(t.cells->>'fundIsin'))) AS isin,
           coalesce(to_char(t.trade_date, 'YYYY-MM-DD'), btrim(t.cells->>'tradeDate')) AS trade_date
      FROM trades t
     WHERE t.status = ANY($4::text[])
  )
  SELECT p.id AS "tradeId", p.batch_id AS "batchId", p.status, p.route, p.isin,
         p.trade_date AS "tradeDate", due.cutoff_at AS "cutoffAt"
    FROM pending p
    LEFT JOIN due ON due.isin = p.isin AND due.trade_date = p.trade_date
   WHERE (due.cutoff_at IS NOT NULL
          OR (p.trade_date < $5 AND p.trade_date ~ '^\\d{4}-\\d{2}-\\d{2}$' AND p.isin = ANY($6::text[])))`;

/** The watch's statements: one per question, each set-based and bounded. */
@Injectable()
export class TradeWatchQueries {
  /** DISPATCHED at or before `dispatchedBefore`, no ACK since, not yet raised for this dispatch. */
  unraisedOverdue(tx: EntityManager, dispatchedBefore: Date, limit: number): Promise<OverdueTrade[]> {
    return tx.query<OverdueTrade[]>(`${OVERDUE} ORDER BY d.id LIMIT $3`, [
      dispatchedBefore,
      [...ANSWER_EVENTS, ACK_OVERDUE],
      limit,
    ]);
  }

  /** DISPATCHED at or before `dispatchedBefore` with no ACK since, raised or not. */
  async countOverdue(manager: EntityManager, dispatchedBefore: Date): Promise<CountsByRoute> {
    return byRoute(
      await manager.query<RouteCount[]>(
        `SELECT route, count(*)::int AS count FROM (${OVERDUE}) o GROUP BY route`,
        [dispatchedBefore, ANSWER_EVENTS],
      ),
    );
  }

  /** Every trade of the ledger, counted by status and route: one GROUP BY. */
  countByStatus(manager: EntityManager): Promise<StatusRouteCount[]> {
    return manager.query<StatusRouteCount[]>(
      `SELECT status, route, count(*)::int AS count FROM trades GROUP BY status, route`,
    );
  }

  /** At risk and not yet raised (once per trade), oldest trade date first. */
  unraisedAtRisk(
    tx: EntityManager,
    window: CutoffWindow,
    knownIsins: readonly string[],
    limit: number,
  ): Promise<AtRiskTrade[]> {
    return tx.query<AtRiskTrade[]>(
      `${AT_RISK}
         AND NOT EXISTS (SELECT 1 FROM trade_history h WHERE h.trade_id = p.id AND h.event = $7)
       ORDER BY p.trade_date, p.id LIMIT $8`,
      [...atRiskParams(window, knownIsins), CUTOFF_AT_RISK, limit],
    );
  }

  /** At risk now, raised or not. */
  async countAtRisk(
    manager: EntityManager,
    window: CutoffWindow,
    knownIsins: readonly string[],
  ): Promise<CountsByRoute> {
    return byRoute(
      await manager.query<RouteCount[]>(
        `SELECT route, count(*)::int AS count FROM (${AT_RISK}) r GROUP BY route`,
        atRiskParams(window, knownIsins),
      ),
    );
  }
}

function atRiskParams(window: CutoffWindow, knownIsins: readonly string[]): unknown[] {
  return [
    window.due.map((d) => d.isin),
    window.due.map((d) => d.tradeDate),
    window.due.map((d) => d.cutoffAt),
    PENDING_STATUSES,
    window.pastBefore,
    knownIsins,
  ];
}

export interface StatusRouteCount {
  status: TradeStatus;
  route: Route | null;
  count: number;
}

interface RouteCount {
  route: Route | null;
  count: number;
}

function byRoute(rows: readonly RouteCount[]): CountsByRoute {
  const counts = Object.fromEntries(ROUTE_LABELS.map((r) => [r, 0])) as CountsByRoute;
  for (const { route, count } of rows) counts[route ?? 'none'] += count;
  return counts;
}
