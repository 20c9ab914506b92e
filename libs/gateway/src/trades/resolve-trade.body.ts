import { z } from 'zod';

export const RESOLUTION_OUTCOMES = ['RECEIVED', 'NOT_RECEIVED'] as const;

export const ResolveTradeBody = z.strictObject({
  outcome: z
    .enum(RESOLUTION_OUTCOMES, { error: `outcome must be ${RESOLUTION_OUTCOMES.join(' or ')}` })
    .describe(
      'RECEIVED: the destination has the order (DISPATCHED; its ACKs follow). NOT_RECEIVED: it has not (RELEASED, and the order is sent again on its route).',
    ),
  reason: z
    .string({ error: 'reason is required: say how you know (who at the TA confirmed what)' })
    .trim()
    .min(1, { error: 'reason must not be empty: say how you know' })
    .max(500, { error: 'reason is at most 500 characters' }),
});
export type ResolveTradeBody = z.infer<typeof ResolveTradeBody>;
