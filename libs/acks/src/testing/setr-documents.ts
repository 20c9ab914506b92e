import {
  buildConfirmation,
  buildStatusReport,
  messageIdFor,
  namespaceOf,
  type RejectedReasonCode,
  type ReportedStatus,
} from '@contingency/iso20022';

// Inbound Calastone documents made by the codec's own builders, for the specs.

let documents = 0;
const nextMessageId = (prefix: string) => `${prefix}-${Date.now()}-${++documents}`;

export interface StatusDocument {
  orderRef: string;
  status: ReportedStatus;
  dealRef?: string;
  /** The sending reported on (Ref/RltdRef = messageIdFor(orderRef, attempt)); 1 unless given. */
  attempt?: number;
  /** Report under another OrdrRef than the order's (matching by MsgId). */
  reportedOrderRef?: string;
  createdAt?: Date;
}

/** A setr.016.001.04 about one order of ours. */
export function statusReportXml(doc: StatusDocument): string {
  return buildStatusReport({
    messageId: nextMessageId('CAL-STS'),
    createdAt: doc.createdAt ?? new Date(),
    relatedMessage: {
      messageId: messageIdFor(doc.orderRef, doc.attempt ?? 1),
      messageType: 'setr.010.001.04',
    },
    orders: [{ orderRef: doc.reportedOrderRef ?? doc.orderRef, dealRef: doc.dealRef, status: doc.status }],
  }).xml;
}

export const rece = (orderRef: string, extra: Partial<StatusDocument> = {}): string =>
  statusReportXml({ orderRef, status: { kind: 'status', code: 'RECE' }, ...extra });

export const pack = (orderRef: string, dealRef: string, extra: Partial<StatusDocument> = {}): string =>
  statusReportXml({ orderRef, dealRef, status: { kind: 'status', code: 'PACK' }, ...extra });

export const rejected = (
  orderRef: string,
  code: RejectedReasonCode,
  additionalInfo?: string,
  extra: Partial<StatusDocument> = {},
): string =>
  statusReportXml({ orderRef, status: { kind: 'rejected', reasons: [{ code, additionalInfo }] }, ...extra });

export interface ConfirmationDocument {
  orderRef: string;
  orderType: 'SUBSCRIPTION' | 'REDEMPTION';
  /** .001.05 (the builder's) or .001.04 (same paths, the namespace changed). */
  version: '04' | '05';
  accountId?: string;
  dealRef?: string;
  units?: string;
  price?: string;
  tradeDate?: string;
  settlementAmount?: string;
  settlementDate?: string;
}

/** A setr.012 (subscription) or setr.006 (redemption) confirmation of one order of ours. */
export function confirmationXml(doc: ConfirmationDocument): string {
  const built = buildConfirmation({
    orderType: doc.orderType,
    messageId: nextMessageId('CAL-CNF'),
    createdAt: new Date(),
    relatedMessage: { messageId: messageIdFor(doc.orderRef, 1), messageType: 'setr.010.001.04' },
    accountId: doc.accountId ?? 'ACC-1',
    orderRef: doc.orderRef,
    dealRef: doc.dealRef ?? 'TA-DEAL-1',
    isin: 'IE00B4L5Y983',
    units: doc.units ?? '2716.3189',
    price: { amount: doc.price ?? '92.0362', currency: 'EUR' },
    tradeDate: doc.tradeDate ?? '2026-12-04',
    settlementAmount: { amount: doc.settlementAmount ?? '250000.00', currency: 'EUR' },
    settlementDate: doc.settlementDate ?? '2026-12-08',
  });
  if (doc.version === '05') return built.xml;
  const older = built.messageType.replace('.001.05', '.001.04') as 'setr.012.001.04' | 'setr.006.001.04';
  return built.xml.replace(`"${namespaceOf(built.messageType)}"`, `"${namespaceOf(older)}"`);
}
