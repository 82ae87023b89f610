import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, emptyHistory, record, redo, undo } from './history.js';

describe('history', () => {
  it('undoes and redoes in order', () => {
    let h = emptyHistory<number>();
    h = record(h, 0);
    h = record(h, 1);
    let present = 2;
    const u1 = undo(h, present)!;
    expect(u1.state).toBe(1);
    present = u1.state;
    const u2 = undo(u1.history, present)!;
    expect(u2.state).toBe(0);
    expect(canUndo(u2.history)).toBe(false);
    expect(undo(u2.history, 0)).toBeNull();
    const r1 = redo(u2.history, 0)!;
    expect(r1.state).toBe(1);
    const r2 = redo(r1.history, 1)!;
    expect(r2.state).toBe(2);
    expect(canRedo(r2.history)).toBe(false);
  });
  it('drops the redo branch on a new change', () => {
    let h = record(emptyHistory<string>(), 'a');
    const u = undo(h, 'b')!;
    h = record(u.history, 'a');
    expect(h.future).toEqual([]);
    expect(redo(h, 'c')).toBeNull();
  });
  it('keeps at most the limit', () => {
    let h = emptyHistory<number>();
    for (let i = 0; i < 10; i += 1) h = record(h, i, 3);
    expect(h.past).toEqual([7, 8, 9]);
  });
});
