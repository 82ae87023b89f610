import { isAppError } from '@tandem/schema';
import { describe, expect, it } from 'vitest';
import { makeRun } from '../contract/fixtures.js';
import { createMemoryStore } from './memory.store.js';

describe('memory store', () => {
  it('keeps stored state out of reach of the caller', async () => {
    const store = createMemoryStore();
    const input = makeRun('r1');
    const created = await store.runs.create(input);
    input.status = 'failed';
    created.status = 'failed';
    const read = await store.runs.get('r1');
    expect(read.status).toBe('running');
    read.input.topic = 'changed';
    expect((await store.runs.get('r1')).input.topic).toBe('launch');
  });

  it('refuses a stale revision with CONFLICT', async () => {
    const store = createMemoryStore();
    const run = await store.runs.create(makeRun('r1'));
    await store.runs.update({ ...run, status: 'waiting' });
    const error = await store.runs.update({ ...run, status: 'failed' }).catch((e: unknown) => e);
    expect(isAppError(error, 'CONFLICT')).toBe(true);
    expect((await store.runs.get('r1')).status).toBe('waiting');
  });
});
