import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  describeBrowser,
  openSettingsFlow,
  startDesignerStack,
  type DesignerStack,
  type SettingsFlow,
} from './support/index.js';

/** A marketer fills in a step’s settings in plain words and units, the rarely needed ones set aside. */
describeBrowser('step settings form', () => {
  let stack: DesignerStack | undefined;
  let flow: SettingsFlow;
  let page: Page;

  beforeAll(async () => {
    stack = await startDesignerStack();
    flow = await openSettingsFlow(stack);
    page = flow.page;
  }, 300_000);

  afterAll(() => stack?.stop());

  const inspector = () => flow.inspector();
  const open = (id: string) => flow.open(id);
  const labelled = (text: string) => flow.labelled(text);
  const savedConfig: SettingsFlow['savedConfig'] = (...args) => flow.savedConfig(...args);

  it('keeps a number being retyped instead of putting the default back under the caret', async () => {
    await open('review');
    const approvals = labelled('Approvals needed');
    await expect.poll(() => approvals.inputValue()).toBe('1');
    await approvals.click();
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    expect(await approvals.inputValue()).toBe('');
    await page.keyboard.type('2');
    expect(await approvals.inputValue()).toBe('2');
    await savedConfig('review', (c) => c.requiredApprovals === 2);

    // Left empty, the field falls back to its default, shown once the designer moves on.
    const due = labelled('Due after');
    await inspector().getByLabel('Due after unit', { exact: true }).selectOption('minutes');
    await due.fill('90');
    await savedConfig('review', (c) => c.dueInMinutes === 90);
    await due.fill('');
    await page.keyboard.press('Tab');
    expect(await due.inputValue()).toBe('');
    await savedConfig('review', (c) => !('dueInMinutes' in c));
    // Without a due time there is nothing to do at it: those settings wait for one.
    expect(await labelled('At the due time').count()).toBe(0);
    expect(await labelled('Escalate to').count()).toBe(0);
    await due.fill('2');

    // Whom to escalate to matters only while the due time escalates.
    await labelled('Escalate to').waitFor();
    await labelled('At the due time').selectOption('reject');
    expect(await labelled('Escalate to').count()).toBe(0);
    await labelled('At the due time').selectOption('escalate');
    await due.fill('');
    await page.keyboard.press('Tab');
    await savedConfig('review', (c) => !('dueInMinutes' in c));
  });

  it('takes a checkpoint’s sample rate as a percentage and stores the fraction', async () => {
    await open('review');
    const rate = labelled('Sample rate');
    // The default 0.1 reads as 10, with the unit beside the box.
    await expect.poll(() => rate.inputValue()).toBe('10');
    const unit = inspector().locator(`#${await rate.getAttribute('id')}-unit`);
    expect(await unit.textContent()).toBe('%');
    expect(await unit.isVisible()).toBe(true);

    await rate.fill('25');
    await savedConfig('review', (c) => c.sampleRate === 0.25);
    expect(await inspector().locator('.field-error').count()).toBe(0);
    await rate.fill('150');
    await inspector().locator('.field-error', { hasText: 'At most 100 %' }).waitFor();
    await rate.fill('10');
    await savedConfig('review', (c) => c.sampleRate === 0.1);
    await expect.poll(() => inspector().locator('.field-error').count()).toBe(0);
  });

  it('takes a due time with its unit, stores minutes, and shows it in the largest whole unit', async () => {
    // Opened afresh: the unit picked in the last test stays while the step stays open.
    await open('branch');
    await open('review');
    const due = labelled('Due after');
    const unit = inspector().getByLabel('Due after unit', { exact: true });
    const unitShown = () =>
      unit.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.text);
    // No due time yet: an empty box, in hours.
    expect(await due.inputValue()).toBe('');
    expect(await unit.inputValue()).toBe('hours');

    await unit.selectOption('days');
    await due.fill('2');
    await savedConfig('review', (c) => c.dueInMinutes === 2 * 24 * 60);
    // The number stays and the unit changes what it means.
    await unit.selectOption('hours');
    await savedConfig('review', (c) => c.dueInMinutes === 120);
    await due.fill('1.5');
    await savedConfig('review', (c) => c.dueInMinutes === 90);
    expect(await unit.inputValue()).toBe('hours');

    // Opened again, a stored value shows in the largest unit that holds it whole.
    await unit.selectOption('minutes');
    await due.fill('1440');
    await savedConfig('review', (c) => c.dueInMinutes === 1440);
    await open('branch');
    await open('review');
    await expect.poll(() => labelled('Due after').inputValue()).toBe('1');
    expect(await unit.inputValue()).toBe('days');
    expect(await unitShown()).toBe('day');

    await labelled('Due after').fill('');
    await savedConfig('review', (c) => !('dueInMinutes' in c));
  });

  it('words choices plainly and shows structured fields only for structured output', async () => {
    await open('draft');
    const output = labelled('Output');
    expect(await output.locator('option').allInnerTexts()).toEqual([
      'Free text',
      'Structured fields',
    ]);
    expect(await inspector().getByRole('button', { name: '+ Add field' }).count()).toBe(0);
    await output.selectOption('json');
    await inspector().getByRole('button', { name: '+ Add field' }).click();
    expect(
      await inspector().locator('select[id$="-fields-0-kind"] option').allInnerTexts(),
    ).toEqual(['Text', 'Number', 'Yes or no', 'List of texts', 'Table']);
    expect(await inspector().getByText('Columns', { exact: true }).count()).toBe(0);
    // A list's item is titled by its name once it has one, by its place until then.
    const titles = () => inspector().locator('.object-item-title').allInnerTexts();
    expect(await titles()).toEqual(['Field 1']);
    await inspector().locator('input[id$="-fields-0-name"]').fill('headline');
    await expect.poll(titles).toEqual(['headline']);
    await inspector().getByRole('button', { name: 'Remove field 1 (headline)' }).waitFor();

    await open('trigger');
    expect(await titles()).toEqual(['Topic']);
    const kind = inspector().locator('select[id$="-fields-0-kind"]');
    expect(await kind.locator('option').allInnerTexts()).toEqual([
      'Short text',
      'Long text',
      'Number',
      'Web address',
      'Choice from a list',
    ]);
    expect(await inspector().getByText('Choices', { exact: true }).count()).toBe(0);
    await kind.selectOption('select');
    await inspector().getByText('Choices', { exact: true }).waitFor();
  });

  it('names a new input form field after its label until the designer names it', async () => {
    await open('trigger');
    await inspector().getByRole('button', { name: '+ Add field' }).click();
    const name = inspector().locator('input[id$="-fields-1-name"]');
    await inspector().locator('input[id$="-fields-1-label"]').click();
    // Typed key by key, as a person does: the name follows every keystroke.
    await page.keyboard.type('Product name');
    expect(await name.inputValue()).toBe('product_name');
    await savedConfig('trigger', (c) =>
      (c.fields as { name: string; label: string }[]).some(
        (f) => f.name === 'product_name' && f.label === 'Product name',
      ),
    );
    // None on the new field (the form's first field, made a choice list with no choices by a
    // test above, has its own).
    expect(await inspector().locator('.field-error[id*="fields-1-"]').count()).toBe(0);
    expect(await inspector().locator('.field-error').allTextContents()).toEqual([
      'Error: Add at least one choice',
    ]);
    // A name the designer typed stays when the label changes again.
    await name.fill('sku');
    await inspector().locator('input[id$="-fields-1-label"]').fill('Product code');
    expect(await name.inputValue()).toBe('sku');
  });

  it('keeps an AI step’s technical settings in a closed Advanced group that opens on a problem', async () => {
    await open('draft');
    const toggle = inspector().getByRole('button', { name: /^Advanced/ });
    // How far the chevron is turned, in degrees (its turn is animated, so read it until it settles).
    const chevronTurn = () =>
      toggle.locator('.advanced-chevron').evaluate((el) => {
        const m = new DOMMatrix(getComputedStyle(el).transform);
        return Math.round((Math.atan2(m.b, m.a) * 180) / Math.PI);
      });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    // The chevron points at the title while the group is closed, and down once it is open.
    expect(await chevronTurn()).toBe(0);
    expect(await toggle.textContent()).toBe(
      'AdvancedAI connection, Model, Temperature, Max length (tokens), Timeout',
    );
    expect(await labelled('Temperature').count()).toBe(0);
    // The common settings come first.
    const top = async (locator: ReturnType<Page['locator']>) => (await locator.boundingBox())!.y;
    expect(await top(labelled('Prompt'))).toBeLessThan(await top(toggle));
    expect(await top(labelled('Learn from reviewers'))).toBeLessThan(await top(toggle));

    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(chevronTurn).toBe(90);
    await labelled('Temperature').fill('3');
    await inspector().locator('.field-error', { hasText: 'At most 2' }).waitFor();
    // Closed with the problem in it, it still says so; then the step is left...
    await toggle.click();
    expect(await labelled('Temperature').count()).toBe(0);
    expect(await toggle.locator('.advanced-problem svg.lucide-circle-alert').count()).toBe(1);
    expect(await toggle.textContent()).toMatch(/has an error$/);
    await open('trigger');
    // ...the problems list leads back to the setting, the group open by itself.
    await page.getByTestId('problems-button').click();
    await page
      .getByTestId('problems-panel')
      .getByRole('button', { name: /Temperature: At most 2/ })
      .click();
    await expect.poll(() => inspector().getAttribute('data-node-id')).toBe('draft');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await inspector().locator('.field-error', { hasText: 'At most 2' }).waitFor();
    await page.getByRole('button', { name: 'Close problems' }).click();

    await labelled('Temperature').fill('0.7');
    await savedConfig('draft', (c) => c.temperature === 0.7);
    await expect.poll(() => inspector().locator('.field-error').count()).toBe(0);
  });
});
