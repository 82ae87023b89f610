import { describe, expect, it } from 'vitest';
import type { Publication, Run, Step, Task } from '@tandem/schema';
import { AppError, wasCanceledBeforeSending } from '@tandem/schema';
import {
  admin,
  blogGraph,
  createHarness,
  designer,
  graph,
  manager,
  reviewer,
  topicTrigger,
} from './testing/harness.js';
import type { Harness } from './testing/harness.js';
import { transientError } from './testing/scripted-ports.js';

/** A run whose one publish step gave up: its publication is a dead letter. */
async function deadLetter(h: Harness): Promise<{ run: Run; dead: Publication }> {
  h.publisher.push(transientError(), transientError(), transientError());
  const flowId = await h.deploy(blogGraph());
  const run = await h.engine.startRun({ flowId, input: { topic: 'x' }, startedBy: designer.id });
  await h.engine.idle();
  const task = (await h.store.tasks.list({ runId: run.id })).items[0]!;
  await h.engine.decide(task.id, { action: 'approve' }, reviewer);
  await h.engine.idle();
  for (let i = 0; i < 20 && (await h.store.runs.get(run.id)).status !== 'failed'; i += 1) {
    await h.clock.advance(60_000);
    await h.engine.tick();
    await h.engine.idle();
  }
  const dead = (await h.store.publications.findByKey(`${run.id}:publish`))!;
  expect(dead.status).toBe('dead');
  return { run, dead };
}

describe('a cancel after a dead letter is replayed', () => {
  it('settles the replayed publication when the cancel lands before the step runs again', async () => {
    const h = await createHarness({ limits: { retry: { maxAttempts: 3 } } });
    const { run, dead } = await deadLetter(h);
    const sentBefore = h.publisher.attempts.length;
    // The replay marks the publication pending under the run lock; the cancel asks for the lock
    // then, and gets it as soon as the replay lets go, before the step runs again.
    const { publications } = h.store;
    const update = publications.update.bind(publications);
    let canceling: Promise<Run> | null = null;
    publications.update = async (p: Publication) => {
      const saved = await update(p);
      if (p.id === dead.id && p.status === 'pending' && !canceling)
        canceling = h.engine.cancelRun(run.id, designer);
      return saved;
    };
    await h.engine.replayPublication(dead.id, admin);
    await canceling;
    await h.engine.idle();

    expect((await h.store.runs.get(run.id)).status).toBe('canceled');
    const settled = await h.store.publications.get(dead.id);
    expect(settled).toMatchObject({
      status: 'dead',
      error: 'The run was canceled before this was sent',
    });
    // What the pages read to say it was never sent (rather than "may or may not have it").
    expect(wasCanceledBeforeSending(settled)).toBe(true);
    expect(h.publisher.attempts).toHaveLength(sentBefore);
    const pushed = h.events.filter(
      (e) => e.type === 'publication.updated' && e.publication.id === dead.id,
    );
    expect(pushed.at(-1)).toMatchObject({ publication: { status: 'dead' } });
  });

  it('does not publish when the cancel lands after the replayed step was written running', async () => {
    const h = await createHarness({ limits: { retry: { maxAttempts: 3 } } });
    const { run, dead } = await deadLetter(h);
    const sentBefore = h.publisher.attempts.length;
    // The step is written running outside the run lock and nothing of it executes yet, so the
    // cancel finds no step to abort: the publish itself has to notice.
    const { steps } = h.store;
    const update = steps.update.bind(steps);
    let canceled = false;
    steps.update = async (s: Step) => {
      const saved = await update(s);
      if (s.runId === run.id && s.status === 'running' && s.state.replayedBy && !canceled) {
        canceled = true;
        await h.engine.cancelRun(run.id, designer);
      }
      return saved;
    };
    await h.engine.replayPublication(dead.id, admin);
    await h.engine.idle();

    expect(canceled).toBe(true);
    expect((await h.store.runs.get(run.id)).status).toBe('canceled');
    expect(h.publisher.attempts).toHaveLength(sentBefore);
    expect((await h.store.publications.get(dead.id)).status).toBe('dead');
  });
});

describe('a replay revives a run that failed beside an open checkpoint', () => {
  it('gives the checkpoint its task again, so the run can finish', async () => {
    const h = await createHarness();
    h.publisher.push(
      new AppError({ code: 'PUBLISH_FAILED', message: 'Refused', details: { status: 400 } }),
    );
    const flowId = await h.deploy(
      graph(
        [
          topicTrigger,
          ['draft', 'ai.generate', {}],
          ['legal', 'human.review', {}],
          ['brand', 'human.review', { assigneeRoles: ['manager'] }],
          ['site', 'publish.webhook', { url: 'https://example.com/a' }],
          ['social', 'publish.webhook', { url: 'https://example.com/b' }],
        ],
        [
          'start>draft',
          'draft>legal',
          'draft>brand',
          'legal:approved>site',
          'brand:approved>social',
        ],
      ),
    );
    const run = await h.engine.startRun({ flowId, input: { topic: 'x' }, startedBy: designer.id });
    await h.engine.idle();
    const tasksOf = async (status: Task['status']) =>
      (await h.store.tasks.list({ runId: run.id, status: [status] })).items;
    const legal = (await tasksOf('open')).find((t) => t.nodeId === 'legal')!;
    await h.engine.decide(legal.id, { action: 'approve' }, reviewer);
    await h.engine.idle();
    expect((await h.store.runs.get(run.id)).status).toBe('failed');
    expect((await tasksOf('canceled')).map((t) => t.nodeId)).toEqual(['brand']);

    const dead = (await h.store.publications.findByKey(`${run.id}:site`))!;
    await h.engine.replayPublication(dead.id, admin);
    await h.engine.idle();
    // The brand checkpoint waited on its canceled task: the run said "waiting" for good.
    const [brand] = await tasksOf('open');
    expect(brand).toMatchObject({ nodeId: 'brand', content: { text: 'Draft text' } });
    await h.engine.decide(brand!.id, { action: 'approve' }, manager);
    await h.engine.idle();
    expect((await h.store.runs.get(run.id)).status).toBe('succeeded');
    expect(h.publisher.sent.map((p) => p.key).sort()).toEqual([
      `${run.id}:site`,
      `${run.id}:social`,
    ]);
  });
});

describe('a replay revives a run whose failure canceled a spot check', () => {
  it('gives the item its spot check again: the sample still counts', async () => {
    const h = await createHarness({ random: () => 0 });
    h.publisher.push(
      new AppError({ code: 'PUBLISH_FAILED', message: 'Refused', details: { status: 400 } }),
    );
    const flowId = await h.deploy(blogGraph({ defaultLevel: 'spot_check', sampleRate: 0.5 }));
    const run = await h.engine.startRun({ flowId, input: { topic: 'x' }, startedBy: designer.id });
    await h.engine.idle();
    const tasksOf = async (status: Task['status']) =>
      (await h.store.tasks.list({ runId: run.id, status: [status] })).items;
    expect((await h.store.runs.get(run.id)).status).toBe('failed');
    const [canceled] = await tasksOf('canceled');
    expect(canceled).toMatchObject({ kind: 'spot_check', nodeId: 'review' });

    const dead = (await h.store.publications.findByKey(`${run.id}:publish`))!;
    await h.engine.replayPublication(dead.id, admin);
    await h.engine.idle();
    expect((await h.store.runs.get(run.id)).status).toBe('succeeded');
    const [spot] = await tasksOf('open');
    expect(spot).toMatchObject({
      kind: 'spot_check',
      nodeId: 'review',
      stepId: canceled!.stepId,
      content: canceled!.content,
    });
    expect(spot!.id).not.toBe(canceled!.id);
    const review = (await h.store.steps.listByRun(run.id)).find((s) => s.nodeId === 'review')!;
    expect(review.state).toMatchObject({ sampled: true, spotTaskId: spot!.id });
    // Its judgement is recorded as any spot check's.
    await h.engine.decide(spot!.id, { action: 'approve' }, reviewer);
    expect((await h.store.tasks.get(spot!.id)).status).toBe('decided');
  });
});
