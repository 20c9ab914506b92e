export * from './admin';
export * from './batches';
export * from './events';
export * from './gateway.module';
export * from './http/api-error';
export * from './http/openapi';
export * from './reference';
export * from './trades';
