import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { DeliveredRecord } from './message-bus';

/** Kafka headers as plain strings (the first value of a repeated header). */
export function headersOf(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name] = first.toString();
  }
  return out;
}

export function deliveredRecord(topic: string, partition: number, message: KafkaMessage): DeliveredRecord {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? '',
    value: message.value ?? Buffer.alloc(0),
    headers: headersOf(message.headers),
  };
}
