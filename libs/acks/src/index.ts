export * from './ack-matching.service';
export * from './acks.module';
