import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import {
  describeBrowser,
  openSettingsFlow,
  startDesignerStack,
  type ApiClient,
  type TandemServer,
  type DesignerStack,
  type SettingsFlow,
} from './support/index.js';

/**
 * A marketer picks what a step works on from what the steps before it provide, and is warned
 * about what nothing provides.
 */
describeBrowser('step settings pickers and warnings', () => {
  let stack: DesignerStack | undefined;
  let flow: SettingsFlow;
  let page: Page;
  let server: TandemServer;
  let designer: ApiClient;

  beforeAll(async () => {
    stack = await startDesignerStack();
    flow = await openSettingsFlow(stack);
    page = flow.page;
    ({ server, designer } = stack);
    // A webhook with neither a URL nor a connection is a problem while editing; these tests
    // count problems of their own.
    await flow.open('webhook');
    await flow.labelled('URL').fill('https://example.com/hook');
    await page.getByTestId('problems-button').filter({ hasText: 'No problems' }).waitFor();
    await page
      .getByTestId('save-state')
      .filter({ hasText: /^Saved$/ })
      .waitFor();
  }, 300_000);

  afterAll(() => stack?.stop());

  const inspector = () => flow.inspector();
  const problemsButton = () => flow.problemsButton();
  const open = (id: string) => flow.open(id);
  const labelled = (text: string) => flow.labelled(text);
  const savedConfig: SettingsFlow['savedConfig'] = (...args) => flow.savedConfig(...args);

  /** The choices a typed-or-picked box lists, open or not, as "value = description". */
  async function offeredFor(box: Locator) {
    const listId = await box.getAttribute('aria-controls');
    return page
      .locator(`[id="${listId}"] [role="option"]`)
      .evaluateAll((options) =>
        options.map(
          (o) =>
            `${o.querySelector('.suggest-value')?.textContent} = ${o.querySelector('.suggest-label')?.textContent}`,
        ),
      );
  }

  it('offers a branch rule the values before it, and warns about one that nothing provides', async () => {
    await open('branch');
    // Labelled "Value *": the rule's one required field.
    const value = inspector().locator('input[id$="-rules-0-path"]');
    // Added after the brand check, the rule starts by asking whether that check passed (the
    // type's default named a step "check", which this flow does not have).
    await expect.poll(() => value.inputValue()).toBe('steps.brand.passed');
    await expect.poll(problemsButton).toBe('No problems');
    const offered = await offeredFor(value);
    expect(offered).toContain('steps.brand.passed = Brand check: True when no blocking flag');
    expect(offered).toContain('input.topic = Topic');
    // A step value nothing provides is said at the field and in the toolbar as an error: publish
    // refuses a flow that reads an output no step before gives.
    await value.fill('steps.check.passed');
    await inspector()
      .locator('.field-error', {
        hasText:
          /steps\.check\.passed names no step that runs before this one; the steps before it are .*brand \(Brand check\)/,
      })
      .waitFor({ timeout: 5_000 });
    expect(await inspector().locator('.field-warning').count()).toBe(0);
    await expect.poll(problemsButton).toBe('1 problem');

    await value.fill('steps.brand.passed');
    await expect.poll(problemsButton).toBe('No problems');
    expect(await inspector().locator('.field-error').count()).toBe(0);

    // "Compared with" only for the tests that compare.
    expect(await labelled('Compared with').count()).toBe(0);
    await labelled('Test').selectOption('equals');
    await labelled('Compared with').waitFor();
    await labelled('Test').selectOption('is_true');
    await savedConfig('branch', (c) =>
      JSON.stringify(c.rules).includes('"path":"steps.brand.passed","operator":"is_true"'),
    );
  });

  it('lists every choice when opened, narrows them as the user types, and picks one by keyboard', async () => {
    await open('branch');
    const value = inspector().locator('input[id$="-rules-0-path"]');
    const list = inspector().getByRole('listbox');
    const choices = () => list.getByRole('option').locator('.suggest-value').allInnerTexts();
    expect(await value.inputValue()).toBe('steps.brand.passed');
    // Left by the last test with the focus in it: closed once the focus goes.
    await value.blur();
    expect(await value.getAttribute('aria-expanded')).toBe('false');

    // Tabbing into the box leaves the list closed: it would cover the fields below.
    await value.focus();
    expect(await value.getAttribute('aria-expanded')).toBe('false');
    // Opened on a filled box, it lists every choice, not only those matching what it holds.
    await value.click();
    await list.waitFor();
    expect(await value.getAttribute('aria-expanded')).toBe('true');
    expect(await choices()).toEqual(expect.arrayContaining(['steps.brand.passed', 'input.topic']));
    expect(await list.getByRole('option', { name: 'input.topic Topic' }).count()).toBe(1);

    await value.fill('input.top');
    await expect.poll(choices).toEqual(['input.topic']);
    await page.keyboard.press('ArrowDown');
    const first = await list.getByRole('option').first().getAttribute('id');
    expect(await value.getAttribute('aria-activedescendant')).toBe(first);
    await page.keyboard.press('Enter');
    await expect.poll(() => value.inputValue()).toBe('input.topic');
    await list.waitFor({ state: 'hidden' });

    // Escape closes the list only: the box keeps the focus and the settings stay open.
    await page.keyboard.press('ArrowDown');
    await list.waitFor();
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'hidden' });
    expect(await value.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await inspector().count()).toBe(1);

    // A value no choice names is still taken as typed.
    await value.fill('steps.brand.score');
    await savedConfig('branch', (c) => JSON.stringify(c.rules).includes('"steps.brand.score"'));
    await value.fill('steps.brand.passed');
    await savedConfig('branch', (c) => JSON.stringify(c.rules).includes('"steps.brand.passed"'));
    await expect.poll(problemsButton).toBe('No problems');
  });

  it('offers a publish step the approved content, and refuses earlier steps: they stay empty there', async () => {
    await open('webhook');
    const chips = await inspector().locator('.var-chip').allInnerTexts();
    expect(chips.slice(0, 3)).toEqual(['content.text', 'content.data', 'run.id']);
    expect(chips.some((c) => c.startsWith('steps.'))).toBe(false);

    const body = labelled('Body (JSON template)');
    await body.fill('{"text": {{ steps.review.text | json }}}');
    await inspector()
      .locator('.field-error', {
        hasText:
          '{{ steps.review.text }} stays empty here: a publish step sees only the approved content, {{ content.text }}',
      })
      .waitFor({ timeout: 5_000 });
    await body.fill('');
    await inspector().getByRole('button', { name: 'content.text' }).click();
    // In a JSON body the chip puts the value in as JSON (quoted and escaped).
    await expect.poll(() => body.inputValue()).toBe('{{ content.text | json }}');
    await expect.poll(() => inspector().locator('.field-warning').count()).toBe(0);
    // A bare text is no JSON body: warned about before a run fails on it.
    await body.fill('{"text": {{ content.text }}}');
    await inspector()
      .locator('.field-warning', { hasText: 'does not render valid JSON' })
      .waitFor({ timeout: 5_000 });
    await body.fill('{"text": {{ content.text | json }}}');
    await expect.poll(() => inspector().locator('.field-warning').count()).toBe(0);
  });

  it('shows a warning amber and an error red, on the field, in the toolbar and in the list', async () => {
    const colour = (locator: ReturnType<Page['locator']>) =>
      locator.evaluate((el) => getComputedStyle(el).color);
    const AMBER = 'rgb(161, 98, 7)';
    const RED = 'rgb(194, 38, 29)';

    await open('webhook');
    const body = labelled('Body (JSON template)');
    // A body that may not render valid JSON is a warning (a run may still send it), where a
    // setting publish refuses is an error.
    await body.fill('{"text": {{ content.text }}}');
    const warning = inspector().locator('.field-warning', {
      hasText: 'does not render valid JSON',
    });
    await warning.waitFor({ timeout: 5_000 });
    expect(await colour(warning)).toBe(AMBER);
    expect(await warning.locator('svg.lucide-triangle-alert').count()).toBe(1);
    expect(await body.getAttribute('aria-invalid')).toBeNull();

    await open('review');
    const approvals = labelled('Approvals needed');
    await approvals.fill('20');
    const error = inspector().locator('.field-error', { hasText: 'At most 10' });
    await error.waitFor({ timeout: 5_000 });
    expect(await colour(error)).toBe(RED);
    expect(await error.locator('svg.lucide-circle-alert').count()).toBe(1);
    expect(await approvals.getAttribute('aria-invalid')).toBe('true');

    // The toolbar counts both, each in its own colour: a warning hidden behind the errors'
    // count went unread.
    await expect.poll(problemsButton).toBe('1 problem, 1 warning');
    const button = page.getByTestId('problems-button');
    expect(await colour(button.locator('.count-errors'))).toBe(RED);
    expect(await colour(button.locator('.count-warnings'))).toBe(AMBER);

    await button.click();
    const items = page.getByTestId('problems-panel').locator('.problem');
    await expect.poll(() => items.count()).toBe(2);
    // What must be fixed first comes first; the warning says it is one.
    expect(await items.nth(0).getAttribute('class')).toContain('problem-error');
    expect(await items.nth(0).textContent()).toContain('Approvals needed: At most 10');
    expect(await items.nth(1).getAttribute('class')).toContain('problem-warning');
    expect(await items.nth(1).textContent()).toMatch(/^Warning: .*does not render valid JSON/);
    expect(await colour(items.nth(1).locator('svg'))).not.toBe(
      await colour(items.nth(0).locator('svg')),
    );
    await page.getByRole('button', { name: 'Close problems' }).click();

    await approvals.fill('1');
    await open('webhook');
    await body.fill('{"text": {{ content.text | json }}}');
    await expect.poll(problemsButton).toBe('No problems');
  });

  it('offers a budget guard the tables and columns the AI step before it declares', async () => {
    const column = (name: string, kind: string, description = '') => ({ name, kind, description });
    const budget = await designer.post<{ id: string }>('/api/flows', {
      name: 'Budget guard by clicking',
      graph: {
        nodes: [
          { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, config: {} },
          {
            id: 'recommend',
            type: 'ai.generate',
            label: 'Recommend changes',
            position: { x: 320, y: 0 },
            config: {
              output: 'json',
              fields: [
                {
                  name: 'changes',
                  kind: 'table',
                  description: 'One row per channel',
                  columns: [
                    column('channel', 'text'),
                    column('current', 'number', 'This week'),
                    column('proposed', 'number'),
                  ],
                },
                { name: 'summary', kind: 'text', description: 'Two sentences' },
                {
                  name: 'history',
                  kind: 'table',
                  description: 'Spend per week',
                  columns: [column('week', 'text'), column('spend', 'number')],
                },
              ],
            },
          },
          { id: 'guard', type: 'check.budget', position: { x: 640, y: 0 }, config: {} },
        ],
        edges: [
          { id: 'e1', source: 'start', target: 'recommend' },
          { id: 'e2', source: 'recommend', target: 'guard' },
        ],
      },
    });
    await page.goto(`${server.url}/flows/${budget.id}`);
    await page.getByTestId('node-guard').waitFor();
    await open('guard');
    const offered = (label: string) => offeredFor(labelled(label));
    const list = labelled('List field');
    expect(await list.inputValue()).toBe('changes');
    // The tables only (a text field has no rows), then the chosen table's columns.
    expect(await offered('List field')).toEqual([
      'changes = One row per channel',
      'history = Spend per week',
    ]);
    expect(await offered('Name column')).toEqual(['channel = Text']);
    expect(await offered('Current budget column')).toEqual([
      'current = This week',
      'proposed = Number',
    ]);
    await expect.poll(problemsButton).toBe('No problems');

    // Another table: its columns are offered, and the ones it lacks are flagged, amber.
    await list.fill('history');
    await expect.poll(() => offered('Current budget column')).toEqual(['spend = Number']);
    await inspector()
      .locator('.field-warning', {
        hasText: 'The table “history” in “Recommend changes” has no column “current”',
      })
      .waitFor({ timeout: 5_000 });
    await expect.poll(problemsButton).toBe('3 warnings');

    // A name the AI step does not declare is kept, and said to be missing.
    await list.fill('rows');
    await savedConfig('guard', (c) => c.itemsField === 'rows', budget.id);
    await inspector()
      .locator('.field-warning', { hasText: '“Recommend changes” declares no field “rows”' })
      .waitFor({ timeout: 5_000 });

    await list.fill('changes');
    await expect.poll(problemsButton).toBe('No problems');
    await savedConfig('guard', (c) => c.itemsField === 'changes', budget.id);

    // The caps are percentages already: the % beside the box, the number stored as typed.
    const cap = labelled('Max change per line');
    expect(await cap.inputValue()).toBe('25');
    const capUnit = inspector().locator(`#${await cap.getAttribute('id')}-unit`);
    expect(await capUnit.textContent()).toBe('%');
    expect(await capUnit.isVisible()).toBe(true);
    await cap.fill('30');
    await savedConfig('guard', (c) => c.maxItemChangePercent === 30, budget.id);
  });
});
