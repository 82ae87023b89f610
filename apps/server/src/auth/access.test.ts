import { describe, expect, it } from 'vitest';
import type { Task } from '@tandem/schema';
import { createMemoryStore } from '@tandem/store';
import { at, makeTask, makeUser } from '@tandem/store/testing';
import type { Engine } from '@tandem/engine';
import { createAccess } from './access.js';

const reviewer = makeUser('usr_rev');

describe('who may view a run', () => {
  it('lets a reviewer see a run whose task for them comes after many others', async () => {
    const store = createMemoryStore();
    for (let i = 0; i < 120; i += 1) {
      await store.tasks.create(
        makeTask(`tsk_${String(i).padStart(3, '0')}`, { nodeId: 'other', createdAt: at(i) }),
      );
    }
    await store.tasks.create(makeTask('tsk_mine', { nodeId: 'mine', createdAt: at(500) }));
    const engine = { canDecide: (task: Task) => task.nodeId === 'mine' } as Pick<
      Engine,
      'canDecide'
    >;
    const access = createAccess(store, engine);

    expect(await access.canViewRun(reviewer, { id: 'r1' })).toBe(true);
    expect(await access.canViewRun(reviewer, { id: 'r2' })).toBe(false);
  });
});
