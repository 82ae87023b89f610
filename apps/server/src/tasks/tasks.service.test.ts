import { describe, expect, it } from 'vitest';
import type { StorePort, Task, User } from '@tandem/schema';
import { createMemoryStore } from '@tandem/store';
import { at, makeFlow, makeRun, makeTask, makeVersion } from '@tandem/store/testing';
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

/** The service over `store`, with the engine's rule of who may decide replaced by `canDecide`. */
function tasksOver(store: StorePort, canDecide: (task: Task) => boolean = () => true) {
  const engine = { canDecide } as Pick<Engine, 'canDecide'>;
  return createTasksService({
    store,
    engine: engine as Engine,
    access: createAccess(store, engine),
    audit: {} as AuditService,
  });
}

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
    const tasks = tasksOver(store, (task) => task.nodeId === 'mine');

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
    const tasks = tasksOver(store);

    const open = await tasks.list(reviewer, { limit: 10, status: ['open'] });
    expect(open.items.map((t) => t.id)).toEqual(['tsk_theirs']);
    const decided = await tasks.list(reviewer, { limit: 10, status: ['decided'] });
    expect(decided.items.map((t) => t.id)).toEqual(['tsk_done']);
  });
});

describe('the previous round of a redraft', () => {
  it('is found however many tasks the run holds before it', async () => {
    const store = createMemoryStore();
    await store.flows.create(makeFlow('f1'));
    await store.flowVersions.create(makeVersion('f1', 1));
    await store.runs.create(makeRun('r1'));
    // A run of many checkpoints: their tasks come first in the store's order.
    for (let i = 0; i < 120; i += 1) {
      await store.tasks.create(
        makeTask(`tsk_other_${String(i).padStart(3, '0')}`, {
          nodeId: 'other',
          status: 'decided',
          createdAt: at(i),
        }),
      );
    }
    await store.tasks.create(
      makeTask('tsk_round0', {
        status: 'decided',
        content: { text: 'First draft', sourceNodeId: 'draft' },
        decision: {
          action: 'request_changes',
          reason: 'Shorter, please',
          tags: [],
          actorId: 'usr_other',
          at: at(200),
        },
        createdAt: at(150),
      }),
    );
    await store.tasks.create(makeTask('tsk_round1', { round: 1, createdAt: at(201) }));
    const tasks = tasksOver(store);

    const detail = await tasks.detail(reviewer, 'tsk_round1');

    expect(detail.previousRound).toMatchObject({ note: 'Shorter, please', text: 'First draft' });
  });
});
