import {
  ContractViolation,
  Headers,
  isTopic,
  parsePayload,
  type PayloadOf,
  type Topic,
} from '@contingency/contracts';
import type { DeliveredRecord } from '../bus/message-bus';
import { contentMessageId } from './message-ids';

/** What a handler receives: the validated payload and where it came from. */
export interface InboundMessage<T extends Topic = Topic> {
  topic: T;
  key: string;
  payload: PayloadOf<T>;
  messageId: string;
  correlationId: string;
  headers: Readonly<Record<string, string>>;
  /** 1 for the first delivery, n for the (n-1)th delayed redelivery. */
  attempt: number;
  position: { partition: number; offset: string };
}

export interface RecordIdentity {
  messageId: string;
  correlationId: string;
  attempt: number;
}

/** The message id is the producer's; a record without one (the external TA feed) gets a content hash. */
export function identify(record: DeliveredRecord): RecordIdentity {
  const messageId =
    record.headers[Headers.messageId] || contentMessageId(record.topic, record.key, record.value);
  const attempt = Number.parseInt(record.headers[Headers.attempt] ?? '', 10);
  return {
    messageId,
    correlationId: record.headers[Headers.correlationId] || messageId,
    attempt: Number.isInteger(attempt) && attempt > 0 ? attempt : 1,
  };
}

/** Parses and validates against the topic's contract; throws ContractViolation. */
export function decode(
  record: DeliveredRecord,
  identity: RecordIdentity,
): { message: InboundMessage; json: unknown } {
  if (!isTopic(record.topic)) throw new ContractViolation(record.topic, 'no contract for this topic');
  let json: unknown;
  try {
    json = JSON.parse(record.value.toString('utf8'));
  } catch {
    throw new ContractViolation(record.topic, 'the value is not JSON');
  }
  const payload = parsePayload(record.topic, json);
  return {
    json,
    message: {
      topic: record.topic,
      key: record.key,
      payload,
      ...identity,
      headers: record.headers,
      position: { partition: record.partition, offset: record.offset },
    },
  };
}
