import type { DataSource, EntityManager } from 'typeorm';
import { markProcessed, type OutboxWriter } from '@contingency/ledger';
import type { ConsumeSession, DeliveredRecord } from '../bus/message-bus';
import { MessagingHeaders } from '../messaging-headers';
import { errorMeta, type ConsumeOutcome, type MessagingTelemetry } from '../telemetry/messaging-telemetry';
import { backoffMs, sleep } from './backoff';
import { classifyFailure, decideOnFailure, errorCode, type FailureDecision } from './failure-policy';
import { decode, identify, type InboundMessage, type RecordIdentity } from './inbound-message';
import { markChunkProcessed } from './processed-marks';
import { enqueueDeadLetter, enqueueRedelivery } from './redelivery';
import type { RetryPolicy } from './retry-policy';

export interface BoundHandler {
  /** Class.method, for logs. */
  name: string;
  batch: boolean;
  /** The most records of one chunk for a batch handler. */
  maxBatchSize: number;
  maxAttempts: number;
  call(input: InboundMessage | InboundMessage[], tx: EntityManager): Promise<unknown>;
}

export interface ProcessorDeps {
  dataSource: DataSource;
  outbox: OutboxWriter;
  telemetry: MessagingTelemetry;
  retry: RetryPolicy;
}

interface Decoded {
  record: DeliveredRecord;
  identity: RecordIdentity;
  message: InboundMessage;
  json: unknown;
}

export const DEFAULT_MAX_BATCH_SIZE = 100;

/**
 * One consumer group's handling of delivered records: validate, then in one transaction mark the message
 * processed (skip it if it was) and run the handler; on failure retry, redeliver later or dead-letter.
 * A record is reported done to the bus only after its transaction committed.
 */
export class MessageProcessor {
  constructor(
    private readonly group: string,
    private readonly handlers: ReadonlyMap<string, BoundHandler>,
    private readonly deps: ProcessorDeps,
  ) {}

  async onBatch(records: DeliveredRecord[], session: ConsumeSession): Promise<void> {
    let i = 0;
    while (i < records.length && session.isActive()) {
      const handler = this.handlers.get(records[i].topic);
      let end = i + 1;
      if (handler?.batch) {
        while (
          end < records.length &&
          end - i < handler.maxBatchSize &&
          records[end].topic === records[i].topic
        )
          end++;
        await this.processChunk(records.slice(i, end), handler);
      } else if (handler) {
        await this.processOne(records[i], handler);
      }
      await session.commit(records[end - 1]);
      await session.heartbeat();
      i = end;
    }
  }

  private async processOne(record: DeliveredRecord, handler: BoundHandler): Promise<void> {
    if (this.isForAnotherGroup(record)) return this.deps.telemetry.consumed(record.topic, 'skipped', 0);
    const identity = identify(record);
    let decoded: Decoded;
    try {
      decoded = { record, identity, ...decode(record, identity) };
    } catch (error) {
      return this.deadLetter(record, identity, error, {
        action: 'dead_letter',
        reason: 'contract_violation',
      });
    }
    // What escapes handle() is an infrastructure failure (database down): the bus delivers the record again.
    await this.inContext(decoded.message, () => this.handle(decoded, handler));
  }

  private async handle(decoded: Decoded, handler: BoundHandler): Promise<void> {
    const { record, identity, message } = decoded;
    const started = performance.now();
    for (let tries = 1; ; tries++) {
      try {
        const outcome = await this.deps.dataSource.transaction(async (tx): Promise<ConsumeOutcome> => {
          if (!(await markProcessed(tx, this.group, identity.messageId, record.topic))) return 'duplicate';
          await handler.call(handler.batch ? [message] : message, tx);
          return 'processed';
        });
        return this.deps.telemetry.consumed(record.topic, outcome, seconds(started));
      } catch (error) {
        const decision = decideOnFailure(classifyFailure(error), {
          attempt: identity.attempt,
          maxAttempts: handler.maxAttempts,
          tries,
          maxTries: this.deps.retry.quickTries,
        });
        switch (decision.action) {
          case 'retry_now':
            this.deps.telemetry.failed(record.topic, 'retry');
            this.deps.telemetry.logger.warn(`${handler.name} failed, retrying`, {
              tries,
              ...errorMeta(error),
            });
            await sleep(backoffMs(this.deps.retry.quickBackoff, tries));
            break;
          case 'retry_later':
            return this.redeliverLater(decoded, error);
          case 'dead_letter':
            return this.deadLetter(record, identity, error, decision);
        }
      }
    }
  }

  // Batch handlers: one transaction for the chunk; if it fails, one by one so a poison message stays alone.
  private async processChunk(records: DeliveredRecord[], handler: BoundHandler): Promise<void> {
    const valid: Decoded[] = [];
    for (const record of records) {
      if (this.isForAnotherGroup(record)) continue;
      const identity = identify(record);
      try {
        valid.push({ record, identity, ...decode(record, identity) });
      } catch (error) {
        await this.deadLetter(record, identity, error, {
          action: 'dead_letter',
          reason: 'contract_violation',
        });
      }
    }
    if (valid.length === 0) return;
    const started = performance.now();
    try {
      const fresh = await this.deps.dataSource.transaction(async (tx) => {
        const firstSeen = await markChunkProcessed(
          tx,
          this.group,
          valid.map((d) => ({ messageId: d.identity.messageId, topic: d.record.topic })),
        );
        // A message id twice in the chunk: its first record is the new one, the second a duplicate.
        const unseen = valid.filter((d) => firstSeen.delete(d.identity.messageId));
        if (unseen.length > 0)
          await handler.call(
            unseen.map((d) => d.message),
            tx,
          );
        return new Set(unseen);
      });
      const each = seconds(started) / valid.length;
      for (const d of valid)
        this.deps.telemetry.consumed(d.record.topic, fresh.has(d) ? 'processed' : 'duplicate', each);
    } catch (error) {
      this.deps.telemetry.logger.warn(
        `${handler.name} failed on a batch of ${valid.length}, one by one now`,
        errorMeta(error),
      );
      for (const d of valid) await this.inContext(d.message, () => this.handle(d, handler));
    }
  }

  private async redeliverLater(decoded: Decoded, error: unknown): Promise<void> {
    const { record, identity, json } = decoded;
    const delayMs = backoffMs(this.deps.retry.delayedBackoff, identity.attempt);
    await this.deps.dataSource.transaction(async (tx) => {
      if (!(await markProcessed(tx, this.group, identity.messageId, record.topic))) return;
      const availableAt = new Date(Date.now() + delayMs);
      await enqueueRedelivery(this.deps.outbox, tx, {
        group: this.group,
        record,
        identity,
        json,
        availableAt,
      });
    });
    this.deps.telemetry.failed(record.topic, 'retry');
    this.deps.telemetry.consumed(record.topic, 'retry_scheduled', 0);
    this.deps.telemetry.logger.warn(
      `delivery ${identity.attempt} failed, redelivering in ${delayMs} ms`,
      errorMeta(error),
    );
  }

  private async deadLetter(
    record: DeliveredRecord,
    identity: RecordIdentity,
    error: unknown,
    decision: Extract<FailureDecision, { action: 'dead_letter' }>,
  ): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    const cause =
      decision.reason === 'retries_exhausted'
        ? {
            code: 'RETRIES_EXHAUSTED',
            reason: `gave up after ${identity.attempt} deliveries: ${message} (${errorCode(error)})`,
          }
        : { code: errorCode(error), reason: message };
    await this.deps.dataSource.transaction(async (tx) => {
      if (!(await markProcessed(tx, this.group, identity.messageId, record.topic))) return;
      await enqueueDeadLetter(this.deps.outbox, tx, { group: this.group, record, identity, cause });
    });
    this.deps.telemetry.failed(
      record.topic,
      decision.reason === 'contract_violation' ? 'contract' : 'dead_letter',
    );
    this.deps.telemetry.consumed(record.topic, 'dead_lettered', 0);
    this.deps.telemetry.logger.error(`dead-lettered: ${cause.code}`, {
      topic: record.topic,
      messageId: identity.messageId,
      correlationId: identity.correlationId,
      reason: cause.reason,
    });
  }

  private isForAnotherGroup(record: DeliveredRecord): boolean {
    const target = record.headers[MessagingHeaders.redeliveryFor];
    return target !== undefined && target !== this.group;
  }

  private inContext(message: InboundMessage, fn: () => Promise<void>): Promise<void> {
    const { correlationId, messageId, topic } = message;
    return this.deps.telemetry.inMessageContext({ correlationId, messageId, topic }, fn);
  }
}

const seconds = (started: number): number => (performance.now() - started) / 1_000;
