export * from './domain';
export * from './headers';
export * from './json-schemas';
export * from './messages';
export * from './topics';
export * from './validate';
