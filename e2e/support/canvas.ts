import type { Page } from 'playwright-core';
import { until } from './until.js';

/**
 * Selects a step on the canvas by clicking its card, again if need be, until the canvas shows it
 * selected. A click can land on the empty canvas when the canvas moves under it: a restored test
 * run's bar takes its room and the canvas pans to the run's step a moment after the page opens.
 */
export async function selectStep(page: Page, nodeId: string): Promise<void> {
  const card = page.getByTestId(`node-${nodeId}`);
  const selected = page.locator(`.react-flow__node.selected[data-id="${nodeId}"]`);
  await until(async () => {
    await card.click();
    await page.waitForTimeout(100);
    return (await selected.count()) > 0 ? true : undefined;
  }, `step ${nodeId} to be selected`);
}
