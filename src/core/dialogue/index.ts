export * from './schema';
export * from './engine';
export * from './validate';
export * from './render';
