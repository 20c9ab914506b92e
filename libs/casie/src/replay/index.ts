export * from './order-replay.controller';
export * from './order-replay.module';
export * from './order-replay.service';
