import { isAppError } from '@tandem/schema';
import { demoBrandKit, flowTemplates } from '@tandem/nodes';
import type { StorePort } from '@tandem/schema';
import type { Clock, Logger } from '@tandem/nodes';
import type { FlowsService } from '../flows/flows.service.js';

/** The brand kit every flow uses unless it names another; seeded with the demo's content. */
export const DEFAULT_BRAND_KIT_ID = 'brand_default';
const SEEDER = { id: 'system', roles: ['admin' as const] };

/**
 * The demo brand kit and every template flow, published so runs can start at once, except
 * templates that need a saved connection first.
 */
export async function seedDemoContent(deps: {
  store: StorePort;
  flows: FlowsService;
  clock: Clock;
  logger: Logger;
}): Promise<void> {
  const { store, flows, clock, logger } = deps;
  if (!(await store.brandKits.find(DEFAULT_BRAND_KIT_ID))) {
    await store.brandKits.create({
      ...demoBrandKit,
      id: DEFAULT_BRAND_KIT_ID,
      updatedBy: null,
      updatedAt: clock.now().toISOString(),
      revision: 0,
    });
  }
  const drafts: string[] = [];
  for (const template of flowTemplates) {
    const flow = await flows.create(SEEDER, {
      name: template.name,
      description: template.description,
      graph: template.graph,
    });
    // A template that sends through a saved connection (Slack, email) waits as a draft until
    // a designer picks one; the others are published, ready to run.
    try {
      await flows.publish(SEEDER, flow.id);
    } catch (error) {
      if (!isAppError(error, 'FLOW_INVALID')) throw error;
      drafts.push(template.name);
    }
  }
  logger.info('Seeded the demo brand kit and template flows', {
    flows: flowTemplates.length,
    drafts,
  });
}
