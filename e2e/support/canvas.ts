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

/**
 * Presses `f` (fit the flow to the canvas) and waits for the canvas to stop moving: the fit is
 * animated, and a card clicked while it moves can be missed.
 */
export async function fitFlow(page: Page): Promise<void> {
  await page.keyboard.press('f');
  const transform = () =>
    page.evaluate(
      () => document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '',
    );
  let last = await transform();
  let stillFor = 0;
  // Still for two looks in a row: on a loaded machine the fit may start a moment late.
  await until(async () => {
    await page.waitForTimeout(150);
    const now = await transform();
    stillFor = now === last ? stillFor + 1 : 0;
    last = now;
    return stillFor >= 2 ? true : undefined;
  }, 'the canvas to stop moving after fitting the flow');
}
