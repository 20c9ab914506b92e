export * from './events.module';
export * from './trade-event.feed';
export * from './trade-status.event';
