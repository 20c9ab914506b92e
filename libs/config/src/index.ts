export * from './app-config';
export * from './config.error';
export * from './describe-config';
export * from './load-config';
