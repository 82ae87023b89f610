import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  apiLogin,
  describeBrowser,
  loginAs,
  startBrowserStack,
  type ApiClient,
  type BrowserStack,
  type TandemServer,
} from './support/index.js';

/** Review emails: a reviewer's own choice, and the admin's setting that makes it possible. */
describeBrowser('review email notifications', () => {
  let stack: BrowserStack | undefined;
  let server: TandemServer;
  let admin: ApiClient;
  let reviewer: ApiClient;

  beforeAll(async () => {
    stack = await startBrowserStack();
    server = stack.server;
    admin = await apiLogin(server.url, 'admin@example.com');
    reviewer = await apiLogin(server.url, 'reviewer@example.com');
  }, 300_000);

  afterAll(() => stack?.stop());

  async function pageAs(email: string, timezoneId?: string): Promise<Page> {
    const page = await stack!.browser.newPage({
      viewport: { width: 1360, height: 900 },
      ...(timezoneId ? { timezoneId } : {}),
    });
    await loginAs(page, server.url, email);
    return page;
  }

  it('tells a reviewer when an admin has not set it up, and the choice cannot be switched on', async () => {
    const page = await pageAs('reviewer@example.com');
    try {
      await page.getByRole('link', { name: 'Your settings' }).click();
      await page.getByText('An admin has not set up email notifications yet').waitFor();
      await expect(page.getByRole('radio', { name: 'Off' }).isChecked()).resolves.toBe(true);
      await expect(page.getByRole('radio', { name: 'On' }).isDisabled()).resolves.toBe(true);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('lets an admin choose the SMTP connection, refusing an address that is not http(s) at its field', async () => {
    const { id: connectionId } = await admin.post<{ id: string }>('/api/connections', {
      kind: 'smtp',
      name: 'Team mail',
      settings: { host: 'smtp.example.com', port: 587, from: 'tandem@example.com' },
      secrets: {},
    });
    const page = await pageAs('admin@example.com');
    try {
      await page.goto(`${server.url}/settings/notifications`);
      await page.getByLabel('Send with').selectOption(connectionId);
      const address = page.getByLabel(/^Tandem's address/);
      await address.fill('ftp://tandem.example.com');
      const save = page.getByRole('button', { name: 'Save notification settings' });
      await save.click();
      const error = page.locator('.field', { has: address }).locator('.field-error');
      await error.waitFor();
      await expect(error.textContent()).resolves.toBe('Use an http:// or https:// address');
      await expect(address.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
      await address.fill('https://tandem.example.com/');
      await save.click();
      await page.getByText('Saved: reviewers who asked for it get review emails').waitFor();
    } finally {
      await page.close();
    }
    await expect(admin.get('/api/notifications/settings')).resolves.toMatchObject({
      connectionId,
      baseUrl: 'https://tandem.example.com',
    });
  }, 60_000);

  it('lets the reviewer switch review emails on from the keyboard once it is set up', async () => {
    const page = await pageAs('reviewer@example.com', 'Europe/Paris');
    try {
      await page.goto(`${server.url}/account`);
      const on = page.getByRole('radio', { name: 'On' });
      await on.waitFor();
      await expect(page.getByText('An admin has not set up').count()).resolves.toBe(0);
      await page.getByRole('radio', { name: 'Off' }).focus();
      await page.keyboard.press('ArrowDown');
      await page.getByText('Saved: you get an email when a review waits for you').waitFor();
      await expect(on.isChecked()).resolves.toBe(true);
      // The emails give due times in the zone of the browser the choice was made in.
      await expect(page.getByTestId('review-email-zone').textContent()).resolves.toBe(
        'Due times in these emails are in Europe/Paris time, this browser’s time zone. ',
      );
    } finally {
      await page.close();
    }
    await expect(reviewer.get('/api/notifications/preference')).resolves.toEqual({
      reviewEmails: true,
      available: true,
      timeZone: 'Europe/Paris',
    });

    // Opened in another zone, the page says so and moves the emails to it on request.
    const travelling = await pageAs('reviewer@example.com', 'America/New_York');
    try {
      await travelling.goto(`${server.url}/account`);
      const zone = travelling.getByTestId('review-email-zone');
      await zone.getByText('Due times in these emails are in Europe/Paris time.').waitFor();
      await zone.getByRole('button', { name: 'Use America/New_York' }).click();
      await travelling
        .getByText('Saved: due times in your emails are in America/New_York time')
        .waitFor();
      await zone.getByText('America/New_York time, this browser’s time zone').waitFor();
    } finally {
      await travelling.close();
    }
  }, 60_000);
});
