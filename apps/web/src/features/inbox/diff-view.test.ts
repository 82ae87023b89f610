import { describe, expect, it } from 'vitest';
import { diffView } from './diff-view.js';

describe('diffView', () => {
  it('shows a replaced word as one deletion and one insertion', () => {
    const view = diffView('We utilize the best tools.', 'We use the best tools.');
    expect(view.ops.filter((o) => o.op !== 'equal')).toEqual([
      { op: 'delete', text: 'utilize' },
      { op: 'insert', text: 'use' },
    ]);
    expect(view.summary).toBe('1 word added, 1 removed');
    expect(view.changed).toBe(true);
  });
  it('rebuilds both texts from its ops', () => {
    const a = 'Spring sale: 20% off, guaranteed!\nShop now.';
    const b = 'Spring sale: 20% off everything.\nShop today.';
    const { ops } = diffView(a, b);
    expect(
      ops
        .filter((o) => o.op !== 'insert')
        .map((o) => o.text)
        .join(''),
    ).toBe(a);
    expect(
      ops
        .filter((o) => o.op !== 'delete')
        .map((o) => o.text)
        .join(''),
    ).toBe(b);
  });
  it('says when nothing or only whitespace changed', () => {
    expect(diffView('same text', 'same text')).toMatchObject({
      changed: false,
      summary: 'No changes to the AI draft',
    });
    expect(diffView('a b', 'a  b').summary).toBe('Whitespace changes only');
  });
  it('counts added words', () => {
    expect(diffView('Hello', 'Hello dear friends').summary).toBe('2 words added, 0 removed');
  });
});
