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

interface SavedNode {
  id: string;
  config: Record<string, unknown>;
}

/** A marketer configures each kind of step in its settings panel without knowing the internals. */
describeBrowser('step settings for a marketer', () => {
  let stack: BrowserStack | undefined;
  let server: TandemServer;
  let designer: ApiClient;
  let page: Page;
  let flowId: string;

  beforeAll(async () => {
    stack = await startBrowserStack();
    server = stack.server;
    designer = await apiLogin(server.url, 'designer@example.com');
    page = await stack.browser.newPage({ viewport: { width: 1360, height: 850 } });
    await loginAs(page, server.url, 'designer@example.com');
    const flow = await designer.post<{ id: string }>('/api/flows', {
      name: 'Configured by clicking',
      graph: { nodes: [], edges: [] },
    });
    flowId = flow.id;
    await page.goto(`${server.url}/flows/${flowId}`);
    await page.getByTestId('canvas').waitFor();
    for (const [type, id] of [
      ['trigger.manual', 'trigger'],
      ['ai.generate', 'draft'],
      ['check.brand', 'brand'],
      ['human.review', 'review'],
      ['logic.branch', 'branch'],
      ['publish.webhook', 'webhook'],
    ]) {
      await page.getByTestId(`palette-${type}`).click();
      await page.getByTestId(`node-${id}`).waitFor();
    }
  }, 300_000);

  afterAll(() => stack?.stop());

  const inspector = () => page.getByTestId('inspector');
  const problemsButton = () => page.getByTestId('problems-button').textContent();
  /** Opens a step's settings; dispatched, as the chain runs past the right edge of the view. */
  const open = (id: string) => page.getByTestId(`node-${id}`).dispatchEvent('click');
  const labelled = (text: string) => inspector().getByLabel(text, { exact: true });

  async function savedConfig(
    id: string,
    ready: (c: Record<string, unknown>) => boolean,
    inFlow = flowId,
  ) {
    let config: Record<string, unknown> = {};
    await expect
      .poll(
        async () => {
          const flow = await designer.get<{ graph: { nodes: SavedNode[] } }>(
            `/api/flows/${inFlow}`,
          );
          config = flow.graph.nodes.find((n) => n.id === id)?.config ?? {};
          return ready(config);
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    return config;
  }

  it('offers a branch rule the values before it, and warns about one that nothing provides', async () => {
    await open('branch');
    // Labelled "Value *": the rule's one required field.
    const value = inspector().locator('input[id$="-rules-0-path"]');
    // The default rule names a step this flow does not have: said at the field and in the toolbar,
    // as a warning (the flow still publishes), not as an error.
    await expect.poll(() => value.inputValue()).toBe('steps.check.passed');
    await inspector()
      .locator('.field-warning', {
        hasText: 'steps.check is not available here: no earlier step or input field provides it',
      })
      .waitFor({ timeout: 5_000 });
    expect(await inspector().locator('.field-error').count()).toBe(0);
    await expect.poll(problemsButton).toBe('1 warning');

    const listId = await value.getAttribute('list');
    const offered = await page
      .locator(`datalist[id="${listId}"] option`)
      .evaluateAll((options) =>
        options.map((o) => `${(o as HTMLOptionElement).value} = ${(o as HTMLOptionElement).label}`),
      );
    expect(offered).toContain('steps.brand.passed = Brand check: True when no blocking flag');
    expect(offered).toContain('input.topic = Topic');

    await value.fill('steps.brand.passed');
    await expect.poll(problemsButton).toBe('No problems');
    expect(await inspector().locator('.field-warning').count()).toBe(0);

    // "Compared with" only for the tests that compare.
    expect(await labelled('Compared with').count()).toBe(0);
    await labelled('Test').selectOption('equals');
    await labelled('Compared with').waitFor();
    await labelled('Test').selectOption('is_true');
    await savedConfig('branch', (c) =>
      JSON.stringify(c.rules).includes('"path":"steps.brand.passed","operator":"is_true"'),
    );
  });

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

    // Whom to escalate to matters only while the due time escalates.
    await labelled('Escalate to').waitFor();
    await labelled('At the due time').selectOption('reject');
    expect(await labelled('Escalate to').count()).toBe(0);
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

  it('keeps an AI step’s technical settings in a closed Advanced group that opens on a problem', async () => {
    await open('draft');
    const toggle = inspector().getByRole('button', { name: /^Advanced/ });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await toggle.textContent()).toBe(
      'AdvancedModel, Temperature, Max length (tokens), Timeout',
    );
    expect(await labelled('Temperature').count()).toBe(0);
    // The common settings come first.
    const top = async (locator: ReturnType<Page['locator']>) => (await locator.boundingBox())!.y;
    expect(await top(labelled('Prompt'))).toBeLessThan(await top(toggle));
    expect(await top(labelled('Learn from reviewers'))).toBeLessThan(await top(toggle));

    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
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
    await expect
      .poll(() => inspector().locator('.inspector-head code').textContent())
      .toBe('draft');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await inspector().locator('.field-error', { hasText: 'At most 2' }).waitFor();
    await page.getByRole('button', { name: 'Close problems' }).click();

    await labelled('Temperature').fill('0.7');
    await savedConfig('draft', (c) => c.temperature === 0.7);
    await expect.poll(() => inspector().locator('.field-error').count()).toBe(0);
  });

  it('offers a publish step the approved content, and warns that earlier steps stay empty there', async () => {
    await open('webhook');
    const chips = await inspector().locator('.var-chip').allInnerTexts();
    expect(chips.slice(0, 3)).toEqual(['content.text', 'content.data', 'run.id']);
    expect(chips.some((c) => c.startsWith('steps.'))).toBe(false);

    const body = labelled('Body (JSON template)');
    await body.fill('{"text": {{ steps.review.text | json }}}');
    await inspector()
      .locator('.field-warning', {
        hasText:
          '{{ steps.review.text }} stays empty here: a publish step sees only the approved content, {{ content.text }}',
      })
      .waitFor({ timeout: 5_000 });
    await body.fill('');
    await inspector().getByRole('button', { name: 'content.text' }).click();
    await expect.poll(() => body.inputValue()).toBe('{{ content.text }}');
    await expect.poll(() => inspector().locator('.field-warning').count()).toBe(0);
  });

  it('shows a warning amber and an error red, on the field, in the toolbar and in the list', async () => {
    const colour = (locator: ReturnType<Page['locator']>) =>
      locator.evaluate((el) => getComputedStyle(el).color);
    const AMBER = 'rgb(161, 98, 7)';
    const RED = 'rgb(194, 38, 29)';

    await open('branch');
    const value = inspector().locator('input[id$="-rules-0-path"]');
    await value.fill('steps.nowhere.passed');
    const warning = inspector().locator('.field-warning', { hasText: 'steps.nowhere' });
    await warning.waitFor({ timeout: 5_000 });
    expect(await colour(warning)).toBe(AMBER);
    expect(await warning.locator('svg.lucide-triangle-alert').count()).toBe(1);
    expect(await value.getAttribute('aria-invalid')).toBeNull();

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
    expect(await items.nth(1).textContent()).toMatch(/^Warning: .*steps\.nowhere/);
    expect(await colour(items.nth(1).locator('svg'))).not.toBe(
      await colour(items.nth(0).locator('svg')),
    );
    await page.getByRole('button', { name: 'Close problems' }).click();

    await approvals.fill('1');
    await open('branch');
    await value.fill('steps.brand.passed');
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
    const offered = async (label: string) => {
      const listId = await labelled(label).getAttribute('list');
      return page
        .locator(`datalist[id="${listId}"] option`)
        .evaluateAll((options) =>
          options.map(
            (o) => `${(o as HTMLOptionElement).value} = ${(o as HTMLOptionElement).label}`,
          ),
        );
    };
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
  });
});
