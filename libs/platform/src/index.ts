export * from './backlog';
export * from './bootstrap';
export * from './canary';
export * from './embedded-database';
export * from './platform.module';
export * from './security-headers';
export * from './in-process-service';
export * from './polling-loop';
