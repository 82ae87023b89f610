import { describe } from 'vitest';
import { chromiumPath, INSTALL_HINT } from './browser.js';

/**
 * A test's time limit unless it names its own. A browser test signs in, opens pages and waits for
 * what they show: on a 2-core machine also running other work, that alone passed the workspace's
 * 30 s for unit tests (a test that passes in 5 s on a quiet machine timed out in CI).
 */
const BROWSER_TEST_TIMEOUT_MS = 90_000;

/**
 * A browser test suite. Without Chromium it is skipped with the install step in its name, so a
 * developer sees why; on CI (CI=true) a missing browser fails the run instead of hiding tests.
 */
export function describeBrowser(name: string, fn: () => void): void {
  if (chromiumPath()) {
    describe(name, { timeout: BROWSER_TEST_TIMEOUT_MS }, fn);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      throw new Error(`Browser tests need Chromium on CI: ${INSTALL_HINT}`);
    });
    return;
  }
  describe.skip(`${name} (skipped: ${INSTALL_HINT})`, fn);
}
