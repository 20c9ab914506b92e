import { attemptOfMessageId, MAX_REF_LENGTH } from '@contingency/iso20022';
import type { AckEvent } from '../ack-event';

/**
 * The order references a MsgId of ours can stand for: messageIdFor(orderRef, n) keeps the order ref
 * when it fits, else its tail — for our refs (`MC` + 32 hex digits) `C<hex>-n` up to attempt 9 and
 * `<hex>-n` from 10. Each candidate is checked by attemptOfMessageId, so only a ref whose sending really
 * has this MsgId is returned.
 */
export function orderRefsOfMessageId(messageId: string): string[] {
  const body = /^(.+)-\d{1,4}$/.exec(messageId)?.[1];
  if (body === undefined) return [];
  return unique([body, `M${body}`, `MC${body}`]).filter(
    (ref) => ref.length <= MAX_REF_LENGTH && attemptOfMessageId(messageId, ref) !== undefined,
  );
}

/** The order refs an acknowledgment may belong to, in the order they are tried: its OrdrRef, then our MsgIds'. */
export function matchRefsOf(ack: Pick<AckEvent, 'orderRef' | 'messageRefs'>): string[] {
  return unique([...(ack.orderRef ? [ack.orderRef] : []), ...ack.messageRefs.flatMap(orderRefsOfMessageId)]);
}

const unique = (values: readonly string[]): string[] => [...new Set(values)];
