import { describe, expect, it } from 'vitest';
import { IdSchema } from './common.schema.js';
import { newSortableId } from './ids.js';

describe('newSortableId', () => {
  it('carries its prefix and passes the id schema', () => {
    const id = newSortableId('run');
    expect(id).toMatch(/^run_[0-9a-z]{26}$/);
    expect(IdSchema.parse(id)).toBe(id);
  });

  it('sorts by creation time, as text', () => {
    const times = [0, 1, 31, 32, 1_700_000_000_000, 1_700_000_000_001, 1_800_000_000_000];
    const ids = times.map((t) => newSortableId('x', t));
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0]!.slice(2, 12)).toBe('0000000000');
  });

  it('is unique within one millisecond, across refills of its random pool', () => {
    const ids = new Set(Array.from({ length: 2_000 }, () => newSortableId('s', 42)));
    expect(ids.size).toBe(2_000);
  });
});
