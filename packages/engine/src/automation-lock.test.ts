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

async function reviewTasks(h: Harness, flowId: string): Promise<number> {
  h.llm.push('We help customers plan.');
  const run = await h.engine.startRun({ flowId, input: { topic: 't' }, startedBy: designer.id });
  await h.engine.idle();
  return (await h.store.tasks.list({ runId: run.id })).items.length;
}

async function levelChanges(h: Harness, flowId: string) {
  const page = await h.store.audit.list({
    action: 'automation.changed',
    subjectId: `${flowId}:review`,
  });
  return page.items.map((e) => [e.details.from, e.details.to, e.actorId]);
}

describe('a designer’s lock and a manager’s level', () => {
  it('a level chosen before the lock does not come back when the checkpoint is unlocked', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph({ defaultLevel: 'review_flagged' }));
    await h.engine.setAutomation(flowId, 'review', { level: 'auto', reason: 'Trusted' }, manager);
    expect(await reviewTasks(h, flowId)).toBe(0);

    await republish(h, flowId, blogGraph({ locked: true }));
    expect((await h.engine.getAutomation(flowId))[0]).toMatchObject({
      level: 'review_all',
      locked: true,
    });
    expect(h.events.some((e) => e.type === 'automation.updated')).toBe(true);

    await republish(h, flowId, blogGraph({ defaultLevel: 'review_all' }));
    const [unlocked] = await h.engine.getAutomation(flowId);
    expect(unlocked).toMatchObject({ level: 'review_all', locked: false });
    expect(await reviewTasks(h, flowId)).toBe(1);

    // Audited newest first: the lock set the manager's auto aside, for review all; the unlock
    // is a change of the lock too, though the default it returns to is review all as well.
    expect(await levelChanges(h, flowId)).toEqual([
      ['review_all', 'review_all', designer.id],
      ['auto', 'review_all', designer.id],
      ['review_flagged', 'auto', manager.id],
    ]);

    // A manager's new choice applies again.
    await h.engine.setAutomation(flowId, 'review', { level: 'auto', reason: 'Again' }, manager);
    expect((await h.engine.getAutomation(flowId))[0]!.level).toBe('auto');
    expect(await reviewTasks(h, flowId)).toBe(0);
  });

  it('after the unlock the checkpoint follows the unlocking version’s default and sample rate', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph());
    await h.engine.setAutomation(
      flowId,
      'review',
      { level: 'spot_check', sampleRate: 0.9, reason: 'Trusted' },
      manager,
    );
    await republish(h, flowId, blogGraph({ locked: true }));
    await republish(h, flowId, blogGraph({ defaultLevel: 'review_flagged', sampleRate: 0.2 }));
    expect((await h.engine.getAutomation(flowId))[0]).toMatchObject({
      level: 'review_flagged',
      sampleRate: 0.2,
      locked: false,
    });
  });

  it('a lock published without setting the level aside (cut short) is caught up with on unlock', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph());
    await h.engine.setAutomation(flowId, 'review', { level: 'auto', reason: 'Trusted' }, manager);
    // The locked version is written as a publish that stopped right after it would leave it.
    const latest = (await h.store.flowVersions.latest(flowId))!;
    await h.store.flowVersions.create({
      ...latest,
      id: 'fv_locked',
      number: latest.number + 1,
      graph: blogGraph({ locked: true }),
    });
    expect((await h.engine.getAutomation(flowId))[0]!.level).toBe('review_all');

    await republish(h, flowId, blogGraph());
    expect((await h.engine.getAutomation(flowId))[0]!.level).toBe('review_all');
    expect(await reviewTasks(h, flowId)).toBe(1);
    expect((await levelChanges(h, flowId))[0]).toEqual(['review_all', 'review_all', designer.id]);
  });

  it('publishing a version that leaves an unlocked checkpoint unlocked keeps the manager’s level', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph());
    await h.engine.setAutomation(flowId, 'review', { level: 'auto', reason: 'Trusted' }, manager);
    await republish(h, flowId, blogGraph({ sampleRate: 0.5 }));
    expect((await h.engine.getAutomation(flowId))[0]!.level).toBe('auto');
    expect(await levelChanges(h, flowId)).toHaveLength(1);
  });

  it('a lock and an unlock with no manager’s level are audited and announced', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph({ defaultLevel: 'review_flagged' }));
    const announced = () =>
      h.events.filter((e) => e.type === 'automation.updated').map((e) => e.setting.reason);

    await republish(h, flowId, blogGraph({ locked: true }));
    expect((await h.engine.getAutomation(flowId))[0]).toMatchObject({ level: 'review_all' });
    await republish(h, flowId, blogGraph({ defaultLevel: 'spot_check', sampleRate: 0.3 }));
    expect((await h.engine.getAutomation(flowId))[0]).toMatchObject({
      level: 'spot_check',
      sampleRate: 0.3,
      locked: false,
    });

    const entries = (
      await h.store.audit.list({ action: 'automation.changed', subjectId: `${flowId}:review` })
    ).items.map((e) => e.details);
    expect(entries).toEqual([
      {
        flowId,
        nodeId: 'review',
        checkpoint: expect.any(String),
        from: 'review_all',
        to: 'spot_check',
        fromSampleRate: expect.any(Number),
        sampleRate: 0.3,
        reason:
          'Unlocked by the flow’s designer in version 3: the checkpoint follows its default level',
      },
      {
        flowId,
        nodeId: 'review',
        checkpoint: expect.any(String),
        from: 'review_flagged',
        to: 'review_all',
        fromSampleRate: expect.any(Number),
        sampleRate: expect.any(Number),
        reason: 'Locked at review all by the flow’s designer in version 2',
      },
    ]);
    expect(announced()).toEqual([entries[1]!.reason, entries[0]!.reason]);

    // The recorded row is no one's choice: the next version's default still applies, and is
    // audited as the designer's change of the level that applies.
    await republish(h, flowId, blogGraph({ defaultLevel: 'review_flagged' }));
    expect((await h.engine.getAutomation(flowId))[0]!.level).toBe('review_flagged');
    expect((await levelChanges(h, flowId))[0]).toEqual([
      'spot_check',
      'review_flagged',
      designer.id,
    ]);
    expect(await levelChanges(h, flowId)).toHaveLength(3);
  });
});
