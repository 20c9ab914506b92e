import { randomUUID } from 'node:crypto';
import {
  buildConfirmation,
  buildStatusReport,
  namespaceOf,
  type RejectedReasonCode,
  type ReportedOrder,
  type SetrMessageType,
  type SetrOrderMessageType,
} from '@contingency/iso20022';
import { dealRefOf, type PricedExecution, priceExecution } from './calastone-pricing';
import type { AnswerStep, ConfirmationVersion } from './calastone-rules';

/** One order as the simulator collected it from the outbox (one IndvOrdrDtls of a setr.010 / setr.004). */
export interface CollectedOrder {
  orderRef: string;
  clientRef?: string;
  masterRef?: string;
  /** MsgId of the document that carried it: what the answers refer to (RltdRef). */
  messageId: string;
  messageType: SetrOrderMessageType;
  orderType: 'SUBSCRIPTION' | 'REDEMPTION';
  accountId: string;
  fundIsin?: string;
  units?: string;
  amount?: { amount: string; currency: string };
  requestedTradeDate?: string;
  settlementDate?: string;
  fileName: string;
  /** ISO date-time. */
  receivedAt: string;
}

export interface AnswerDocument {
  messageType: SetrMessageType;
  messageId: string;
  xml: string;
}

export interface AnswerContext {
  rejection?: { reasonCode: RejectedReasonCode; reasonText: string };
  confirmationVersion: ConfirmationVersion;
  createdAt: Date;
}

/** A MsgId of Calastone's: unique, 34 characters (Max35Text). */
export const answerMessageId = (): string => `CS${randomUUID().replace(/-/g, '').toUpperCase()}`;

/** The setr.016 status report, or the setr.012 / setr.006 confirmation, of one step of an answer. */
export function answerDocument(
  step: AnswerStep,
  order: CollectedOrder,
  context: AnswerContext,
): AnswerDocument {
  const messageId = answerMessageId();
  const relatedMessage = { messageId: order.messageId, messageType: order.messageType };
  const reported = { orderRef: order.orderRef, masterRef: order.masterRef, clientRef: order.clientRef };
  switch (step) {
    case 'RECEIVED':
      return report(messageId, context, relatedMessage, {
        ...reported,
        status: { kind: 'status', code: 'RECE' },
      });
    case 'ACCEPTED':
      return report(messageId, context, relatedMessage, {
        ...reported,
        dealRef: dealRefOf(order.orderRef),
        status: { kind: 'status', code: 'PACK' },
      });
    case 'REJECTED': {
      const rejection = context.rejection;
      if (!rejection) throw new Error(`no rejection reason for ${order.orderRef}`);
      return report(messageId, context, relatedMessage, {
        ...reported,
        status: {
          kind: 'rejected',
          reasons: [{ code: rejection.reasonCode, additionalInfo: rejection.reasonText }],
        },
      });
    }
    case 'CONFIRMED':
      return confirmation(messageId, order, context);
  }
}

function report(
  messageId: string,
  context: AnswerContext,
  relatedMessage: { messageId: string; messageType: SetrOrderMessageType },
  order: ReportedOrder,
): AnswerDocument {
  const built = buildStatusReport({
    messageId,
    createdAt: context.createdAt,
    relatedMessage,
    orders: [order],
  });
  return { ...built, messageId };
}

/** The order dealt at its fund's NAV; undefined when it names no fund or no quantity that can be dealt. */
export function executionOf(order: CollectedOrder): PricedExecution | undefined {
  if (order.fundIsin === undefined) return undefined;
  return priceExecution({ ...order, fundIsin: order.fundIsin, receivedAt: new Date(order.receivedAt) });
}

function confirmation(messageId: string, order: CollectedOrder, context: AnswerContext): AnswerDocument {
  const execution = executionOf(order);
  if (!order.fundIsin || !execution) throw new Error(`${order.orderRef} cannot be priced, so not confirmed`);
  const built = buildConfirmation({
    orderType: order.orderType,
    messageId,
    createdAt: context.createdAt,
    relatedMessage: { messageId: order.messageId, messageType: order.messageType },
    masterRef: order.masterRef,
    accountId: order.accountId,
    orderRef: order.orderRef,
    clientRef: order.clientRef,
    dealRef: dealRefOf(order.orderRef),
    isin: order.fundIsin,
    ...execution,
  });
  if (context.confirmationVersion === '001.05') return { ...built, messageId };
  // .001.04 (what Calastone clients receive in practice) has the same elements, in the same order, for
  // everything written here; only the namespace differs. Its XSD is not in the official folder.
  const messageType = built.messageType === 'setr.012.001.05' ? 'setr.012.001.04' : 'setr.006.001.04';
  const xml = built.xml.replace(`"${namespaceOf(built.messageType)}"`, `"${namespaceOf(messageType)}"`);
  return { messageType, messageId, xml };
}
