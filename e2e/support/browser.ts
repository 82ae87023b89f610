import { accessSync, constants } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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

/** The address of the Chromium the test run shares (shared-browser.ts), when there is one. */
export const SHARED_BROWSER_ENV = 'TANDEM_TEST_BROWSER_WS';

/**
 * Chromium for a test file: a connection to the run's shared one when vitest started it, else
 * one of its own (the benchmarks, or a script outside vitest). Closing a connected browser
 * closes the contexts it opened and disconnects, leaving the shared one running.
 */
export async function launchBrowser(): Promise<Browser> {
  const shared = process.env[SHARED_BROWSER_ENV];
  if (shared) return chromium.connect(shared);
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error(`No Chromium found: ${INSTALL_HINT}`);
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}
