import { Injectable } from '@nestjs/common';
import type { Counter, Gauge } from 'prom-client';
import type { SetrParseErrorCode } from '@contingency/iso20022';
import { MetricsRegistry } from '@contingency/observability';
import { ACK_SOURCES, type AckSource } from './ack-event';

/**
 * What an acknowledgment did: changed the trade's status (applied), only added to its history
 * (recorded), nothing (duplicate), waits for its trade (parked), or contradicts the trade (conflict).
 */
export const ACK_RESULTS = ['applied', 'recorded', 'duplicate', 'parked', 'conflict'] as const;
export type AckResult = (typeof ACK_RESULTS)[number];

/** Why an inbox document went to rejected/: the parser's codes. */
export const INBOX_REJECTIONS = [
  'TOO_LARGE',
  'FORBIDDEN_DTD',
  'MALFORMED_XML',
  'UNKNOWN_DOCUMENT',
  'SCHEMA_INVALID',
  'MISSING_FIELD',
  'INVALID_FIELD',
] as const satisfies readonly SetrParseErrorCode[];

/** Where handling an inbox document failed, leaving it in the inbox for the next poll. */
export const INBOX_FAILURES = ['list', 'read', 'validator', 'apply', 'settle'] as const;
export type InboxFailure = (typeof INBOX_FAILURES)[number];

export const INBOX_OUTCOMES = ['processed', 'rejected'] as const;

/**
 * The ack-ingestor's own metrics, named ack_ingestor_* in every process (standalone included), every
 * known series at zero from the start so that alerts see them before the first answer.
 */
@Injectable()
export class AcksMetrics {
  private readonly acks: Counter<'source' | 'result'>;
  private readonly files: Counter<'outcome'>;
  private readonly rejected: Counter<'reason'>;
  private readonly failures: Counter<'stage'>;
  private readonly unmatched: Gauge;
  private readonly unmatchedAge: Gauge;

  constructor(registry: MetricsRegistry) {
    const m = registry.forService('ack-ingestor');
    this.acks = m.counter('acks_total', 'Acknowledgments handled, by source and what they did to the trade', [
      'source',
      'result',
    ]);
    this.files = m.counter('inbox_files_total', 'Calastone inbox documents settled, by where they went', [
      'outcome',
    ]);
    this.rejected = m.counter(
      'inbox_rejected_total',
      'Calastone inbox documents moved to rejected/, by reason',
      ['reason'],
    );
    this.failures = m.counter(
      'inbox_failures_total',
      'Failures that left a Calastone inbox document for the next poll, by stage',
      ['stage'],
    );
    this.unmatched = m.gauge(
      'unmatched_acks',
      'Acknowledgments parked: unknown order, or dispatch not recorded yet',
    );
    this.unmatchedAge = m.gauge(
      'unmatched_oldest_age_seconds',
      'Age of the oldest parked acknowledgment (0 when none)',
    );
    for (const source of ACK_SOURCES) for (const result of ACK_RESULTS) this.acks.inc({ source, result }, 0);
    for (const outcome of INBOX_OUTCOMES) this.files.inc({ outcome }, 0);
    for (const reason of INBOX_REJECTIONS) this.rejected.inc({ reason }, 0);
    for (const stage of INBOX_FAILURES) this.failures.inc({ stage }, 0);
    this.unmatched.set(0);
    this.unmatchedAge.set(0);
  }

  ack(source: AckSource, result: AckResult): void {
    this.acks.inc({ source, result });
  }

  fileProcessed(): void {
    this.files.inc({ outcome: 'processed' });
  }

  fileRejected(reason: (typeof INBOX_REJECTIONS)[number]): void {
    this.files.inc({ outcome: 'rejected' });
    this.rejected.inc({ reason });
  }

  inboxFailure(stage: InboxFailure): void {
    this.failures.inc({ stage });
  }

  unmatchedAcks(count: number, oldest: Date | null, now = Date.now()): void {
    this.unmatched.set(count);
    this.unmatchedAge.set(oldest === null ? 0 : Math.max(0, (now - oldest.getTime()) / 1_000));
  }
}
