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
 * words, and a mistyped time zone or a week without days shows up in the Problems list.
 */
describeBrowser('schedule trigger in the editor', () => {
  let stack: DesignerStack | undefined;
  let server: TandemServer;
  let designer: ApiClient;
  let page: Page;

  beforeAll(async () => {
    stack = await startDesignerStack();
    ({ server, designer } = stack);
    page = await stack.designerPage({ width: 1440, height: 900 });
  }, 300_000);

  afterAll(() => stack?.stop());

  const card = () => page.getByTestId('node-trigger');
  const inspector = () => page.getByTestId('inspector');
  const labelled = (text: string) => inspector().getByLabel(text, { exact: true });

  it('summarises the schedule on its card and lists its problems per field', async () => {
    const flow = await designer.post<{ id: string }>('/api/flows', {
      name: 'Weekly post ideas',
      graph: { nodes: [], edges: [] },
    });
    await page.goto(`${server.url}/flows/${flow.id}`);
    await page.getByTestId('canvas').waitFor();
    await page.getByTestId('palette-trigger.schedule').click();
    await card().waitFor();
    await card().locator('.node-summary', { hasText: 'Every Monday at 09:00, UTC' }).waitFor();

    await card().dispatchEvent('click');
    await inspector().getByRole('checkbox', { name: 'Thursday' }).check();
    await labelled('Time zone').fill('Europe/Berlinn');
    await card()
      .locator('.node-summary', { hasText: 'Every Monday and Thursday at 09:00, Europe/Berlinn' })
      .waitFor();
    await page.getByTestId('problems-button').click();
    const problems = page.getByTestId('problems-panel');
    await problems.getByRole('button', { name: /Time zone: Unknown time zone/ }).waitFor();

    await labelled('Time zone').fill('Europe/Berlin');
    await expect.poll(() => problems.getByRole('button', { name: /Time zone/ }).count()).toBe(0);
    await inspector().getByRole('checkbox', { name: 'Monday' }).uncheck();
    await inspector().getByRole('checkbox', { name: 'Thursday' }).uncheck();
    await problems.getByRole('button', { name: /On: Choose at least one weekday/ }).waitFor();
    await card().locator('.node-summary', { hasText: 'No weekday chosen' }).waitFor();

    await inspector().getByRole('checkbox', { name: 'Thursday' }).check();
    await inspector().locator('label.toggle', { hasText: 'Paused' }).click();
    expect(await labelled('Paused').isChecked()).toBe(true);
    await card()
      .locator('.node-summary', { hasText: 'Paused · Every Thursday at 09:00, Europe/Berlin' })
      .waitFor();
  });
});
