import type { TradeStatus } from '@contingency/contracts';
import type { AckEvent, AckReason } from '../ack-event';

/** History events an acknowledgment writes when it does not change the trade's status. */
export const ACK_EVENTS = {
  /** RECE / RECEIVED: the order reached Calastone or the TA. */
  received: 'ACK_RECEIVED',
  /** A status we only record (COSE, suspended, in repair, cancelled...). */
  status: 'ACK_STATUS',
  /** An answer that cannot change the trade (too late, contradicting it, or a duplicate-reference refusal). */
  ignored: 'ACK_IGNORED',
} as const;
export type AckHistoryEvent = (typeof ACK_EVENTS)[keyof typeof ACK_EVENTS];

/** ISO 20022 RejectedStatusReason "ORRF": the order reference is a duplicate of one already received. */
export const DUPLICATE_ORDER_REF = 'ORRF';

export type AckStep =
  /** The order is unknown, or its dispatch is not recorded yet: keep the answer for later. */
  | { kind: 'park' }
  | { kind: 'transition'; to: 'ACKNOWLEDGED' | 'CONFIRMED' | 'NACKED'; reason: string }
  /** A history event only; `conflict` when the answer contradicts the trade (a person should look). */
  | { kind: 'record'; event: AckHistoryEvent; note?: string; conflict: boolean }
  /** The trade already says what the answer says. */
  | { kind: 'unchanged'; note: string };

export interface AckPlan {
  /** OUTCOME_UNKNOWN and any answer: the order did arrive, so DISPATCHED first. */
  dispatchFirst: boolean;
  step: AckStep;
}

export interface TradeFacts {
  status: TradeStatus;
  /** Calastone or the TA already said it has the order (RECE recorded, or accepted / confirmed). */
  receivedBefore: boolean;
  taReference?: string;
}

/** What one acknowledgment does to a trade (docs/contracts/ta-ack-v1.md and calastone-v1.md, status mapping). */
export function planAck(
  ack: Pick<AckEvent, 'outcome' | 'reasons' | 'taReference'>,
  trade: TradeFacts,
): AckPlan {
  if (trade.status === 'OUTCOME_UNKNOWN') {
    return { dispatchFirst: true, step: stepFor(ack, { ...trade, status: 'DISPATCHED' }) };
  }
  return { dispatchFirst: false, step: stepFor(ack, trade) };
}

const NOT_SENT: readonly TradeStatus[] = ['RECEIVED', 'VALID', 'INVALID', 'CANCELLED', 'DEAD_LETTERED'];

function stepFor(ack: Pick<AckEvent, 'outcome' | 'reasons' | 'taReference'>, trade: TradeFacts): AckStep {
  const { status } = trade;
  if (status === 'RELEASED') return { kind: 'park' };
  if (NOT_SENT.includes(status)) {
    return conflict(`an answer for a trade that is ${status}: the order was not believed to be sent`);
  }
  switch (ack.outcome) {
    case 'RECEIVED':
      return { kind: 'record', event: ACK_EVENTS.received, conflict: false };
    case 'OTHER':
      return { kind: 'record', event: ACK_EVENTS.status, conflict: false };
    case 'ACCEPTED':
      if (status === 'DISPATCHED')
        return { kind: 'transition', to: 'ACKNOWLEDGED', reason: 'accepted by the TA' };
      if (status === 'ACKNOWLEDGED') {
        return (ack.taReference ?? trade.taReference) === trade.taReference
          ? { kind: 'unchanged', note: 'already ACKNOWLEDGED' }
          : ignored(`accepted again under another TA reference (${ack.taReference})`);
      }
      if (status === 'NACKED') return conflict('accepted after it was rejected');
      return ignored(`late: the trade is already ${status}`);
    case 'REJECTED':
      if (status === 'NACKED') return { kind: 'unchanged', note: 'already NACKED' };
      if (isDuplicateRef(ack.reasons) && trade.receivedBefore) {
        return ignored(
          'duplicate order reference (ORRF) for an order already received: not a rejection of it',
        );
      }
      if (status === 'CONFIRMED') return conflict('rejected after it was confirmed');
      return { kind: 'transition', to: 'NACKED', reason: rejectionReason(ack.reasons) };
    case 'CONFIRMED':
      if (status === 'DISPATCHED' || status === 'ACKNOWLEDGED') {
        return { kind: 'transition', to: 'CONFIRMED', reason: 'confirmed by the TA' };
      }
      if (status === 'CONFIRMED') return { kind: 'unchanged', note: 'already CONFIRMED' };
      return conflict('confirmed after it was rejected');
  }
}

/** The NACK reason: each reason's code and text, e.g. `CUTO: Order received after the cut-off`. */
export function rejectionReason(reasons: readonly AckReason[]): string {
  const text = reasons
    .map((r) => [r.code, r.text].filter(Boolean).join(': '))
    .filter(Boolean)
    .join('; ');
  return (text || 'rejected by the TA (no reason given)').slice(0, 1_000);
}

const isDuplicateRef = (reasons: readonly AckReason[]): boolean =>
  reasons.some((r) => r.code === DUPLICATE_ORDER_REF);

const ignored = (note: string): AckStep => ({
  kind: 'record',
  event: ACK_EVENTS.ignored,
  note,
  conflict: false,
});
const conflict = (note: string): AckStep => ({
  kind: 'record',
  event: ACK_EVENTS.ignored,
  note,
  conflict: true,
});
