export { cutoffAt, cutoffWindow, isoWithOffset, minutesLeft, type FundClock } from './cutoff-clock';
export { TradeWatch, TRADE_WATCH_ACTOR, type WatchReport } from './trade-watch.service';
export { TradeWatchModule } from './trade-watch.module';
export type { TradeWatchOptions } from './trade-watch.options';
export { ANSWER_EVENTS, PENDING_STATUSES } from './trade-watch.queries';
export { ROUTE_LABELS, type CountsByRoute } from './trade-watch.metrics';
