import { describe, expect, it } from 'vitest';
import type { Actor } from './engine.types.js';
import { code, startOne } from './testing/decisions.js';
import {
  blogGraph,
  createHarness,
  designer,
  manager,
  reviewer,
  reviewer2,
} from './testing/harness.js';

const reviewer3: Actor = { id: 'u_reviewer3', roles: ['reviewer'] };

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
});
