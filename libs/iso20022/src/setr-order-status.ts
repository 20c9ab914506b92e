/** OrderStatus4Code (setr.016 OrdrSts/Sts). */
export const ORDER_STATUS_CODES = [
  'PACK',
  'COSE',
  'STNP',
  'RECE',
  'SETT',
  'CPNP',
  'CNFC',
  'DONE',
  'DONF',
  'OPOD',
  'IACO',
] as const;
export type OrderStatusCode = (typeof ORDER_STATUS_CODES)[number];

/** RejectedStatusReason11Code (setr.016 OrdrSts/Rjctd/Rsn/Cd). */
export const REJECTED_REASON_CODES = [
  'BLCA',
  'BLTR',
  'DOCC',
  'ADEA',
  'ILLI',
  'BMIN',
  'BMRA',
  'BMRV',
  'CUTO',
  'ICAG',
  'IDDB',
  'ORRF',
  'FEEE',
  'DSEC',
  'IDNA',
  'DQUA',
  'CLOS',
  'IPAC',
  'INSU',
  'INTE',
  'CASH',
  'ICTR',
  'IOTP',
  'DFOR',
  'DMON',
  'SAFE',
  'LOCK',
  'NRGM',
  'NSLA',
  'MONY',
  'SECU',
  'IPAY',
  'PRCT',
  'DLVY',
  'PHYS',
  'PLCE',
  'IVAG',
  'RTGS',
  'ISAF',
  'NCRR',
  'DDAT',
  'DEPT',
  'SETR',
  'IEXE',
  'SHIG',
  'LATE',
  'SLOW',
  'DTRD',
  'UWAI',
  'UDCY',
  'UNAV',
  'UPAY',
  'URSC',
  'ULNK',
  'UNSC',
  'POIN',
] as const;
export type RejectedReasonCode = (typeof REJECTED_REASON_CODES)[number];

/** One reason of a status: an ISO code, a proprietary one, or neither; with the sender's free text. */
export interface SetrStatusReason {
  readonly code?: string;
  readonly proprietary?: string;
  readonly additionalInfo?: string;
}

/** The OrdrSts choice of a setr.016 report. Codes are kept as sent (a newer list may add some). */
export type SetrOrderStatus =
  | { readonly kind: 'status'; readonly code: string }
  | {
      readonly kind:
        'rejected' | 'cancelled' | 'conditionally-accepted' | 'suspended' | 'in-repair' | 'partially-settled';
      readonly reasons: readonly SetrStatusReason[];
    };

/** What an order status means for a dispatched trade (docs/contracts/calastone-v1.md, status mapping). */
export type SetrAckOutcome = 'RECEIVED' | 'ACCEPTED' | 'REJECTED' | 'OTHER';

export function ackOutcomeOf(status: SetrOrderStatus): SetrAckOutcome {
  if (status.kind === 'rejected') return 'REJECTED';
  if (status.kind !== 'status') return 'OTHER';
  if (status.code === 'RECE') return 'RECEIVED';
  if (status.code === 'PACK') return 'ACCEPTED';
  return 'OTHER';
}
