import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeBrowser, useSettingsStack, type Page1 } from './support/index.js';

/** Saving in Settings: what is refused is shown where the admin looks, and risky saves ask. */
describeBrowser('settings saving', () => {
  const stack = useSettingsStack();

  /** The id and aria-invalid of the element with the keyboard focus. */
  const focused = (page: Page) =>
    page.evaluate(() => ({
      id: document.activeElement?.id ?? '',
      invalid: document.activeElement?.getAttribute('aria-invalid') ?? null,
    }));

  it('takes a mistyped or old settings link to the first tab instead of freezing the page', async () => {
    const page = await stack.adminPage();
    for (const path of ['/settings/brand-kit', '/settings/users/extra', '/settings']) {
      await page.goto(`${stack.server.url}${path}`);
      await page.waitForURL(`${stack.server.url}/settings/users`);
      await page.getByRole('heading', { name: 'Users and roles' }).waitFor();
    }
    await page.close();
  });

  it('tests an LLM endpoint before saving it, and saves one that fails only when asked to', async () => {
    const page = await stack.adminPage();
    try {
      await page.goto(`${stack.server.url}/settings/connections`);
      const banner = page.getByTestId('offline-ai-banner');
      await banner.waitFor();
      await page.getByRole('combobox', { name: 'Kind' }).selectOption('llm');
      await page.getByText(/instead of writing offline demo drafts/).waitFor();
      await page.getByRole('textbox', { name: /^Name/ }).fill('Bad model');
      await page.getByLabel('Base URL').fill('https://llm.example.invalid/v1');
      await page.getByLabel('API key').fill('sk-bad');
      await page.getByRole('button', { name: 'Save connection' }).click();
      const question = page.getByRole('alert').filter({ hasText: 'Save anyway?' });
      await question.waitFor();
      await expect(question.textContent()).resolves.toContain(
        'AI steps will use this endpoint and fail until it answers',
      );
      // Nothing is saved yet, so AI steps still write offline drafts and the banner stays.
      expect((await stack.admin.get<Page1<unknown>>('/api/connections')).items).toEqual([]);
      await expect(banner.isVisible()).resolves.toBe(true);

      await question.getByRole('button', { name: 'Save anyway' }).click();
      await page.locator('.conn-list > li', { hasText: 'Bad model' }).waitFor();
      await banner.waitFor({ state: 'detached' });
    } finally {
      await page.close();
    }
  });

  it('puts the keyboard on the first refused field, with no browser bubble and one toast', async () => {
    const page = await stack.adminPage(1360, 500);
    try {
      await page.goto(`${stack.server.url}/settings/brand`);
      const name = page.getByRole('textbox', { name: /^Name/ });
      await name.fill('');
      const save = page.getByRole('button', { name: 'Save brand kit' });
      await save.click();
      await page.locator('.field-error').first().waitFor();
      await expect(focused(page)).resolves.toMatchObject({ invalid: 'true' });
      await expect(name.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
      // Saved again, refused again: its toast replaces the first one instead of stacking.
      await page.locator('.toast-error').evaluate((el) => el.setAttribute('data-seen', ''));
      await save.click();
      await page.locator('.toast-error:not([data-seen])').waitFor();
      await expect(page.locator('.toast-error').count()).resolves.toBe(1);

      await page.goto(`${stack.server.url}/settings/users`);
      await page.getByRole('textbox', { name: /^Name/ }).fill('Sam Writer');
      await page.getByRole('textbox', { name: /^Email/ }).fill('rae@example');
      await page.getByLabel(/^Initial password/).fill('short');
      await page.getByRole('button', { name: 'Add user' }).click();
      const emailError = page
        .locator('.field', { has: page.getByLabel(/^Email/) })
        .locator('.field-error');
      await emailError.waitFor();
      await expect(emailError.textContent()).resolves.toBe(
        'Enter an email address, like name@example.com',
      );
      await expect(
        page
          .getByRole('textbox', { name: /^Email/ })
          .evaluate((el) => el === document.activeElement),
      ).resolves.toBe(true);
      // The browser's own check is off: its bubble said less and hid the app's message.
      await expect(
        page
          .locator('form', { has: page.getByRole('button', { name: 'Add user' }) })
          .evaluate((f) => (f as HTMLFormElement).noValidate),
      ).resolves.toBe(true);
    } finally {
      await page.close();
    }
  });

  it('keeps the domain of a pasted link, refuses a non-domain and a Slack URL that is not Slack’s', async () => {
    const page = await stack.adminPage();
    try {
      await page.goto(`${stack.server.url}/settings/brand`);
      const domains = page.getByLabel('Allowed link domains');
      await domains.fill('https://lumen.example/path\nnot a domain!!');
      await page.getByRole('button', { name: 'Save brand kit' }).click();
      const error = page.locator('.field', { has: domains }).locator('.field-error');
      await error.waitFor();
      await expect(error.textContent()).resolves.toContain('"not a domain!!" is not a domain');
      await domains.fill('https://lumen.example/path');
      await page.getByRole('button', { name: 'Save brand kit' }).click();
      await page.getByText(/Brand kit saved/).waitFor();
      await expect(domains.inputValue()).resolves.toBe('lumen.example');

      await page.goto(`${stack.server.url}/settings/connections`);
      await page.getByRole('combobox', { name: 'Kind' }).selectOption('slack');
      await page.getByRole('textbox', { name: /^Name/ }).fill('Team channel');
      const url = page.getByLabel(/^Incoming webhook URL/);
      await url.fill('https://example.com/not-slack');
      await page.getByRole('button', { name: 'Save connection' }).click();
      const slackError = page.locator('.field', { has: url }).locator('.field-error');
      await slackError.waitFor();
      await expect(slackError.textContent()).resolves.toContain('https://hooks.slack.com/');
      await expect(url.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    } finally {
      await page.close();
    }
  });

  it('asks before granting or removing admin, and Cancel changes nothing', async () => {
    const page = await stack.adminPage();
    try {
      await page.goto(`${stack.server.url}/settings/users`);
      const box = page
        .getByRole('group', { name: 'Roles of Max Manager' })
        .getByRole('checkbox', { name: 'admin' });
      const roles = async () =>
        (await stack.admin.get<Page1<{ email: string; roles: string[] }>>('/api/users')).items.find(
          (u) => u.email === 'manager@example.com',
        )!.roles;
      await box.click();
      const grant = page.getByRole('dialog', { name: 'Make Max Manager an admin?' });
      await grant.getByRole('button', { name: 'Cancel' }).click();
      await grant.waitFor({ state: 'hidden' });
      await expect(box.isChecked()).resolves.toBe(false);
      await expect(roles()).resolves.not.toContain('admin');

      await box.click();
      await grant.getByRole('button', { name: 'Make admin' }).click();
      await expect.poll(roles).toContain('admin');
      await box.click();
      await page
        .getByRole('dialog', { name: 'Remove admin from Max Manager?' })
        .getByRole('button', { name: 'Remove admin' })
        .click();
      await expect.poll(roles).not.toContain('admin');
    } finally {
      await page.close();
    }
  });
});
