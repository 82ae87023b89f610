import { describeStoreContract } from '../contract/store.contract.js';
import { createMemoryStore } from './memory.store.js';

describeStoreContract('memory', {
  durable: false,
  canCorrupt: false,
  create: async () => ({ store: createMemoryStore(), cleanup: async () => {} }),
});
