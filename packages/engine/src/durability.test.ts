import { describe, expect, it } from 'vitest';
import { AppError, isAppError } from '@tandem/schema';
import { hashContent } from '@tandem/nodes';
import type { PublisherPort } from '@tandem/nodes';
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
import { createRecordingPublisher, transientError } from './testing/scripted-ports.js';
import type { Engine } from './engine.types.js';
import { START_WRITE_DELAY_MS } from './unwritten-starts.js';

const MINUTE = 60_000;

async function start(h: Harness, flowId: string, engine: Engine = h.engine) {
  const run = await engine.startRun({ flowId, input: { topic: 'Launch' }, startedBy: designer.id });
  await engine.idle();
  return run;
}

/** Moves the fake clock in steps, firing due timers, until `done` holds. */
async function drive(h: Harness, engine: Engine, done: () => Promise<boolean>, stepMs = MINUTE) {
  for (let i = 0; i < 100 && !(await done()); i += 1) {
    await h.clock.advance(stepMs);
    await engine.tick();
    await engine.idle();
  }
}

describe('durable timers', () => {
  it('puts the role escalated to last, also when it was assigned already', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(
      blogGraph({
        assigneeRoles: ['manager', 'reviewer'],
        dueInMinutes: 60,
        onDue: 'escalate',
        escalateTo: 'manager',
      }),
    );
    const run = await start(h, flowId);
    const [task] = (await h.store.tasks.list({ runId: run.id })).items;
    await drive(h, h.engine, async () => (await h.store.tasks.get(task!.id)).escalatedAt !== null);
    expect((await h.store.tasks.get(task!.id)).assignees.roles).toEqual(['reviewer', 'manager']);
  });

  it('escalates at the due time exactly once, across a restart, driven by the scheduler', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(
      blogGraph({ dueInMinutes: 60, onDue: 'escalate', escalateTo: 'manager' }),
    );
    const run = await start(h, flowId);
    const [task] = (await h.store.tasks.list({ runId: run.id })).items;
    expect(task!.dueAt).toBe('2026-01-05T10:00:00.000Z');

    const second = await h.restart();
    await second.recover();
    second.start();
    await h.clock.advance(59 * MINUTE);
    await second.idle();
    expect((await h.store.tasks.get(task!.id)).escalatedAt).toBeNull();
    await h.clock.advance(2 * MINUTE);
    await second.idle();
    const escalated = await h.store.tasks.get(task!.id);
    expect(escalated.escalatedAt).not.toBeNull();
    expect(escalated.assignees.roles).toEqual(['reviewer', 'manager']);

    await second.stop();
    const third = h.spawn();
    await third.recover();
    await third.tick();
    await third.idle();
    expect((await h.store.audit.list({ action: 'task.escalated' })).items).toHaveLength(1);
    expect(
      h.events.filter((e) => e.type === 'task.updated' && e.change === 'escalated'),
    ).toHaveLength(1);

    await third.decide(task!.id, { action: 'approve' }, manager);
    await third.idle();
    expect((await h.store.runs.get(run.id)).status).toBe('succeeded');
  });

  it('rejects at the due time when configured, and approves only where the level allows', async () => {
    const h = await createHarness();
    const rejecting = await h.deploy(blogGraph({ dueInMinutes: 30, onDue: 'reject' }));
    const approving = await h.deploy(blogGraph({ dueInMinutes: 30, onDue: 'approve' }));
    const r1 = await start(h, rejecting);
    const r2 = await start(h, approving);
    await h.clock.advance(31 * MINUTE);
    await h.engine.tick();
    await h.engine.idle();
    const t1 = (await h.store.tasks.list({ runId: r1.id })).items[0]!;
    expect(t1).toMatchObject({
      status: 'expired',
      decision: { action: 'reject', actorId: 'system' },
    });
    const steps1 = Object.fromEntries(
      (await h.store.steps.listByRun(r1.id)).map((s) => [s.nodeId, s]),
    );
    expect(steps1.review!.handle).toBe('rejected');
    expect(steps1.publish!.status).toBe('skipped');
    // review_all does not allow approving by the clock: it escalates instead.
    const t2 = (await h.store.tasks.list({ runId: r2.id })).items[0]!;
    expect(t2).toMatchObject({ status: 'open', assignees: { roles: ['reviewer', 'manager'] } });
    expect(h.publisher.sent).toHaveLength(0);
  });

  it('a delay survives a restart and fires once', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(
      graph(
        [
          topicTrigger,
          ['draft', 'ai.generate', {}],
          ['wait', 'util.delay', { amount: 2, unit: 'hours' }],
          ['out', 'publish.webhook', { url: 'https://e.com/x' }],
        ],
        ['start>draft', 'draft>wait', 'wait>out'],
      ),
    );
    const run = await start(h, flowId);
    expect((await h.store.runs.get(run.id)).status).toBe('waiting');
    const second = await h.restart();
    await second.recover();
    await h.clock.advance(119 * MINUTE);
    await second.tick();
    await second.idle();
    expect(h.publisher.sent).toHaveLength(0);
    await h.clock.advance(MINUTE);
    await Promise.all([second.tick(), second.tick()]);
    await second.idle();
    expect(h.publisher.sent).toHaveLength(1);
    expect((await h.store.runs.get(run.id)).status).toBe('succeeded');
  });
});

describe('retries and failures', () => {
  it('retries a transient LLM failure no sooner than Retry-After', async () => {
    const h = await createHarness();
    h.llm.push(
      new AppError({ code: 'LLM_ERROR', message: '429', retryable: true, retryAfterMs: 30_000 }),
      'Recovered draft',
    );
    const flowId = await h.deploy(blogGraph());
    const run = await start(h, flowId);
    const pending = (await h.store.steps.listByRun(run.id)).find((s) => s.nodeId === 'draft')!;
    expect(pending).toMatchObject({
      status: 'pending',
      attempts: 1,
      wakeAt: '2026-01-05T09:00:30.000Z',
      error: { code: 'LLM_ERROR', retryable: true },
    });
    expect((await h.store.runs.get(run.id)).status).toBe('running');
    await h.clock.advance(29_000);
    await h.engine.tick();
    await h.engine.idle();
    expect(h.llm.requests).toHaveLength(1);
    await h.clock.advance(1_000);
    await h.engine.tick();
    await h.engine.idle();
    const draft = (await h.store.steps.listByRun(run.id)).find((s) => s.nodeId === 'draft')!;
    expect(draft).toMatchObject({ status: 'done', attempts: 2, error: null, wakeAt: null });
    expect((await h.store.runs.get(run.id)).status).toBe('waiting');
  });

  it('fails the step and the run on malformed model JSON; nothing downstream runs', async () => {
    const h = await createHarness();
    h.llm.push({ data: { headline: 42 } });
    const flowId = await h.deploy(
      graph(
        [
          topicTrigger,
          [
            'draft',
            'ai.generate',
            { output: 'json', fields: [{ name: 'headline', kind: 'text' }] },
          ],
          ['review', 'human.review', {}],
        ],
        ['start>draft', 'draft>review'],
      ),
    );
    const run = await start(h, flowId);
    const failed = await h.store.runs.get(run.id);
    expect(failed).toMatchObject({
      status: 'failed',
      error: { code: 'LLM_OUTPUT_INVALID', origin: 'user', retryable: false },
    });
    const steps = await h.store.steps.listByRun(run.id);
    expect(steps.map((s) => [s.nodeId, s.status, s.attempts])).toEqual([
      ['start', 'done', 1],
      ['draft', 'failed', 1],
    ]);
    expect((await h.store.tasks.list({ runId: run.id })).items).toHaveLength(0);
  });

  it('a publish that exhausts retries goes dead; an admin replays it with the same key', async () => {
    const h = await createHarness({ limits: { retry: { maxAttempts: 3 } } });
    h.publisher.push(transientError(), transientError(), transientError());
    const flowId = await h.deploy(blogGraph());
    const run = await start(h, flowId);
    const task = (await h.store.tasks.list({ runId: run.id })).items[0]!;
    await h.engine.decide(task.id, { action: 'approve' }, reviewer);
    await h.engine.idle();
    await drive(h, h.engine, async () => (await h.store.runs.get(run.id)).status === 'failed');

    const key = `${run.id}:publish`;
    const dead = (await h.store.publications.findByKey(key))!;
    expect(dead.status).toBe('dead');
    expect(dead.attempts.map((a) => a.status)).toEqual([503, 503, 503]);
    expect((await h.store.runs.get(run.id)).error?.code).toBe('PUBLISH_FAILED');

    expect(
      isAppError(await h.engine.replayPublication(dead.id, manager).catch((e) => e), 'FORBIDDEN'),
    ).toBe(true);
    await h.engine.replayPublication(dead.id, admin);
    await h.engine.idle();
    const replayed = (await h.store.publications.findByKey(key))!;
    expect(replayed).toMatchObject({ id: dead.id, status: 'succeeded' });
    expect(replayed.attempts).toHaveLength(4);
    expect(new Set(h.publisher.attempts.map((a) => a.key))).toEqual(new Set([key]));
    expect(h.publisher.sent).toHaveLength(1);
    expect((await h.store.runs.get(run.id)).status).toBe('succeeded');
  });

  it('refuses to publish content that differs from what the reviewer approved', async () => {
    const h = await createHarness();
    h.llm.push('Approved words.', 'Rewritten after approval.');
    const flowId = await h.deploy(
      graph(
        [
          topicTrigger,
          ['draft', 'ai.generate', {}],
          ['review', 'human.review', {}],
          ['polish', 'ai.generate', { prompt: 'Polish {{ steps.review.text }}' }],
          ['publish', 'publish.webhook', { url: 'https://e.com/x' }],
        ],
        ['start>draft', 'draft>review', 'review:approved>polish', 'polish>publish'],
      ),
    );
    const run = await start(h, flowId);
    const task = (await h.store.tasks.list({ runId: run.id })).items[0]!;
    await h.engine.decide(task.id, { action: 'approve' }, reviewer);
    await h.engine.idle();
    expect(await h.store.runs.get(run.id)).toMatchObject({
      status: 'failed',
      error: { code: 'CONTENT_MISMATCH', origin: 'user' },
    });
    expect(h.publisher.attempts).toHaveLength(0);
  });
});

describe('recovery after a crash', () => {
  it('a first attempt finds a delivery recorded before it and does not send again', async () => {
    const h = await createHarness();
    h.llm.push('Our text.');
    const flowId = await h.deploy(blogGraph());
    const run = await start(h, flowId);
    const task = (await h.store.tasks.list({ runId: run.id })).items[0]!;
    // As if a process had delivered this publish and died before it could write the step.
    const now = new Date().toISOString();
    await h.store.publications.create({
      id: 'pub_before',
      key: `${run.id}:publish`,
      runId: run.id,
      flowId,
      nodeId: 'publish',
      channel: 'webhook',
      status: 'succeeded',
      contentHash: hashContent({ text: 'Our text.' }),
      request: {},
      target: 'https://example.com/hook',
      attempts: [{ at: now, status: 200, durationMs: 5, error: null, responseExcerpt: null }],
      externalId: null,
      error: null,
      createdAt: now,
      updatedAt: now,
      revision: 0,
    });
    await h.engine.decide(task.id, { action: 'approve' }, reviewer);
    await h.engine.idle();

    expect((await h.store.runs.get(run.id)).status).toBe('succeeded');
    expect(h.publisher.attempts).toHaveLength(0);
    expect((await h.store.publications.list({ runId: run.id })).items).toHaveLength(1);
  });

  // A publish step that starts at once is written as running only once it has run a moment
  // (UnwrittenStarts); a crash can come before or after that write.
  it.each([
    ['before its start was written', 0, undefined],
    ['after its start was written', START_WRITE_DELAY_MS, 'running'],
  ])(
    'a publish interrupted mid-send %s is sent again with the same key, one Publication',
    async (_, elapsedMs, stored) => {
      const h = await createHarness();
      const hanging: PublisherPort = { publish: () => new Promise(() => undefined) };
      const first = h.spawn({ publisher: hanging });
      const flowId = await h.deploy(blogGraph());
      await h.engine.setAutomation(flowId, 'review', { level: 'auto', reason: 'Test' }, manager);
      const run = await first.startRun({ flowId, input: { topic: 'x' }, startedBy: designer.id });
      for (
        let i = 0;
        i < 50 && (await h.store.publications.findByKey(`${run.id}:publish`))?.status !== 'sending';
        i += 1
      ) {
        await new Promise((r) => setTimeout(r, 5));
      }
      await h.clock.advance(elapsedMs);
      expect(
        (await h.store.steps.listByRun(run.id)).find((s) => s.nodeId === 'publish')?.status,
      ).toBe(stored);

      const receiver = createRecordingPublisher();
      const second = h.spawn({ publisher: receiver });
      await second.recover();
      await second.idle();
      expect(receiver.sent.map((p) => p.key)).toEqual([`${run.id}:publish`]);
      expect((await h.store.publications.list({ runId: run.id })).items).toHaveLength(1);
      expect((await h.store.runs.get(run.id)).status).toBe('succeeded');

      const third = h.spawn({ publisher: receiver });
      await third.recover();
      await third.idle();
      expect(receiver.sent).toHaveLength(1);
    },
  );

  it('a task decided just before a crash still moves its run on at recovery', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph());
    const run = await start(h, flowId);
    const task = (await h.store.tasks.list({ runId: run.id })).items[0]!;
    await h.store.tasks.update({
      ...task,
      status: 'decided',
      decision: {
        action: 'approve',
        tags: [],
        actorId: reviewer.id,
        at: h.clock.now().toISOString(),
      },
      decidedAt: h.clock.now().toISOString(),
    });
    const second = await h.restart();
    await second.recover();
    await second.idle();
    expect((await h.store.runs.get(run.id)).status).toBe('succeeded');
    expect(h.publisher.sent).toHaveLength(1);
  });
});
