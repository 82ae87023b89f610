import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

const UNIT_ROOTS = ['packages', 'apps'];
const TEST_FILE = /\.test\.tsx?$/;
/** What makes a test file unsafe to share a module graph with others (vitest's own list). */
const NEEDS_ISOLATION = /\bvi\.(mock|doMock|stubGlobal|stubEnv)\(/;

function testFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && TEST_FILE.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((path) => !path.includes('node_modules') && !path.includes('/dist/'));
}

/**
 * Unit test files that mock modules or stub globals: they keep a module graph of their own. The
 * rest share one per worker, which took the unit run from 390 s to 160 s on CI's 2 cores (most of
 * it was importing the same modules again for every file).
 */
const isolatedUnitFiles = UNIT_ROOTS.flatMap((root) =>
  readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) => testFilesUnder(join(root, e.name, 'src'))),
).filter((path) => NEEDS_ISOLATION.test(readFileSync(path, 'utf8')));

const UNIT_INCLUDE = ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.{ts,tsx}'];
const NEVER_TESTS = ['**/node_modules/**', '**/dist/**'];

// One runner for the whole workspace: `pnpm test` runs unit, contract, integration and
// browser tests. Browser tests (e2e/) start their own server and find Chromium themselves.
export default defineConfig({
  test: {
    exclude: NEVER_TESTS,
    environment: 'node',
    pool: 'forks',
    // Two files at once even on a 2-core machine, where vitest's default is one: a browser test
    // file alone keeps about 1.2 cores busy (its server and Chromium are processes of their
    // own), so one at a time left CI's second core partly idle.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // A browser test polls for what the page shows after a request; vitest's default of 1 s was
    // too short on a loaded 2-core CI machine (a flow's connection list took longer to arrive).
    expect: { poll: { timeout: 5_000 } },
    reporters: ['default'],
    // Projects run in name order: the browser tests, the longest files, start first and the many
    // short unit files fill in at the end.
    projects: [
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['e2e/**/*.test.ts', 'bench/**/*.test.ts'],
          globalSetup: ['e2e/support/shared-browser.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'unit-isolated', include: isolatedUnitFiles },
      },
      {
        extends: true,
        test: {
          name: 'unit',
          include: UNIT_INCLUDE,
          exclude: [...NEVER_TESTS, ...isolatedUnitFiles],
          isolate: false,
        },
      },
    ],
  },
});
