// The HTTP thread's entry. The workspace runs TypeScript through tsx; a worker started from a
// test runner or a compiled host has no loader of its own, so it registers tsx first.
import { register } from 'tsx/esm/api';

register();
await import('./http-thread.worker.ts');
