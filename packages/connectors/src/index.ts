export * from './llm/index.js';
export * from './http/index.js';
export * from './crypto/index.js';
export * from './publish/index.js';
