import { describe, expect, it } from 'vitest';
import type { Graph } from '@tandem/schema';
import { blogGraph, createHarness, designer, manager } from './testing/harness.js';
import type { Harness } from './testing/harness.js';

/** Saves a new draft of the flow and publishes it, as a designer does in the editor. */
async function republish(h: Harness, flowId: string, graph: Graph): Promise<void> {
  const flow = await h.store.flows.get(flowId);
  await h.store.flows.update({ ...flow, graph });
  await h.engine.publishFlow(flowId, designer);
}

async function levelChanges(h: Harness, flowId: string) {
  const page = await h.store.audit.list({
    action: 'automation.changed',
    subjectId: `${flowId}:review`,
  });
  return page.items.map((e) => e.details);
}

function automationEvents(h: Harness): number {
  return h.events.filter((e) => e.type === 'automation.updated').length;
}

describe('a designer’s new default level', () => {
  it('is audited and pushed when it is the level that applies', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph({ defaultLevel: 'review_all' }));
    const before = automationEvents(h);

    await republish(h, flowId, blogGraph({ defaultLevel: 'auto' }));

    expect(await levelChanges(h, flowId)).toEqual([
      expect.objectContaining({
        from: 'review_all',
        to: 'auto',
        reason: 'Default level changed by the flow’s designer in version 2',
      }),
    ]);
    expect(automationEvents(h)).toBe(before + 1);
    expect((await h.engine.getAutomation(flowId))[0]).toMatchObject({ level: 'auto' });
  });

  it('a new default sample rate is audited too', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph({ defaultLevel: 'review_flagged', sampleRate: 0.1 }));
    await republish(h, flowId, blogGraph({ defaultLevel: 'review_flagged', sampleRate: 0.5 }));
    expect(await levelChanges(h, flowId)).toEqual([
      expect.objectContaining({
        from: 'review_flagged',
        to: 'review_flagged',
        fromSampleRate: 0.1,
        sampleRate: 0.5,
        reason: 'Default sample rate changed by the flow’s designer in version 2',
      }),
    ]);
  });

  it('an unchanged default is not audited', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph({ defaultLevel: 'review_flagged' }));
    const before = automationEvents(h);
    await republish(h, flowId, blogGraph({ defaultLevel: 'review_flagged', title: 'Renamed' }));
    expect(await levelChanges(h, flowId)).toEqual([]);
    expect(automationEvents(h)).toBe(before);
  });

  it('changes nothing while a manager’s level applies, and the manager’s later choices still do', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph({ defaultLevel: 'review_all' }));
    await h.engine.setAutomation(flowId, 'review', { level: 'spot_check', reason: 'Ok' }, manager);

    await republish(h, flowId, blogGraph({ defaultLevel: 'auto' }));
    expect((await levelChanges(h, flowId)).map((d) => d.to)).toEqual(['spot_check']);
    expect((await h.engine.getAutomation(flowId))[0]).toMatchObject({ level: 'spot_check' });
  });

  it('a manager may still choose a level after a designer’s default change', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph({ defaultLevel: 'review_all' }));
    await republish(h, flowId, blogGraph({ defaultLevel: 'auto' }));
    await h.engine.setAutomation(
      flowId,
      'review',
      { level: 'review_flagged', reason: 'No' },
      manager,
    );
    expect((await h.engine.getAutomation(flowId))[0]).toMatchObject({ level: 'review_flagged' });

    // Once a manager chose, a further default change is the designer's alone.
    await republish(h, flowId, blogGraph({ defaultLevel: 'spot_check' }));
    expect((await h.engine.getAutomation(flowId))[0]).toMatchObject({ level: 'review_flagged' });
    expect((await levelChanges(h, flowId)).map((d) => [d.from, d.to])).toEqual([
      ['auto', 'review_flagged'],
      ['review_all', 'auto'],
    ]);
  });
});
