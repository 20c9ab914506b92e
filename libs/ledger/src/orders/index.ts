export * from './decimal-text';
export * from './order-from-trade';
export * from './order-ref';
