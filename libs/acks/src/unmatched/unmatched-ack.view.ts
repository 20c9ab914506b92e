import { z } from 'zod';
import { TradeStatus } from '@contingency/contracts';
import { ACK_SOURCES } from '../ack-event';
import type { UnmatchedAckRow } from './unmatched-acks.repository';

/** Why an answer is parked: no trade has its refs, or its trade is still RELEASED (dispatch not recorded). */
export const UNMATCHED_REASONS = ['UNKNOWN_ORDER', 'NOT_DISPATCHED', 'MATCHING'] as const;

export const UnmatchedAckView = z.object({
  id: z.string().describe('Position in the queue (oldest first)'),
  source: z.enum(ACK_SOURCES),
  reason: z
    .enum(UNMATCHED_REASONS)
    .describe(
      'UNKNOWN_ORDER: no trade has its refs; NOT_DISPATCHED: its trade is still RELEASED; MATCHING: applied at the next re-match',
    ),
  orderRef: z.string().nullable(),
  messageRefs: z.array(z.string()).describe('Our MsgIds the answer refers to (Calastone Ref/RltdRef)'),
  outcome: z.enum(['RECEIVED', 'ACCEPTED', 'REJECTED', 'CONFIRMED', 'OTHER']),
  status: z.string().describe('The status as the sender gave it (RECE, PACK, rejected, ACCEPTED...)'),
  taReference: z.string().nullable(),
  reasons: z.array(z.object({ code: z.string().optional(), text: z.string().optional() })),
  execution: z
    .object({
      units: z.string().optional(),
      price: z.string().optional(),
      priceCurrency: z.string().optional(),
      tradeDate: z.string().optional(),
      settlementAmount: z.string().optional(),
      settlementCurrency: z.string().optional(),
      settlementDate: z.string().optional(),
      partiallyExecuted: z.boolean().optional(),
    })
    .nullable(),
  at: z.string().describe("The sender's timestamp"),
  origin: z.object({ messageType: z.string(), messageId: z.string(), file: z.string().optional() }),
  parkedAt: z.iso.datetime({ offset: true }),
  tradeId: z.uuid().nullable(),
  tradeStatus: TradeStatus.nullable(),
});
export type UnmatchedAckView = z.infer<typeof UnmatchedAckView>;

export const UnmatchedAckPage = z.object({
  items: z.array(UnmatchedAckView),
  nextCursor: z.string().optional().describe('Absent on the last page'),
  total: z.number().int().describe('Answers parked in all'),
});
export type UnmatchedAckPage = z.infer<typeof UnmatchedAckPage>;

export const UnmatchedAckQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100).describe('Items per page, 1–500 (default 100)'),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, 'a cursor is the nextCursor of the previous page')
    .optional()
    .describe('nextCursor of the previous page'),
});
export type UnmatchedAckQuery = z.infer<typeof UnmatchedAckQuery>;

export function toUnmatchedAckView(row: UnmatchedAckRow): UnmatchedAckView {
  const { ack } = row;
  return {
    id: row.id,
    source: ack.source,
    reason:
      row.tradeId === null ? 'UNKNOWN_ORDER' : row.tradeStatus === 'RELEASED' ? 'NOT_DISPATCHED' : 'MATCHING',
    orderRef: ack.orderRef ?? null,
    messageRefs: [...ack.messageRefs],
    outcome: ack.outcome,
    status: ack.status,
    taReference: ack.taReference ?? null,
    reasons: [...ack.reasons],
    execution: ack.execution ?? null,
    at: ack.at,
    origin: ack.origin,
    parkedAt: row.parkedAt.toISOString(),
    tradeId: row.tradeId,
    tradeStatus: row.tradeStatus,
  };
}
