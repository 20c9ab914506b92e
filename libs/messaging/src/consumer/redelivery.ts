import type { EntityManager } from 'typeorm';
import { Headers, type Topic } from '@contingency/contracts';
import type { OutboxWriter } from '@contingency/ledger';
import type { DeliveredRecord } from '../bus/message-bus';
import { MessagingHeaders, OutboxRowKeys } from '../messaging-headers';
import type { RecordIdentity } from './inbound-message';
import { deadLetterMessageId, redeliveryMessageId } from './message-ids';

// Headers the outbox writer sets afresh on every row it writes.
const REWRITTEN = new Set<string>([Headers.messageId, Headers.producedAt, Headers.attempt]);

const carried = (headers: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !REWRITTEN.has(name)));

const originalId = (record: DeliveredRecord, identity: RecordIdentity): string =>
  record.headers[MessagingHeaders.originalMessageId] ?? identity.messageId;

/**
 * A durable delayed retry: a copy of the message for this group, one attempt later, published by the
 * relay when `availableAt` comes. Written in the transaction that marks the original processed.
 */
export async function enqueueRedelivery(
  outbox: OutboxWriter,
  tx: EntityManager,
  args: {
    group: string;
    record: DeliveredRecord;
    identity: RecordIdentity;
    json: unknown;
    availableAt: Date;
  },
): Promise<void> {
  const { group, record, identity } = args;
  const first = originalId(record, identity);
  const next = identity.attempt + 1;
  await outbox.enqueue(tx, [
    {
      topic: record.topic as Topic,
      key: record.key,
      payload: args.json as never,
      messageId: redeliveryMessageId(`${group}/${first}`, next),
      correlationId: identity.correlationId,
      availableAt: args.availableAt,
      headers: {
        ...carried(record.headers),
        [Headers.attempt]: String(next),
        [MessagingHeaders.redeliveryFor]: group,
        [MessagingHeaders.originalMessageId]: first,
      },
    },
  ]);
}

export interface DeadLetterCause {
  code: string;
  reason: string;
}

/** The original value and headers on `<topic>.dlq`, with why and where from. */
export async function enqueueDeadLetter(
  outbox: OutboxWriter,
  tx: EntityManager,
  args: { group: string; record: DeliveredRecord; identity: RecordIdentity; cause: DeadLetterCause },
): Promise<void> {
  const { group, record, identity, cause } = args;
  const { payload, encoding } = storableValue(record.value);
  await outbox.enqueueRaw(tx, [
    {
      topic: `${record.topic}.dlq`,
      key: record.key,
      payload,
      messageId: deadLetterMessageId(`${group}/${identity.messageId}`),
      correlationId: identity.correlationId,
      headers: {
        ...carried(record.headers),
        ...(encoding && { [OutboxRowKeys.valueEncoding]: encoding }),
        [Headers.attempt]: String(identity.attempt),
        [Headers.deadLetterReason]: cause.reason.slice(0, 1_000),
        [Headers.deadLetterCode]: cause.code,
        [Headers.originalTopic]: record.topic,
        [Headers.originalPartition]: String(record.partition),
        [Headers.originalOffset]: record.offset,
        [MessagingHeaders.originalMessageId]: originalId(record, identity),
        [MessagingHeaders.consumerGroup]: group,
      },
    },
  ]);
}

// Outbox payloads are jsonb: a value that is not JSON (or holds a NUL, which jsonb refuses) is kept as
// base64 and the relay turns it back into the original bytes.
function storableValue(value: Buffer): { payload: unknown; encoding?: 'base64' } {
  const text = value.toString('utf8');
  if (!text.includes('\\u0000') && Buffer.from(text, 'utf8').equals(value)) {
    try {
      return { payload: JSON.parse(text) };
    } catch {
      // not JSON: stored as bytes below
    }
  }
  return { payload: value.toString('base64'), encoding: 'base64' };
}
