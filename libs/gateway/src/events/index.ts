export * from './events.module';
export * from './trade-alert.event';
export * from './trade-event.feed';
export * from './trade-status.event';
