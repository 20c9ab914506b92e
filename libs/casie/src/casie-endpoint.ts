import { Inject, Injectable } from '@nestjs/common';
import type { Order } from '@contingency/contracts';
import { CasieClient, type StatusResult, type SubmitResult } from './casie.client';
import { CasieMetrics } from './casie.metrics';
import { CASIE_SETTINGS, type CasieSettings } from './casie.options';
import { CircuitBreaker } from './circuit-breaker';

export type GuardedSubmitResult = SubmitResult | { kind: 'circuit-open'; reason: string };

/**
 * Casie behind its circuit breaker: an open circuit answers "unavailable" without a call; every answer
 * feeds the breaker (a definite answer, a refusal included, is a success) and the metrics.
 */
@Injectable()
export class CasieEndpoint {
  private readonly breaker: CircuitBreaker;
  readonly destination: string;

  constructor(
    @Inject(CasieClient) private readonly client: CasieClient,
    @Inject(CASIE_SETTINGS) settings: CasieSettings,
    private readonly metrics: CasieMetrics,
  ) {
    this.destination = client.destination;
    this.breaker = new CircuitBreaker(settings.circuit, (state) =>
      metrics.circuitState(this.destination, state),
    );
    metrics.circuitState(this.destination, this.breaker.state);
  }

  get circuitState() {
    return this.breaker.state;
  }

  async submit(order: Order): Promise<GuardedSubmitResult> {
    if (!this.breaker.tryAcquire()) {
      this.metrics.attempt('circuit_open');
      return { kind: 'circuit-open', reason: `circuit open for ${this.destination}` };
    }
    const result = await this.client
      .submit(order)
      .catch((error: unknown): SubmitResult => ({ kind: 'unknown', reason: String(error) }));
    if (result.kind === 'accepted' || result.kind === 'rejected') this.breaker.success();
    else this.breaker.failure();
    this.metrics.attempt(result.kind);
    return result;
  }

  async status(orderRef: string): Promise<StatusResult> {
    if (!this.breaker.tryAcquire()) {
      this.metrics.statusQuery('unreachable');
      return { kind: 'unreachable', reason: `circuit open for ${this.destination}` };
    }
    const result = await this.client
      .status(orderRef)
      .catch((error: unknown): StatusResult => ({ kind: 'unreachable', reason: String(error) }));
    if (result.kind === 'unreachable') this.breaker.failure();
    else this.breaker.success();
    this.metrics.statusQuery(result.kind === 'not-received' ? 'not_received' : result.kind);
    return result;
  }
}
