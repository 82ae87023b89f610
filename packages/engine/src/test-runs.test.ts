import { describe, expect, it } from 'vitest';
import { isAppError } from '@tandem/schema';
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

/*
 * A designer's test run: the flow runs as it would, but publish steps only say what they would
 * have sent, and checkpoints ask the designer alone, without moving anyone's evidence.
 */

const code = (error: unknown) => (isAppError(error) ? error.code : String(error));

/** The review a real run would give to two reviewers, with a due time and a quorum of two. */
const strictReview = {
  requiredApprovals: 2,
  separationOfDuties: true,
  dueInMinutes: 30,
  assigneeRoles: ['reviewer', 'manager'],
  assigneeUserIds: ['u_reviewer'],
};

function reviewedGraph() {
  return graph(
    [
      topicTrigger,
      ['draft', 'ai.generate', { prompt: 'Write about {{ input.topic }}' }],
      ['review', 'human.review', strictReview],
      ['hook', 'publish.webhook', { url: 'https://example.com/hook' }],
      ['keep', 'publish.library', { collection: 'Launches' }],
    ],
    ['start>draft', 'draft>review', 'review:approved>hook', 'review:approved>keep'],
  );
}

async function startTest(h: Harness, flowId: string) {
  const run = await h.engine.startRun({
    flowId,
    input: { topic: 'Launch' },
    startedBy: designer.id,
    test: true,
  });
  await h.engine.idle();
  const tasks = (await h.store.tasks.list({ runId: run.id, status: ['open'] })).items;
  return { run, task: tasks[0]! };
}

describe('test runs', () => {
  it('publish steps say what they would send and where, and send and record nothing', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(reviewedGraph());
    const { run, task } = await startTest(h, flowId);
    expect(run.test).toBe(true);
    await h.engine.decide(task.id, { action: 'approve' }, designer);
    await h.engine.idle();

    const done = await h.store.runs.get(run.id);
    expect(done).toMatchObject({ status: 'succeeded', test: true, outcome: 'completed' });
    expect(h.publisher.attempts).toEqual([]);
    expect(h.publisher.previews.map((p) => p.channel).sort()).toEqual(['library', 'webhook']);
    expect((await h.store.publications.list({ runId: run.id })).items).toEqual([]);
    expect((await h.store.audit.list({ action: 'publication.sent' })).items).toEqual([]);
    expect(h.events.some((e) => e.type === 'publication.updated')).toBe(false);

    const steps = await h.store.steps.listByRun(run.id);
    const hook = steps.find((s) => s.nodeId === 'hook')!;
    expect(hook.output).toMatchObject({
      channel: 'webhook',
      publicationKey: `${run.id}:hook`,
      status: null,
      externalId: null,
      test: true,
      wouldSend: {
        target: 'test://webhook',
        request: { key: `${run.id}:hook`, text: 'Draft text' },
      },
    });
    expect(steps.find((s) => s.nodeId === 'keep')!.output).toMatchObject({
      test: true,
      wouldSend: { target: 'test://library' },
    });
  });

  it('without a preview from the publisher, shows the request as a publication would keep it', async () => {
    const sent: unknown[] = [];
    const h = await createHarness({
      publisher: { publish: (request) => Promise.reject(new Error(`sent ${sent.push(request)}`)) },
    });
    const flowId = await h.deploy(blogGraph());
    await h.engine.setAutomation(flowId, 'review', { level: 'auto', reason: 'Test' }, manager);
    const { run } = await startTest(h, flowId);
    expect(sent).toEqual([]);
    const hook = (await h.store.steps.listByRun(run.id)).find((s) => s.nodeId === 'publish');
    expect(hook?.output).toMatchObject({
      test: true,
      wouldSend: {
        target: 'webhook',
        request: { config: { url: 'https://example.com/hook' }, content: { text: 'Draft text' } },
      },
    });
  });

  it('still refuses what a real publish refuses: content differing from the approved', async () => {
    const h = await createHarness();
    h.llm.push('Approved words.', 'Rewritten after approval.');
    const flowId = await h.deploy(
      graph(
        [
          topicTrigger,
          ['draft', 'ai.generate', { prompt: 'Write about {{ input.topic }}' }],
          ['review', 'human.review', {}],
          ['redraft', 'ai.generate', { prompt: 'Again' }],
          ['hook', 'publish.webhook', { url: 'https://example.com/hook' }],
        ],
        ['start>draft', 'draft>review', 'review:approved>redraft', 'redraft>hook'],
      ),
    );
    const { run, task } = await startTest(h, flowId);
    await h.engine.decide(task.id, { action: 'approve' }, designer);
    await h.engine.idle();
    const hook = (await h.store.steps.listByRun(run.id)).find((s) => s.nodeId === 'hook')!;
    expect(hook.status).toBe('failed');
    expect(hook.error?.code).toBe('CONTENT_MISMATCH');
    expect(h.publisher.previews).toEqual([]);
  });

  it('a checkpoint asks the starter alone: one approval, their own run, no due time', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(reviewedGraph());
    const { task } = await startTest(h, flowId);
    expect(task).toMatchObject({
      test: true,
      assignees: { roles: [], userIds: [designer.id] },
      requiredApprovals: 1,
      separationOfDuties: false,
      dueAt: null,
      startedBy: designer.id,
    });
    for (const outsider of [reviewer, manager, admin]) {
      expect(
        code(await h.engine.decide(task.id, { action: 'approve' }, outsider).catch((e) => e)),
      ).toBe('FORBIDDEN');
      expect(code(await h.engine.claimTask(task.id, outsider).catch((e) => e))).toBe('FORBIDDEN');
    }
    // Nothing falls due: a real run's task would escalate to managers after 30 minutes.
    await h.clock.advance(24 * 60 * 60_000);
    await h.engine.idle();
    expect(await h.store.tasks.get(task.id)).toMatchObject({ escalatedAt: null, status: 'open' });
    expect((await h.store.audit.list({ action: 'task.escalated' })).items).toEqual([]);

    await h.engine.claimTask(task.id, designer);
    const decided = await h.engine.decide(task.id, { action: 'approve' }, designer);
    expect(decided.status).toBe('decided');
    const [audit] = (await h.store.audit.list({ action: 'task.decided' })).items;
    expect(audit?.details).toMatchObject({ test: true });
  });

  it('decisions write no feedback, through request changes, edit and reject', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph());
    const first = await startTest(h, flowId);
    await h.engine.decide(
      first.task.id,
      { action: 'request_changes', reason: 'Shorter, please' },
      designer,
    );
    await h.engine.idle();
    const redraft = (await h.store.tasks.list({ runId: first.run.id, status: ['open'] })).items;
    expect(redraft).toHaveLength(1);
    expect(redraft[0]).toMatchObject({
      round: 1,
      test: true,
      assignees: { roles: [], userIds: [designer.id] },
    });
    expect(h.llm.requests.at(-1)?.messages.some((m) => m.content.includes('Shorter'))).toBe(true);
    await h.engine.decide(redraft[0]!.id, { action: 'edit', content: 'Edited.' }, designer);
    await h.engine.idle();
    expect((await h.store.runs.get(first.run.id)).status).toBe('succeeded');

    const second = await startTest(h, flowId);
    await h.engine.decide(second.task.id, { action: 'reject', reason: 'No' }, designer);
    await h.engine.idle();
    expect(await h.store.runs.get(second.run.id)).toMatchObject({
      status: 'succeeded',
      outcome: 'rejected',
    });

    expect((await h.store.feedback.list()).items).toEqual([]);
    const [automation] = await h.engine.getAutomation(flowId);
    expect(automation?.evidence.decisions).toBe(0);
  });

  it('the automation level applies as in a real run: at auto the item passes without a task', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph());
    await h.engine.setAutomation(flowId, 'review', { level: 'auto', reason: 'Test' }, manager);
    const { run, task } = await startTest(h, flowId);
    expect(task).toBeUndefined();
    expect((await h.store.tasks.list({ runId: run.id })).items).toEqual([]);
    expect((await h.store.runs.get(run.id)).status).toBe('succeeded');
    expect(h.publisher.attempts).toEqual([]);
    expect(h.publisher.previews).toHaveLength(1);
  });

  it('needs a starter', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph());
    const error = await h.engine
      .startRun({ flowId, input: { topic: 'Launch' }, startedBy: null, test: true })
      .catch((e: unknown) => e);
    expect(code(error)).toBe('VALIDATION_FAILED');
    expect(JSON.stringify((error as { details: unknown }).details)).toContain('startedBy');
    expect((await h.store.runs.list()).items).toEqual([]);
  });
});
