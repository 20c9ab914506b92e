import { type DynamicModule, Module } from '@nestjs/common';
import { CasieEndpoint } from './casie-endpoint';
import { casieCanaryProbe } from './casie.canary';
import { CasieClient } from './casie.client';
import { CasieConsumer } from './casie.consumer';
import { CasieMetrics } from './casie.metrics';
import { CASIE_SETTINGS, type CasieModuleOptions, resolveCasieOptions } from './casie.options';
import { CasieDeliveries } from './delivery/casie-deliveries.repository';
import { CasieDeliveryWorker } from './delivery/casie-delivery.worker';
import { CasieIntake } from './delivery/casie-intake.service';
import { DeliveryOutcomes } from './delivery/delivery-outcomes.service';
import { TradeReroute } from './delivery/trade-reroute.repository';

/**
 * The casie-adapter: consumes orders.casie.v1 and delivers each order to Casie exactly once, with
 * retries, status queries, a circuit breaker and failover. Needs the platform (ledger, messaging,
 * observability).
 */
@Module({})
export class CasieModule {
  static forRoot(options: CasieModuleOptions): DynamicModule {
    const settings = resolveCasieOptions(options);
    return {
      module: CasieModule,
      providers: [
        { provide: CASIE_SETTINGS, useValue: settings },
        { provide: CasieClient, useValue: new CasieClient(settings) },
        CasieMetrics,
        CasieEndpoint,
        CasieDeliveries,
        TradeReroute,
        DeliveryOutcomes,
        CasieDeliveryWorker,
        CasieIntake,
        CasieConsumer,
        casieCanaryProbe,
      ],
      exports: [CasieDeliveryWorker, CasieEndpoint],
    };
  }
}
