import { describe, expect, it } from 'vitest';
import { isAppError } from '@tandem/schema';
import { createSeededRandom } from './testing/fake-clock.js';
import { admin, blogGraph, createHarness, designer, manager, reviewer } from './testing/harness.js';
import type { Harness } from './testing/harness.js';

const CLEAN = 'We help customers plan.';
const FLAGGED = 'Pure synergy for everyone.';
const brandRules = { bannedPhrases: ['synergy'] };

async function runMany(h: Harness, flowId: string, texts: string[]) {
  const runs = [];
  for (const text of texts) {
    h.llm.push(text);
    runs.push(await h.engine.startRun({ flowId, input: { topic: 't' }, startedBy: designer.id }));
    await h.engine.idle();
  }
  const states = [];
  for (const run of runs) {
    const current = await h.store.runs.get(run.id);
    const tasks = (await h.store.tasks.list({ runId: run.id })).items;
    const review = (await h.store.steps.listByRun(run.id)).find((s) => s.nodeId === 'review')!;
    states.push({ run: current, tasks, review });
  }
  return states;
}

async function level(h: Harness, flowId: string, update: Record<string, unknown>) {
  await h.engine.setAutomation(flowId, 'review', { reason: 'Test', ...update }, manager);
}

describe('automation levels at a checkpoint', () => {
  it('review_all: every item waits for a person', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph({}, brandRules));
    const states = await runMany(h, flowId, [CLEAN, FLAGGED]);
    expect(states.map((s) => [s.run.status, s.tasks.length, s.tasks[0]?.kind])).toEqual([
      ['waiting', 1, 'blocking'],
      ['waiting', 1, 'blocking'],
    ]);
    expect(states[1]!.tasks[0]!.flags.map((f) => f.rule)).toEqual(['banned_phrase']);
  });

  it('review_flagged: flagged items wait; a seeded sample of clean items waits, the rest pass', async () => {
    const h = await createHarness({ random: createSeededRandom(7) });
    const flowId = await h.deploy(blogGraph({}, brandRules));
    await level(h, flowId, { level: 'review_flagged', sampleRate: 0.3 });
    const texts = [...Array.from({ length: 20 }, () => CLEAN), FLAGGED, FLAGGED];
    const states = await runMany(h, flowId, texts);

    const draws = createSeededRandom(7);
    const expectedSampled = Array.from({ length: 20 }, () => draws() < 0.3);
    expect(expectedSampled.filter(Boolean).length).toBeGreaterThan(0);
    expect(expectedSampled.filter(Boolean).length).toBeLessThan(20);
    expect(states.slice(0, 20).map((s) => s.tasks.length === 1)).toEqual(expectedSampled);
    for (const [i, s] of states.slice(0, 20).entries()) {
      if (expectedSampled[i]) {
        expect(s.run.status).toBe('waiting');
        expect(s.review.state).toMatchObject({ sampled: true });
      } else {
        expect(s.run.status).toBe('succeeded');
        expect(s.review.output).toMatchObject({
          approved: true,
          decidedBy: 'system',
          passedBy: { level: 'review_flagged', reason: 'Clean item passed at review flagged' },
        });
      }
    }
    for (const s of states.slice(20)) {
      expect(s.run.status).toBe('waiting');
      expect(s.review.state).toMatchObject({ flagged: true, sampled: false });
    }
    expect(h.publisher.sent).toHaveLength(expectedSampled.filter((x) => !x).length);
  });

  it('spot_check: clean items go out at once, a sample gets an after-the-fact task; flagged wait', async () => {
    const h = await createHarness({ random: createSeededRandom(3) });
    const flowId = await h.deploy(blogGraph({}, brandRules));
    await level(h, flowId, { level: 'spot_check', sampleRate: 0.5 });
    const states = await runMany(h, flowId, [...Array.from({ length: 10 }, () => CLEAN), FLAGGED]);
    const draws = createSeededRandom(3);
    const expectedSpot = Array.from({ length: 10 }, () => draws() < 0.5);
    for (const [i, s] of states.slice(0, 10).entries()) {
      expect(s.run.status).toBe('succeeded');
      expect(s.tasks.map((t) => t.kind)).toEqual(expectedSpot[i] ? ['spot_check'] : []);
    }
    expect(states[10]!.run.status).toBe('waiting');
    expect(states[10]!.tasks.map((t) => t.kind)).toEqual(['blocking']);

    const spot = states.find((s) => s.tasks.length === 1 && s.tasks[0]!.kind === 'spot_check')!
      .tasks[0]!;
    const refused = await h.engine
      .decide(spot.id, { action: 'request_changes', reason: 'redo' }, reviewer)
      .catch((e) => e);
    expect(isAppError(refused, 'VALIDATION_FAILED')).toBe(true);
    await h.engine.decide(
      spot.id,
      { action: 'edit', content: 'We help our customers plan.' },
      reviewer,
    );
    const feedback = await h.store.feedback.list({ flowId });
    expect(feedback.items[0]).toMatchObject({ action: 'edit', sampled: true, editSize: 1 });
    expect(h.publisher.sent).toHaveLength(10);
  });

  it('a checkpoint passed without a task is written once; one that opens a task writes its step first', async () => {
    const h = await createHarness({ random: createSeededRandom(3) });
    const flowId = await h.deploy(blogGraph({}, brandRules));
    await level(h, flowId, { level: 'spot_check', sampleRate: 0.5 });
    const states = await runMany(h, flowId, [...Array.from({ length: 10 }, () => CLEAN), FLAGGED]);
    const kinds = states.map((s) => s.tasks[0]?.kind ?? 'none');
    expect(new Set(kinds)).toEqual(new Set(['none', 'spot_check', 'blocking']));
    for (const s of states) {
      const writes = h.events.flatMap((e, at) =>
        e.type === 'step.updated' && e.step.id === s.review.id
          ? [{ at, status: e.step.status }]
          : [],
      );
      if (s.tasks.length === 0) {
        expect(writes.map((w) => w.status)).toEqual(['done']);
        continue;
      }
      // The task names the step: the step is in the store before the task is.
      const taskCreated = h.events.findIndex(
        (e) => e.type === 'task.created' && e.task.id === s.tasks[0]!.id,
      );
      expect(writes[0]).toMatchObject({ status: 'running' });
      expect(writes[0]!.at).toBeLessThan(taskCreated);
      expect(writes.at(-1)!.status).toBe(s.tasks[0]!.kind === 'blocking' ? 'waiting' : 'done');
    }
  });

  it('a spot check decided after the fact is announced with its feedback already written', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph());
    await level(h, flowId, { level: 'spot_check', sampleRate: 1, reason: 'Steady' });
    const [state] = await runMany(h, flowId, [CLEAN]);
    expect(state!.tasks[0]!.kind).toBe('spot_check');
    // The console reloads its evidence on this event; nothing else follows a spot check's decision.
    let seen: Promise<number> | undefined;
    h.engine.on((e) => {
      if (e.type === 'task.updated' && e.change === 'decided') {
        seen = h.store.feedback.list({ flowId }).then((page) => page.items.length);
      }
    });
    await h.engine.decide(state!.tasks[0]!.id, { action: 'approve' }, reviewer);
    expect(await seen).toBe(1);
  });

  it('auto: nothing waits, flagged or not, and each pass records its reason', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph({}, brandRules));
    await level(h, flowId, { level: 'auto' });
    const states = await runMany(h, flowId, [CLEAN, FLAGGED]);
    expect(states.map((s) => [s.run.status, s.tasks.length])).toEqual([
      ['succeeded', 0],
      ['succeeded', 0],
    ]);
    expect(states[1]!.review.state).toMatchObject({
      passed: 'Passed at auto despite flags',
      flagged: true,
    });
  });

  it('a locked checkpoint stays at review_all and refuses changes', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph({ locked: true }, brandRules));
    const refused = await h.engine
      .setAutomation(flowId, 'review', { level: 'auto', reason: 'Test' }, manager)
      .catch((e) => e);
    expect(isAppError(refused, 'CHECKPOINT_LOCKED')).toBe(true);
    const states = await runMany(h, flowId, [CLEAN]);
    expect(states[0]!.tasks).toHaveLength(1);
    const [automation] = await h.engine.getAutomation(flowId);
    expect(automation).toMatchObject({
      nodeId: 'review',
      level: 'review_all',
      locked: true,
      recommendation: { direction: 'keep' },
    });
  });

  it('only managers and admins change levels; changes are validated, emitted and audited', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph());
    const forbidden = await h.engine
      .setAutomation(flowId, 'review', { level: 'auto' }, reviewer)
      .catch((e) => e);
    expect(isAppError(forbidden, 'FORBIDDEN')).toBe(true);
    const invalid = await h.engine
      .setAutomation(flowId, 'review', { level: 'sometimes' }, admin)
      .catch((e) => e);
    expect(isAppError(invalid, 'VALIDATION_FAILED')).toBe(true);
    // Every change is audited with why it was made: none, or only spaces, is refused.
    for (const reason of [undefined, '   ']) {
      const unexplained = await h.engine
        .setAutomation(flowId, 'review', { level: 'auto', reason }, admin)
        .catch((e) => e);
      expect(isAppError(unexplained, 'VALIDATION_FAILED')).toBe(true);
    }
    const missing = await h.engine
      .setAutomation(flowId, 'draft', { level: 'auto', reason: 'Test' }, admin)
      .catch((e) => e);
    expect(isAppError(missing, 'NOT_FOUND')).toBe(true);
    const result = await h.engine.setAutomation(
      flowId,
      'review',
      { level: 'spot_check', sampleRate: 0.2, reason: 'Quality is steady' },
      manager,
    );
    expect(result).toMatchObject({ level: 'spot_check', sampleRate: 0.2 });
    expect(h.events.filter((e) => e.type === 'automation.updated')).toHaveLength(1);
    const audit = await h.store.audit.list({ action: 'automation.changed' });
    expect(audit.items[0]).toMatchObject({
      actorId: manager.id,
      subjectId: `${flowId}:review`,
      details: { from: 'review_all', to: 'spot_check', reason: 'Quality is steady' },
    });
  });

  it('recommends raising after 30 clean approvals, with the numbers', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph());
    const states = await runMany(
      h,
      flowId,
      Array.from({ length: 30 }, () => CLEAN),
    );
    for (const s of states) await h.engine.decide(s.tasks[0]!.id, { action: 'approve' }, reviewer);
    await h.engine.idle();
    const [automation] = await h.engine.getAutomation(flowId);
    expect(automation!.evidence).toMatchObject({
      decisions: 30,
      approvedUnedited: 30,
      unEditedApprovalRate: 1,
      rejectionRate: 0,
    });
    expect(automation!.recommendation).toEqual({
      direction: 'raise',
      to: 'review_flagged',
      reason: '30 of the last 30 approved unedited and none rejected',
    });
  });

  it('says when the evidence leaves older decisions out', async () => {
    const h = await createHarness({
      limits: { evidence: { evidenceWindow: 2 } },
    });
    const flowId = await h.deploy(blogGraph());
    const states = await runMany(h, flowId, [CLEAN, CLEAN, CLEAN]);
    const olderAfter = [];
    for (const s of states) {
      await h.engine.decide(s.tasks[0]!.id, { action: 'approve' }, reviewer);
      const [cp] = await h.engine.getAutomation(flowId);
      const [newest] = (await h.store.feedback.list({ flowId, nodeId: 'review', limit: 1 })).items;
      expect(cp!.newestDecisionId).toBe(newest!.id);
      olderAfter.push([cp!.evidence.decisions, cp!.olderDecisions, cp!.newestDecisionId]);
    }
    expect(olderAfter.map(([decisions, older]) => [decisions, older])).toEqual([
      [1, false],
      [2, false],
      [2, true],
    ]);
    // Once the window is full the count stays put; the newest decision still tells them apart.
    expect(new Set(olderAfter.map(([, , newest]) => newest)).size).toBe(3);
  });

  it('judges a new level on decisions made at it, not on those that earned it', async () => {
    const h = await createHarness();
    const flowId = await h.deploy(blogGraph());
    const decideAll = async (count: number) => {
      const states = await runMany(
        h,
        flowId,
        Array.from({ length: count }, () => CLEAN),
      );
      for (const s of states) {
        await h.engine.decide(s.tasks[0]!.id, { action: 'approve' }, reviewer);
      }
      await h.engine.idle();
      await h.clock.advance(1_000);
    };
    await decideAll(30);
    await h.clock.advance(1_000);
    await level(h, flowId, { level: 'review_all', sampleRate: 0.5, reason: 'Sample more' });
    // A sample-rate change at the same level keeps the evidence.
    expect((await h.engine.getAutomation(flowId))[0]!.recommendation.direction).toBe('raise');
    await level(h, flowId, { level: 'review_flagged', sampleRate: 1, reason: 'Clean for weeks' });
    await h.clock.advance(1_000);
    const [raised] = await h.engine.getAutomation(flowId);
    expect(raised!.evidence.decisions).toBe(30);
    expect(raised!.recommendation).toEqual({
      direction: 'keep',
      to: null,
      reason:
        '0 decisions since the level was last changed; at least 30 are needed before suggesting more automation. 30 earlier decisions counted toward the previous level',
    });
    await decideAll(30);
    expect((await h.engine.getAutomation(flowId))[0]!.recommendation).toMatchObject({
      direction: 'raise',
      to: 'spot_check',
    });
  });
});
