import { z } from 'zod';
import type { TradeStatus } from '@contingency/contracts';

/** What a trade that is not finished waits for; ACKNOWLEDGED is final yet may still gain its confirmation. */
export const Awaiting = z.enum([
  'VALIDATION',
  'APPROVAL',
  'DELIVERY',
  'TA_ACK',
  'CONFIRMATION',
  'RESOLUTION',
  'REPLAY_OR_CANCEL',
]);
export type Awaiting = z.infer<typeof Awaiting>;

export interface Finality {
  /** The order's fate is decided: Mosaic can book the row as it is. */
  final: boolean;
  awaiting: Awaiting | null;
}

/**
 * Final as design.md defines terminal: CONFIRMED, ACKNOWLEDGED (no confirmation may come), INVALID,
 * NACKED, CANCELLED. OUTCOME_UNKNOWN and DEAD_LETTERED wait for a person; the rest are on their way.
 */
export const FINALITY: Record<TradeStatus, Finality> = {
  RECEIVED: { final: false, awaiting: 'VALIDATION' },
  VALID: { final: false, awaiting: 'APPROVAL' },
  RELEASED: { final: false, awaiting: 'DELIVERY' },
  DISPATCHED: { final: false, awaiting: 'TA_ACK' },
  ACKNOWLEDGED: { final: true, awaiting: 'CONFIRMATION' },
  CONFIRMED: { final: true, awaiting: null },
  INVALID: { final: true, awaiting: null },
  NACKED: { final: true, awaiting: null },
  CANCELLED: { final: true, awaiting: null },
  OUTCOME_UNKNOWN: { final: false, awaiting: 'RESOLUTION' },
  DEAD_LETTERED: { final: false, awaiting: 'REPLAY_OR_CANCEL' },
};
