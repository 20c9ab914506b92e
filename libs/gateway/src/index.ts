export * from './batches';
export * from './gateway.module';
export * from './http/api-error';
export * from './http/openapi';
export * from './order-ref';
