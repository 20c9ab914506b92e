import type { TradeStatus } from '@contingency/contracts';
import { IllegalTransitionError } from './errors';

// The only place that says which trade status may follow which; TradeLedger.transition enforces it.
export const TRADE_TRANSITIONS: Record<TradeStatus, readonly TradeStatus[]> = {
  RECEIVED: ['VALID', 'INVALID', 'CANCELLED'],
  VALID: ['RELEASED', 'CANCELLED'],
  RELEASED: ['DISPATCHED', 'NACKED', 'OUTCOME_UNKNOWN', 'DEAD_LETTERED', 'CANCELLED'],
  DISPATCHED: ['ACKNOWLEDGED', 'CONFIRMED', 'NACKED'],
  // Terminal when no confirmation is expected, but a late confirmation may still arrive.
  ACKNOWLEDGED: ['CONFIRMED', 'NACKED'],
  CONFIRMED: [],
  INVALID: [],
  NACKED: [],
  // Resolution by a person or by the adapter's status query: it reached the TA, it did not, or give up.
  OUTCOME_UNKNOWN: ['DISPATCHED', 'RELEASED', 'NACKED', 'DEAD_LETTERED'],
  // Replay sends it again; otherwise it can only be cancelled.
  DEAD_LETTERED: ['RELEASED', 'CANCELLED'],
  CANCELLED: [],
};

export function canTransition(from: TradeStatus, to: TradeStatus): boolean {
  return TRADE_TRANSITIONS[from].includes(to);
}

/** No way out: CONFIRMED, INVALID, NACKED, CANCELLED. ACKNOWLEDGED is final only by business context. */
export function isTerminal(status: TradeStatus): boolean {
  return TRADE_TRANSITIONS[status].length === 0;
}

export function assertTransition(from: TradeStatus, to: TradeStatus, tradeId = '(new)'): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError('trade', tradeId, from, to);
}
