import { describe } from 'vitest';
import { chromiumPath, INSTALL_HINT } from './browser.js';

/**
 * A browser test suite. Without Chromium it is skipped with the install step in its name, so a
 * developer sees why; on CI (CI=true) a missing browser fails the run instead of hiding tests.
 */
export function describeBrowser(name: string, fn: () => void): void {
  if (chromiumPath()) {
    describe(name, fn);
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
