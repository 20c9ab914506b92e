export * from './app-process';
export * from './database';
export * from './expect-eventually';
export * from './test-principal.guard';
export * from './released-orders';
export * from './sftp-server';
