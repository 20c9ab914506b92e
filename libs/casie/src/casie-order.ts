import { z } from 'zod';
import type { Order } from '@contingency/contracts';

// The zod mirror of docs/contracts/casie-order-v1.schema.json: the simulator validates with it, and
// casie-order.spec.ts holds both to the same examples.

const Decimal = z.string().regex(/^\d{1,20}(\.\d{1,8})?$/, 'a positive decimal string such as 1000.50');
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const Currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR');

export const CASIE_ORDER_REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,34}$/;

export const CasieOrderV1 = z
  .object({
    orderRef: z.string().regex(CASIE_ORDER_REF_PATTERN, '1-35 letters, digits, ".", "_" or "-"'),
    clientRef: z.string().min(1).max(35),
    orderType: z.enum(['SUBSCRIPTION', 'REDEMPTION']),
    fundIsin: z.string().regex(/^[A-Z]{2}[A-Z0-9]{9}[0-9]$/, 'an ISIN such as IE00B4L5Y983'),
    accountId: z.string().min(1).max(35),
    amount: Decimal.nullable(),
    currency: Currency.nullable(),
    units: Decimal.nullable(),
    tradeDate: Day,
    settlementDate: Day.nullable(),
  })
  .strict()
  .refine((o) => (o.amount === null) !== (o.units === null), {
    error: 'exactly one of amount and units',
    path: ['amount'],
  })
  .refine((o) => o.amount === null || o.currency !== null, {
    error: 'an amount needs its currency',
    path: ['currency'],
  });
export type CasieOrder = z.infer<typeof CasieOrderV1>;

/** 201 (new) or 200 (the same Idempotency-Key again: the first answer). */
export const CasieAccepted = z.object({ casieOrderId: z.string().min(1) });
/** Every 4xx: why Casie refused the order. */
export const CasieRefusal = z.object({ reason: z.string() });
/** GET /orders/{orderRef} → 200: Casie has the order. */
export const CasieOrderStatus = z.object({
  orderRef: z.string(),
  casieOrderId: z.string().min(1),
  receivedAt: z.string(),
});

/** Our released order as Casie contract v1 receives it (docs/contracts/casie-order-v1.md). */
export function toCasieOrder(order: Order): CasieOrder {
  return {
    orderRef: order.orderRef,
    clientRef: order.clientRef,
    orderType: order.orderType,
    fundIsin: order.fundIsin,
    accountId: order.accountId,
    amount: order.amount,
    currency: order.currency,
    units: order.units,
    tradeDate: order.tradeDate,
    settlementDate: order.settlementDate,
  };
}
