import type { SetrConfirmationMessageType, SetrOrderMessageType } from './setr-message-types';
import type { SetrOrderStatus } from './setr-order-status';

export interface SetrAmount {
  readonly amount: string;
  readonly currency: string;
}

/** A reference to another message (RltdRef, OthrRef, PrvsRef): its id and, if given, its type. */
export interface SetrMessageRef {
  readonly ref: string;
  readonly messageName?: string;
}

export interface SetrOrderStatusEntry {
  readonly orderRef: string;
  readonly masterRef?: string;
  readonly clientRef?: string;
  /** The TA's reference for the order. */
  readonly dealRef?: string;
  readonly cancellationRef?: string;
  readonly status: SetrOrderStatus;
}

/** setr.016.001.04: the status of some orders, or of every order of one message. */
export interface SetrStatusReport {
  readonly kind: 'status-report';
  readonly messageType: 'setr.016.001.04';
  readonly messageId: string;
  readonly createdAt: string;
  /** Ref/RltdRef: the message this reports on — for our orders, the MsgId we sent. */
  readonly relatedRefs: readonly SetrMessageRef[];
  readonly otherRefs: readonly SetrMessageRef[];
  readonly report:
    | { readonly scope: 'orders'; readonly orders: readonly SetrOrderStatusEntry[] }
    | { readonly scope: 'message'; readonly masterRef?: string; readonly status: SetrOrderStatus };
}

export interface SetrExecution {
  readonly orderRef: string;
  readonly clientRef?: string;
  /** The TA's reference for the execution. */
  readonly dealRef: string;
  readonly isin?: string;
  readonly units: string;
  /** DealgPricDtls/Val/Amt: the price per unit (NAV) the order was dealt at. */
  readonly price: SetrAmount;
  /** TradDtTm as a date (YYYY-MM-DD); tradeDateTime keeps the date-time when one was sent. */
  readonly tradeDate: string;
  readonly tradeDateTime?: string;
  readonly settlementAmount: SetrAmount;
  readonly settlementDate?: string;
  readonly grossAmount?: SetrAmount;
  readonly netAmount?: SetrAmount;
  readonly partiallyExecuted?: boolean;
}

/** setr.012 (subscription) or setr.006 (redemption) confirmation, .001.04 or .001.05. */
export interface SetrConfirmation {
  readonly kind: 'confirmation';
  readonly messageType: SetrConfirmationMessageType;
  readonly orderType: 'SUBSCRIPTION' | 'REDEMPTION';
  readonly messageId: string;
  readonly createdAt: string;
  /** RltdRef: the order message confirmed (our MsgId), when the TA sends it. */
  readonly relatedRef?: SetrMessageRef;
  readonly masterRef?: string;
  readonly accountId?: string;
  readonly executions: readonly SetrExecution[];
}

export interface SetrOrderLine {
  readonly orderRef: string;
  readonly clientRef?: string;
  readonly isin?: string;
  readonly units?: string;
  readonly amount?: SetrAmount;
  readonly settlementDate?: string;
}

/** setr.010.001.04 / setr.004.001.04 as read back (by the Calastone simulator). */
export interface SetrOrderMessage {
  readonly kind: 'order';
  readonly messageType: SetrOrderMessageType;
  readonly orderType: 'SUBSCRIPTION' | 'REDEMPTION';
  readonly messageId: string;
  readonly createdAt: string;
  readonly masterRef?: string;
  readonly requestedTradeDate?: string;
  readonly accountId: string;
  readonly orders: readonly SetrOrderLine[];
}

export type SetrInbound = SetrStatusReport | SetrConfirmation;
export type SetrDocument = SetrInbound | SetrOrderMessage;
