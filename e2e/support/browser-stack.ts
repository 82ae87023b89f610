import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { startServer, type TandemServer } from './server.js';
import { startWebhookSink, type WebhookSink } from './webhook-sink.js';

/** What a browser test stands on: a server, a webhook sink and Chromium. */
export interface BrowserStack {
  server: TandemServer;
  sink: WebhookSink;
  browser: Browser;
  /** Closes the browser, then the sink, then the server. */
  stop(): Promise<void>;
}

/** Starts the three side by side (each takes seconds). */
export async function startBrowserStack(): Promise<BrowserStack> {
  const [server, sink, browser] = await Promise.all([
    startServer(),
    startWebhookSink(),
    launchBrowser(),
  ]);
  return {
    server,
    sink,
    browser,
    async stop() {
      await browser.close();
      await sink.close();
      await server.stop();
    },
  };
}
