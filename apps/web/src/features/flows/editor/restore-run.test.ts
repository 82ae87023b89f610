import { describe, expect, it } from 'vitest';
import { shouldRestoreRun } from './restore-run.js';

const now = Date.parse('2026-03-02T12:00:00.000Z');
const ago = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
const run = (status: string, startedMinutesAgo: number, endedMinutesAgo: number | null) => ({
  id: 'run_1',
  status: status as 'running',
  createdAt: ago(startedMinutesAgo),
  updatedAt: ago(endedMinutesAgo ?? startedMinutesAgo),
  endedAt: endedMinutesAgo === null ? null : ago(endedMinutesAgo),
});
const none = new Set<string>();

describe('shouldRestoreRun', () => {
  it('brings back a test run still going, even one a reviewer has kept waiting for hours', () => {
    expect(shouldRestoreRun(run('running', 1, null), now, none)).toBe(true);
    expect(shouldRestoreRun(run('waiting', 5 * 60, null), now, none)).toBe(true);
    // Waiting since yesterday: forgotten, and on the runs page.
    expect(shouldRestoreRun(run('waiting', 25 * 60, null), now, none)).toBe(false);
  });

  it('brings back a finished test run for an hour after it ended', () => {
    expect(shouldRestoreRun(run('succeeded', 90, 59), now, none)).toBe(true);
    expect(shouldRestoreRun(run('failed', 3, 2), now, none)).toBe(true);
    expect(shouldRestoreRun(run('canceled', 120, 61), now, none)).toBe(false);
  });

  it('leaves out a run the designer hid, and shows nothing without a run', () => {
    expect(shouldRestoreRun(run('running', 1, null), now, new Set(['run_1']))).toBe(false);
    expect(shouldRestoreRun(undefined, now, none)).toBe(false);
  });
});
