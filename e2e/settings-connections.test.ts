import { expect, it } from 'vitest';
import { startFakeOpenAiServer } from '@tandem/connectors';
import {
  apiLogin,
  describeBrowser,
  errorUnder,
  useSettingsStack,
  type Page1,
} from './support/index.js';

/**
 * Connections in Settings as an admin who never read the docs uses them: bad input, risky clicks,
 * an address where nothing answers, an LLM endpoint that takes AI out of offline mode.
 */
describeBrowser('settings connections', () => {
  const stack = useSettingsStack();

  it('says under each connection field what is wrong, in words, and keeps what was typed', async () => {
    const page = await stack.adminPage();
    await page.goto(`${stack.server.url}/settings/connections`);
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
    await stack.admin.post('/api/connections', {
      kind: 'llm',
      name: 'Team model',
      settings: { baseUrl: 'https://llm.example.com/v1', model: 'small' },
      secrets: { apiKey },
    });
    const page = await stack.adminPage();
    await page.goto(`${stack.server.url}/settings/connections`);
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
    const left = await stack.admin.get<Page1<{ name: string }>>('/api/connections');
    expect(left.items.map((c) => c.name)).not.toContain('Team model');
    await page.close();
  });

  it('says what to check when a connection test finds nothing at the address', async () => {
    await stack.admin.post('/api/connections', {
      kind: 'webhook',
      name: 'Nobody home',
      // The test server allows private addresses; nothing listens on the discard port.
      settings: { url: 'http://127.0.0.1:9/hook' },
    });
    const page = await stack.adminPage();
    await page.goto(`${stack.server.url}/settings/connections`);
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
    await stack.admin.post('/api/connections', {
      kind: 'webhook',
      name: 'Keyboard hook',
      settings: { url: 'https://example.com/keyboard' },
    });
    const page = await stack.adminPage();
    await page.goto(`${stack.server.url}/settings/connections`);
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
    const gone = await stack.admin.post<Conn>('/api/connections', {
      kind: 'webhook',
      name: 'Gone hook',
      settings: { url: 'https://example.com/gone' },
    });
    // As the publisher does when the receiver answers 410 Gone.
    await stack.admin.put(`/api/connections/${gone.id}`, {
      disabled: true,
      revision: gone.revision,
    });
    const page = await stack.adminPage();
    await page.goto(`${stack.server.url}/settings/connections`);
    const card = page.locator('.conn-list > li', { hasText: 'Gone hook' });
    await card.getByText(/Publish steps using it fail while it is disabled/).waitFor();
    await card.getByRole('button', { name: 'Enable' }).click();
    await card.getByText('Disabled', { exact: true }).waitFor({ state: 'detached' });
    await expect(stack.admin.get<Conn>(`/api/connections/${gone.id}`)).resolves.toMatchObject({
      disabled: false,
    });
    await page.close();
  });

  it('names the flows a connection’s removal would break before it is removed, and removes it', async () => {
    const hook = await stack.admin.post<{ id: string }>('/api/connections', {
      kind: 'webhook',
      name: 'Partner CMS',
      settings: { url: 'https://example.com/partner' },
    });
    const designer = await apiLogin(stack.server.url, 'designer@example.com');
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
    const page = await stack.adminPage();
    await page.goto(`${stack.server.url}/settings/connections`);
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
    await stack.admin.post('/api/connections', {
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

  it('takes AI out of offline mode once an admin saves an LLM endpoint, and tests it', async () => {
    const model = await startFakeOpenAiServer();
    const page = await stack.adminPage();
    try {
      await page.goto(`${stack.server.url}/settings/connections`);
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
