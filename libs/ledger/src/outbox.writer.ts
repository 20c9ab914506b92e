import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Headers, parsePayload, type PayloadOf, type Topic } from '@contingency/contracts';
import { ambientCorrelationId } from './correlation';
import { chunk, json, queryRows, requireTransaction, valuesList } from './sql';

export interface OutboundMessage<T extends Topic = Topic> {
  topic: T;
  /** Kafka key: the account id for every trade message (ordering per account). */
  key: string;
  payload: PayloadOf<T>;
  messageId?: string;
  correlationId?: string;
  headers?: Record<string, string>;
  /** Not published before this time (delayed retry). */
  availableAt?: Date;
}

/** A dead letter: its payload is whatever failed, so no contract applies; the topic must end in `.dlq`. */
export interface RawOutboundMessage extends Omit<OutboundMessage, 'topic' | 'payload'> {
  topic: string;
  payload: unknown;
}

interface OutboxRow {
  messageId: string;
  topic: string;
  key: string;
  payload: unknown;
  headers: Record<string, string>;
  availableAt: Date | null;
}

const COLUMNS = '(message_id, topic, key, payload, headers, available_at)';
const TEMPLATES = ['?::uuid', '?', '?', '?::jsonb', '?::jsonb', 'COALESCE(?::timestamptz, now())'];

/**
 * The transactional outbox: messages are rows written in the caller's transaction, so they exist if and
 * only if the state change they announce committed. The messaging relay publishes them.
 */
@Injectable()
export class OutboxWriter {
  /** Validates every payload against its topic's contract first: one bad message and nothing is written. */
  async enqueue(tx: EntityManager, messages: readonly OutboundMessage[]): Promise<string[]> {
    const rows = messages.map((m) => toRow(m, parsePayload(m.topic, m.payload)));
    return this.insert(tx, rows);
  }

  async enqueueRaw(tx: EntityManager, messages: readonly RawOutboundMessage[]): Promise<string[]> {
    const rows = messages.map((m) => {
      if (!m.topic.endsWith('.dlq'))
        throw new Error(`enqueueRaw is for dead-letter topics only, not ${m.topic}`);
      return toRow(m, m.payload);
    });
    return this.insert(tx, rows);
  }

  private async insert(tx: EntityManager, rows: OutboxRow[]): Promise<string[]> {
    if (rows.length === 0) return [];
    requireTransaction(tx, 'OutboxWriter');
    for (const part of chunk(rows)) {
      await queryRows(
        tx,
        `INSERT INTO outbox ${COLUMNS} VALUES ${valuesList(part.length, TEMPLATES)}`,
        part.flatMap((r) => [r.messageId, r.topic, r.key, json(r.payload), json(r.headers), r.availableAt]),
      );
    }
    return rows.map((r) => r.messageId);
  }
}

function toRow(message: RawOutboundMessage, payload: unknown): OutboxRow {
  const messageId = message.messageId ?? randomUUID();
  // A message with no correlation of its own starts a new chain under its own id.
  const correlationId =
    message.correlationId ?? message.headers?.[Headers.correlationId] ?? ambientCorrelationId() ?? messageId;
  return {
    messageId,
    topic: message.topic,
    key: message.key,
    payload,
    headers: {
      ...message.headers,
      [Headers.messageId]: messageId,
      [Headers.correlationId]: correlationId,
      [Headers.producedAt]: new Date().toISOString(),
    },
    availableAt: message.availableAt ?? null,
  };
}
