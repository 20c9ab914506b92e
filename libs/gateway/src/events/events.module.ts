import { Module, type DynamicModule } from '@nestjs/common';
import { EventsController } from './events.controller';
import { EVENT_FEED_OPTIONS, TradeEventFeed, type EventFeedOptions } from './trade-event.feed';
import { TradeEventStream } from './trade-event.stream';
import { TradeHistoryReader } from './trade-history.reader';

/**
 * GET /events: trade status changes and alerts as server-sent events. Needs LedgerModule and
 * ObservabilityModule.
 */
@Module({
  controllers: [EventsController],
  providers: [TradeHistoryReader, TradeEventFeed, TradeEventStream],
})
export class EventsModule {
  /** The same module with other poll/heartbeat timings (tests, tuning). */
  static withOptions(options: Partial<EventFeedOptions>): DynamicModule {
    return { module: EventsModule, providers: [{ provide: EVENT_FEED_OPTIONS, useValue: options }] };
  }
}
