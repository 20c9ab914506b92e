// Moved to batches/; this path stays only until GatewayModule imports BatchesModule instead.
export * from './batches/batch-approval.service';
