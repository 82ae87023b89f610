export * from './learning/index.js';
