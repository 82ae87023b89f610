import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, SHARED_BROWSER_ENV } from './browser.js';
import { buildServerBundle, SERVER_BUNDLE_ENV } from './server-bundle.js';

/*
 * vitest's global setup for the browser tests: one Chromium for the whole run, which each test
 * file connects to (launchBrowser) instead of starting its own. Starting Chromium cost each of
 * forty-odd files a few seconds of CPU, and CI's two cores were busy for the whole run. Each file
 * still gets browser contexts of its own, so no cookies or storage cross between files.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  const executablePath = chromiumPath();
  // Without Chromium the files say why they are skipped, or fail on CI (describeBrowser).
  if (!executablePath) return undefined;
  const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
  const [server, bundle] = await Promise.all([
    chromium.launchServer({ executablePath, args: CHROMIUM_ARGS, headless: true }),
    buildServerBundle(repoRoot),
  ]);
  // Read by launchBrowser and startServer in the test files' processes, which vitest starts
  // after this.
  process.env[SHARED_BROWSER_ENV] = server.wsEndpoint();
  process.env[SERVER_BUNDLE_ENV] = bundle;
  return async () => {
    delete process.env[SHARED_BROWSER_ENV];
    delete process.env[SERVER_BUNDLE_ENV];
    await server.close();
  };
}
