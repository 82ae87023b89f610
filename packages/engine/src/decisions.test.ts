import { describe, expect, it } from 'vitest';
import { isAppError } from '@tandem/schema';
import type { Actor } from './engine.types.js';
import {
  blogGraph,
  createHarness,
  designer,
  graph,
  manager,
  reviewer,
  reviewer2,
  topicTrigger,
} from './testing/harness.js';
import type { Harness } from './testing/harness.js';

const reviewer3: Actor = { id: 'u_reviewer3', roles: ['reviewer'] };

async function startOne(h: Harness, flowId: string, startedBy = designer.id) {
  const run = await h.engine.startRun({ flowId, input: { topic: 'Launch' }, startedBy });
  await h.engine.idle();
  const task = (await h.store.tasks.list({ runId: run.id, status: ['open'] })).items[0]!;
  return { run, task };
}

const code = (error: unknown) => (isAppError(error) ? error.code : String(error));

describe('deciding checkpoint tasks', () => {
  it('enforces who may decide: roles, people, separation of duties, claims', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(
      blogGraph({ separationOfDuties: true, assigneeUserIds: ['u_manager'] }),
    );
    const { run, task } = await startOne(h, flowId, reviewer.id);

    expect(
      code(await h.engine.decide(task.id, { action: 'approve' }, designer).catch((e) => e)),
    ).toBe('FORBIDDEN');
    expect(
      code(await h.engine.decide(task.id, { action: 'approve' }, reviewer).catch((e) => e)),
    ).toBe('FORBIDDEN');
    const denied = await h.store.audit.list({ action: 'task.decision_denied' });
    expect(denied.items.map((a) => a.actorId).sort()).toEqual([designer.id, reviewer.id]);

    await h.engine.claimTask(task.id, reviewer2);
    expect(code(await h.engine.claimTask(task.id, manager).catch((e) => e))).toBe('TASK_CLAIMED');
    expect(
      code(await h.engine.decide(task.id, { action: 'approve' }, manager).catch((e) => e)),
    ).toBe('TASK_CLAIMED');
    expect(code(await h.engine.releaseTask(task.id, reviewer3).catch((e) => e))).toBe('FORBIDDEN');
    await h.engine.releaseTask(task.id, reviewer2);

    expect(code(await h.engine.decide(task.id, { action: 'edit' }, manager).catch((e) => e))).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      code(
        await h.engine.decide(task.id, { action: 'approve', revision: 0 }, manager).catch((e) => e),
      ),
    ).toBe('CONFLICT');
    expect((await h.store.tasks.get(task.id)).status).toBe('open');

    const current = await h.store.tasks.get(task.id);
    await h.engine.decide(task.id, { action: 'approve', revision: current.revision }, manager);
    expect(
      code(await h.engine.decide(task.id, { action: 'reject' }, reviewer2).catch((e) => e)),
    ).toBe('TASK_ALREADY_DECIDED');
    await h.engine.idle();
    expect((await h.store.runs.get(run.id)).status).toBe('succeeded');
    expect(h.publisher.sent).toHaveLength(1);
  });

  it('tells someone who may not decide a task nothing about it, whatever they try', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph());
    const { task } = await startOne(h, flowId);
    // The designer is neither assigned nor a supervisor. Releasing an unclaimed task answered
    // with the whole task (content, instructions): anyone signed in could read any open task.
    expect(code(await h.engine.releaseTask(task.id, designer).catch((e) => e))).toBe('FORBIDDEN');
    // A manager may still release (and, unclaimed, it comes back as it is).
    expect((await h.engine.releaseTask(task.id, manager)).id).toBe(task.id);
    await h.engine.decide(task.id, { action: 'approve' }, reviewer);
    // A decided task's status and decider are not told to an outsider either.
    for (const attempt of [
      () => h.engine.releaseTask(task.id, designer),
      () => h.engine.claimTask(task.id, designer),
      () => h.engine.decide(task.id, { action: 'approve' }, designer),
    ]) {
      const error = await attempt().catch((e) => e);
      expect(code(error)).toBe('FORBIDDEN');
      expect(JSON.stringify(error.details)).not.toContain(reviewer.id);
    }
    expect(
      code(await h.engine.decide(task.id, { action: 'reject' }, reviewer2).catch((e) => e)),
    ).toBe('TASK_ALREADY_DECIDED');
  });

  it('a claim expires, so a stuck claim does not block the team', async () => {
    const h = await createHarness({ limits: { claimTtlMs: 60_000 } });
    const flowId = await h.deploy(blogGraph());
    const { task } = await startOne(h, flowId);
    await h.engine.claimTask(task.id, reviewer);
    await h.clock.advance(61_000);
    await h.engine.decide(task.id, { action: 'approve' }, reviewer2);
    expect((await h.store.tasks.get(task.id)).decision?.actorId).toBe(reviewer2.id);
  });

  it('two reviewers deciding at once: exactly one wins, nothing changes for the other', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph());
    const { run, task } = await startOne(h, flowId);
    const results = await Promise.allSettled([
      h.engine.decide(task.id, { action: 'approve' }, reviewer),
      h.engine.decide(task.id, { action: 'reject', reason: 'no' }, reviewer2),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(code(loser.reason)).toBe('TASK_ALREADY_DECIDED');
    await h.engine.idle();
    expect((await h.store.runs.get(run.id)).status).toBe('succeeded');
    expect((await h.store.feedback.list({ flowId })).items).toHaveLength(1);
    expect(h.publisher.sent).toHaveLength(1);
  });

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

describe('chained checkpoints (social campaign template)', () => {
  it('a later checkpoint can send the AI step back through the earlier one', async () => {
    const { flowTemplates } = await import('@tandem/nodes');
    const h = await createHarness();
    const template = flowTemplates.find((t) => t.id === 'social-campaign-manager-signoff')!;
    // The template leaves its Slack connection to pick; the harness's publisher takes any.
    const flowId = await h.deploy({
      ...template.graph,
      nodes: template.graph.nodes.map((n) =>
        n.type === 'publish.slack' ? { ...n, config: { ...n.config, connectionId: 'slack' } } : n,
      ),
    });
    h.llm.push(`Launch day! ${'Very long text. '.repeat(30)}`, 'Lens is here: sharper dashboards.');
    const run = await h.engine.startRun({
      flowId,
      input: { product: 'Lens', channel: 'LinkedIn' },
      startedBy: designer.id,
    });
    await h.engine.idle();

    const fix = (await h.store.tasks.list({ runId: run.id, status: ['open'] })).items[0]!;
    expect(fix).toMatchObject({ nodeId: 'fix', content: { sourceNodeId: 'post' } });
    expect(fix.flags.map((f) => f.rule)).toEqual(['too_long']);
    await h.engine.decide(fix.id, { action: 'edit', content: 'Launch day for Lens.' }, reviewer);
    await h.engine.idle();

    const signoff = (await h.store.tasks.list({ runId: run.id, status: ['open'] })).items[0]!;
    expect(signoff).toMatchObject({
      nodeId: 'signoff',
      content: { text: 'Launch day for Lens.', sourceNodeId: 'post' },
    });
    await h.engine.decide(
      signoff.id,
      { action: 'request_changes', reason: 'Name the benefit' },
      manager,
    );
    await h.engine.idle();

    const again = (await h.store.tasks.list({ runId: run.id, status: ['open'] })).items[0]!;
    expect(again).toMatchObject({
      nodeId: 'signoff',
      round: 1,
      content: { text: 'Lens is here: sharper dashboards.' },
    });
    const latestFix = (await h.store.steps.listByRun(run.id))
      .filter((s) => s.nodeId === 'fix')
      .sort((a, b) => b.iteration - a.iteration)[0]!;
    expect(latestFix).toMatchObject({ iteration: 1, status: 'skipped' });
    await h.engine.decide(again.id, { action: 'approve' }, manager);
    await h.engine.idle();
    expect((await h.store.runs.get(run.id)).status).toBe('succeeded');
    expect(h.publisher.sent.map((p) => [p.channel, p.content.text])).toEqual([
      ['slack', 'Lens is here: sharper dashboards.'],
    ]);
  });

  /** trigger → draft → review1 (reviewers) → review2 (managers) → publish */
  const twoReviews = () =>
    graph(
      [
        topicTrigger,
        ['draft', 'ai.generate', { prompt: 'Write about {{ input.topic }}' }],
        ['review1', 'human.review', {}],
        ['review2', 'human.review', { assigneeRoles: ['manager'] }],
        ['publish', 'publish.webhook', { url: 'https://example.com/hook' }],
      ],
      ['start>draft', 'draft>review1', 'review1:approved>review2', 'review2:approved>publish'],
    );

  it('a later checkpoint’s request redrafts, also after the earlier one had rounds of its own', async () => {
    const h = await createHarness();
    h.llm.push('Draft one.', 'Draft two.', 'Draft three.');
    const flowId = await h.deploy(twoReviews());
    const { run, task } = await startOne(h, flowId);
    const open = async () =>
      (await h.store.tasks.list({ runId: run.id, status: ['open'] })).items[0]!;
    await h.engine.decide(task.id, { action: 'request_changes', reason: 'Longer' }, reviewer);
    await h.engine.idle();
    await h.engine.decide((await open()).id, { action: 'approve' }, reviewer);
    await h.engine.idle();
    const signoff = await open();
    expect(signoff).toMatchObject({ nodeId: 'review2', content: { text: 'Draft two.' } });

    // The AI step stood at iteration 1 (the first checkpoint's round), past the sign-off's 0:
    // the request made nothing new for it, and the manager got "Draft two." back, note unread.
    await h.engine.decide(signoff.id, { action: 'request_changes', reason: 'Benefit' }, manager);
    await h.engine.idle();
    expect(h.llm.requests).toHaveLength(3);
    expect(h.llm.requests[2]!.messages[1]!.content).toContain('Benefit');
    const again = await open();
    expect(again).toMatchObject({ nodeId: 'review1', content: { text: 'Draft three.' } });
    await h.engine.decide(again.id, { action: 'approve' }, reviewer);
    await h.engine.idle();
    // The sign-off's own count of rounds: its first request was its first round.
    expect(await open()).toMatchObject({ nodeId: 'review2', round: 1 });
    await h.engine.decide((await open()).id, { action: 'approve' }, manager);
    await h.engine.idle();
    expect(h.publisher.sent.map((p) => p.content.text)).toEqual(['Draft three.']);
  });

  it('a request cut short by a crash is finished at recovery without a second redraft', async () => {
    const h = await createHarness();
    h.llm.push('Draft one.', 'Draft two.', 'Draft three.');
    const flowId = await h.deploy(twoReviews());
    const { run, task } = await startOne(h, flowId);
    await h.engine.decide(task.id, { action: 'approve' }, reviewer);
    await h.engine.idle();
    const signoff = (await h.store.tasks.list({ runId: run.id, status: ['open'] })).items[0]!;
    // The new steps are written one by one; the process dies before the sign-off's own.
    const create = h.store.steps.create.bind(h.store.steps);
    let crashed = false;
    h.store.steps.create = async (step) => {
      if (!crashed && step.nodeId === 'review2' && step.iteration === 1) {
        crashed = true;
        throw new Error('process died');
      }
      return create(step);
    };
    await h.engine
      .decide(signoff.id, { action: 'request_changes', reason: 'Benefit' }, manager)
      .catch(() => undefined);
    const second = await h.restart();
    await second.recover();
    await second.idle();
    const iterations = (await h.store.steps.listByRun(run.id))
      .filter((s) => s.nodeId === 'draft')
      .map((s) => s.iteration);
    expect(iterations.sort()).toEqual([0, 1]);
    expect(h.llm.requests).toHaveLength(2);
    const again = (await h.store.tasks.list({ runId: run.id, status: ['open'] })).items[0]!;
    expect(again).toMatchObject({ nodeId: 'review1', content: { text: 'Draft two.' } });
  });
});
