import { isoDateTime } from './iso-date';
import { namespaceOf, type SetrOrderMessageType } from './setr-message-types';
import type { OrderStatusCode, RejectedReasonCode } from './setr-order-status';
import { el, optTextEl, serializeXml, textEl, type XmlElement } from './xml-writer';

/** A status the Calastone simulator can report: a plain code, or a rejection with its reasons (1–10). */
export type ReportedStatus =
  | { readonly kind: 'status'; readonly code: OrderStatusCode }
  | {
      readonly kind: 'rejected';
      readonly reasons: readonly { readonly code: RejectedReasonCode; readonly additionalInfo?: string }[];
    };

export interface ReportedOrder {
  readonly orderRef: string;
  readonly masterRef?: string;
  readonly clientRef?: string;
  readonly dealRef?: string;
  readonly status: ReportedStatus;
}

export interface StatusReportInput {
  readonly messageId: string;
  readonly createdAt: Date;
  /** The order message reported on (Ref/RltdRef): its MsgId and type. */
  readonly relatedMessage?: { readonly messageId: string; readonly messageType: SetrOrderMessageType };
  readonly orders: readonly ReportedOrder[];
}

/** setr.016.001.04 OrderInstructionStatusReportV04 with one IndvOrdrDtlsRpt per order. */
export function buildStatusReport(input: StatusReportInput): { messageType: 'setr.016.001.04'; xml: string } {
  if (input.orders.length === 0) throw new RangeError('a status report needs at least one order');
  const related = input.relatedMessage;
  const document = el(
    'Document',
    el(
      'OrdrInstrStsRpt',
      el('MsgId', textEl('Id', input.messageId), textEl('CreDtTm', isoDateTime(input.createdAt))),
      related &&
        el('Ref', el('RltdRef', textEl('Ref', related.messageId), textEl('MsgNm', related.messageType))),
      el('StsRpt', ...input.orders.map(orderReport)),
    ),
  );
  return { messageType: 'setr.016.001.04', xml: serializeXml(document, namespaceOf('setr.016.001.04')) };
}

function orderReport(order: ReportedOrder): XmlElement {
  return el(
    'IndvOrdrDtlsRpt',
    optTextEl('MstrRef', order.masterRef),
    textEl('OrdrRef', order.orderRef),
    optTextEl('ClntRef', order.clientRef),
    optTextEl('DealRef', order.dealRef),
    el('OrdrSts', ...statusElements(order.status)),
  );
}

function statusElements(status: ReportedStatus): XmlElement[] {
  if (status.kind === 'status') return [textEl('Sts', status.code)];
  if (status.reasons.length < 1 || status.reasons.length > 10) {
    throw new RangeError('a rejection carries 1 to 10 reasons');
  }
  return status.reasons.map((reason) =>
    el('Rjctd', el('Rsn', textEl('Cd', reason.code)), optTextEl('AddtlInf', reason.additionalInfo)),
  );
}
