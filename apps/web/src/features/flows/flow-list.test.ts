import { describe, expect, it } from 'vitest';
import type { ListedFlow } from '@tandem/nodes';
import { applyOpenCounts, applyRunUpdate, buildFlowRows, matchesSearch } from './flow-list.js';

const flow = (id: string, name: string) =>
  ({ id, name, description: 'About blogs', publishedSchedule: null }) as ListedFlow;

describe('buildFlowRows', () => {
  const flows = [flow('a', 'Blog'), flow('b', 'Social')];
  const runs = [
    { id: 'r1', flowId: 'a', status: 'succeeded' as const, createdAt: '2026-01-01T10:00:00.000Z' },
    { id: 'r2', flowId: 'a', status: 'waiting' as const, createdAt: '2026-01-02T10:00:00.000Z' },
    { id: 'r3', flowId: 'a', status: 'waiting' as const, createdAt: '2026-01-01T12:00:00.000Z' },
  ];
  it("picks the newest run per flow and takes the server's open counts", () => {
    const rows = buildFlowRows(flows, runs, [{ flowId: 'b', open: 3 }]);
    expect(rows.map((r) => [r.flow.id, r.lastRun?.id ?? null, r.openTasks])).toEqual([
      ['a', 'r2', 0],
      ['b', null, 3],
    ]);
  });
  it('falls back to waiting runs when the counts could not be loaded', () => {
    expect(buildFlowRows(flows, runs, null)[0]!.openTasks).toBe(2);
  });
  it('does not count a run held by a Wait step as review work', () => {
    const held = { ...runs[2]!, waitingFor: 'timer' as const };
    expect(buildFlowRows(flows, [runs[0]!, runs[1]!, held], null)[0]!.openTasks).toBe(1);
  });

  it('patches the last run from a pushed update, keeping untouched rows as they were', () => {
    const rows = buildFlowRows(flows, runs, []);
    const held = applyRunUpdate(rows, { ...runs[1]!, waitingFor: 'review' })!;
    expect(held[0]!.lastRun).toMatchObject({ id: 'r2', waitingFor: 'review' });
    const done = applyRunUpdate(rows, { ...runs[1]!, status: 'succeeded' })!;
    expect(done[0]!.lastRun).toMatchObject({ id: 'r2', status: 'succeeded' });
    expect(done[1]).toBe(rows[1]);
    const started = applyRunUpdate(rows, {
      id: 'r9',
      flowId: 'b',
      status: 'running',
      createdAt: '2026-01-03T10:00:00.000Z',
    })!;
    expect(started[1]!.lastRun?.id).toBe('r9');
    // An update of an older run leaves the newer last run in place.
    expect(applyRunUpdate(rows, { ...runs[0]!, status: 'failed' })).toBe(rows);
    expect(applyRunUpdate(rows, { ...runs[0]!, flowId: 'unknown' })).toBeNull();
  });

  it('applies fresh open counts, zero for flows no longer counted', () => {
    const rows = buildFlowRows(flows, runs, [{ flowId: 'a', open: 2 }]);
    const next = applyOpenCounts(rows, [{ flowId: 'b', open: 1 }]);
    expect(next.map((r) => r.openTasks)).toEqual([0, 1]);
  });
});

describe('matchesSearch', () => {
  it('searches name and description, case-insensitively', () => {
    expect(matchesSearch(flow('a', 'Weekly Budget'), 'budget')).toBe(true);
    expect(matchesSearch(flow('a', 'Weekly Budget'), 'BLOGS')).toBe(true);
    expect(matchesSearch(flow('a', 'Weekly Budget'), 'newsletter')).toBe(false);
    expect(matchesSearch(flow('a', 'x'), '  ')).toBe(true);
  });
});
