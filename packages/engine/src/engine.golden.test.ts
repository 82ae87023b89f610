import { describe, expect, it } from 'vitest';
import { isAppError } from '@tandem/schema';
import {
  blogGraph,
  createHarness,
  designer,
  eventTypes,
  graph,
  manager,
  reviewer,
  topicTrigger,
} from './testing/harness.js';

describe('golden flow: blog post with review', () => {
  it('runs to the checkpoint, waits, and publishes exactly the approved text', async () => {
    const h = await createHarness();
    h.llm.push('Our new dashboard helps teams plan.');
    const flowId = await h.deploy(blogGraph());
    const run = await h.engine.startRun({
      flowId,
      input: { topic: 'Dashboards' },
      startedBy: designer.id,
    });
    await h.engine.idle();

    const waiting = await h.store.runs.get(run.id);
    expect(waiting.status).toBe('waiting');
    // Lists show runs without their steps: the run itself says a person holds it.
    expect(waiting.waitingFor).toBe('review');
    const tasks = await h.store.tasks.list({ runId: run.id });
    expect(tasks.items).toHaveLength(1);
    const task = tasks.items[0]!;
    expect(task.content.text).toBe('Our new dashboard helps teams plan.');
    expect(task.content.sourceNodeId).toBe('draft');
    expect(task.content.promptVersion).toMatch(/^pv_/);
    expect(h.llm.requests[0]!.messages[1]!.content).toContain(
      '<untrusted-data>Dashboards</untrusted-data>',
    );

    await h.engine.decide(task.id, { action: 'approve' }, reviewer);
    await h.engine.idle();

    const done = await h.store.runs.get(run.id);
    expect(done.status).toBe('succeeded');
    expect(done).not.toHaveProperty('waitingFor');
    expect(done.usage.promptTokens).toBe(10);
    expect(h.publisher.sent).toHaveLength(1);
    expect(h.publisher.sent[0]!.key).toBe(`${run.id}:publish`);
    expect(h.publisher.sent[0]!.content.text).toBe('Our new dashboard helps teams plan.');
    const publication = await h.store.publications.findByKey(`${run.id}:publish`);
    expect(publication?.status).toBe('succeeded');
    expect(publication?.attempts).toHaveLength(1);
    const feedback = await h.store.feedback.list({ flowId });
    expect(feedback.items.map((f) => [f.action, f.editSize])).toEqual([['approve', 0]]);

    expect(eventTypes(h.events.filter((e) => e.type !== 'publication.updated'))).toEqual([
      'flow.published',
      'run:running',
      'step:start:done',
      // The draft and publish steps start at once and finish within START_WRITE_DELAY_MS:
      // each is written once, finished, with no running record before it.
      'step:draft:done',
      // check.brand is inline: it runs within the pass and its step is written once, done.
      'step:check:done',
      'step:review:running',
      'task:created',
      'step:review:waiting',
      'run:waiting',
      'task:decided',
      'step:review:done',
      'run:running',
      'step:publish:done',
      'run:succeeded',
    ]);
  });
});

describe('golden flows over the shipped templates and every node type', () => {
  it('weekly budget: JSON recommendation, guard flags, manager edits numbers, edited data is sent', async () => {
    const { flowTemplates } = await import('@tandem/nodes');
    const h = await createHarness();
    const template = flowTemplates.find((t) => t.id === 'weekly-budget-reallocation')!;
    const flowId = await h.deploy(template.graph);
    h.llm.push({
      data: {
        changes: [
          { channel: 'search', current: 1000, proposed: 1500, rationale: 'Strong ROAS' },
          { channel: 'social', current: 1000, proposed: 500, rationale: 'Weak' },
        ],
        summary: 'Move budget to search.',
      },
    });
    const run = await h.engine.startRun({
      flowId,
      input: { report: 'search good, social weak', weeklyBudget: '2000' },
      startedBy: manager.id,
    });
    await h.engine.idle();
    expect((await h.store.runs.get(run.id)).input).toEqual({
      report: 'search good, social weak',
      weeklyBudget: 2000,
    });
    const task = (await h.store.tasks.list({ runId: run.id })).items[0]!;
    expect(task.flags.map((f) => `${f.rule}:${f.match ?? ''}`)).toEqual([
      'item_change_cap:search',
      'item_change_cap:social',
    ]);
    expect(task.assignees.roles).toEqual(['manager']);

    const sod = await h.engine.decide(task.id, { action: 'approve' }, manager).catch((e) => e);
    expect(isAppError(sod, 'FORBIDDEN')).toBe(true);
    const otherManager = { id: 'u_manager2', roles: ['manager' as const] };
    const badJson = await h.engine
      .decide(task.id, { action: 'edit', content: '{oops' }, otherManager)
      .catch((e) => e);
    expect(isAppError(badJson, 'VALIDATION_FAILED')).toBe(true);
    expect((await h.store.tasks.get(task.id)).status).toBe('open');
    const edited = {
      changes: [
        { channel: 'search', current: 1000, proposed: 1200, rationale: 'Strong ROAS' },
        { channel: 'social', current: 1000, proposed: 800, rationale: 'Weak' },
      ],
      summary: 'Move some budget to search.',
    };
    await h.engine.decide(
      task.id,
      { action: 'edit', content: JSON.stringify(edited) },
      otherManager,
    );
    await h.engine.idle();
    expect((await h.store.runs.get(run.id)).status).toBe('succeeded');
    expect(h.publisher.sent[0]!.content.data).toEqual(edited);
  });

  it('says what holds a waiting run as that changes: a person, then only a timer', async () => {
    const h = await createHarness();
    h.llm.push('Draft.');
    const flowId = await h.deploy(
      graph(
        [
          topicTrigger,
          ['draft', 'ai.generate', { prompt: 'Write about {{ input.topic }}' }],
          ['review', 'human.review', {}],
          ['wait', 'util.delay', { amount: 1, unit: 'hours' }],
        ],
        ['start>draft', 'draft>review', 'start>wait'],
      ),
    );
    const run = await h.engine.startRun({ flowId, input: { topic: 'Both' }, startedBy: null });
    await h.engine.idle();
    expect(await h.store.runs.get(run.id)).toMatchObject({
      status: 'waiting',
      waitingFor: 'review',
    });
    const [task] = (await h.store.tasks.list({ runId: run.id })).items;
    await h.engine.decide(task!.id, { action: 'approve' }, reviewer);
    await h.engine.idle();
    // Still waiting, for the Wait step alone: a list must no longer send anyone to the inbox.
    const held = await h.store.runs.get(run.id);
    expect(held).toMatchObject({ status: 'waiting', waitingFor: 'timer' });
    expect(h.events.filter((e) => e.type === 'run.updated').at(-1)).toMatchObject({
      run: { waitingFor: 'timer' },
    });
    await h.clock.advance(60 * 60_000);
    await h.engine.tick();
    await h.engine.idle();
    expect(await h.store.runs.get(run.id)).not.toHaveProperty('waitingFor');
  });

  it('webhook trigger, branch, delay and the email, Slack and WordPress publishers', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(
      graph(
        [
          ['hook', 'trigger.webhook', { connectionId: 'hook-signing' }],
          ['draft', 'ai.generate', { prompt: 'Post about {{ input.product }}' }],
          ['check', 'check.brand', { bannedPhrases: ['synergy'] }],
          [
            'clean',
            'logic.branch',
            { rules: [{ path: 'steps.check.passed', operator: 'is_true' }] },
          ],
          ['wait', 'util.delay', { amount: 10, unit: 'minutes' }],
          [
            'mail',
            'publish.email',
            { connectionId: 'smtp', to: ['team@example.com'], subject: 'New: {{ input.product }}' },
          ],
          ['slack', 'publish.slack', { connectionId: 'slack' }],
          ['wp', 'publish.wordpress', { connectionId: 'wp', titleTemplate: '{{ input.product }}' }],
        ],
        [
          'hook>draft',
          'draft>check',
          'check>clean',
          'clean:true>wait',
          'wait>mail',
          'wait>slack',
          'clean:false>wp',
        ],
      ),
    );
    h.llm.push('Clean post.', 'Synergy post.');
    const clean = await h.engine.startRun({ flowId, input: { product: 'Lens' }, startedBy: null });
    await h.engine.idle();
    expect(await h.store.runs.get(clean.id)).toMatchObject({
      status: 'waiting',
      waitingFor: 'timer',
    });
    await h.clock.advance(10 * 60_000);
    await h.engine.tick();
    await h.engine.idle();
    const finished = await h.store.runs.get(clean.id);
    expect(finished.status).toBe('succeeded');
    expect(finished).not.toHaveProperty('waitingFor');
    expect(h.publisher.sent.map((p) => [p.channel, p.content.title ?? null]).sort()).toEqual([
      ['email', 'New: Lens'],
      ['slack', null],
    ]);
    const flagged = await h.engine.startRun({
      flowId,
      input: { product: 'Prism' },
      startedBy: null,
    });
    await h.engine.idle();
    const steps = Object.fromEntries(
      (await h.store.steps.listByRun(flagged.id)).map((s) => [s.nodeId, s.status]),
    );
    expect(steps).toMatchObject({
      clean: 'done',
      wait: 'skipped',
      mail: 'skipped',
      slack: 'skipped',
      wp: 'done',
    });
    expect(h.publisher.sent.at(-1)).toMatchObject({
      channel: 'wordpress',
      content: { title: 'Prism', text: 'Synergy post.' },
    });
  });
});

describe('starting, publishing and canceling', () => {
  it('validates run input against the trigger fields and refuses unpublished flows', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph());
    const error = await h.engine
      .startRun({ flowId, input: { topic: '', extra: 1 }, startedBy: null })
      .catch((e) => e);
    expect(isAppError(error, 'VALIDATION_FAILED')).toBe(true);
    expect(error.details.issues).toEqual(
      expect.arrayContaining([
        { path: ['input', 'topic'], message: 'Required' },
        { path: ['input'], message: 'Unknown field(s): extra' },
      ]),
    );
    expect((await h.store.runs.list()).items).toHaveLength(0);
    const unpublished = await h.engine
      .startRun({ flowId: 'nope', input: {}, startedBy: null })
      .catch((e) => e);
    expect(isAppError(unpublished, 'FLOW_NOT_PUBLISHED')).toBe(true);
  });

  it('publishing validates the draft, records prompt versions and keeps unchanged ones', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph());
    const v1 = await h.store.flowVersions.latest(flowId);
    expect(v1!.promptVersions).toEqual([
      expect.objectContaining({
        nodeId: 'draft',
        prompt: 'Write about {{ input.topic }}',
        since: 1,
      }),
    ]);
    // A new version with the prompt as it was (a draft the latest version holds is not
    // published again, so the flow is renamed).
    const flow = await h.store.flows.get(flowId);
    await h.store.flows.update({ ...flow, name: 'Renamed blog flow' });
    const v2 = await h.engine.publishFlow(flowId, designer);
    expect(v2.number).toBe(2);
    expect(v2.promptVersions[0]).toMatchObject({ id: v1!.promptVersions[0]!.id, since: 1 });
    expect((await h.store.flows.get(flowId)).publishedVersion).toBe(2);

    const broken = await h.store.flows.get(flowId);
    await h.store.flows.update({
      ...broken,
      graph: { ...broken.graph, edges: broken.graph.edges.slice(1) },
    });
    const invalid = await h.engine.publishFlow(flowId, designer).catch((e) => e);
    expect(isAppError(invalid, 'FLOW_INVALID')).toBe(true);
    expect(invalid.details.problems[0]).toMatchObject({
      nodeId: 'draft',
      message: expect.stringMatching(/not connected/),
    });
    // The caller's own checks run on the same draft and report with the graph's problems.
    const checked: unknown[] = [];
    const both = await h.engine
      .publishFlow(flowId, designer, (graph) => {
        checked.push(graph);
        return [{ nodeId: 'publish', path: ['nodes', 4, 'config', 'url'], message: 'Private' }];
      })
      .catch((e) => e);
    const messages: string[] = both.details.problems.map((p: { message: string }) => p.message);
    expect(messages[0]).toMatch(/not connected/);
    expect(messages.at(-1)).toBe('Private');
    expect(checked).toHaveLength(1);
    const forbidden = await h.engine.publishFlow(flowId, reviewer).catch((e) => e);
    expect(isAppError(forbidden, 'FORBIDDEN')).toBe(true);
    expect((await h.store.audit.list({ action: 'flow.published' })).items).toHaveLength(2);
  });

  it('cancels a waiting run: its task closes and later decisions change nothing', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph());
    const run = await h.engine.startRun({ flowId, input: { topic: 'x' }, startedBy: designer.id });
    await h.engine.idle();
    const task = (await h.store.tasks.list({ runId: run.id })).items[0]!;
    expect((await h.engine.cancelRun(run.id, designer)).status).toBe('canceled');
    // Who canceled it is on the run, and it no longer says what it waits for.
    const canceled = await h.store.runs.get(run.id);
    expect(canceled.canceledBy).toBe(designer.id);
    expect(canceled).not.toHaveProperty('waitingFor');
    expect((await h.store.tasks.get(task.id)).status).toBe('canceled');
    const late = await h.engine.decide(task.id, { action: 'approve' }, reviewer).catch((e) => e);
    expect(isAppError(late, 'TASK_ALREADY_DECIDED')).toBe(true);
    expect(isAppError(await h.engine.cancelRun(run.id, designer).catch((e) => e), 'CONFLICT')).toBe(
      true,
    );
    expect(h.publisher.sent).toHaveLength(0);
  });

  it('never runs more steps at once than the global and per-flow caps', async () => {
    let active = 0;
    let peak = 0;
    const gates: (() => void)[] = [];
    const h = await createHarness({
      limits: { maxConcurrentSteps: 3, maxConcurrentStepsPerFlow: 2 },
      llm: {
        provider: 'offline',
        defaultModel: 'gated',
        complete: async () => {
          active += 1;
          peak = Math.max(peak, active);
          await new Promise<void>((resolve) => gates.push(resolve));
          active -= 1;
          return {
            text: 'ok',
            model: 'gated',
            usage: { promptTokens: 1, completionTokens: 1, costUsd: 0 },
          };
        },
      },
    });
    const a = await h.deploy(blogGraph());
    const b = await h.deploy(blogGraph());
    for (let i = 0; i < 4; i += 1) {
      await h.engine.startRun({ flowId: a, input: { topic: 'a' }, startedBy: null });
      await h.engine.startRun({ flowId: b, input: { topic: 'b' }, startedBy: null });
    }
    for (let round = 0; round < 20 && (gates.length > 0 || active > 0); round += 1) {
      await new Promise((r) => setTimeout(r, 5));
      expect(active).toBeLessThanOrEqual(3);
      gates.splice(0).forEach((open) => open());
    }
    await h.engine.idle();
    expect(peak).toBe(3);
    expect((await h.store.tasks.list()).items).toHaveLength(8);
  });
});
