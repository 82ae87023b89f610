import { describe, expect, it } from 'vitest';
import type { Task, User } from '@tandem/schema';
import { createMemoryStore } from '@tandem/store';
import { makeTask } from '@tandem/store/testing';
import type { Engine } from '@tandem/engine';
import { createAccess } from '../auth/access.js';
import type { AuditService } from '../audit/audit.service.js';
import { createTasksService } from './tasks.service.js';

const reviewer: User = {
  id: 'usr_rev',
  email: 'rev@example.com',
  name: 'Rev',
  roles: ['reviewer'],
  disabled: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  revision: 0,
};

describe('the inbox pages over the store', () => {
  it('returns every task the caller may decide exactly once, however the store pages fall', async () => {
    const store = createMemoryStore();
    // Tasks for the caller ("mine") between tasks for someone else, in inbox order.
    const ids: { id: string; mine: boolean }[] = [];
    for (let i = 0; i < 11; i += 1) {
      const mine = i % 3 !== 1;
      const id = `tsk_${String(i).padStart(2, '0')}`;
      ids.push({ id, mine });
      await store.tasks.create(
        makeTask(id, {
          nodeId: mine ? 'mine' : 'other',
          createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
        }),
      );
    }
    const engine = { canDecide: (task: Task) => task.nodeId === 'mine' } as Pick<
      Engine,
      'canDecide'
    >;
    const tasks = createTasksService({
      store,
      engine: engine as Engine,
      access: createAccess(store, engine),
      audit: {} as AuditService,
    });

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await tasks.list(reviewer, { limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((task) => task.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);

    expect(seen).toEqual(ids.filter((t) => t.mine).map((t) => t.id));
  });
});

describe('the inbox of a quorum task', () => {
  it('leaves out the open tasks the caller approved already: they wait for someone else', async () => {
    const store = createMemoryStore();
    const approval = (actorId: string) => ({
      action: 'approve' as const,
      tags: [],
      actorId,
      at: '2026-01-01T00:00:00.000Z',
    });
    await store.tasks.create(
      makeTask('tsk_mine', { requiredApprovals: 2, approvals: [approval(reviewer.id)] }),
    );
    await store.tasks.create(
      makeTask('tsk_theirs', { requiredApprovals: 2, approvals: [approval('usr_other')] }),
    );
    await store.tasks.create(
      makeTask('tsk_done', {
        status: 'decided',
        requiredApprovals: 2,
        approvals: [approval(reviewer.id), approval('usr_other')],
      }),
    );
    const engine = { canDecide: () => true } as Pick<Engine, 'canDecide'>;
    const tasks = createTasksService({
      store,
      engine: engine as Engine,
      access: createAccess(store, engine),
      audit: {} as AuditService,
    });

    const open = await tasks.list(reviewer, { limit: 10, status: ['open'] });
    expect(open.items.map((t) => t.id)).toEqual(['tsk_theirs']);
    const decided = await tasks.list(reviewer, { limit: 10, status: ['decided'] });
    expect(decided.items.map((t) => t.id)).toEqual(['tsk_done']);
  });
});
