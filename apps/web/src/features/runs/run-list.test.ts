import { describe, expect, it } from 'vitest';
import type { Run, RunOutcome, RunStatus } from '@tandem/schema';
import {
  STATUS_CHOICES,
  applyRunUpdate,
  runQuery,
  statusChoiceOf,
  statusFilterOf,
  type StatusChoice,
} from './run-list.js';

describe('runQuery', () => {
  it('builds the list query without empty filters', () => {
    expect(runQuery({ flowId: '', status: '' })).toBe('');
    expect(runQuery({ flowId: 'f 1', status: 'waiting' })).toBe('?flowId=f+1&status=waiting');
    expect(runQuery({ flowId: '', status: '', cursor: 'abc' })).toBe('?cursor=abc');
    expect(runQuery({ flowId: '', status: '', outcome: 'rejected' })).toBe('?outcome=rejected');
    expect(runQuery({ flowId: '', status: '', outcome: '' })).toBe('');
  });

  it('asks for test runs or real runs only with `test`, and for both without it', () => {
    expect(runQuery({ flowId: '', status: '', kind: 'test' })).toBe('?test=true');
    expect(runQuery({ flowId: '', status: '', kind: 'real' })).toBe('?test=false');
    expect(runQuery({ flowId: '', status: '', kind: '' })).toBe('');
  });
});

describe('applyRunUpdate', () => {
  const run = (id: string, at: string, over: Partial<Run> = {}): Run =>
    ({
      id,
      flowId: 'flw_a',
      status: 'running',
      createdAt: `2026-01-01T${at}:00.000Z`,
      ...over,
    }) as Run;
  const list = [run('r3', '12:00'), run('r1', '10:00')];
  const all = { flowId: '', status: '' } as const;

  it('lists a new test run under Test runs and All runs, and not under Real runs', () => {
    const test = { ...run('r4', '13:00'), test: true } as Run;
    expect(applyRunUpdate(list, test, { ...all, kind: 'test' })[0]?.id).toBe('r4');
    expect(applyRunUpdate(list, test, all)[0]?.id).toBe('r4');
    expect(applyRunUpdate(list, test, { ...all, kind: 'real' })).toBe(list);
    expect(applyRunUpdate(list, run('r4', '13:00'), { ...all, kind: 'test' })).toBe(list);
  });

  it('takes the outcome a pushed run that just finished carries', () => {
    const waiting = run('r1', '10:00', { status: 'waiting' });
    const rejected = run('r1', '10:00', { status: 'succeeded', outcome: 'rejected' });
    const next = applyRunUpdate([waiting], rejected, all);
    expect(next[0]).toMatchObject({ status: 'succeeded', outcome: 'rejected' });
  });

  it('replaces a listed run in place', () => {
    const next = applyRunUpdate(list, run('r1', '10:00', { status: 'failed' }), all);
    expect(next.map((r) => [r.id, r.status])).toEqual([
      ['r3', 'running'],
      ['r1', 'failed'],
    ]);
  });
  it('adds a run started after the page loaded, newest first', () => {
    expect(applyRunUpdate(list, run('r4', '13:00'), all).map((r) => r.id)).toEqual([
      'r4',
      'r3',
      'r1',
    ]);
    expect(applyRunUpdate(list, run('r2', '11:00'), all).map((r) => r.id)).toEqual([
      'r3',
      'r2',
      'r1',
    ]);
  });
  it('leaves out a run older than the listed page (it belongs on a later page)', () => {
    expect(applyRunUpdate(list, run('r0', '09:00'), all)).toBe(list);
    expect(applyRunUpdate([], run('r0', '09:00'), all).map((r) => r.id)).toEqual(['r0']);
  });
  it('leaves a new run off an older page, and still updates the runs listed there', () => {
    const older = { ...all, cursor: 'c1' };
    expect(applyRunUpdate(list, run('r4', '13:00'), older)).toBe(list);
    const next = applyRunUpdate(list, run('r1', '10:00', { status: 'failed' }), older);
    expect(next.map((r) => r.status)).toEqual(['running', 'failed']);
  });
  it('takes a listed run off the list when it leaves the status filter', () => {
    const waiting = [
      run('r3', '12:00', { status: 'waiting' }),
      run('r1', '10:00', { status: 'waiting' }),
    ];
    const filter = { flowId: '', status: 'waiting' } as const;
    const next = applyRunUpdate(waiting, run('r3', '12:00', { status: 'succeeded' }), filter);
    expect(next.map((r) => r.id)).toEqual(['r1']);
    const still = applyRunUpdate(waiting, run('r1', '10:00', { status: 'waiting' }), filter);
    expect(still.map((r) => r.id)).toEqual(['r3', 'r1']);
  });
  it('leaves out a new run the filters hide', () => {
    expect(applyRunUpdate(list, run('r4', '13:00'), { flowId: 'flw_b', status: '' })).toBe(list);
    expect(applyRunUpdate(list, run('r4', '13:00'), { flowId: '', status: 'failed' })).toBe(list);
  });
  it('under the rejected filter, adds a run that just came to it and leaves others out', () => {
    const rejectedOnly = { flowId: '', status: '', outcome: 'rejected' } as const;
    const listed = [run('r1', '10:00', { status: 'succeeded', outcome: 'rejected' })];
    expect(applyRunUpdate(listed, run('r4', '13:00'), rejectedOnly)).toBe(listed);
    const published = run('r4', '13:00', { status: 'succeeded', outcome: 'published' });
    expect(applyRunUpdate(listed, published, rejectedOnly)).toBe(listed);
    const rejected = run('r4', '13:00', { status: 'succeeded', outcome: 'rejected' });
    expect(applyRunUpdate(listed, rejected, rejectedOnly).map((r) => r.id)).toEqual(['r4', 'r1']);
  });
});

describe('the Status filter', () => {
  /** Whether a run with this status and outcome is listed under a choice. */
  const under = (choice: StatusChoice, status: RunStatus, outcome?: RunOutcome) =>
    (!choice.filter.status || choice.filter.status === status) &&
    (!choice.filter.outcome || choice.filter.outcome === outcome);
  const kinds: [RunStatus, RunOutcome?][] = [
    ['running'],
    ['waiting'],
    ['succeeded', 'published'],
    ['succeeded', 'rejected'],
    ['succeeded', 'completed'],
    ['failed'],
    ['canceled'],
  ];

  it('lists every run under exactly one choice: a rejected run is not offered twice', () => {
    for (const [status, outcome] of kinds) {
      const choices = STATUS_CHOICES.filter((c) => under(c, status, outcome));
      expect(
        choices.map((c) => c.label),
        `${status} ${outcome ?? ''}`,
      ).toHaveLength(1);
    }
    expect(STATUS_CHOICES.map((c) => c.label)).not.toContain('Succeeded or rejected');
  });

  it('turns a choice into the query, and the address back into the choice', () => {
    expect(statusFilterOf('rejected')).toEqual({ status: '', outcome: 'rejected' });
    expect(statusFilterOf('failed')).toEqual({ status: 'failed', outcome: '' });
    expect(statusFilterOf('')).toEqual({ status: '', outcome: '' });
    expect(statusChoiceOf(null, 'published')).toBe('published');
    expect(statusChoiceOf('succeeded', null)).toBe('succeeded');
    expect(statusChoiceOf(null, null)).toBe('');
  });
});
