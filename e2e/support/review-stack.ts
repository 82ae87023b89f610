import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiLogin, type ApiClient } from './api.js';
import { loginAs } from './auth.js';
import { socialReviewFlow } from './review-flows.js';
import { startBrowserStack } from './browser-stack.js';
import type { TandemServer } from './server.js';
import type { WebhookSink } from './webhook-sink.js';

/**
 * What the review browser tests share: a server, a webhook sink and Chromium, designer and admin
 * API clients, and the social post flow published as `flowId`.
 */
export interface ReviewStack {
  server: TandemServer;
  sink: WebhookSink;
  browser: Browser;
  /** Browser contexts opened for the tests, closed by `stop`. */
  contexts: BrowserContext[];
  designer: ApiClient;
  admin: ApiClient;
  flowId: string;
  /** A page in a browser context of its own, signed in, on the app's home. */
  pageFor(email: string, password?: string, width?: number): Promise<Page>;
  stop(): Promise<void>;
}

/** Starts the stack; `prepare` runs as admin before the flow is created (extra users, say). */
export async function startReviewStack(
  prepare?: (admin: ApiClient) => Promise<unknown>,
): Promise<ReviewStack> {
  const base = await startBrowserStack();
  const { server, sink, browser } = base;
  const contexts: BrowserContext[] = [];
  const stop = async () => {
    for (const c of contexts) await c.close();
    await base.stop();
  };
  try {
    const [designer, admin] = await Promise.all([
      apiLogin(server.url, 'designer@example.com'),
      apiLogin(server.url, 'admin@example.com'),
    ]);
    await prepare?.(admin);
    const flow = await designer.post<{ id: string }>('/api/flows', socialReviewFlow(sink.url));
    await designer.post(`/api/flows/${flow.id}/publish`);
    return {
      server,
      sink,
      browser,
      contexts,
      designer,
      admin,
      flowId: flow.id,
      async pageFor(email, password, width = 1360) {
        const context = await browser.newContext({ viewport: { width, height: 900 } });
        contexts.push(context);
        const page = await context.newPage();
        await loginAs(page, server.url, email, { password });
        return page;
      },
      stop,
    };
  } catch (error) {
    // The server is a child process: a failed setup must not leave it running.
    await stop();
    throw error;
  }
}
