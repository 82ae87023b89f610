import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFakeOpenAiServer } from '@tandem/connectors';
import {
  apiLogin,
  describeBrowser,
  loginAs,
  startBrowserStack,
  type ApiClient,
  type BrowserStack,
  type Page1,
  type TandemServer,
  until,
} from './support/index.js';

/** The Settings area as an admin who never read the docs uses it: bad input, risky clicks, a phone. */
describeBrowser('settings', () => {
  let stack: BrowserStack | undefined;
  let server: TandemServer;
  let admin: ApiClient;

  beforeAll(async () => {
    stack = await startBrowserStack();
    server = stack.server;
    admin = await apiLogin(server.url, 'admin@example.com');
  }, 300_000);

  afterAll(() => stack?.stop());

  async function adminPage(width = 1360, height = 900): Promise<Page> {
    const page = await stack!.browser.newPage({ viewport: { width, height } });
    await loginAs(page, server.url, 'admin@example.com');
    return page;
  }

  /** The message shown under the field with this label, once there is one. */
  const errorUnder = async (page: Page, label: RegExp): Promise<string | null> => {
    const error = page.locator('.field', { has: page.getByLabel(label) }).locator('.field-error');
    await error.waitFor();
    return error.textContent();
  };

  it('says under each connection field what is wrong, in words, and keeps what was typed', async () => {
    const page = await adminPage();
    await page.goto(`${server.url}/settings/connections`);
    await page.getByRole('combobox', { name: 'Kind' }).selectOption('smtp');
    await page.getByRole('textbox', { name: /^Name/ }).fill('Newsletter mail');
    await page.getByLabel('Port').fill('99999');
    await page.getByRole('button', { name: 'Save connection' }).click();
    await expect(errorUnder(page, /^Host/)).resolves.toBe('Required');
    await expect(errorUnder(page, /^Port/)).resolves.toBe('Must be 65535 or less');
    await expect(errorUnder(page, /^From address/)).resolves.toBe('Required');
    // Tabbing back to the field, a screen reader hears that it is invalid and why.
    await page.getByLabel('Port').focus();
    const focused = await page.evaluate(() => {
      const control = document.activeElement!;
      const described = (control.getAttribute('aria-describedby') ?? '').split(' ');
      return {
        invalid: control.getAttribute('aria-invalid'),
        descriptions: described.map((id) => document.getElementById(id)?.textContent),
      };
    });
    expect(focused.invalid).toBe('true');
    expect(focused.descriptions).toContain('Must be 65535 or less');
    await expect(page.getByRole('textbox', { name: /^Name/ }).inputValue()).resolves.toBe(
      'Newsletter mail',
    );

    await page.getByRole('combobox', { name: 'Kind' }).selectOption('webhook');
    await page.getByRole('textbox', { name: /^URL/ }).fill('https://example.com/hook');
    await page.getByLabel(/^Signing secret/).fill('not-a-signing-secret');
    await page.getByRole('button', { name: 'Save connection' }).click();
    await expect(errorUnder(page, /^Signing secret/)).resolves.toContain('whsec_');
    await page.close();
  });

  it("names a connection's stored fields in words and never shows a secret", async () => {
    const apiKey = 'sk-e2e-llm-key-that-must-stay-hidden';
    await admin.post('/api/connections', {
      kind: 'llm',
      name: 'Team model',
      settings: { baseUrl: 'https://llm.example.com/v1', model: 'small' },
      secrets: { apiKey },
    });
    const page = await adminPage();
    await page.goto(`${server.url}/settings/connections`);
    const card = page.locator('.conn-list > li', { hasText: 'Team model' });
    await card.getByText('Base URL').waitFor();
    const text = (await card.textContent())!;
    expect(text).toContain('API key');
    // An LLM endpoint is tested too: by a one-word question to its model.
    await expect(card.getByRole('button', { name: 'Test connection' }).count()).resolves.toBe(1);
    expect(text).not.toMatch(/baseUrl|apiKey/);
    await expect(page.content()).resolves.not.toContain(apiKey);

    // Removing one asks first; Keep it keeps it.
    await card.getByRole('button', { name: 'Remove' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove Team model?' });
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await card.getByRole('button', { name: 'Remove' }).click();
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await card.waitFor({ state: 'detached' });
    const left = await admin.get<Page1<{ name: string }>>('/api/connections');
    expect(left.items.map((c) => c.name)).not.toContain('Team model');
    await page.close();
  });

  it('adds a user only with a role, and shows a taken email under the Email field', async () => {
    const page = await adminPage();
    await page.goto(`${server.url}/settings/users`);
    const form = page.locator('form', { hasText: 'Add a user' });
    await form.getByRole('textbox', { name: /^Name/ }).fill('Second Designer');
    await form.getByRole('textbox', { name: /^Email/ }).fill('designer@example.com');
    await form.getByLabel(/^Initial password/).fill('long-enough-1');
    await form.getByRole('checkbox', { name: 'reviewer' }).uncheck();
    await form.getByRole('button', { name: 'Add user' }).click();
    await form.getByText('Pick at least one role').waitFor();
    await form.getByRole('checkbox', { name: 'designer' }).check();
    await form.getByRole('button', { name: 'Add user' }).click();
    await expect(errorUnder(page, /^Email/)).resolves.toContain('already exists');
    await expect(form.getByText('Pick at least one role').count()).resolves.toBe(0);
    await page.close();
  });

  it('asks before disabling a user, and Keep active changes nothing', async () => {
    const page = await adminPage();
    await page.goto(`${server.url}/settings/users`);
    // The admin's own row says why its boxes are greyed and it has no Disable button.
    await page
      .locator('tr', { hasText: 'Ada Admin' })
      .getByText('Another admin can change your roles or disable you; you cannot.')
      .waitFor();
    const row = page.locator('tr', { hasText: 'Max Manager' });
    await row.getByRole('button', { name: 'Disable' }).click();
    const dialog = page.getByRole('dialog', { name: 'Disable Max Manager?' });
    await dialog.getByRole('button', { name: 'Keep active' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect(row.getByText('Active').count()).resolves.toBe(1);
    type UserRow = { email: string; disabled: boolean };
    const disabled = async () =>
      (await admin.get<Page1<UserRow>>('/api/users')).items.find(
        (u) => u.email === 'manager@example.com',
      )!.disabled;
    await expect(disabled()).resolves.toBe(false);

    await row.getByRole('button', { name: 'Disable' }).click();
    await dialog.getByRole('button', { name: 'Disable' }).click();
    await row.getByText('Disabled').waitFor();
    await expect(disabled()).resolves.toBe(true);
    await row.getByRole('button', { name: 'Enable' }).click();
    await row.getByText('Active').waitFor();
    await page.close();
  });

  it('keeps the keyboard on a role box while its change is saved', async () => {
    const page = await adminPage();
    await page.goto(`${server.url}/settings/users`);
    const box = page
      .getByRole('group', { name: 'Roles of Rae Reviewer' })
      .getByRole('checkbox', { name: 'designer' });
    const roles = async () =>
      (await admin.get<Page1<{ email: string; roles: string[] }>>('/api/users')).items.find(
        (u) => u.email === 'reviewer@example.com',
      )!.roles;
    const focused = () => box.evaluate((el) => el === document.activeElement);

    await box.focus();
    await page.keyboard.press('Space');
    await expect.poll(roles).toContain('designer');
    // Done saving (it refuses a second change until then)...
    await expect.poll(() => box.getAttribute('aria-disabled')).toBeNull();
    // ...and the focus is still there: the box was disabled while the change went out, which
    // dropped the focus to the page.
    await expect(focused()).resolves.toBe(true);

    // So Space again takes the role back, with no Tab through the whole page first.
    await page.keyboard.press('Space');
    await expect.poll(roles).not.toContain('designer');
    await expect(box.isChecked()).resolves.toBe(false);
    await expect(focused()).resolves.toBe(true);
    await page.close();
  });

  it('fits a phone: every user’s Disable button is on screen, no sideways scroll', async () => {
    const page = await adminPage(390, 844);
    await page.goto(`${server.url}/settings/users`);
    const buttons = page.getByRole('button', { name: 'Disable' });
    await buttons.first().waitFor();
    for (const button of await buttons.all()) {
      const box = (await button.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);

    // A webhook's header rows stay inside the connection form's card.
    await page.goto(`${server.url}/settings/connections`);
    const form = page.locator('form', { hasText: 'Add a connection' });
    await form.getByRole('button', { name: 'Add header' }).click();
    const card = (await form.boundingBox())!;
    const remove = (await form.getByRole('button', { name: 'Remove header 1' }).boundingBox())!;
    expect(remove.x + remove.width).toBeLessThanOrEqual(card.x + card.width);
    await page.close();
  });

  it('says what to check when a connection test finds nothing at the address', async () => {
    await admin.post('/api/connections', {
      kind: 'webhook',
      name: 'Nobody home',
      // The test server allows private addresses; nothing listens on the discard port.
      settings: { url: 'http://127.0.0.1:9/hook' },
    });
    const page = await adminPage();
    await page.goto(`${server.url}/settings/connections`);
    const card = page.locator('.conn-list > li', { hasText: 'Nobody home' });
    await card.getByRole('button', { name: 'Test connection' }).click();
    const result = card.getByText(/✗ Failed/);
    await result.waitFor();
    const text = (await result.textContent())!;
    expect(text).toContain('Nothing answered at that address');
    expect(text).not.toContain('ECONNREFUSED');
    await page.close();
  });

  it('hands keyboard focus back to Edit when a connection form closes', async () => {
    await admin.post('/api/connections', {
      kind: 'webhook',
      name: 'Keyboard hook',
      settings: { url: 'https://example.com/keyboard' },
    });
    const page = await adminPage();
    await page.goto(`${server.url}/settings/connections`);
    const card = page.locator('.conn-list > li', { hasText: 'Keyboard hook' });
    const edit = card.getByRole('button', { name: 'Edit' });
    const editFocused = () => edit.evaluate((el) => el === document.activeElement);
    await edit.click();
    await card.getByRole('button', { name: 'Cancel' }).press('Enter');
    await expect.poll(editFocused).toBe(true);
    await edit.press('Enter');
    await card.getByRole('button', { name: 'Save connection' }).press('Enter');
    await page.getByText('Connection saved').waitFor();
    await expect.poll(editFocused).toBe(true);
    await page.close();
  });

  it('says why a connection is disabled and enables it again', async () => {
    type Conn = { id: string; revision: number; disabled: boolean };
    const gone = await admin.post<Conn>('/api/connections', {
      kind: 'webhook',
      name: 'Gone hook',
      settings: { url: 'https://example.com/gone' },
    });
    // As the publisher does when the receiver answers 410 Gone.
    await admin.put(`/api/connections/${gone.id}`, { disabled: true, revision: gone.revision });
    const page = await adminPage();
    await page.goto(`${server.url}/settings/connections`);
    const card = page.locator('.conn-list > li', { hasText: 'Gone hook' });
    await card.getByText(/Publish steps using it fail while it is disabled/).waitFor();
    await card.getByRole('button', { name: 'Enable' }).click();
    await card.getByText('Disabled', { exact: true }).waitFor({ state: 'detached' });
    await expect(admin.get<Conn>(`/api/connections/${gone.id}`)).resolves.toMatchObject({
      disabled: false,
    });
    await page.close();
  });

  it('names the flows a connection’s removal would break before it is removed, and removes it', async () => {
    const hook = await admin.post<{ id: string }>('/api/connections', {
      kind: 'webhook',
      name: 'Partner CMS',
      settings: { url: 'https://example.com/partner' },
    });
    const designer = await apiLogin(server.url, 'designer@example.com');
    const flow = await designer.post<{ id: string }>('/api/flows', {
      name: 'Partner digest',
      graph: {
        nodes: [
          { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, config: {} },
          {
            id: 'send',
            type: 'publish.webhook',
            label: 'Send to the partner CMS',
            position: { x: 280, y: 0 },
            config: { connectionId: hook.id },
          },
        ],
        edges: [{ id: 'e1', source: 'start', target: 'send' }],
      },
    });
    await designer.post(`/api/flows/${flow.id}/publish`, {});
    const page = await adminPage();
    await page.goto(`${server.url}/settings/connections`);
    const card = page.locator('.conn-list > li', { hasText: 'Partner CMS' });
    await card.getByRole('button', { name: 'Remove' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove Partner CMS?' });
    const usage = dialog.getByTestId('connection-usage');
    await usage.waitFor();
    expect(await usage.locator('li').allTextContents()).toEqual([
      'Partner digest — Send to the partner CMS (published and draft)',
    ]);
    expect(await usage.getByRole('link', { name: 'Partner digest' }).getAttribute('href')).toBe(
      `/flows/${flow.id}`,
    );
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await dialog.waitFor({ state: 'detached' });
    await card.waitFor({ state: 'detached' });

    // One nothing uses says so.
    await admin.post('/api/connections', {
      kind: 'webhook',
      name: 'Spare hook',
      settings: { url: 'https://example.com/spare' },
    });
    await page.reload();
    await page
      .locator('.conn-list > li', { hasText: 'Spare hook' })
      .getByRole('button', { name: 'Remove' })
      .click();
    await page
      .getByRole('dialog', { name: 'Remove Spare hook?' })
      .getByText('No flow and no setting uses it.')
      .waitFor();
    await page.close();
  });

  it("keeps an admin's brand kit edits when someone else saved meanwhile, and saves them on a second try", async () => {
    const page = await adminPage();
    await page.goto(`${server.url}/settings/brand`);
    const voice = page.getByLabel('Voice');
    await voice.waitFor();
    type Kit = { id: string; revision: number; [key: string]: unknown };
    const [kit] = (await admin.get<Page1<Kit>>('/api/brand-kits')).items;
    const fields = ['name', 'voice', 'preferredTerms', 'bannedPhrases', 'requiredDisclaimers'];
    const input = Object.fromEntries(
      [...fields, 'linkAllowList', 'examplePosts', 'revision'].map((k) => [k, kit![k]]),
    );
    await admin.put(`/api/brand-kits/${kit!.id}`, { ...input, audience: 'By another admin' });
    await voice.fill('Warm, plain and brief.');
    await page.getByRole('button', { name: 'Save brand kit' }).click();
    await page.getByText(/Someone else saved the brand kit/).waitFor();
    await expect(voice.inputValue()).resolves.toBe('Warm, plain and brief.');
    await page.getByRole('button', { name: 'Save brand kit' }).click();
    await page.getByText(/Brand kit saved/).waitFor();
    const [saved] = (await admin.get<Page1<Kit>>('/api/brand-kits')).items;
    expect(saved!.voice).toBe('Warm, plain and brief.');
    await page.close();
  });

  it('asks before leaving the brand kit with unsaved changes', async () => {
    const page = await adminPage();
    await page.goto(`${server.url}/settings/brand`);
    const audience = page.getByLabel('Audience');
    await audience.fill('Operations leads in logistics');
    await page.getByRole('link', { name: 'Users and roles' }).click();
    const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
    await dialog.getByRole('button', { name: 'Stay' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(new URL(page.url()).pathname).toBe('/settings/brand');
    await expect(audience.inputValue()).resolves.toBe('Operations leads in logistics');
    await page.getByRole('button', { name: 'Save brand kit' }).click();
    await page.getByText(/Brand kit saved/).waitFor();
    await page.getByRole('link', { name: 'Users and roles' }).click();
    await page.waitForURL(/\/settings\/users$/);
    await page.close();
  });

  it('shows a brand kit problem under its field in plain words; the audit log names people and says what to do when nothing matches', async () => {
    const page = await adminPage();
    await page.goto(`${server.url}/settings/brand`);
    await page.getByRole('textbox', { name: /^Name/ }).fill('');
    await page.getByRole('button', { name: 'Save brand kit' }).click();
    await expect(errorUnder(page, /^Name/)).resolves.toBe('Required');

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('button', { name: 'Leave and lose the changes' }).click();
    await page.getByLabel('Who').selectOption({ label: 'Ada Admin' });
    await page.getByRole('button', { name: 'Filter' }).click();
    const first = page.locator('tbody tr').first();
    await first.waitFor();
    await expect(first.locator('td').nth(3).textContent()).resolves.toBe('Ada Admin');
    // Details read as "Label: value" lines, not JSON.
    const details = first.locator('td').nth(5);
    await expect(details.textContent()).resolves.not.toMatch(/[{"]/);
    await expect(details.locator('dt').first().textContent()).resolves.toMatch(/^[A-Z][\w ]*:$/);
    // Nobody signs in as the system: Ada Admin's webhook refusals are none.
    await page.getByLabel('Action').selectOption({ label: 'Webhook call refused' });
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('No events match these filters. Clear them to see every event.').waitFor();
    await page.close();
  });
  it('says in words what each role allows and what each audit event was, and links its flow', async () => {
    const page = await adminPage();
    await page.goto(`${server.url}/settings/users`);
    const legend = page.getByRole('definition').filter({ hasText: 'Decides on review tasks' });
    await legend.waitFor();

    type Event = { action: string; subjectId: string };
    const published = await admin.get<Page1<Event>>('/api/audit?action=flow.published');
    const newest = published.items[0]!;
    const flow = await admin.get<{ id: string; name: string }>(`/api/flows/${newest.subjectId}`);

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByLabel('Action').selectOption({ label: 'Flow published' });
    await page.getByRole('button', { name: 'Filter' }).click();
    const rows = page.locator('tbody tr');
    const count = published.items.length;
    await until(async () => ((await rows.count()) === count ? true : undefined), `${count} rows`);
    const first = rows.first();
    await expect(first.locator('td').nth(2).textContent()).resolves.toBe('Flow published');
    await expect(first.locator('td').nth(2).getAttribute('title')).resolves.toBe('flow.published');
    await first.getByRole('link', { name: flow.name }).click();
    await page.waitForURL(`${server.url}/flows/${flow.id}`);
    await page.close();
  });
  it('takes AI out of offline mode once an admin saves an LLM endpoint, and tests it', async () => {
    const model = await startFakeOpenAiServer();
    const page = await adminPage();
    try {
      await page.goto(`${server.url}/settings/connections`);
      const banner = page.getByTestId('offline-ai-banner');
      await banner.waitFor();
      await page.getByRole('combobox', { name: 'Kind' }).selectOption('llm');
      await page.getByText(/An OpenAI-compatible model for AI steps/).waitFor();
      await page.getByRole('textbox', { name: /^Name/ }).fill('Team model');
      // With neither a key nor an address it could never answer: the form says what to add.
      await page.getByRole('button', { name: 'Save connection' }).click();
      await expect(errorUnder(page, /^API key/)).resolves.toBe(
        'Give the endpoint an API key, or the address of a model server that needs none',
      );
      await page.getByLabel('Base URL').fill(model.baseURL);
      await page.getByLabel('Default model').fill('team-model');
      await page.getByLabel('API key').fill('sk-e2e-team-4242');
      await page.getByRole('button', { name: 'Save connection' }).click();
      // Saved, the banner goes without a reload: it no longer asks for what was just done.
      await banner.waitFor({ state: 'detached' });
      const card = page.locator('.card', { hasText: 'Team model' }).first();
      await card.getByRole('button', { name: 'Test connection' }).click();
      await card.getByText(/✓ Works: The model team-model answered/).waitFor();
      // Tested once before it was saved, and once by the button.
      expect(model.requests.map((r) => r.headers.authorization)).toEqual([
        'Bearer sk-e2e-team-4242',
        'Bearer sk-e2e-team-4242',
      ]);
      await expect(page.content()).resolves.not.toContain('sk-e2e-team-4242');

      // Removed, AI is offline again and the banner says so.
      await card.getByRole('button', { name: 'Remove' }).click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /Remove/ })
        .click();
      await banner.waitFor();
    } finally {
      await page.close();
      await model.close();
    }
  });
});
