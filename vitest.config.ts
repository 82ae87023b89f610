import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// One runner for the whole workspace: `pnpm test` runs unit, contract, integration and
// browser tests. Browser tests (e2e/) start their own server and find Chromium themselves.
export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'apps/*/src/**/*.test.{ts,tsx}',
      'e2e/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    environment: 'node',
    pool: 'forks',
    // Two files at once even on a 2-core machine, where vitest's default is one: a browser test
    // spends most of its time waiting on its server and Chromium (separate processes), and one
    // at a time left CI's cores mostly idle and the run past 20 minutes.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // A browser test polls for what the page shows after a request; vitest's default of 1 s was
    // too short on a loaded 2-core CI machine (a flow's connection list took longer to arrive).
    expect: { poll: { timeout: 5_000 } },
    reporters: ['default'],
  },
});
