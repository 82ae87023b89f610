import { expect, it } from 'vitest';
import {
  describeBrowser,
  errorUnder,
  useSettingsStack,
  type Page1,
  until,
} from './support/index.js';

/**
 * The Settings area as an admin who never read the docs uses it: bad input, risky clicks, a phone.
 * Users and roles, the brand kit and the audit log; connections are in
 * settings-connections.test.ts.
 */
describeBrowser('settings', () => {
  const stack = useSettingsStack();

  it('adds a user only with a role, and shows a taken email under the Email field', async () => {
    const page = await stack.adminPage();
    await page.goto(`${stack.server.url}/settings/users`);
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
    const page = await stack.adminPage();
    await page.goto(`${stack.server.url}/settings/users`);
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
      (await stack.admin.get<Page1<UserRow>>('/api/users')).items.find(
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
    const page = await stack.adminPage();
    await page.goto(`${stack.server.url}/settings/users`);
    const box = page
      .getByRole('group', { name: 'Roles of Rae Reviewer' })
      .getByRole('checkbox', { name: 'designer' });
    const roles = async () =>
      (await stack.admin.get<Page1<{ email: string; roles: string[] }>>('/api/users')).items.find(
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
    const page = await stack.adminPage(390, 844);
    await page.goto(`${stack.server.url}/settings/users`);
    const buttons = page.getByRole('button', { name: 'Disable' });
    await buttons.first().waitFor();
    for (const button of await buttons.all()) {
      const box = (await button.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);

    // A webhook's header rows stay inside the connection form's card.
    await page.goto(`${stack.server.url}/settings/connections`);
    const form = page.locator('form', { hasText: 'Add a connection' });
    await form.getByRole('button', { name: 'Add header' }).click();
    const card = (await form.boundingBox())!;
    const remove = (await form.getByRole('button', { name: 'Remove header 1' }).boundingBox())!;
    expect(remove.x + remove.width).toBeLessThanOrEqual(card.x + card.width);
    await page.close();
  });

  it("keeps an admin's brand kit edits when someone else saved meanwhile, and saves them on a second try", async () => {
    const page = await stack.adminPage();
    await page.goto(`${stack.server.url}/settings/brand`);
    const voice = page.getByLabel('Voice');
    await voice.waitFor();
    type Kit = { id: string; revision: number; [key: string]: unknown };
    const [kit] = (await stack.admin.get<Page1<Kit>>('/api/brand-kits')).items;
    const fields = ['name', 'voice', 'preferredTerms', 'bannedPhrases', 'requiredDisclaimers'];
    const input = Object.fromEntries(
      [...fields, 'linkAllowList', 'examplePosts', 'revision'].map((k) => [k, kit![k]]),
    );
    await stack.admin.put(`/api/brand-kits/${kit!.id}`, { ...input, audience: 'By another admin' });
    await voice.fill('Warm, plain and brief.');
    await page.getByRole('button', { name: 'Save brand kit' }).click();
    await page.getByText(/Someone else saved the brand kit/).waitFor();
    await expect(voice.inputValue()).resolves.toBe('Warm, plain and brief.');
    await page.getByRole('button', { name: 'Save brand kit' }).click();
    await page.getByText(/Brand kit saved/).waitFor();
    const [saved] = (await stack.admin.get<Page1<Kit>>('/api/brand-kits')).items;
    expect(saved!.voice).toBe('Warm, plain and brief.');
    await page.close();
  });

  it('asks before leaving the brand kit with unsaved changes', async () => {
    const page = await stack.adminPage();
    await page.goto(`${stack.server.url}/settings/brand`);
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
    const page = await stack.adminPage();
    await page.goto(`${stack.server.url}/settings/brand`);
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
    const page = await stack.adminPage();
    await page.goto(`${stack.server.url}/settings/users`);
    const legend = page.getByRole('definition').filter({ hasText: 'Decides on review tasks' });
    await legend.waitFor();

    type Event = { action: string; subjectId: string };
    const published = await stack.admin.get<Page1<Event>>('/api/audit?action=flow.published');
    const newest = published.items[0]!;
    const flow = await stack.admin.get<{ id: string; name: string }>(
      `/api/flows/${newest.subjectId}`,
    );

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
    await page.waitForURL(`${stack.server.url}/flows/${flow.id}`);
    await page.close();
  });
});
