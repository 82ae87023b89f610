import { describe, expect, it } from 'vitest';
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH } from './layout.js';

describe('layoutGraph', () => {
  it('places each step to the right of its predecessor', () => {
    const pos = layoutGraph(
      [{ id: 't' }, { id: 'a' }, { id: 'r' }, { id: 'p' }],
      [
        { source: 't', target: 'a' },
        { source: 'a', target: 'r' },
        { source: 'r', target: 'p' },
      ],
    );
    const xs = ['t', 'a', 'r', 'p'].map((id) => pos.get(id)!.x);
    for (let i = 1; i < xs.length; i += 1)
      expect(xs[i]!).toBeGreaterThanOrEqual(xs[i - 1]! + NODE_WIDTH);
  });
  it('keeps branches from overlapping', () => {
    const pos = layoutGraph(
      [{ id: 'r' }, { id: 'yes' }, { id: 'no' }],
      [
        { source: 'r', target: 'yes' },
        { source: 'r', target: 'no' },
      ],
    );
    const dy = Math.abs(pos.get('yes')!.y - pos.get('no')!.y);
    expect(dy).toBeGreaterThanOrEqual(NODE_HEIGHT);
    expect(pos.get('yes')!.x).toBe(pos.get('no')!.x);
  });
  it('ignores edges to unknown nodes and lays out isolated nodes', () => {
    const pos = layoutGraph([{ id: 'a' }, { id: 'b' }], [{ source: 'a', target: 'zzz' }]);
    expect(pos.size).toBe(2);
  });
});
