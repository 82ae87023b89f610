import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '@tandem/store';
import { makeRun } from '@tandem/store/testing';
import { listRuns, RunListQuery } from './runs.service.js';

const minute = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
const query = (q: Record<string, unknown>) => RunListQuery.parse(q);

async function storeWith(starters: (string | null)[]) {
  const store = createMemoryStore();
  for (const [i, startedBy] of starters.entries()) {
    await store.runs.create(
      makeRun(`run_${String(i).padStart(3, '0')}`, { startedBy, createdAt: minute(i) }),
    );
  }
  return store;
}

describe('listing the runs one user started', () => {
  it('pages over the runs newest first, returning each of theirs exactly once', async () => {
    // The designer's test runs between runs a webhook (no one) or someone else started.
    const starters = Array.from({ length: 13 }, (_, i) =>
      i % 3 === 0 ? 'usr_dee' : i % 3 === 1 ? null : 'usr_other',
    );
    const store = await storeWith(starters);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listRuns(
        store,
        query({ flowId: 'f1', startedBy: 'usr_dee', limit: '2', ...(cursor ? { cursor } : {}) }),
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['run_012', 'run_009', 'run_006', 'run_003', 'run_000']);
    // The newest alone, as the editor asks for it.
    const newest = await listRuns(store, query({ flowId: 'f1', startedBy: 'usr_dee', limit: '1' }));
    expect(newest.items.map((r) => r.id)).toEqual(['run_012']);
    expect(newest.nextCursor).toBeDefined();
  });

  it('takes startedBy only with a flow, whose runs it narrows', () => {
    const refused = RunListQuery.safeParse({ startedBy: 'usr_dee' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [['flowId'], 'Give flowId with startedBy'],
    ]);
  });

  it('lists as before without the filter', async () => {
    const store = await storeWith(['usr_dee', null, 'usr_other']);
    const page = await listRuns(store, query({ limit: '2' }));
    expect(page.items.map((r) => r.id)).toEqual(['run_002', 'run_001']);
    expect(page.nextCursor).toBeDefined();
  });
});
