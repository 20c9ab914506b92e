import { z } from 'zod';
import { DecimalString, IsoDate, OrderType, Route, RowError, TradeStatus, Uuid } from './domain';
import { Topics, type Topic } from './topics';

/** A data row exactly as the operator's file gave it (cells as text); the validation service judges it. */
export const TradeReceivedV1 = z.object({
  tradeId: Uuid,
  batchId: Uuid,
  row: z.number().int().positive(),
  cells: z.object({
    clientRef: z.string(),
    orderType: z.string(),
    fundIsin: z.string(),
    accountId: z.string(),
    amount: z.string(),
    currency: z.string(),
    units: z.string(),
    tradeDate: z.string(),
    settlementDate: z.string(),
    comment: z.string(),
  }),
});

export const TradeValidatedV1 = z.object({
  tradeId: Uuid,
  batchId: Uuid,
  status: z.enum(['VALID', 'INVALID']),
  route: Route.nullable(),
  errors: z.array(RowError),
  possibleDuplicate: z.boolean(),
});

/** One released order for a destination; the adapters turn it into the Casie JSON or a setr document. */
export const OrderV1 = z.object({
  orderRef: z.string().min(1).max(35),
  tradeId: Uuid,
  batchId: Uuid,
  clientRef: z.string().min(1).max(35),
  orderType: OrderType,
  fundIsin: z.string().length(12),
  accountId: z.string().min(1).max(35),
  amount: DecimalString.nullable(),
  currency: z.string().length(3).nullable(),
  units: DecimalString.nullable(),
  tradeDate: IsoDate,
  settlementDate: IsoDate.nullable(),
  /** Why this order is on this route (primary, failover from Casie, replay). */
  routeReason: z.string().max(200),
});

export const TradeStatusChangedV1 = z.object({
  tradeId: Uuid,
  batchId: Uuid,
  accountId: z.string(),
  from: TradeStatus.nullable(),
  to: TradeStatus,
  route: Route.nullable(),
  version: z.number().int().positive(),
  actor: z.string(),
  reason: z.string().nullable(),
  at: z.iso.datetime({ offset: true }),
});

/** The existing TA acknowledgment feed (docs/contracts/ta-ack-v1.md). */
export const TaAckV1 = z.object({
  orderRef: z.string().min(1).max(35),
  status: z.enum(['RECEIVED', 'ACCEPTED', 'REJECTED', 'CONFIRMED']),
  reasonCode: z.string().max(35).optional(),
  reasonText: z.string().max(350).optional(),
  taReference: z.string().max(35).optional(),
  units: DecimalString.optional(),
  price: DecimalString.optional(),
  settlementAmount: DecimalString.optional(),
  currency: z.string().length(3).optional(),
  acknowledgedAt: z.iso.datetime({ offset: true }),
});

export const MessageSchemas = {
  [Topics.tradesReceived]: TradeReceivedV1,
  [Topics.tradesValidated]: TradeValidatedV1,
  [Topics.ordersCasie]: OrderV1,
  [Topics.ordersCalastone]: OrderV1,
  [Topics.tradesStatus]: TradeStatusChangedV1,
  [Topics.taAcks]: TaAckV1,
} as const satisfies Record<Topic, z.ZodType>;

export type PayloadOf<T extends Topic> = z.infer<(typeof MessageSchemas)[T]>;
export type TradeReceived = PayloadOf<typeof Topics.tradesReceived>;
export type TradeValidated = PayloadOf<typeof Topics.tradesValidated>;
export type Order = z.infer<typeof OrderV1>;
export type TradeStatusChanged = PayloadOf<typeof Topics.tradesStatus>;
export type TaAck = PayloadOf<typeof Topics.taAcks>;
