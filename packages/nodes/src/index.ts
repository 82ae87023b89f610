export type * from './ports.js';
export * from './text/index.js';
