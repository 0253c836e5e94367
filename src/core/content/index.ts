export * from './kinds';
export * from './slug';
export * from './schema';
export * from './sentences';
export * from './document';
export * from './validate';
