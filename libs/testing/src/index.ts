export * from './database';
export * from './expect-eventually';
