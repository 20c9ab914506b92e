import {
  ackOutcomeOf,
  type SetrConfirmation,
  type SetrExecution,
  type SetrInbound,
  type SetrOrderStatus,
  type SetrStatusReport,
} from '@contingency/iso20022';
import { type AckEvent, type AckExecution, ackIdOf, type AckReason } from '../ack-event';

/**
 * The acknowledgments one Calastone document carries: one per order status of a setr.016, one per
 * execution of a setr.012 / setr.006. Our MsgId (RltdRef) is kept as the second matching key only when
 * the document speaks of one order: we send one order per message, so a document about several orders
 * that names one MsgId could not say which of them it means.
 */
export function acksFromSetr(document: SetrInbound, file: string): AckEvent[] {
  const origin = { messageType: document.messageType, messageId: document.messageId, file };
  const said = document.kind === 'status-report' ? statusAcks(document) : confirmationAcks(document);
  return said.map((ack) => ({ ...ack, ackId: ackIdOf(ack), origin }));
}

type Said = Omit<AckEvent, 'ackId' | 'origin'>;

function statusAcks(report: SetrStatusReport): Said[] {
  const relatedRefs = report.relatedRefs.map((r) => r.ref);
  if (report.report.scope === 'message') {
    return [{ ...statusOf(report.report.status), messageRefs: relatedRefs, at: report.createdAt }];
  }
  const single = report.report.orders.length === 1;
  return report.report.orders.map((entry) => ({
    ...statusOf(entry.status),
    orderRef: entry.orderRef,
    messageRefs: single ? relatedRefs : [],
    taReference: entry.dealRef,
    at: report.createdAt,
  }));
}

function statusOf(status: SetrOrderStatus): Pick<Said, 'source' | 'outcome' | 'status' | 'reasons'> {
  const outcome = ackOutcomeOf(status);
  if (status.kind === 'status') return { source: 'calastone', outcome, status: status.code, reasons: [] };
  return { source: 'calastone', outcome, status: status.kind, reasons: status.reasons.map(reasonOf) };
}

function reasonOf(reason: { code?: string; proprietary?: string; additionalInfo?: string }): AckReason {
  return { code: reason.code ?? reason.proprietary, text: reason.additionalInfo };
}

function confirmationAcks(confirmation: SetrConfirmation): Said[] {
  const single = confirmation.executions.length === 1;
  const related = confirmation.relatedRef ? [confirmation.relatedRef.ref] : [];
  return confirmation.executions.map((execution) => ({
    source: 'calastone',
    orderRef: execution.orderRef,
    messageRefs: single ? related : [],
    outcome: 'CONFIRMED',
    status: 'CONFIRMED',
    taReference: execution.dealRef,
    reasons: [],
    execution: executionOf(execution),
    at: confirmation.createdAt,
  }));
}

function executionOf(execution: SetrExecution): AckExecution {
  return {
    units: execution.units,
    price: execution.price.amount,
    priceCurrency: execution.price.currency,
    tradeDate: execution.tradeDate,
    settlementAmount: execution.settlementAmount.amount,
    settlementCurrency: execution.settlementAmount.currency,
    settlementDate: execution.settlementDate,
    ...(execution.partiallyExecuted ? { partiallyExecuted: true } : {}),
  };
}
