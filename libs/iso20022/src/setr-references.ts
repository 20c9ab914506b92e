import { randomUUID } from 'node:crypto';
import type { SetrOrderMessageType } from './setr-message-types';

/** Max35Text: every reference and id in a setr document. */
export const MAX_REF_LENGTH = 35;
/** Characters an order reference may use, so that it can name the outbound file as it is. */
export const SAFE_REF = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
export const MAX_ATTEMPT = 9999;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * MsgId of one sending of an order: `<tail of the order ref>-<attempt>`, 35 characters at most. The tail
 * is the order ref itself when it fits, else its last characters — for our refs (`MC` + the trade id's
 * 32 hex digits) the whole trade id is always kept up to attempt 99, so every resend of an order is
 * recognisable by its MsgId, and two sendings never share one.
 */
export function messageIdFor(orderRef: string, attempt: number): string {
  if (!Number.isInteger(attempt) || attempt < 1 || attempt > MAX_ATTEMPT) {
    throw new RangeError(`attempt must be an integer from 1 to ${MAX_ATTEMPT}, not ${attempt}`);
  }
  if (orderRef.length === 0) throw new RangeError('the order reference is empty');
  const suffix = `-${attempt}`;
  return `${orderRef.slice(-(MAX_REF_LENGTH - suffix.length))}${suffix}`;
}

/** The attempt a MsgId of ours carries, if it was made by messageIdFor for this order ref. */
export function attemptOfMessageId(messageId: string, orderRef: string): number | undefined {
  const match = /^(.+)-(\d{1,4})$/.exec(messageId);
  if (!match) return undefined;
  const attempt = Number(match[2]);
  return attempt >= 1 && messageIdFor(orderRef, attempt) === messageId ? attempt : undefined;
}

/** MstrRef for a batch: the batch id, without its hyphens when it is a UUID (36 > 35 characters). */
export function masterRefFor(batchId: string): string {
  const ref = UUID.test(batchId) ? batchId.replace(/-/g, '') : batchId;
  if (ref.length === 0 || ref.length > MAX_REF_LENGTH) {
    throw new RangeError(`a batch id of ${batchId.length} characters cannot be a MstrRef (1–35)`);
  }
  return ref;
}

/** `<OrdrRef>.<messageType>.xml`; refused (not mangled) if the ref has characters unsafe in a file name. */
export function orderFileName(orderRef: string, messageType: SetrOrderMessageType): string {
  if (!SAFE_REF.test(orderRef) || orderRef.length > MAX_REF_LENGTH) {
    throw new RangeError(`the order reference "${orderRef}" cannot name a file (letters, digits, - and _)`);
  }
  return `${orderRef}.${messageType}.xml`;
}

/**
 * The name to upload under before the atomic rename to `fileName`: hidden (leading dot) and not ending
 * in .xml, so no pickup ever takes a partial file; random, so two writers never share one.
 */
export function temporaryFileName(fileName: string, random: string = randomUUID()): string {
  return `.${fileName}.${random}.part`;
}
