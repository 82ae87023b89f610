import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  apiLogin,
  cleanBlurbFlow,
  describeBrowser,
  launchBrowser,
  loginAs,
  startServer,
  until,
  type ApiClient,
  type Page1,
  type TandemServer,
} from './support/index.js';

/* An admin replays a dead letter and watches what becomes of it, without reloading. */

describeBrowser('dead letters', () => {
  let server: TandemServer;
  let receiver: Server;
  let browser: Browser;
  let admin: ApiClient;
  let page: Page;

  beforeAll(async () => {
    // The receiver refuses every delivery (400: not retried), so each send gives up, but only
    // after a while: a replay that fails again does so after the list was read.
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        setTimeout(() => res.writeHead(400).end('{"error":"refused"}'), 1_500);
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    admin = await apiLogin(server.url, 'admin@example.com');
    const designer = await apiLogin(server.url, 'designer@example.com');
    const reviewer = await apiLogin(server.url, 'reviewer@example.com');
    const flow = await designer.post<{ id: string }>('/api/flows', cleanBlurbFlow(receiverUrl));
    await designer.post(`/api/flows/${flow.id}/publish`);
    const run = await designer.post<{ id: string }>(`/api/flows/${flow.id}/runs`, {
      input: { topic: 'refused' },
    });
    const task = await until(async () => {
      const page = await reviewer.get<Page1<{ id: string }>>(`/api/tasks?runId=${run.id}`);
      return page.items[0];
    }, 'the review task');
    await reviewer.post(`/api/tasks/${task.id}/decision`, { action: 'approve' });
    await until(async () => {
      const body = await admin.get<{ items: unknown[] }>('/api/dead-letters');
      return body.items.length === 1 ? true : undefined;
    }, 'the first delivery to give up');
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    page = await context.newPage();
    await loginAs(page, server.url, 'admin@example.com');
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    receiver?.close();
    await server?.stop();
  }, 90_000);

  it('shows a replay that failed again coming back, without a reload', async () => {
    await page.goto(`${server.url}/runs`);
    const letters = page.locator('.dead-letters li');
    await letters.first().waitFor();
    await expect(letters.count()).resolves.toBe(1);
    const replay = page.getByRole('button', { name: 'Replay' });
    await replay.waitFor();
    await replay.click();
    // Off the list while it is sent again…
    await until(async () => ((await letters.count()) === 0 ? true : undefined), 'the replay');
    // Back in the list once it has given up again, Replay offered again.
    await page.getByRole('button', { name: 'Replay' }).waitFor({ timeout: 15_000 });
    await expect(letters.count()).resolves.toBe(1);
  }, 90_000);
});
