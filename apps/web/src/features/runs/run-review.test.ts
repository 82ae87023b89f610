import { describe, expect, it } from 'vitest';
import { openTaskFixture } from '../../testing/task-fixture.js';
import { reviewEntries, runNotice, runOutcome, type RunStep, type RunTask } from './run-review.js';

const at = (s: number) => `2026-01-01T10:00:${String(s).padStart(2, '0')}.000Z`;

function step(overrides: Partial<RunStep>): RunStep {
  return {
    nodeId: 'review',
    type: 'human.review',
    status: 'done',
    output: null,
    error: null,
    attempts: 1,
    startedAt: at(1),
    endedAt: at(2),
    ...overrides,
  };
}

function task(overrides: Partial<RunTask>): RunTask {
  return { ...openTaskFixture({ createdAt: at(1), updatedAt: at(1) }), ...overrides } as RunTask;
}

describe('reviewEntries', () => {
  it("names the decider from the server's name, never their id, and the viewer as you", () => {
    const decision = {
      action: 'request_changes' as const,
      reason: 'Shorter',
      tags: ['too-long'],
      actorId: 'usr_riley',
      actorName: 'Riley Reviewer',
      at: at(3),
    };
    const entries = reviewEntries(
      [],
      [
        task({ status: 'decided', decision, decidedAt: at(3) }),
        task({ id: 'tsk_2', round: 1, createdAt: at(4) }),
      ],
      'usr_me',
    );
    expect(entries.map((e) => [e.status, e.round, e.taskId])).toEqual([
      ['decided', 0, 'tsk_1'],
      ['open', 1, 'tsk_2'],
    ]);
    expect(entries[0]!.decisions).toEqual([
      {
        action: 'request_changes',
        by: 'Riley Reviewer',
        at: at(3),
        reason: 'Shorter',
        tags: ['too-long'],
      },
    ]);
    const mine = reviewEntries(
      [],
      [task({ status: 'decided', decision: { ...decision, actorId: 'usr_me' } })],
      'usr_me',
    );
    expect(mine[0]!.decisions[0]!.by).toBe('you');
  });

  it('adds the checkpoints the automation passed, which have no task', () => {
    const passed = step({ output: { approved: true, passedBy: 'review_flagged' }, endedAt: at(9) });
    const decided = step({
      nodeId: 'legal',
      output: { approved: true, decidedBy: 'usr_riley' },
      decidedByName: 'Riley Reviewer',
    });
    const entries = reviewEntries([passed, decided], [task({ nodeId: 'legal' })], null);
    expect(entries.map((e) => [e.nodeId, e.status, e.passedBy])).toEqual([
      ['legal', 'open', null],
      ['review', 'passed', 'review_flagged'],
    ]);
  });

  it("falls back to the checkpoint steps' record, with names, when the tasks could not load", () => {
    const decided = step({
      output: { approved: false, decidedBy: 'usr_riley', reason: 'Off brand' },
      decidedByName: 'Riley Reviewer',
    });
    expect(reviewEntries([decided], null, null)[0]).toMatchObject({
      status: 'decided',
      decisions: [{ action: 'reject', by: 'Riley Reviewer', reason: 'Off brand' }],
    });
  });
});

describe('runNotice', () => {
  it('says a canceled run was canceled once, in words', () => {
    const canceled = runNotice({
      status: 'canceled',
      error: { code: 'CANCELED', message: 'Canceled', origin: 'user', retryable: false },
    });
    expect(canceled).toEqual({
      tone: 'info',
      text: 'This run was canceled.',
      hint: null,
      code: null,
    });
  });

  it('names who canceled a run when the server could', () => {
    const canceled = runNotice({
      status: 'canceled',
      error: { code: 'CANCELED', message: 'Canceled', origin: 'user', retryable: false },
      canceledByName: 'Dana Designer',
    });
    expect(canceled?.text).toBe('This run was canceled by Dana Designer.');
  });

  it('leads a failure with its message and keeps the code aside', () => {
    expect(
      runNotice({
        status: 'failed',
        error: {
          code: 'LLM_ERROR',
          message: 'The model timed out',
          origin: 'system',
          retryable: true,
        },
      }),
    ).toMatchObject({
      tone: 'danger',
      text: 'The run failed: The model timed out.',
      code: 'LLM_ERROR',
    });
    expect(runNotice({ status: 'succeeded', error: null })).toBeNull();
  });

  it('says what to do next about a failure, as the failed step does', () => {
    const userError = runNotice({
      status: 'failed',
      error: { code: 'CONFIG_INVALID', message: 'Bad body', origin: 'user', retryable: false },
    });
    expect(userError?.hint).toMatch(/Fix the flow or the run’s input/);
    const gaveUp = runNotice(
      {
        status: 'failed',
        error: { code: 'PUBLISH_FAILED', message: '503', origin: 'system', retryable: true },
      },
      5,
    );
    expect(gaveUp?.hint).toMatch(/tried 5 times/);
  });
});

describe('runOutcome', () => {
  const rejected = task({
    status: 'decided',
    decision: {
      action: 'reject',
      reason: 'Too generic',
      tags: ['tone'],
      actorId: 'usr_rae',
      actorName: 'Rae Reviewer',
      at: at(3),
    },
  });
  const skipped = step({ nodeId: 'post', type: 'publish.webhook', status: 'skipped' });
  const nameOf = (nodeId: string) => (nodeId === 'review' ? 'Editor review' : nodeId);

  const rejectedRun = { status: 'succeeded', outcome: 'rejected' } as const;

  it('says a run that came to "rejected" published nothing because a reviewer rejected it', () => {
    const steps = [step({}), skipped];
    expect(runOutcome(rejectedRun, reviewEntries(steps, [rejected], null), nameOf)).toBe(
      'Nothing was published: Rae Reviewer rejected it at Editor review (“Too generic”).',
    );
    expect(runOutcome(rejectedRun, reviewEntries(steps, [rejected], 'usr_rae'), nameOf)).toMatch(
      /^Nothing was published: You rejected it/,
    );
  });

  it('says nothing unless the run came to "rejected", which its recorded outcome says', () => {
    const entries = reviewEntries([step({}), skipped], [rejected], null);
    // Published after all, or a rejection another review then approved: not the outcome.
    expect(runOutcome({ status: 'succeeded', outcome: 'published' }, entries, nameOf)).toBeNull();
    expect(runOutcome({ status: 'succeeded', outcome: 'completed' }, entries, nameOf)).toBeNull();
    expect(runOutcome({ status: 'failed' }, entries, nameOf)).toBeNull();
    const approved = task({
      status: 'decided',
      decision: { ...rejected.decision!, action: 'approve' },
    });
    expect(runOutcome(rejectedRun, reviewEntries([], [approved], null), nameOf)).toBeNull();
  });
});
