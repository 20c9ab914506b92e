export * from './domain';
export * from './headers';
export * from './messages';
export * from './topics';
export * from './validate';
