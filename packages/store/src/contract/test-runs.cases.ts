import { describe, expect, it } from 'vitest';
import { at, makeRun, makeTask } from './fixtures.js';
import { collectPages, type ContractContext } from './harness.js';

const ids = (items: { id: string }[]): string[] => items.map((i) => i.id);

/** A designer's test runs (RunSchema.test): kept apart from real runs in lists and counts. */
export function testRunCases(ctx: ContractContext): void {
  describe('test runs', () => {
    it('runs: filter test runs and real runs, which runs without the flag are', async () => {
      const { runs } = ctx.store();
      for (let i = 0; i < 6; i += 1) {
        await runs.create(
          makeRun(`r${i}`, { createdAt: at(i), ...(i % 2 === 0 ? { test: true } : {}) }),
        );
      }
      const test = await collectPages((cursor) => runs.list({ test: true, limit: 2, cursor }));
      expect(ids(test.items)).toEqual(['r4', 'r2', 'r0']);
      expect(ids((await runs.list({ test: false })).items)).toEqual(['r5', 'r3', 'r1']);
      expect(ids((await runs.list()).items)).toEqual(['r5', 'r4', 'r3', 'r2', 'r1', 'r0']);
      expect(ids((await runs.list({ test: true, status: ['failed'] })).items)).toEqual([]);
      expect((await runs.get('r2')).test).toBe(true);
      expect((await runs.get('r1')).test).toBeUndefined();
    });

    it('tasks: filter by test, and open counts leave test runs’ tasks out', async () => {
      const { tasks } = ctx.store();
      await tasks.create(makeTask('t1', { flowId: 'f1' }));
      await tasks.create(makeTask('t2', { flowId: 'f1', test: true }));
      await tasks.create(makeTask('t3', { flowId: 'f2', test: true }));
      expect(ids((await tasks.list({ test: true })).items).sort()).toEqual(['t2', 't3']);
      expect(ids((await tasks.list({ test: false })).items)).toEqual(['t1']);
      expect(await tasks.countOpenByFlow()).toEqual([{ flowId: 'f1', open: 1 }]);
      expect((await tasks.get('t2')).test).toBe(true);
    });
  });
}
