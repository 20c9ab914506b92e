export * from './batch-approval.service';
export * from './gateway.module';
export * from './order-ref';
export * from './trade-intake.service';
