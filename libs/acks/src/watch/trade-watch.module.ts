import { type DynamicModule, Module } from '@nestjs/common';
import { Clock, SystemClock } from '@contingency/validation';
import { TradeWatchMetrics } from './trade-watch.metrics';
import {
  resolveTradeWatchOptions,
  TRADE_WATCH_SETTINGS,
  type TradeWatchOptions,
} from './trade-watch.options';
import { TradeWatchQueries } from './trade-watch.queries';
import { TradeWatch } from './trade-watch.service';

/**
 * The SLA and cut-off watch (ACK_OVERDUE, CUTOFF_AT_RISK and their gauges): `TradeWatchModule.forRoot(
 * config.watch)` beside AcksModule. Needs the LedgerModule and the ObservabilityModule.
 */
@Module({})
export class TradeWatchModule {
  static forRoot(options: TradeWatchOptions): DynamicModule {
    return {
      module: TradeWatchModule,
      providers: [
        { provide: TRADE_WATCH_SETTINGS, useValue: resolveTradeWatchOptions(options) },
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        TradeWatchQueries,
        TradeWatchMetrics,
        TradeWatch,
      ],
      exports: [TradeWatch],
    };
  }
}
