import { Module } from '@nestjs/common';
import { TradeCancellation } from './trade-cancellation.service';
import { TradeQueries } from './trade.queries';
import { TradesController } from './trades.controller';

/** GET /trades, /trades/{id}, /trades/{id}/preview, POST /trades/{id}/cancel. Needs LedgerModule (global). */
@Module({
  controllers: [TradesController],
  providers: [TradeQueries, TradeCancellation],
  exports: [TradeQueries],
})
export class TradesModule {}
