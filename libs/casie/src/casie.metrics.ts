import { Injectable } from '@nestjs/common';
import type { Counter, Gauge } from 'prom-client';
import { MetricsRegistry } from '@contingency/observability';
import type { CircuitState } from './circuit-breaker';

export const ATTEMPT_OUTCOMES = ['accepted', 'rejected', 'unavailable', 'circuit_open', 'unknown'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

export const STATUS_QUERY_RESULTS = ['received', 'not_received', 'unreachable'] as const;
export type StatusQueryResult = (typeof STATUS_QUERY_RESULTS)[number];

export const PENDING_KINDS = ['send', 'status_query'] as const;

const CIRCUIT_VALUE: Record<CircuitState, number> = { closed: 0, 'half-open': 1, open: 2 };

/**
 * The casie-adapter's own metrics, named casie_adapter_* in every process (standalone included), every
 * known series at zero from the start so that alerts see them before the first order.
 */
@Injectable()
export class CasieMetrics {
  private readonly circuit: Gauge<'destination'>;
  private readonly attempts: Counter<'outcome'>;
  private readonly statusQueries: Counter<'result'>;
  private readonly failovers: Counter;
  private readonly deadLetters: Counter;
  private readonly pending: Gauge<'kind'>;

  constructor(registry: MetricsRegistry) {
    const m = registry.forService('casie-adapter');
    this.circuit = m.gauge(
      'circuit_state',
      'Circuit breaker per destination: 0 closed, 1 half-open, 2 open',
      ['destination'],
    );
    this.attempts = m.counter(
      'delivery_attempts_total',
      'POSTs to Casie (or refused by the open circuit), by outcome',
      ['outcome'],
    );
    this.statusQueries = m.counter(
      'status_queries_total',
      'GET /orders/{orderRef} to resolve a possible send, by result',
      ['result'],
    );
    this.failovers = m.counter(
      'failovers_total',
      'Orders sent to their alternate route while Casie was unavailable',
    );
    this.deadLetters = m.counter(
      'dead_letters_total',
      'Orders dead-lettered after the last delivery attempt',
    );
    this.pending = m.gauge(
      'deliveries_pending',
      'Orders not yet settled with Casie: waiting to be sent, or waiting for a status query',
      ['kind'],
    );
    for (const outcome of ATTEMPT_OUTCOMES) this.attempts.inc({ outcome }, 0);
    for (const result of STATUS_QUERY_RESULTS) this.statusQueries.inc({ result }, 0);
    for (const kind of PENDING_KINDS) this.pending.set({ kind }, 0);
    this.failovers.inc(0);
    this.deadLetters.inc(0);
  }

  circuitState(destination: string, state: CircuitState): void {
    this.circuit.set({ destination }, CIRCUIT_VALUE[state]);
  }

  attempt(outcome: AttemptOutcome): void {
    this.attempts.inc({ outcome });
  }

  statusQuery(result: StatusQueryResult): void {
    this.statusQueries.inc({ result });
  }

  failover(): void {
    this.failovers.inc();
  }

  deadLetter(): void {
    this.deadLetters.inc();
  }

  pendingDeliveries(send: number, statusQuery: number): void {
    this.pending.set({ kind: 'send' }, send);
    this.pending.set({ kind: 'status_query' }, statusQuery);
  }
}
