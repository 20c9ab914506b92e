import { Injectable } from '@nestjs/common';
import type { Counter, Gauge, Histogram } from 'prom-client';
import type { Route } from '@contingency/contracts';
import type { SetrParseErrorCode } from '@contingency/iso20022';
import { MetricsRegistry } from '@contingency/observability';
import { ACK_SOURCES, type AckSource } from './ack-event';
import { ROUTE_LABELS, routeLabel } from './watch/trade-watch.metrics';

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

// From seconds (a simulator) to a day (a confirmation after the dealing cycle).
const RELEASE_LATENCY_BUCKETS = [
  1, 5, 15, 30, 60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 14_400, 43_200, 86_400,
];

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
  private readonly releaseToAck: Histogram<'route'>;
  private readonly releaseToConfirmation: Histogram<'route'>;

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
    this.releaseToAck = m.histogram(
      'release_to_ack_seconds',
      "From the trade's release to the TA's first answer that changed its status (accepted, rejected or confirmed)",
      ['route'],
      RELEASE_LATENCY_BUCKETS,
    );
    this.releaseToConfirmation = m.histogram(
      'release_to_confirmation_seconds',
      "From the trade's release to its confirmation",
      ['route'],
      RELEASE_LATENCY_BUCKETS,
    );
    for (const route of ROUTE_LABELS) {
      this.releaseToAck.zero({ route });
      this.releaseToConfirmation.zero({ route });
    }
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

  /** An answer moved a released trade on: `first` when it is the TA's first answer to change its status. */
  answered(
    route: Route | null,
    releasedAt: Date,
    at: Date,
    { first, confirmed }: { first: boolean; confirmed: boolean },
  ): void {
    const seconds = Math.max(0, (at.getTime() - releasedAt.getTime()) / 1_000);
    const labels = { route: routeLabel(route) };
    if (first) this.releaseToAck.observe(labels, seconds);
    if (confirmed) this.releaseToConfirmation.observe(labels, seconds);
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
