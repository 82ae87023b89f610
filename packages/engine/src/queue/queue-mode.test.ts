import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '@tandem/schema';
import type { PublisherPort } from '@tandem/nodes';
import { blogGraph, createHarness, designer, eventTypes, reviewer } from '../testing/harness.js';
import { createRecordingPublisher } from '../testing/scripted-ports.js';
import { createInProcessQueue } from './in-process.queue.js';

/*
 * The engine's queue mode on the in-process queue: a "server" engine that never starts (it
 * only writes and enqueues) and "worker" engines that take jobs, over one store, as the
 * Redis setup runs them in separate processes.
 */

async function until(probe: () => Promise<boolean>, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

type Harness = Awaited<ReturnType<typeof createHarness>>;

/** Starts a run of `flowId` through `engine` and waits until its review task exists. */
async function startToReview(
  h: Harness,
  engine: { startRun: Harness['engine']['startRun'] },
  flowId: string,
) {
  const run = await engine.startRun({ flowId, input: { topic: 'Launch' }, startedBy: designer.id });
  await until(
    async () => (await h.store.tasks.list({ runId: run.id })).items.length === 1,
    'the review task',
  );
  const [task] = (await h.store.tasks.list({ runId: run.id })).items;
  return { run, task: task! };
}

describe('engine queue mode', () => {
  it('leaves step execution to the worker that took the job; a run publishes once', async () => {
    const h = await createHarness({ queue: undefined });
    const queue = createInProcessQueue({ timers: h.clock });
    const server = h.spawn({ queue });
    const serverEvents: EngineEvent[] = [];
    server.on((e) => serverEvents.push(e));
    const worker = h.spawn({ queue });
    worker.start();
    const flowId = await h.deploy(blogGraph());

    const { run, task } = await startToReview(h, server, flowId);
    // The server wrote the run and the first pending step; every execution happened elsewhere.
    expect(eventTypes(serverEvents).filter((t) => /^step:.*:running$/.test(t))).toEqual([]);
    expect(h.llm.requests).toHaveLength(1);

    await server.decide(task.id, { action: 'approve' }, reviewer);
    // A recovery pass elsewhere dispatches the same steps again: their job ids deduplicate.
    await Promise.all([server.recover(), worker.recover()]);
    await until(
      async () => (await h.store.runs.get(run.id)).status === 'succeeded',
      'the run to succeed',
    );
    expect(h.publisher.sent.map((r) => r.key)).toEqual([`${run.id}:publish`]);
    expect((await queue.counts()).failed).toBe(0);
    await worker.stop();
    await queue.close();
  });

  it('fires a due-time escalation once with two workers and the delayed timer job', async () => {
    const h = await createHarness();
    const queue = createInProcessQueue({ timers: h.clock });
    const server = h.spawn({ queue });
    const workers = [h.spawn({ queue }), h.spawn({ queue })];
    for (const w of workers) w.start();
    const flowId = await h.deploy(
      blogGraph({ dueInMinutes: 60, onDue: 'escalate', escalateTo: 'manager' }),
    );
    const { task } = await startToReview(h, server, flowId);
    expect((await queue.counts()).delayed).toBeGreaterThan(0);
    await h.clock.advance(61 * 60_000);
    await until(async () => (await h.store.tasks.get(task.id)).escalatedAt !== null, 'escalation');
    await h.clock.advance(5 * 60_000);
    for (const w of workers) await w.idle();
    const audits = await h.store.audit.list({ action: 'task.escalated', subjectId: task.id });
    expect(audits.items).toHaveLength(1);
    expect(
      h.events.filter((e) => e.type === 'task.updated' && e.change === 'escalated'),
    ).toHaveLength(1);
    for (const w of workers) await w.stop();
    await queue.close();
  });

  it('finishes a step whose worker died mid-publish on another worker, publishing once', async () => {
    const h = await createHarness();
    const deadQueue = createInProcessQueue({ timers: h.clock });
    // The first worker's send never returns: the process is gone, its job lock expires.
    const hanging: PublisherPort = { publish: () => new Promise(() => undefined) };
    const dying = h.spawn({ queue: deadQueue, publisher: hanging });
    dying.start();
    const flowId = await h.deploy(blogGraph());
    const { run, task } = await startToReview(h, dying, flowId);
    await dying.decide(task.id, { action: 'approve' }, reviewer);
    await until(
      async () => (await h.store.publications.findByKey(`${run.id}:publish`)) !== null,
      'the first publish attempt',
    );
    const publishStep = (await h.store.steps.listByRun(run.id)).find(
      (s) => s.nodeId === 'publish',
    )!;
    expect(publishStep.status).toBe('running');

    // Redis moves the stalled job back to waiting; another worker takes it.
    const queue = createInProcessQueue({ timers: h.clock });
    const publisher = createRecordingPublisher();
    const survivor = h.spawn({ queue, publisher });
    survivor.start();
    await queue.enqueue(
      { kind: 'step', runId: run.id, stepId: publishStep.id },
      { id: `step-${publishStep.id}-${publishStep.attempts}` },
    );
    await until(
      async () => (await h.store.runs.get(run.id)).status === 'succeeded',
      'the run to succeed',
    );
    expect(publisher.sent.map((r) => r.key)).toEqual([`${run.id}:publish`]);
    const publication = await h.store.publications.findByKey(`${run.id}:publish`);
    expect(publication!.status).toBe('succeeded');
    await survivor.stop();
    await queue.close();
  });
});
