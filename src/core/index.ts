/** The runtime-neutral core: content model, search, answers. No Hono, Workers, Slack or Node imports. */
export * from './content/index';
export * from './markdown/index';
export * from './search/text';
export * from './search/engine';
export * from './search/build';
export * from './answer/intent';
export * from './answer/links';
export * from './answer/compose';
export * from './answer/jargon';
export * from './answer/passages';
export type * from './answer/types';
export * from './knowledge/knowledge';
export * from './knowledge/limits';
export type * from './knowledge/types';
export * from './eval/metrics';
export * from './eval/answers';
export * from './calc/index';
export * from './dialogue/index';
