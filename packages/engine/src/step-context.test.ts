import type { JsonValue, Step } from '@tandem/schema';
import { describe, expect, it } from 'vitest';
import { finishedStep } from './step-context.js';

const now = '2026-11-26T10:00:00.000Z';
const running: Step = {
  id: 'step_1',
  runId: 'run_1',
  nodeId: 'draft',
  type: 'ai.generate',
  status: 'running',
  iteration: 0,
  output: null,
  handle: null,
  error: null,
  attempts: 1,
  wakeAt: null,
  state: {},
  usage: null,
  startedAt: now,
  endedAt: null,
  createdAt: now,
  updatedAt: now,
  revision: 1,
};

const finish = (output: unknown) =>
  finishedStep(running, { kind: 'done', output: output as JsonValue }, now).output;

/** An array class whose JSON form is not its items. */
class Listing extends Array<number> {
  toJSON() {
    return 'listing';
  }
}
const hiddenToJson = Object.defineProperty({ a: 1 }, 'toJSON', {
  value: () => 'hidden',
  enumerable: false,
});

describe('finishedStep', () => {
  it('keeps an output that already is plain JSON as it is', () => {
    const output = { text: 'Hello', n: 2, ok: true, none: null, list: [1, 'a', { b: [] }] };
    expect(finish(output)).toBe(output);
    const bare = Object.assign(Object.create(null) as object, { a: 1 });
    expect(finish(bare)).toBe(bare);
  });

  it('stores what JSON would make of anything else', () => {
    const when = new Date(now);
    // A hole at index 1, which JSON.parse never makes.
    const holey: unknown[] = [1];
    holey[2] = 3;
    const cases: [unknown, unknown][] = [
      [{ text: 'Hi', extra: undefined }, { text: 'Hi' }],
      [{ at: when }, { at: now }],
      [
        { n: Number.NaN, m: Infinity },
        { n: null, m: null },
      ],
      [
        [1, undefined, 3],
        [1, null, 3],
      ],
      [holey, [1, null, 3]],
      [{ data: new Map([['a', 1]]) }, { data: {} }],
      [{ custom: { toJSON: () => 'custom' } }, { custom: 'custom' }],
      [{ list: Object.assign([1], { toJSON: () => 'list' }) }, { list: 'list' }],
      [{ list: new Listing(1, 2) }, { list: 'listing' }],
      [{ hidden: hiddenToJson }, { hidden: 'hidden' }],
      [{ zero: -0 }, { zero: 0 }],
    ];
    for (const [output, stored] of cases) {
      const result = finish(output);
      expect(result).toEqual(stored);
      expect(result).not.toBe(output);
    }
  });

  it('refuses a cycle as JSON does', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => finish(cyclic)).toThrow(/circular/i);
  });

  it('sends a very deep value through JSON rather than walking on', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 200; i += 1) deep = [deep];
    const result = finish(deep);
    expect(result).toEqual(deep);
    expect(result).not.toBe(deep);
  });
});
