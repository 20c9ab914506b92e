import { Injectable } from '@nestjs/common';
import type { Counter, Gauge } from 'prom-client';
import { MetricsRegistry } from '@contingency/observability';

export const ATTEMPT_OUTCOMES = ['written', 'already_present', 'unavailable', 'failed'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

export const REFUSAL_REASONS = ['preflight', 'schema'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/**
 * The calastone-adapter's own metrics, named calastone_adapter_* in every process (standalone included),
 * every known series at zero from the start so that alerts see them before the first order.
 */
@Injectable()
export class CalastoneMetrics {
  private readonly attempts: Counter<'outcome'>;
  private readonly refused: Counter<'reason'>;
  private readonly deadLetters: Counter;
  private readonly pending: Gauge;
  private readonly mailboxUp: Gauge;

  constructor(registry: MetricsRegistry) {
    const m = registry.forService('calastone-adapter');
    this.attempts = m.counter(
      'delivery_attempts_total',
      'Documents put in the Calastone outbox (or found there already), or failed to, by outcome',
      ['outcome'],
    );
    this.refused = m.counter(
      'documents_refused_total',
      'Orders NACKED before sending: a value the XSD would refuse (preflight) or a schema-invalid document',
      ['reason'],
    );
    this.deadLetters = m.counter(
      'dead_letters_total',
      'Orders dead-lettered after the last delivery attempt',
    );
    this.pending = m.gauge('deliveries_pending', 'Orders not yet in the Calastone outbox');
    this.mailboxUp = m.gauge(
      'mailbox_up',
      'Whether the last operation on the Calastone mailbox (SFTP or folder) succeeded: 1 yes, 0 no',
    );
    for (const outcome of ATTEMPT_OUTCOMES) this.attempts.inc({ outcome }, 0);
    for (const reason of REFUSAL_REASONS) this.refused.inc({ reason }, 0);
    this.deadLetters.inc(0);
    this.pending.set(0);
    this.mailboxUp.set(1);
  }

  attempt(outcome: AttemptOutcome, count = 1): void {
    if (count > 0) this.attempts.inc({ outcome }, count);
  }

  refusal(reason: RefusalReason): void {
    this.refused.inc({ reason });
  }

  deadLetter(count = 1): void {
    this.deadLetters.inc(count);
  }

  pendingDeliveries(count: number): void {
    this.pending.set(count);
  }

  mailbox(up: boolean): void {
    this.mailboxUp.set(up ? 1 : 0);
  }
}
