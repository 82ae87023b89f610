import { describe, expect, it } from 'vitest';
import type { Flow } from '@tandem/schema';
import { buildFlowRows, matchesSearch } from './flow-list.js';

const flow = (id: string, name: string) => ({ id, name, description: 'About blogs' }) as Flow;

describe('buildFlowRows', () => {
  const flows = [flow('a', 'Blog'), flow('b', 'Social')];
  const runs = [
    { id: 'r1', flowId: 'a', status: 'succeeded' as const, createdAt: '2026-01-01T10:00:00.000Z' },
    { id: 'r2', flowId: 'a', status: 'waiting' as const, createdAt: '2026-01-02T10:00:00.000Z' },
    { id: 'r3', flowId: 'a', status: 'waiting' as const, createdAt: '2026-01-01T12:00:00.000Z' },
  ];
  it('picks the newest run per flow and counts open tasks', () => {
    const rows = buildFlowRows(flows, runs, [{ flowId: 'a' }]);
    expect(rows.map((r) => [r.flow.id, r.lastRun?.id ?? null, r.openTasks])).toEqual([
      ['a', 'r2', 1],
      ['b', null, 0],
    ]);
  });
  it('falls back to waiting runs when tasks are not visible', () => {
    expect(buildFlowRows(flows, runs, null)[0]!.openTasks).toBe(2);
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
