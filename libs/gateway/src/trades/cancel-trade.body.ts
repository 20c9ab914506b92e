import { z } from 'zod';

export const CancelTradeBody = z
  .strictObject({
    reason: z
      .string()
      .trim()
      .min(1, { error: 'reason must not be empty: omit it or say why' })
      .max(500, { error: 'reason is at most 500 characters' })
      .optional(),
  })
  .default({});
export type CancelTradeBody = z.infer<typeof CancelTradeBody>;
