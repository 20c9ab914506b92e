import { createHash } from 'node:crypto';

/** Where an acknowledgment came from: the TA ACK feed (Kafka ta.acks.v1) or the Calastone inbox. */
export const ACK_SOURCES = ['ta-feed', 'calastone'] as const;
export type AckSource = (typeof ACK_SOURCES)[number];

/**
 * What an answer says about the order. OTHER is a status we only record (a setr.016 code such as COSE,
 * or a suspended / in-repair / cancelled status).
 */
export type AckOutcome = 'RECEIVED' | 'ACCEPTED' | 'REJECTED' | 'CONFIRMED' | 'OTHER';

/** One reason of a rejection: an ISO (or proprietary) code and the sender's free text. */
export interface AckReason {
  readonly code?: string;
  readonly text?: string;
}

/** What was executed, from a confirmation. Decimals stay strings, as sent. */
export interface AckExecution {
  readonly units?: string;
  /** The price per unit (NAV) dealt at. */
  readonly price?: string;
  readonly priceCurrency?: string;
  readonly tradeDate?: string;
  readonly settlementAmount?: string;
  readonly settlementCurrency?: string;
  readonly settlementDate?: string;
  /** The TA executed only part of the order (setr PrtlyExctdInd). */
  readonly partiallyExecuted?: boolean;
}

/** The document or message that carried the answer, for the trade's history and the unmatched queue. */
export interface AckOrigin {
  /** ta.acks.v1, or the setr message type (setr.016.001.04, setr.012.001.05...). */
  readonly messageType: string;
  /** The Kafka message id, or the document's MsgId. */
  readonly messageId: string;
  /** The inbox file name (Calastone only). */
  readonly file?: string;
}

/**
 * One acknowledgment of one order, whichever source it came from: the single input of the matching and
 * applying service (AckProcessor).
 */
export interface AckEvent {
  readonly source: AckSource;
  /**
   * Stable identity of the answer: the same answer seen again (redelivered, re-sent under another file
   * name) has the same id, so that it changes nothing the second time.
   */
  readonly ackId: string;
  /** Our order reference as the answer names it (OrdrRef); absent for a whole-message status. */
  readonly orderRef?: string;
  /** Our MsgIds the answer refers to (setr Ref/RltdRef): the second matching key. */
  readonly messageRefs: readonly string[];
  readonly outcome: AckOutcome;
  /** The sender's status as given (RECE, PACK, COSE, rejected, ...), for the history. */
  readonly status: string;
  /** The TA's reference for the order (DealRef, taReference). */
  readonly taReference?: string;
  readonly reasons: readonly AckReason[];
  readonly execution?: AckExecution;
  /** When the sender said it (ISO date-time, as sent). */
  readonly at: string;
  readonly origin: AckOrigin;
}

/**
 * The ackId of an answer: a digest of what it says (order, outcome, references, reasons, execution, the
 * sender's timestamp), never of how it travelled (message id, file name), prefixed by its source.
 */
export function ackIdOf(said: Omit<AckEvent, 'ackId' | 'origin'>): string {
  const content = JSON.stringify(sortKeys(said));
  return `${said.source}:${createHash('sha256').update(content).digest('hex').slice(0, 32)}`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, sortKeys(v)]),
  );
}
