import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  describeBrowser,
  socialReviewFlow,
  startDesignerStack,
  type DesignerStack,
} from './support/index.js';

/*
 * What a first-time designer (a marketer, not a developer) tripped over in the flow editor at
 * 1280×800 and 1024×768, each checked where they met it.
 */
describeBrowser('flow editor, a designer’s first pass', () => {
  let stack: DesignerStack | undefined;

  beforeAll(async () => {
    stack = await startDesignerStack();
  }, 300_000);

  afterAll(() => stack?.stop());

  async function openNewFlow(viewport: { width: number; height: number }) {
    const { server, sink, designer } = stack!;
    const flow = await designer.post<{ id: string }>('/api/flows', socialReviewFlow(sink.url));
    const page = await stack!.designerPage(viewport);
    await page.goto(`${server.url}/flows/${flow.id}`);
    await page.getByTestId('publish-button').waitFor();
    return page;
  }

  it('offers a test run right in the notice that the flow is published', async () => {
    const page = await openNewFlow({ width: 1280, height: 800 });
    await page.getByTestId('publish-button').click();
    const toast = page.locator('.toast', { hasText: 'Published version 1' });
    await toast.getByRole('button', { name: 'Start a test run' }).click();
    const dialog = page.getByRole('dialog', { name: 'Test run' });
    await dialog.getByLabel('Topic').waitFor();
    // Nothing left to publish: the form runs the version just published.
    await dialog.getByRole('button', { name: 'Start run', exact: true }).waitFor();
    await page.close();
  }, 90_000);
});
