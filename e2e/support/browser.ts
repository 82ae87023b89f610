import { accessSync, constants } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { describe } from 'vitest';

/** The flags COMMON.md lists for Debian's Chromium in this environment. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const INSTALL_HINT = 'install Chromium: apt-get install chromium, or set CHROMIUM_PATH';

export function chromiumPath(): string | null {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  try {
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    return null;
  }
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error(`No Chromium found: ${INSTALL_HINT}`);
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

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
