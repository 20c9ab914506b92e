import { Module } from '@nestjs/common';
import { TradeCancellation } from './trade-cancellation.service';
import { TradeResolution } from './trade-resolution.service';
import { TradeQueries } from './trade.queries';
import { TradesController } from './trades.controller';

/** GET /trades, /trades/{id}, /trades/{id}/preview, POST /trades/{id}/cancel and /resolve. Needs LedgerModule (global). */
@Module({
  controllers: [TradesController],
  providers: [TradeQueries, TradeCancellation, TradeResolution],
  exports: [TradeQueries],
})
export class TradesModule {}
