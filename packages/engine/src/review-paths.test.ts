import { describe, expect, it } from 'vitest';
import {
  createHarness,
  designer,
  graph,
  manager,
  reviewer,
  topicTrigger,
} from './testing/harness.js';
import type { Harness } from './testing/harness.js';

/*
 * Reviews side by side and in a row, and requests for changes that reach a publish step: what
 * goes out is what every review on its way approved, and a redraft reaches every review of it.
 */

async function start(h: Harness, flowId: string) {
  const run = await h.engine.startRun({
    flowId,
    input: { topic: 'Launch' },
    startedBy: designer.id,
  });
  await h.engine.idle();
  return run;
}

describe('reviews side by side and in a row', () => {
  /** draft → legal and brand side by side → publish once both approved. */
  const sideBySide = () =>
    graph(
      [
        topicTrigger,
        ['draft', 'ai.generate', {}],
        ['legal', 'human.review', {}],
        ['brand', 'human.review', { assigneeRoles: ['manager'] }],
        ['publish', 'publish.webhook', { url: 'https://e.com/x' }],
      ],
      [
        'start>draft',
        'draft>legal',
        'draft>brand',
        'legal:approved>publish',
        'brand:approved>publish',
      ],
    );

  it('does not send what only one of two side-by-side reviews approved', async () => {
    const h = await createHarness();
    h.llm.push('Draft one.');
    const flowId = await h.deploy(sideBySide());
    const run = await start(h, flowId);
    const [first, second] = (await h.store.tasks.list({ runId: run.id, status: ['open'] })).items;
    for (const task of [first!, second!]) {
      const decision =
        task.nodeId === 'brand'
          ? { action: 'edit' as const, content: 'Draft one, on brand.' }
          : { action: 'approve' as const };
      await h.engine.decide(task.id, decision, task.nodeId === 'brand' ? manager : reviewer);
    }
    await h.engine.idle();
    // Legal approved "Draft one."; brand's edit went out on brand's approval alone.
    expect(h.publisher.attempts).toHaveLength(0);
    expect(await h.store.runs.get(run.id)).toMatchObject({
      status: 'failed',
      error: { code: 'CONTENT_MISMATCH' },
    });
  });

  it.each([
    ['after it approved the draft before', true],
    ['while its task still showed the draft before', false],
  ])(
    'a redraft asked for beside another review goes to that review again, %s',
    async (_, brandFirst) => {
      const h = await createHarness();
      h.llm.push('Draft one.', 'Draft two.');
      const flowId = await h.deploy(sideBySide());
      const run = await start(h, flowId);
      const open = async () =>
        (await h.store.tasks.list({ runId: run.id, status: ['open'] })).items;
      const first = await open();
      const brand = first.find((t) => t.nodeId === 'brand')!;
      if (brandFirst) await h.engine.decide(brand.id, { action: 'approve' }, manager);
      const legal = first.find((t) => t.nodeId === 'legal')!;
      await h.engine.decide(legal.id, { action: 'request_changes', reason: 'No claims' }, reviewer);
      await h.engine.idle();
      if (!brandFirst) expect((await h.store.tasks.get(brand.id)).status).toBe('canceled');
      const redrafts = await open();
      expect(redrafts.map((t) => [t.nodeId, t.content.text]).sort()).toEqual([
        ['brand', 'Draft two.'],
        ['legal', 'Draft two.'],
      ]);
      for (const task of redrafts) {
        await h.engine.decide(
          task.id,
          { action: 'approve' },
          task.nodeId === 'brand' ? manager : reviewer,
        );
      }
      await h.engine.idle();
      expect((await h.store.runs.get(run.id)).status).toBe('succeeded');
      expect(h.publisher.sent.map((p) => p.content.text)).toEqual(['Draft two.']);
      expect(h.llm.requests).toHaveLength(2);
    },
  );

  it('sends what the later of two reviews in a row approved, edited or not', async () => {
    const h = await createHarness();
    h.llm.push('Draft one.');
    const flowId = await h.deploy(
      graph(
        [
          topicTrigger,
          ['draft', 'ai.generate', {}],
          ['legal', 'human.review', {}],
          ['brand', 'human.review', { assigneeRoles: ['manager'] }],
          ['publish', 'publish.webhook', { url: 'https://e.com/x' }],
        ],
        ['start>draft', 'draft>legal', 'legal:approved>brand', 'brand:approved>publish'],
      ),
    );
    const run = await start(h, flowId);
    const legal = (await h.store.tasks.list({ runId: run.id, status: ['open'] })).items[0]!;
    await h.engine.decide(legal.id, { action: 'approve' }, reviewer);
    await h.engine.idle();
    const brand = (await h.store.tasks.list({ runId: run.id, status: ['open'] })).items[0]!;
    await h.engine.decide(brand.id, { action: 'edit', content: 'Draft one, on brand.' }, manager);
    await h.engine.idle();
    expect((await h.store.runs.get(run.id)).status).toBe('succeeded');
    expect(h.publisher.sent.map((p) => p.content.text)).toEqual(['Draft one, on brand.']);
  });
});

describe('a publish step run again by a request for changes', () => {
  it('sends the new draft under a key of its own; the run goes on', async () => {
    const h = await createHarness();
    h.llm.push('Draft one.', 'Draft two.');
    const flowId = await h.deploy(
      graph(
        [
          topicTrigger,
          ['draft', 'ai.generate', {}],
          ['notify', 'publish.slack', { connectionId: 'slack' }],
          ['review', 'human.review', {}],
          ['publish', 'publish.webhook', { url: 'https://e.com/x' }],
        ],
        ['start>draft', 'draft>notify', 'notify>review', 'review:approved>publish'],
      ),
    );
    const run = await start(h, flowId);
    const task = (await h.store.tasks.list({ runId: run.id, status: ['open'] })).items[0]!;
    await h.engine.decide(task.id, { action: 'request_changes', reason: 'Shorter' }, reviewer);
    await h.engine.idle();
    // The notice's first key held "Draft one.": the redraft's notice failed the run.
    expect((await h.store.runs.get(run.id)).status).toBe('waiting');
    const again = (await h.store.tasks.list({ runId: run.id, status: ['open'] })).items[0]!;
    await h.engine.decide(again.id, { action: 'approve' }, reviewer);
    await h.engine.idle();
    expect((await h.store.runs.get(run.id)).status).toBe('succeeded');
    expect(h.publisher.sent.map((p) => [p.key, p.content.text])).toEqual([
      [`${run.id}:notify`, 'Draft one.'],
      [`${run.id}:notify:1`, 'Draft two.'],
      [`${run.id}:publish`, 'Draft two.'],
    ]);
    const steps = await h.store.steps.listByRun(run.id);
    const notice = steps.find((s) => s.nodeId === 'notify' && s.iteration === 1)!;
    expect(notice.output).toMatchObject({ publicationKey: `${run.id}:notify:1` });
  });
});
