import { describe, expect, it } from 'vitest';
import { code, startOne } from './testing/decisions.js';
import {
  blogGraph,
  createHarness,
  graph,
  reviewer,
  reviewer2,
  topicTrigger,
} from './testing/harness.js';

describe('deciding checkpoint tasks', () => {
  it('quorum: N distinct people must approve; an edit restarts the count', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph({ requiredApprovals: 2 }));
    h.llm.push('First draft text.');
    const { run, task } = await startOne(h, flowId);

    const first = await h.engine.decide(task.id, { action: 'approve' }, reviewer);
    expect(first).toMatchObject({ status: 'open', approvals: [{ actorId: reviewer.id }] });
    expect(
      code(await h.engine.decide(task.id, { action: 'approve' }, reviewer).catch((e) => e)),
    ).toBe('TASK_ALREADY_DECIDED');
    // Someone whose approval is in must not take the claim and lock out the second approver.
    expect(code(await h.engine.claimTask(task.id, reviewer).catch((e) => e))).toBe(
      'TASK_ALREADY_DECIDED',
    );
    expect((await h.store.tasks.get(task.id)).claimedBy).toBeNull();

    const edited = await h.engine.decide(
      task.id,
      { action: 'edit', content: 'Edited draft text.' },
      reviewer2,
    );
    expect(edited).toMatchObject({
      status: 'open',
      approvals: [{ actorId: reviewer2.id, action: 'edit' }],
      content: { text: 'Edited draft text.' },
    });

    // The reviewer approving after the edit must say which revision they read: without it,
    // an approval could complete the quorum on text its sender never saw.
    const blind = await h.engine.decide(task.id, { action: 'approve' }, reviewer).catch((e) => e);
    expect(code(blind)).toBe('VALIDATION_FAILED');
    expect(blind.details.issues).toEqual([
      { path: ['revision'], message: expect.stringContaining('another reviewer edited') },
    ]);
    expect(
      code(
        await h.engine
          .decide(task.id, { action: 'approve', revision: edited.revision - 1 }, reviewer)
          .catch((e) => e),
      ),
    ).toBe('CONFLICT');
    expect(await h.store.tasks.get(task.id)).toMatchObject({
      status: 'open',
      revision: edited.revision,
    });

    const done = await h.engine.decide(
      task.id,
      { action: 'approve', revision: edited.revision },
      reviewer,
    );
    expect(done).toMatchObject({ status: 'decided', decision: { action: 'edit' } });
    await h.engine.idle();
    expect((await h.store.runs.get(run.id)).status).toBe('succeeded');
    expect(h.publisher.sent[0]!.content.text).toBe('Edited draft text.');
    const [feedback] = (await h.store.feedback.list({ flowId })).items;
    expect(feedback).toMatchObject({
      action: 'edit',
      original: 'First draft text.',
      final: 'Edited draft text.',
      editSize: 2,
    });
    expect(
      h.events.filter((e) => e.type === 'task.updated' && e.change === 'approval_added'),
    ).toHaveLength(2);
  });

  it('request changes reruns the AI step with the note, up to maxRevisions, then only approve/edit/reject', async () => {
    const h = await createHarness();
    h.llm.push('Draft one.', 'Draft two.', 'Draft three.');
    const flowId = await h.deploy(blogGraph({ maxRevisions: 2 }));
    const { run, task } = await startOne(h, flowId);

    await h.engine.decide(
      task.id,
      { action: 'request_changes', reason: 'Mention pricing', tags: ['inaccurate'] },
      reviewer,
    );
    await h.engine.idle();
    const round1 = (await h.store.tasks.list({ runId: run.id, status: ['open'] })).items[0]!;
    expect(round1).toMatchObject({ round: 1, content: { text: 'Draft two.' } });
    const revisionPrompt = h.llm.requests[1]!.messages[1]!.content;
    expect(revisionPrompt).toContain('Mention pricing');
    expect(revisionPrompt).toContain('Draft one.');

    await h.engine.decide(round1.id, { action: 'request_changes', reason: 'Shorter' }, reviewer);
    await h.engine.idle();
    const round2 = (await h.store.tasks.list({ runId: run.id, status: ['open'] })).items[0]!;
    expect(round2).toMatchObject({ round: 2, content: { text: 'Draft three.' } });

    const refused = await h.engine
      .decide(round2.id, { action: 'request_changes', reason: 'Again' }, reviewer)
      .catch((e) => e);
    expect(code(refused)).toBe('VALIDATION_FAILED');
    expect(
      (refused as { details: { issues: { message: string }[] } }).details.issues[0]!.message,
    ).toMatch(/at most 2/);

    await h.engine.decide(round2.id, { action: 'approve' }, reviewer);
    await h.engine.idle();
    expect((await h.store.runs.get(run.id)).status).toBe('succeeded');
    expect(h.publisher.sent.map((p) => p.content.text)).toEqual(['Draft three.']);
    const steps = await h.store.steps.listByRun(run.id);
    const iterations = (nodeId: string) =>
      steps
        .filter((s) => s.nodeId === nodeId)
        .map((s) => s.iteration)
        .sort();
    expect(iterations('draft')).toEqual([0, 1, 2]);
    expect(iterations('check')).toEqual([0, 1, 2]);
    expect(iterations('review')).toEqual([0, 1, 2]);
    const feedback = (await h.store.feedback.list({ flowId })).items.map((f) => f.action);
    expect(feedback.sort()).toEqual(['approve', 'request_changes', 'request_changes']);
  });

  it('reject takes the rejected handle: the publish branch is skipped, the other branch runs', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(
      graph(
        [
          topicTrigger,
          ['draft', 'ai.generate', {}],
          ['review', 'human.review', {}],
          ['publish', 'publish.webhook', { url: 'https://example.com/a' }],
          ['notify', 'publish.slack', { connectionId: 'slack' }],
        ],
        ['start>draft', 'draft>review', 'review:approved>publish', 'review:rejected>notify'],
      ),
    );
    const { run, task } = await startOne(h, flowId);
    await h.engine.decide(
      task.id,
      { action: 'reject', reason: 'Off-brand', tags: ['off-brand'] },
      reviewer,
    );
    await h.engine.idle();
    expect((await h.store.runs.get(run.id)).status).toBe('succeeded');
    const steps = Object.fromEntries(
      (await h.store.steps.listByRun(run.id)).map((s) => [s.nodeId, s.status]),
    );
    expect(steps).toMatchObject({ review: 'done', publish: 'skipped', notify: 'done' });
    expect(h.publisher.sent.map((p) => p.channel)).toEqual(['slack']);
    const [feedback] = (await h.store.feedback.list({ flowId })).items;
    expect(feedback).toMatchObject({
      action: 'reject',
      reason: 'Off-brand',
      tags: ['off-brand'],
      editSize: 0,
    });
  });
});
