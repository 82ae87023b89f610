import { describe, expect, it } from 'vitest';
import { startOne } from './testing/decisions.js';
import {
  createHarness,
  designer,
  graph,
  manager,
  reviewer,
  topicTrigger,
} from './testing/harness.js';

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
