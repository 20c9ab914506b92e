import type { AlertTrade, Trade, TradeAlertEvent, TradeStatus, UnmatchedAck } from '../api/types';
import type { QueueAlert } from './open-alerts';

export type AttentionKind =
  'CUTOFF_AT_RISK' | 'OUTCOME_UNKNOWN' | 'DEAD_LETTERED' | 'ACK_OVERDUE' | 'NACKED' | 'UNMATCHED_ACK';

export interface AttentionItem {
  key: string;
  kind: AttentionKind;
  tradeId?: string;
  batchId?: string;
  title: string;
  /** Cut-off instant for a countdown (CUTOFF_AT_RISK). */
  deadline?: string;
  since: string;
  trade?: AlertTrade;
  ack?: UnmatchedAck;
  /** Further reasons the same trade is here (one row per trade). */
  alsoKinds: AttentionKind[];
}

// First what a person must act on now: an order that may miss its cut-off, then an order that may or may
// not have reached the destination (nothing is sent again until someone resolves it), then orders that
// gave up, then silence from the TA, rejections and answers nobody's order claims.
export const ATTENTION_PRIORITY: readonly AttentionKind[] = [
  'CUTOFF_AT_RISK',
  'OUTCOME_UNKNOWN',
  'DEAD_LETTERED',
  'ACK_OVERDUE',
  'NACKED',
  'UNMATCHED_ACK',
];

export const ATTENTION_LABEL: Record<AttentionKind, string> = {
  CUTOFF_AT_RISK: 'Cut-off at risk',
  OUTCOME_UNKNOWN: 'Outcome unknown',
  DEAD_LETTERED: 'Dead-lettered',
  ACK_OVERDUE: 'ACK overdue',
  NACKED: 'Rejected by TA',
  UNMATCHED_ACK: 'Unmatched ACK',
};

/** Statuses after which an alert no longer needs anyone. */
const ALERT_CLEARED_BY: Record<TradeAlertEvent['kind'], readonly TradeStatus[]> = {
  CUTOFF_AT_RISK: ['DISPATCHED', 'ACKNOWLEDGED', 'CONFIRMED', 'NACKED', 'CANCELLED', 'INVALID'],
  ACK_OVERDUE: ['ACKNOWLEDGED', 'CONFIRMED', 'NACKED', 'CANCELLED'],
};

export function alertClearedBy(kind: TradeAlertEvent['kind'], status: TradeStatus): boolean {
  return ALERT_CLEARED_BY[kind].includes(status);
}

export function buildAttentionQueue(input: {
  trades: Trade[];
  alerts: QueueAlert[];
  unmatchedAcks: UnmatchedAck[];
}): AttentionItem[] {
  const byTrade = new Map<string, AttentionItem>();
  const others: AttentionItem[] = [];
  const add = (item: AttentionItem) => {
    if (!item.tradeId) return others.push(item);
    const existing = byTrade.get(item.tradeId);
    if (!existing) return byTrade.set(item.tradeId, item);
    const [first, second] = rank(item) < rank(existing) ? [item, existing] : [existing, item];
    byTrade.set(item.tradeId, {
      ...first,
      trade: first.trade ?? second.trade,
      deadline: first.deadline ?? second.deadline,
      alsoKinds: [...new Set([...first.alsoKinds, second.kind, ...second.alsoKinds])].filter(
        (k) => k !== first.kind,
      ),
    });
  };
  const tradeById = new Map(input.trades.map((t) => [t.id, t]));
  for (const trade of input.trades) {
    if (trade.status !== 'OUTCOME_UNKNOWN' && trade.status !== 'DEAD_LETTERED' && trade.status !== 'NACKED')
      continue;
    add({
      key: `trade:${trade.id}`,
      kind: trade.status,
      tradeId: trade.id,
      batchId: trade.batchId,
      title: `${trade.clientRef} · ${trade.accountId}`,
      since: trade.updatedAt,
      trade,
      alsoKinds: [],
    });
  }
  for (const alert of input.alerts) {
    const trade = tradeById.get(alert.tradeId) ?? alert.trade;
    if (trade && alertClearedBy(alert.kind, trade.status)) continue;
    add({
      key: `alert:${alert.kind}:${alert.tradeId}`,
      kind: alert.kind,
      tradeId: alert.tradeId,
      batchId: alert.batchId,
      title: trade ? `${trade.clientRef} · ${trade.accountId}` : `Trade ${alert.tradeId.slice(0, 8)}`,
      deadline: alert.kind === 'CUTOFF_AT_RISK' ? alert.details.cutoffAt : undefined,
      since: alert.at,
      trade,
      alsoKinds: [],
    });
  }
  for (const ack of input.unmatchedAcks) {
    others.push({
      key: `ack:${ack.id}`,
      kind: 'UNMATCHED_ACK',
      title: `${ack.source} ${ack.outcome} for ${ack.orderRef ?? ack.messageRefs.join(', ') ?? 'an unknown order'}`,
      since: ack.parkedAt,
      ack,
      alsoKinds: [],
    });
  }
  return [...byTrade.values(), ...others].sort(compareAttention);
}

function rank(item: AttentionItem): number {
  return ATTENTION_PRIORITY.indexOf(item.kind);
}

/** By urgency; the nearest cut-off first; otherwise the longest waiting first. */
export function compareAttention(a: AttentionItem, b: AttentionItem): number {
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (a.deadline && b.deadline) return Date.parse(a.deadline) - Date.parse(b.deadline);
  return Date.parse(a.since) - Date.parse(b.since);
}

/** "12 min 05 s left", "3 min past cut-off". */
export function countdownText(deadline: string, now: number): string {
  const ms = Date.parse(deadline) - now;
  const abs = Math.abs(ms);
  const h = Math.floor(abs / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const s = Math.floor((abs % 60_000) / 1000);
  const text =
    h > 0 ? `${h} h ${String(m).padStart(2, '0')} min` : `${m} min ${String(s).padStart(2, '0')} s`;
  return ms >= 0 ? `${text} left` : `${text} past cut-off`;
}
