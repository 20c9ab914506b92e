import { Injectable } from '@nestjs/common';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { ServiceMetrics } from './service.metrics';

// One registry per process: in standalone mode several services share the process, and the default
// process_* / nodejs_* metrics must be collected exactly once.
let processRegistry: Registry | undefined;

function sharedRegistry(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

@Injectable()
export class MetricsRegistry {
  readonly registry = sharedRegistry();
  private readonly services = new Map<string, ServiceMetrics>();

  forService(service: string): ServiceMetrics {
    let metrics = this.services.get(service);
    if (!metrics) {
      metrics = new ServiceMetrics(service, this.registry);
      this.services.set(service, metrics);
    }
    return metrics;
  }

  /** The exposition text for GET /metrics. */
  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
