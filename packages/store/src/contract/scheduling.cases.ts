import { describe, expect, it } from 'vitest';
import { at, makeStep, makeTask } from './fixtures.js';
import type { ContractContext } from './harness.js';

const ids = (items: { id: string }[]): string[] => items.map((i) => i.id);

/** What the engine's scheduler and recovery ask of the store. */
export function schedulingCases(ctx: ContractContext): void {
  describe('steps for the scheduler', () => {
    it('lists a run oldest first', async () => {
      const { steps } = ctx.store();
      await steps.create(makeStep('s3', { createdAt: at(3), status: 'running' }));
      await steps.create(makeStep('s1', { createdAt: at(1), status: 'done' }));
      await steps.create(makeStep('s2', { createdAt: at(2), status: 'running' }));
      await steps.create(makeStep('s4', { createdAt: at(0), runId: 'r2', status: 'waiting' }));
      expect(ids(await steps.listByRun('r1'))).toEqual(['s1', 's2', 's3']);
      expect(await steps.listByRun('nope')).toEqual([]);
    });

    it('lists due wake-ups soonest first and tells the next one', async () => {
      const { steps } = ctx.store();
      expect(await steps.nextWakeAt()).toBeNull();
      await steps.create(makeStep('late', { wakeAt: at(300) }));
      await steps.create(makeStep('soon', { wakeAt: at(100) }));
      await steps.create(makeStep('edge', { wakeAt: at(200) }));
      await steps.create(makeStep('none', { wakeAt: null }));
      expect(ids(await steps.listDue(at(200), 10))).toEqual(['soon', 'edge']);
      expect(ids(await steps.listDue(at(200), 1))).toEqual(['soon']);
      expect(await steps.listDue(at(99), 10)).toEqual([]);
      expect(await steps.nextWakeAt()).toBe(at(100));
      const soon = await steps.get('soon');
      await steps.update({ ...soon, wakeAt: null, status: 'done' });
      expect(await steps.nextWakeAt()).toBe(at(200));
    });
  });

  describe('tasks for escalation', () => {
    it('lists open, unescalated tasks due by now, soonest first, and the next due time', async () => {
      const { tasks } = ctx.store();
      expect(await tasks.nextDueAt()).toBeNull();
      await tasks.create(makeTask('due2', { dueAt: at(200) }));
      await tasks.create(makeTask('due1', { dueAt: at(100) }));
      await tasks.create(makeTask('later', { dueAt: at(900) }));
      await tasks.create(makeTask('never', { dueAt: null }));
      await tasks.create(makeTask('decided', { dueAt: at(50), status: 'decided' }));
      await tasks.create(makeTask('escalated', { dueAt: at(60), escalatedAt: at(61) }));
      expect(ids(await tasks.listDue(at(200), 10))).toEqual(['due1', 'due2']);
      expect(ids(await tasks.listDue(at(200), 1))).toEqual(['due1']);
      expect(await tasks.nextDueAt()).toBe(at(100));
      const due1 = await tasks.get('due1');
      await tasks.update({ ...due1, escalatedAt: at(150) });
      expect(ids(await tasks.listDue(at(1000), 10))).toEqual(['due2', 'later']);
      expect(await tasks.nextDueAt()).toBe(at(200));
    });
  });
}
