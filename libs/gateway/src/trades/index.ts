export * from './trade-preview';
export * from './trade.view';
export * from './trades.module';
