import { describe, expect, it } from 'vitest';
import { blogGraph, createHarness, designer, eventTypes, reviewer } from './testing/harness.js';

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
      'run:running',
      'step:start:done',
      'step:draft:pending',
      'step:draft:running',
      'step:draft:done',
      'step:check:pending',
      'step:check:running',
      'step:check:done',
      'step:review:pending',
      'step:review:running',
      'task:created',
      'step:review:waiting',
      'run:waiting',
      'task:decided',
      'step:review:done',
      'step:publish:pending',
      'run:running',
      'step:publish:running',
      'step:publish:done',
      'run:succeeded',
    ]);
  });
});
