export { createInProcessQueue } from './in-process.queue.js';
export type * from './queue.port.js';
