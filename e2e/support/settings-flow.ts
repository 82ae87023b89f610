import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { DesignerStack } from './designer-stack.js';

interface SavedNode {
  id: string;
  config: Record<string, unknown>;
}

type Config = Record<string, unknown>;

/**
 * A flow of one step of each main kind, built by clicking the palette, open in the editor: what
 * the step settings tests configure. With the ways they reach the settings panel and the saved
 * flow.
 */
export interface SettingsFlow {
  page: Page;
  flowId: string;
  inspector(): Locator;
  /** The toolbar's count of problems, as it reads. */
  problemsButton(): Promise<string | null>;
  /** Opens a step's settings; dispatched, as the chain runs past the right edge of the view. */
  open(id: string): Promise<void>;
  /** The settings field with exactly this label. */
  labelled(text: string): Locator;
  /** The step's config as saved, once `ready` holds for it. */
  savedConfig(id: string, ready: (c: Config) => boolean, inFlow?: string): Promise<Config>;
}

export async function openSettingsFlow(stack: DesignerStack): Promise<SettingsFlow> {
  const { server, designer } = stack;
  const page = await stack.designerPage({ width: 1360, height: 850 });
  const flow = await designer.post<{ id: string }>('/api/flows', {
    name: 'Configured by clicking',
    graph: { nodes: [], edges: [] },
  });
  await page.goto(`${server.url}/flows/${flow.id}`);
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

  const inspector = () => page.getByTestId('inspector');
  return {
    page,
    flowId: flow.id,
    inspector,
    problemsButton: () => page.getByTestId('problems-button').textContent(),
    open: (id) => page.getByTestId(`node-${id}`).dispatchEvent('click'),
    labelled: (text) => inspector().getByLabel(text, { exact: true }),
    async savedConfig(id, ready, inFlow = flow.id) {
      let config: Config = {};
      await expect
        .poll(
          async () => {
            const saved = await designer.get<{ graph: { nodes: SavedNode[] } }>(
              `/api/flows/${inFlow}`,
            );
            config = saved.graph.nodes.find((n) => n.id === id)?.config ?? {};
            return ready(config);
          },
          { timeout: 10_000 },
        )
        .toBe(true);
      return config;
    },
  };
}
