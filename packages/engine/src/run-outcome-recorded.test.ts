import { describe, expect, it } from 'vitest';
import type { Run } from '@tandem/schema';
import { admin, blogGraph, createHarness, designer, reviewer } from './testing/harness.js';
import type { Harness } from './testing/harness.js';
import { transientError } from './testing/scripted-ports.js';

/* The outcome a run came to is written on the run when it finishes, by every path to the end. */

async function start(h: Harness, flowId: string) {
  const run = await h.engine.startRun({
    flowId,
    input: { topic: 'Launch' },
    startedBy: designer.id,
  });
  await h.engine.idle();
  return run;
}

async function decideFirstTask(h: Harness, runId: string, action: 'approve' | 'reject') {
  const task = (await h.store.tasks.list({ runId, status: ['open'] })).items[0]!;
  await h.engine.decide(
    task.id,
    { action, ...(action === 'reject' ? { reason: 'No' } : {}) },
    reviewer,
  );
  await h.engine.idle();
}

/** The runs the engine announced for `runId`, last first. */
const pushed = (h: Harness, runId: string): Run[] =>
  h.events
    .flatMap((e) => (e.type === 'run.updated' && e.run.id === runId ? [e.run] : []))
    .reverse();

describe('the outcome recorded when a run finishes', () => {
  it('is rejected when a reviewer rejected and nothing went out, and the push says so', async () => {
    const h = await createHarness();
    const run = await start(h, await h.deploy(blogGraph()));
    expect(await h.store.runs.get(run.id)).not.toHaveProperty('outcome');
    await decideFirstTask(h, run.id, 'reject');
    expect(await h.store.runs.get(run.id)).toMatchObject({
      status: 'succeeded',
      outcome: 'rejected',
    });
    expect(pushed(h, run.id)[0]).toMatchObject({ status: 'succeeded', outcome: 'rejected' });
    expect((await h.store.runs.list({ outcome: 'rejected' })).items.map((r) => r.id)).toEqual([
      run.id,
    ]);
  });

  it('is published when the approved content went out', async () => {
    const h = await createHarness();
    const run = await start(h, await h.deploy(blogGraph()));
    await decideFirstTask(h, run.id, 'approve');
    expect(await h.store.runs.get(run.id)).toMatchObject({
      status: 'succeeded',
      outcome: 'published',
    });
    expect(pushed(h, run.id)[0]).toMatchObject({ outcome: 'published' });
  });

  it('is recorded when recovery replays a finish a crash cut off', async () => {
    const h = await createHarness();
    const run = await start(h, await h.deploy(blogGraph()));
    await decideFirstTask(h, run.id, 'reject');
    // Every step settled, but the run's own finish was never written.
    const finished = await h.store.runs.get(run.id);
    const { outcome: _dropped, ...unfinished } = finished;
    await h.store.runs.update({ ...unfinished, status: 'running', endedAt: null });
    const second = await h.restart();
    await second.recover();
    await second.idle();
    expect(await h.store.runs.get(run.id)).toMatchObject({
      status: 'succeeded',
      outcome: 'rejected',
    });
  });

  it('is published once a replayed dead letter goes out, and absent while the run failed', async () => {
    const h = await createHarness({ limits: { retry: { maxAttempts: 1 } } });
    h.publisher.push(transientError());
    const run = await start(h, await h.deploy(blogGraph()));
    await decideFirstTask(h, run.id, 'approve');
    const failed = await h.store.runs.get(run.id);
    expect(failed.status).toBe('failed');
    expect(failed).not.toHaveProperty('outcome');
    const dead = (await h.store.publications.findByKey(`${run.id}:publish`))!;
    await h.engine.replayPublication(dead.id, admin);
    await h.engine.idle();
    expect(await h.store.runs.get(run.id)).toMatchObject({
      status: 'succeeded',
      outcome: 'published',
    });
  });

  it('is recorded once at start-up for runs that succeeded before it was kept', async () => {
    const h = await createHarness();
    const rejected = await start(h, await h.deploy(blogGraph()));
    await decideFirstTask(h, rejected.id, 'reject');
    const published = await start(h, await h.deploy(blogGraph()));
    await decideFirstTask(h, published.id, 'approve');
    for (const id of [rejected.id, published.id]) {
      const { outcome: _none, ...old } = await h.store.runs.get(id);
      await h.store.runs.update(old);
    }
    const before = await h.store.runs.get(rejected.id);
    expect((await h.store.runs.list({ status: ['succeeded'], outcome: null })).items).toHaveLength(
      2,
    );

    const second = await h.restart();
    await second.recover();
    expect(await h.store.runs.get(rejected.id)).toMatchObject({
      outcome: 'rejected',
      updatedAt: before.updatedAt,
    });
    expect((await h.store.runs.get(published.id)).outcome).toBe('published');
    expect((await h.store.runs.list({ status: ['succeeded'], outcome: null })).items).toEqual([]);
  });
});
