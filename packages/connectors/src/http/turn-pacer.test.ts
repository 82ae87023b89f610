import { describe, expect, it } from 'vitest';
import { TurnPacer } from './turn-pacer.js';

/** A pacer whose turns pass only when the test says so. */
function pacedBy(perTurn: number) {
  const started: number[] = [];
  let turns: (() => void)[] = [];
  const pacer = new TurnPacer<number>(
    (item) => started.push(item),
    perTurn,
    (callback) => {
      turns.push(callback);
    },
  );
  const passTurn = () => {
    const due = turns;
    turns = [];
    for (const callback of due) callback();
  };
  return { pacer, started, passTurn, pendingTurns: () => turns.length };
}

describe('TurnPacer', () => {
  it('starts a burst a few per turn, in the order it came', () => {
    const { pacer, started, passTurn } = pacedBy(8);
    for (let i = 1; i <= 20; i += 1) pacer.push(i);
    expect(started).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(pacer.waiting).toBe(12);
    passTurn();
    expect(started).toHaveLength(16);
    passTurn();
    expect(started).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(pacer.waiting).toBe(0);
  });

  it('starts a lone item at once, and again once the turn has passed', () => {
    const { pacer, started, passTurn, pendingTurns } = pacedBy(2);
    pacer.push(1);
    expect(started).toEqual([1]);
    passTurn();
    // A turn that started nothing schedules no other.
    passTurn();
    expect(pendingTurns()).toBe(0);
    pacer.push(2);
    pacer.push(3);
    pacer.push(4);
    expect(started).toEqual([1, 2, 3]);
    passTurn();
    expect(started).toEqual([1, 2, 3, 4]);
  });

  it('an item pushed while others wait goes behind them, even with room in the turn', () => {
    const { pacer, started, passTurn } = pacedBy(2);
    for (const item of [1, 2, 3, 4, 5]) pacer.push(item);
    passTurn();
    expect(started).toEqual([1, 2, 3, 4]);
    pacer.push(6);
    expect(started).toEqual([1, 2, 3, 4]);
    passTurn();
    expect(started).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('a backlog that never empties does not keep the slots of what it started', () => {
    const { pacer, started, passTurn } = pacedBy(1);
    pacer.push(0);
    pacer.push(1);
    pacer.push(2);
    for (let i = 3; i < 5_000; i += 1) {
      passTurn();
      pacer.push(i);
    }
    expect(pacer.waiting).toBe(2);
    expect(started).toHaveLength(4_998);
    expect(started.slice(-3)).toEqual([4_995, 4_996, 4_997]);
    const slots = (pacer as unknown as { queue: unknown[] }).queue.length;
    expect(slots).toBeLessThan(2_100);
  });

  it('keeps going after an item whose start throws', () => {
    const started: number[] = [];
    const turns: (() => void)[] = [];
    const pacer = new TurnPacer<number>(
      (item) => {
        if (item === 2) throw new Error('boom');
        started.push(item);
      },
      1,
      (callback) => turns.push(callback),
    );
    pacer.push(1);
    pacer.push(2);
    pacer.push(3);
    expect(() => turns.shift()!()).toThrow('boom');
    turns.shift()!();
    expect(started).toEqual([1, 3]);
  });

  it('refuses a pace that is not a positive whole number', () => {
    expect(() => new TurnPacer(() => undefined, 0)).toThrow(/positive whole number/);
    expect(() => new TurnPacer(() => undefined, 1.5)).toThrow(/positive whole number/);
  });
});
