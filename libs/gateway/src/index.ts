export * from './batch-approval.service';
export * from './gateway.module';
export * from './http/api-error';
export * from './http/openapi';
export * from './order-ref';
export * from './trade-intake.service';
