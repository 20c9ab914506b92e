export * from './bootstrap';
export * from './embedded-database';
export * from './platform.module';
export * from './in-process-service';
export * from './polling-loop';
