import { describe, expect, it } from 'vitest';
import {
  blogGraph,
  createHarness,
  designer,
  eventTypes,
  graph,
  manager,
  topicTrigger,
  type Harness,
} from './testing/harness.js';

/** Starts a run with a topic and waits until the engine has nothing left to do. */
async function startToRest(h: Harness, flowId: string, topic: string) {
  const run = await h.engine.startRun({ flowId, input: { topic }, startedBy: designer.id });
  await h.engine.idle();
  return run;
}

describe('inline nodes (pure and quick: branch, checks)', () => {
  it('writes an inline step once, finished, and moves on within the same pass', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(
      graph(
        [
          topicTrigger,
          [
            'branch',
            'logic.branch',
            { rules: [{ path: 'input.topic', operator: 'equals', value: 'Launch' }] },
          ],
          ['yes', 'ai.generate', { prompt: 'Announce {{ input.topic }}' }],
          ['no', 'ai.generate', { prompt: 'Summarise {{ input.topic }}' }],
        ],
        ['start>branch', 'branch:true>yes', 'branch:false>no'],
      ),
    );
    const run = await startToRest(h, flowId, 'Launch');

    const finished = await h.store.runs.get(run.id);
    expect(finished.error).toBeNull();
    expect(finished.status).toBe('succeeded');
    expect(eventTypes(h.events)).toEqual([
      'flow.published',
      'run:running',
      'step:start:done',
      'step:branch:done',
      // `yes` starts at once and finishes within its start delay: written once, done.
      'step:no:skipped',
      'step:yes:done',
      'run:succeeded',
    ]);
    const branch = (await h.store.steps.listByRun(run.id)).find((s) => s.nodeId === 'branch')!;
    expect(branch).toMatchObject({ status: 'done', handle: 'true', attempts: 1, revision: 0 });
    expect(branch.output).toMatchObject({ result: true });
    expect(branch.startedAt).not.toBeNull();
    expect(branch.endedAt).not.toBeNull();
    expect(h.llm.requests).toHaveLength(1);
  });

  it('an inline node that fails runs again the usual way, which records the failure', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(
      graph([topicTrigger, ['guard', 'check.budget', {}]], ['start>guard']),
    );
    const run = await startToRest(h, flowId, 'No budget here');

    const failed = await h.store.runs.get(run.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatchObject({ code: 'CONFIG_INVALID', origin: 'user' });
    expect(failed.error?.message).toMatch(/no list "changes"/);
    expect(eventTypes(h.events)).toEqual([
      'flow.published',
      'run:running',
      'step:start:done',
      // Run again the usual way, it fails within its start delay: written once, failed.
      'step:guard:failed',
      'run:failed',
    ]);
  });

  it('decides a checkpoint at auto within the pass: one write, the reason recorded', async () => {
    const h = await createHarness();
    h.llm.push('Our new dashboard helps teams plan.');
    const flowId = await h.deploy(blogGraph());
    await h.engine.setAutomation(flowId, 'review', { level: 'auto', reason: 'Test' }, manager);
    const run = await startToRest(h, flowId, 'Dashboards');

    expect((await h.store.runs.get(run.id)).status).toBe('succeeded');
    const steps = eventTypes(h.events.filter((e) => e.type === 'step.updated'));
    expect(steps.filter((s) => s.startsWith('step:review:'))).toEqual(['step:review:done']);
    const review = (await h.store.steps.listByRun(run.id)).find((s) => s.nodeId === 'review')!;
    expect(review).toMatchObject({ status: 'done', handle: 'approved', revision: 0 });
    expect(review.state).toMatchObject({ passed: 'Passed at auto', level: 'auto' });
    expect((await h.store.tasks.list({ runId: run.id })).items).toHaveLength(0);
    expect(h.publisher.sent).toHaveLength(1);
  });

  it('leaves a checkpoint below auto to the usual path, which opens its task', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph({ locked: true }));
    await h.engine
      .setAutomation(flowId, 'review', { level: 'auto', reason: 'Test' }, manager)
      .catch(() => null);
    const run = await startToRest(h, flowId, 'Dashboards');

    expect((await h.store.runs.get(run.id)).status).toBe('waiting');
    const steps = eventTypes(h.events.filter((e) => e.type === 'step.updated'));
    expect(steps.filter((s) => s.startsWith('step:review:'))).toEqual([
      'step:review:running',
      'step:review:waiting',
    ]);
    expect((await h.store.tasks.list({ runId: run.id })).items).toHaveLength(1);
  });

  it('an inline result the store refuses fails its step the usual way; the run does not stall', async () => {
    const h = await createHarness();
    // 1,300 e-mail addresses: check.brand flags each, past the stored output's 5,000 keys.
    h.llm.push(Array.from({ length: 1_300 }, (_, i) => `a${i}@example.com`).join(' '));
    const flowId = await h.deploy(blogGraph());
    const run = await startToRest(h, flowId, 'Contacts');

    const failed = await h.store.runs.get(run.id);
    expect(failed.status).toBe('failed');
    expect(failed.error?.code).toBe('VALIDATION_FAILED');
    const check = (await h.store.steps.listByRun(run.id)).find((s) => s.nodeId === 'check')!;
    expect(check.status).toBe('failed');
  });
});
