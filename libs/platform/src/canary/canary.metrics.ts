import { Injectable } from '@nestjs/common';
import type { Counter, Gauge } from 'prom-client';
import { MetricsRegistry } from '@contingency/observability';

export const PROBE_OUTCOMES = ['success', 'failure'] as const;
export type ProbeOutcome = (typeof PROBE_OUTCOMES)[number];

interface ServiceCanarySeries {
  probes: Counter<'target' | 'outcome'>;
  lastSuccess: Gauge<'target'>;
}

/**
 * `<service>_canary_probes_total{target,outcome}` and `<service>_canary_last_success_timestamp_seconds{target}`,
 * named after the service that owns the probe (casie_adapter_*, also in standalone), every target's series
 * at zero once it is registered. The failure ratio is the alert rules' to compute.
 */
@Injectable()
export class CanaryMetrics {
  private readonly series = new Map<string, ServiceCanarySeries>();

  constructor(private readonly registry: MetricsRegistry) {}

  known(service: string, target: string): void {
    const { probes, lastSuccess } = this.of(service);
    for (const outcome of PROBE_OUTCOMES) probes.inc({ target, outcome }, 0);
    lastSuccess.set({ target }, 0);
  }

  probed(service: string, target: string, outcome: ProbeOutcome, at: Date): void {
    const { probes, lastSuccess } = this.of(service);
    probes.inc({ target, outcome });
    if (outcome === 'success') lastSuccess.set({ target }, at.getTime() / 1_000);
  }

  private of(service: string): ServiceCanarySeries {
    let series = this.series.get(service);
    if (!series) {
      const m = this.registry.forService(service);
      series = {
        probes: m.counter('canary_probes_total', 'Connectivity canary probes, by target and outcome', [
          'target',
          'outcome',
        ]),
        lastSuccess: m.gauge(
          'canary_last_success_timestamp_seconds',
          'Unix time of the last successful canary probe of the target (0: none yet)',
          ['target'],
        ),
      };
      this.series.set(service, series);
    }
    return series;
  }
}
