import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  boxOf,
  describeBrowser,
  selectStep,
  socialReviewFlow,
  startDesignerStack,
  overlaps,
  type DesignerStack,
} from './support/index.js';

/*
 * Notifications never hide the step settings panel (the inspector): a toast over its lower part
 * covered the fields a designer was filling in right after publishing or adding a step.
 */

describeBrowser('toasts beside the step settings', () => {
  let stack: DesignerStack | undefined;

  beforeAll(async () => {
    stack = await startDesignerStack();
  }, 300_000);

  afterAll(() => stack?.stop());

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    it(`keeps a toast off the open step settings at ${viewport.width}x${viewport.height}`, async () => {
      const { sink, designer } = stack!;
      const flow = await designer.post<{ id: string }>('/api/flows', socialReviewFlow(sink.url));
      const page = await stack!.designerPage(viewport, { at: `/flows/${flow.id}` });
      await page.getByTestId('publish-button').waitFor();
      await selectStep(page, 'review');
      const inspector = page.getByTestId('inspector');
      await inspector.waitFor();

      await page.getByTestId('publish-button').click();
      const toast = page.locator('.toast', { hasText: 'Published version 1' });
      await toast.waitFor();
      const [toastBox, inspectorBox] = [await boxOf(toast), await boxOf(inspector)];
      expect(overlaps(toastBox, inspectorBox), JSON.stringify({ toastBox, inspectorBox })).toBe(
        false,
      );
      // Still on screen, whole.
      expect(toastBox.x).toBeGreaterThanOrEqual(0);
      expect(toastBox.x + toastBox.width).toBeLessThanOrEqual(viewport.width);
      expect(toastBox.y + toastBox.height).toBeLessThanOrEqual(viewport.height);
      await page.close();
    }, 90_000);
  }
});
