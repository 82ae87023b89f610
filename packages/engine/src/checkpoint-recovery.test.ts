import { describe, expect, it } from 'vitest';
import type { StepStatus, Task } from '@tandem/schema';
import { blogGraph, createHarness, designer, reviewer } from './testing/harness.js';
import type { Harness } from './testing/harness.js';

/*
 * A checkpoint opens its task and then writes its step. A process that dies in between leaves
 * the task and a step still `running`; recovery runs the step again, and a new sampling draw
 * must not decide the item a second time.
 */

/**
 * Starts a run whose process "dies" as the review step is written with `status`: that write
 * never returns. Resolves with the task the checkpoint opened before it.
 */
async function crashAfterTaskOpened(h: Harness, flowId: string, status: StepStatus) {
  const update = h.store.steps.update.bind(h.store.steps);
  let dead = true;
  h.store.steps.update = (step) =>
    dead && step.nodeId === 'review' && step.status === status
      ? new Promise(() => undefined)
      : update(step);
  const run = await h.engine.startRun({ flowId, input: { topic: 'x' }, startedBy: designer.id });
  const tasks = async (): Promise<Task[]> => (await h.store.tasks.list({ runId: run.id })).items;
  for (let i = 0; i < 50 && (await tasks()).length === 0; i += 1) {
    await new Promise((r) => setTimeout(r, 5));
  }
  const [task] = await tasks();
  dead = false;
  return { run, task: task!, tasks };
}

describe('a checkpoint recovered after a crash', () => {
  it('keeps a sampled item held by the task it opened', async () => {
    // Drawn for a sample now; drawn again at recovery, it would pass.
    const h = await createHarness({ random: () => 0 });
    const flowId = await h.deploy(blogGraph({ defaultLevel: 'review_flagged', sampleRate: 0.5 }));
    const { run, task, tasks } = await crashAfterTaskOpened(h, flowId, 'waiting');
    expect(task).toMatchObject({ status: 'open' });

    const second = h.spawn({ random: () => 0.99 });
    await second.recover();
    await second.idle();
    expect(h.publisher.sent).toHaveLength(0);
    expect((await h.store.runs.get(run.id)).status).toBe('waiting');
    expect((await tasks()).map((t) => t.id)).toEqual([task.id]);
    await second.decide(task.id, { action: 'approve' }, reviewer);
    await second.idle();
    expect((await h.store.runs.get(run.id)).status).toBe('succeeded');
    expect(h.publisher.sent).toHaveLength(1);
  });

  it('keeps the spot check it opened as the item’s only one', async () => {
    const h = await createHarness({ random: () => 0 });
    const flowId = await h.deploy(blogGraph({ defaultLevel: 'spot_check', sampleRate: 0.5 }));
    const { run, task: spot, tasks } = await crashAfterTaskOpened(h, flowId, 'done');
    expect(spot).toMatchObject({ kind: 'spot_check', status: 'open' });

    // Drawn again at recovery, the item got no spot check of its own (or, drawn for one, a second).
    const second = h.spawn({ random: () => 0.99 });
    await second.recover();
    await second.idle();
    expect((await h.store.runs.get(run.id)).status).toBe('succeeded');
    const review = (await h.store.steps.listByRun(run.id)).find((s) => s.nodeId === 'review')!;
    expect(review.state).toMatchObject({ sampled: true, spotTaskId: spot.id });
    expect((await tasks()).map((t) => t.id)).toEqual([spot.id]);
  });
});
