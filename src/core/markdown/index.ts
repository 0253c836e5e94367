export * from './blocks';
export * from './inline';
export * from './html';
export * from './text';
