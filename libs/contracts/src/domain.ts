import { z } from 'zod';

export const TRADE_STATUSES = [
  'RECEIVED',
  'VALID',
  'INVALID',
  'RELEASED',
  'DISPATCHED',
  'ACKNOWLEDGED',
  'CONFIRMED',
  'NACKED',
  'OUTCOME_UNKNOWN',
  'DEAD_LETTERED',
  'CANCELLED',
] as const;
export const TradeStatus = z.enum(TRADE_STATUSES);
export type TradeStatus = z.infer<typeof TradeStatus>;

/**
 * What the SLA and cut-off watch raises about a trade: a DISPATCHED trade with no ACK in time, or a trade
 * not yet dispatched close to its fund's cut-off. Each is a trade_history event and an SSE trade.alert.
 */
export const TRADE_ALERT_KINDS = ['ACK_OVERDUE', 'CUTOFF_AT_RISK'] as const;
export const TradeAlertKind = z.enum(TRADE_ALERT_KINDS);
export type TradeAlertKind = z.infer<typeof TradeAlertKind>;

export const BATCH_STATUSES = [
  'VALIDATING',
  'AWAITING_APPROVAL',
  'RELEASED',
  'COMPLETED',
  'REJECTED',
  'FAILED',
] as const;
export const BatchStatus = z.enum(BATCH_STATUSES);
export type BatchStatus = z.infer<typeof BatchStatus>;

export const Route = z.enum(['CASIE', 'CALASTONE']);
export type Route = z.infer<typeof Route>;

export const OrderType = z.enum(['SUBSCRIPTION', 'REDEMPTION']);
export type OrderType = z.infer<typeof OrderType>;

export const Provider = z.enum(['GS', 'NON_GS']);
export type Provider = z.infer<typeof Provider>;

export const FundStatus = z.enum(['OPEN', 'CLOSED']);
export type FundStatus = z.infer<typeof FundStatus>;

export const ROLES = ['operator', 'approver', 'viewer', 'sre', 'admin', 'downstream'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Amounts and units travel as decimal strings so that no float ever rounds money. */
export const DecimalString = z
  .string()
  .regex(/^\d{1,20}(\.\d{1,8})?$/, 'a positive decimal string such as 1000.50');
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
export const Uuid = z.uuid();

export const RowError = z.object({
  row: z.number().int().positive(),
  column: z.string(),
  code: z.string(),
  message: z.string(),
});
export type RowError = z.infer<typeof RowError>;
