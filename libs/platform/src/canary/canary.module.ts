import {
  type DynamicModule,
  type FactoryProvider,
  Global,
  type InjectionToken,
  Module,
} from '@nestjs/common';
import { Canary, CANARY_SETTINGS, type CanaryProbe, type CanarySettings } from './canary';
import { CanaryMetrics } from './canary.metrics';

/** The connectivity canary of a process; the platform imports it, the services add their probes. */
@Global()
@Module({})
export class CanaryModule {
  static forRoot(settings: CanarySettings): DynamicModule {
    return {
      module: CanaryModule,
      providers: [{ provide: CANARY_SETTINGS, useValue: settings }, CanaryMetrics, Canary],
      exports: [Canary],
    };
  }
}

export interface CanaryProbeDefinition<D extends unknown[]> extends Omit<CanaryProbe, 'probe'> {
  /** Providers the probe needs, given to it in this order. */
  inject?: InjectionToken[];
  probe: (...dependencies: D) => Promise<void>;
}

/**
 * A provider, for the service module's own `providers`, that registers one probe with the canary:
 * `canaryProbe({ service: 'casie-adapter', target: 'casie', inject: [CasieClient], probe: probeCasie })`.
 */
export function canaryProbe<D extends unknown[]>(definition: CanaryProbeDefinition<D>): FactoryProvider {
  const { service, target, inject = [], probe } = definition;
  return {
    provide: Symbol(`canary probe ${service}/${target}`),
    inject: [Canary, ...inject],
    useFactory: (canary: Canary, ...dependencies: unknown[]) => {
      canary.register({ service, target, probe: () => probe(...(dependencies as D)) });
      return target;
    },
  };
}
