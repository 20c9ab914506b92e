import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ANSWER_EVENTS, PENDING_STATUSES } from '@contingency/acks';
import type { Route, TradeAlertKind, TradeStatus } from '@contingency/contracts';
import type { OpenAlertsQuery } from './open-alerts.query';
import type { OpenAlertView } from './open-alert.view';

interface RawAlert {
  trade_id: string;
  batch_id: string;
  kind: TradeAlertKind;
  raised_at: Date;
  history_id: string;
  details: Record<string, unknown>;
  status: TradeStatus;
  route: Route | null;
  order_ref: string | null;
  client_ref: string;
  fund_isin: string | null;
  account_id: string;
}

const TRADE = `t.id AS trade_id, t.batch_id, t.status, t.route, t.order_ref, t.client_ref, t.fund_isin, t.account_id`;
const ALERT = `a.event AS kind, a.at AS raised_at, a.id AS history_id, a.details`;

// Each branch starts from the trades index by status and reads each trade's own history backwards
// through trade_history (trade_id, id): as many index probes as there are trades in those statuses.
// The cut-off comes from the alert (the watch wrote it with the fund's offset): the earliest first.
const cutoffAtRisk = (pending: string, route: string) => `
  SELECT ${TRADE}, ${ALERT}, 0 AS urgency, (a.details->>'cutoffAt')::timestamptz AS due
    FROM trades t
   CROSS JOIN LATERAL (
         SELECT h.id, h.event, h.at, h.details FROM trade_history h
          WHERE h.trade_id = t.id AND h.event = 'CUTOFF_AT_RISK'
          ORDER BY h.id DESC LIMIT 1) a
   WHERE t.status = ANY(${pending}::text[]) ${route}`;

// The alert of the trade's last dispatch, if no answer has come since that dispatch.
const ackOverdue = (answers: string, route: string) => `
  SELECT ${TRADE}, ${ALERT}, 1 AS urgency, a.at AS due
    FROM trades t
   CROSS JOIN LATERAL (
         SELECT h.id FROM trade_history h
          WHERE h.trade_id = t.id AND h.to_status = 'DISPATCHED'
          ORDER BY h.id DESC LIMIT 1) d
   CROSS JOIN LATERAL (
         SELECT h.id, h.event, h.at, h.details FROM trade_history h
          WHERE h.trade_id = t.id AND h.id > d.id AND h.event = 'ACK_OVERDUE'
          ORDER BY h.id DESC LIMIT 1) a
   WHERE t.status = 'DISPATCHED' ${route}
     AND NOT EXISTS (SELECT 1 FROM trade_history n
                      WHERE n.trade_id = t.id AND n.id > d.id AND n.event = ANY(${answers}::text[]))`;

/**
 * The watch's alerts whose condition still holds, by the watch's own definitions: CUTOFF_AT_RISK while
 * the trade is not dispatched (PENDING_STATUSES), ACK_OVERDUE while it is still DISPATCHED with none of
 * the ANSWER_EVENTS since. One statement, outside any transaction.
 */
@Injectable()
export class OpenAlertsReader {
  constructor(private readonly dataSource: DataSource) {}

  async list(query: OpenAlertsQuery): Promise<OpenAlertView[]> {
    const params: unknown[] = [query.limit];
    const route = query.route ? `AND t.route = $${params.push(query.route)}` : '';
    const branches: string[] = [];
    if (query.kind !== 'ACK_OVERDUE') branches.push(cutoffAtRisk(`$${params.push(PENDING_STATUSES)}`, route));
    if (query.kind !== 'CUTOFF_AT_RISK') branches.push(ackOverdue(`$${params.push(ANSWER_EVENTS)}`, route));
    const raw = await this.dataSource.query<RawAlert[]>(
      `SELECT * FROM (${branches.join(' UNION ALL ')}) alerts ORDER BY urgency, due, history_id LIMIT $1`,
      params,
    );
    return raw.map(toView);
  }
}

function toView(r: RawAlert): OpenAlertView {
  return {
    tradeId: r.trade_id,
    batchId: r.batch_id,
    kind: r.kind,
    raisedAt: r.raised_at.toISOString(),
    historyId: Number(r.history_id),
    details: r.details,
    trade: {
      status: r.status,
      route: r.route,
      orderRef: r.order_ref,
      clientRef: r.client_ref,
      fundIsin: r.fund_isin,
      accountId: r.account_id,
    },
  };
}
