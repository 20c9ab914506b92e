export * from './casie-endpoint';
export * from './casie-order';
export * from './casie.client';
export * from './casie.metrics';
export * from './casie.module';
export * from './casie.options';
export * from './circuit-breaker';
export { CasieDeliveryWorker } from './delivery/casie-delivery.worker';
export * from './replay';
