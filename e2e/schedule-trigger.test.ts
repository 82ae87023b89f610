import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  describeBrowser,
  startDesignerStack,
  type ApiClient,
  type DesignerStack,
  type TandemServer,
} from './support/index.js';

/**
 * A marketer starts a flow with a schedule from the palette: the card says when it runs in
 * words, the time zone is found by typing part of a city, and a mistyped time zone saved before
 * or a week without days shows up in the Problems list. At 1024 px wide, the smallest laptop
 * the editor is made for, where the settings panel is 360 px. Once published, the flows list
 * says when it runs next: the published schedule's, not the draft's.
 */
describeBrowser('schedule trigger in the editor', () => {
  let stack: DesignerStack | undefined;
  let server: TandemServer;
  let designer: ApiClient;
  let page: Page;

  beforeAll(async () => {
    stack = await startDesignerStack();
    ({ server, designer } = stack);
    page = await stack.designerPage({ width: 1024, height: 768 });
  }, 300_000);

  afterAll(() => stack?.stop());

  const card = (id = 'trigger') => page.getByTestId(`node-${id}`);
  const inspector = () => page.getByTestId('inspector');
  const labelled = (text: string) => inspector().getByLabel(text, { exact: true });
  const timeZone = () => inspector().getByRole('combobox', { name: 'Time zone' });
  const summary = (text: string, id?: string) =>
    card(id).locator('.node-summary', { hasText: text }).waitFor();

  it('finds a time zone by part of its name and takes it with the keyboard', async () => {
    const flow = await designer.post<{ id: string }>('/api/flows', {
      name: 'Weekly post ideas',
      graph: { nodes: [], edges: [] },
    });
    await page.goto(`${server.url}/flows/${flow.id}`);
    await page.getByTestId('canvas').waitFor();
    await page.getByTestId('palette-trigger.schedule').click();
    await card().waitFor();
    await summary('Every Monday at 09:00, UTC');

    await card().dispatchEvent('click');
    await inspector().getByRole('checkbox', { name: 'Thursday' }).check();
    // The stored default, not the browser's own zone: nothing is chosen for the designer.
    expect(await timeZone().inputValue()).toBe('UTC (UTC+00:00)');

    await timeZone().click();
    await timeZone().pressSequentially('berl');
    const zones = page.getByRole('listbox', { name: 'Time zones' });
    const berlin = zones.getByRole('option', { name: /^Europe\/Berlin \(UTC\+0[12]:00\)$/ });
    await berlin.waitFor();
    expect(await zones.getByRole('option').count()).toBe(1);
    expect(await timeZone().getAttribute('aria-activedescendant')).toBe(
      await berlin.getAttribute('id'),
    );
    // Within the 360 px panel, the name and offset whole on screen.
    const panel = (await inspector().boundingBox())!;
    const option = (await berlin.boundingBox())!;
    expect(option.x).toBeGreaterThanOrEqual(panel.x);
    expect(option.x + option.width).toBeLessThanOrEqual(panel.x + panel.width);
    expect(await berlin.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

    await timeZone().press('Enter');
    await zones.waitFor({ state: 'hidden' });
    await summary('Every Monday and Thursday at 09:00, Europe/Berlin');
    expect(await timeZone().inputValue()).toMatch(/^Europe\/Berlin \(UTC\+0[12]:00\)$/);

    // A search that finds nothing changes nothing: Escape puts the chosen zone back.
    await timeZone().fill('Atlantis');
    await inspector().getByRole('status').filter({ hasText: 'No time zone matches' }).waitFor();
    await timeZone().press('Escape');
    expect(await timeZone().inputValue()).toMatch(/^Europe\/Berlin /);
    await summary('Every Monday and Thursday at 09:00, Europe/Berlin');

    // Arrow keys walk the list from the chosen zone; Enter takes the one reached.
    await timeZone().press('ArrowDown');
    await zones.waitFor();
    const active = () =>
      timeZone()
        .getAttribute('aria-activedescendant')
        .then((id) => page.locator(`[id="${id}"]`).textContent());
    expect(await active()).toMatch(/^Europe\/Berlin /);
    await timeZone().press('ArrowDown');
    const next = (await active())!.split(' ')[0]!;
    expect(next).not.toBe('Europe/Berlin');
    await timeZone().press('Enter');
    await summary(`Every Monday and Thursday at 09:00, ${next}`);
  });

  it('lists a stored unknown time zone and a week without days as problems per field', async () => {
    const flow = await designer.post<{ id: string }>('/api/flows', {
      name: 'Thursday post ideas',
      graph: {
        nodes: [
          {
            id: 'sched',
            type: 'trigger.schedule',
            position: { x: 0, y: 0 },
            config: { weekdays: ['mon', 'thu'], timeZone: 'Europe/Berlinn' },
          },
        ],
        edges: [],
      },
    });
    await page.goto(`${server.url}/flows/${flow.id}`);
    await summary('Every Monday and Thursday at 09:00, Europe/Berlinn', 'sched');
    await card('sched').dispatchEvent('click');
    expect(await timeZone().inputValue()).toBe('Europe/Berlinn');
    await inspector()
      .locator('.field-error', { hasText: 'Unknown time zone: use a name like Europe/Berlin' })
      .waitFor();
    await page.getByTestId('problems-button').click();
    const problems = page.getByTestId('problems-panel');
    await problems.getByRole('button', { name: /Time zone: Unknown time zone/ }).waitFor();

    await timeZone().click();
    await timeZone().pressSequentially('berlin');
    await timeZone().press('Enter');
    await expect.poll(() => problems.getByRole('button', { name: /Time zone/ }).count()).toBe(0);
    await summary('Every Monday and Thursday at 09:00, Europe/Berlin', 'sched');

    await inspector().getByRole('checkbox', { name: 'Monday' }).uncheck();
    await inspector().getByRole('checkbox', { name: 'Thursday' }).uncheck();
    await problems.getByRole('button', { name: /On: Choose at least one weekday/ }).waitFor();
    await summary('No weekday chosen', 'sched');

    await inspector().getByRole('checkbox', { name: 'Thursday' }).check();
    await inspector().locator('label.toggle', { hasText: 'Paused' }).click();
    expect(await labelled('Paused').isChecked()).toBe(true);
    await summary('Paused · Every Thursday at 09:00, Europe/Berlin', 'sched');
  });

  it('shows in the flows list when the published schedule runs next, not the draft’s', async () => {
    const berlin = { frequency: 'daily', time: '09:00', timeZone: 'Europe/Berlin' };
    const graph = (config: Record<string, unknown>) => ({
      nodes: [{ id: 'start', type: 'trigger.schedule', position: { x: 0, y: 0 }, config }],
      edges: [],
    });
    const create = async (name: string, config: Record<string, unknown>) => {
      const flow = await designer.post<{ id: string }>('/api/flows', {
        name,
        graph: graph(config),
      });
      await designer.post(`/api/flows/${flow.id}/publish`, {});
      return flow.id;
    };
    const daily = await create('Daily ideas', berlin);
    // The draft moves to 17:30 and is not published: the list still says 09:00.
    await designer.put(
      `/api/flows/${daily}`,
      { name: 'Daily ideas', graph: graph({ ...berlin, time: '17:30' }) },
      { 'If-Match': '*' },
    );
    const paused = await create('Paused ideas', { ...berlin, paused: true });
    const never = await designer.post<{ id: string }>('/api/flows', {
      name: 'Unpublished ideas',
      graph: graph(berlin),
    });

    // The next 09:00 on a Berlin wall clock, worked out here rather than with the app's code.
    const wall = (ms: number, timeZone: string) =>
      new Intl.DateTimeFormat('en-GB', {
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone,
      }).format(ms);
    const hour = 3_600_000;
    let next = Math.ceil(Date.now() / hour) * hour;
    while (!wall(next, 'Europe/Berlin').endsWith(', 09:00')) next += hour;

    // A reader in New York: the Berlin time is named, and theirs is in the title.
    const newYork = await stack!.designerPage(
      { width: 1024, height: 768 },
      { timezoneId: 'America/New_York' },
    );
    await newYork.goto(`${server.url}/flows`);
    const nextRun = (id: string) => newYork.getByTestId(`flow-row-${id}`).locator('.flow-next-run');
    await nextRun(daily).waitFor();
    expect(await nextRun(daily).textContent()).toBe(
      `Next run ${wall(next, 'Europe/Berlin')} (Europe/Berlin)`,
    );
    expect(await nextRun(daily).getAttribute('title')).toContain(
      `Every day at 09:00, Europe/Berlin · in `,
    );
    expect(await nextRun(daily).getAttribute('title')).toContain(
      `Your time: ${wall(next, 'America/New_York')} (America/New_York)`,
    );
    expect(await nextRun(paused).textContent()).toBe('Schedule paused');
    expect(await nextRun(never.id).count()).toBe(0);

    // The editor says what the draft would do if published now.
    await newYork.goto(`${server.url}/flows/${daily}`);
    await newYork.getByTestId('node-start').dispatchEvent('click');
    const draftNext = newYork.getByTestId('inspector').getByTestId('schedule-next-run');
    await draftNext.waitFor();
    expect(await draftNext.textContent()).toMatch(
      /^If published now, next run: \w{3} \d{1,2} \w{3}, 17:30 \(Europe\/Berlin\)Your time: .+ \(America\/New_York\)$/,
    );
    await newYork.close();
  });

  it('names a structured output without fields and an input the schedule does not give before publishing', async () => {
    // A Manual start swapped for a Schedule: the AI step's default prompt still reads
    // {{ input.topic }}, and its output was switched to structured fields before any was added.
    const flow = await designer.post<{ id: string }>('/api/flows', {
      name: 'Scheduled ideas',
      graph: {
        nodes: [
          { id: 'sched', type: 'trigger.schedule', position: { x: 0, y: 0 }, config: {} },
          {
            id: 'draft',
            type: 'ai.generate',
            position: { x: 300, y: 0 },
            config: { output: 'json', fields: [] },
          },
        ],
        edges: [{ id: 'e1', source: 'sched', target: 'draft' }],
      },
    });
    await page.goto(`${server.url}/flows/${flow.id}`);
    await card('draft').waitFor();
    await page.getByTestId('problems-button').click();
    const problems = page.getByTestId('problems-panel');
    await problems.getByText('2 problems to fix').waitFor();
    const structured = problems.getByRole('button', {
      name: /Fields: Declare at least one field for structured output/,
    });
    await structured.waitFor();
    await problems
      .getByRole('button', {
        name: /Prompt: \{\{ input\.topic \}\} is not one of the schedule’s input values: add a value named “topic”/,
      })
      .waitFor();
    // The problem leads to its setting, where the form names it too.
    await structured.click();
    await inspector()
      .locator('.field-error', { hasText: 'Declare at least one field for structured output' })
      .waitFor();

    // Publish refuses the flow for the same two reasons, in the same words.
    const refused = await designer
      .post(`/api/flows/${flow.id}/publish`)
      .then(() => 'published')
      .catch((error: Error) => error.message);
    expect(refused).toMatch(/-> 422/);
    expect(refused).toContain('Declare at least one field for structured output');
    expect(refused).toContain('{{ input.topic }} is not an input of this flow');
  });
});
