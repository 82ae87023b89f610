import { describe, expect, it } from 'vitest';
import { frozenJsonCopy } from './frozen-copy.js';

/** Every object and array reachable from `value`. */
function parts(value: unknown): object[] {
  if (value === null || typeof value !== 'object') return [];
  return [value, ...Object.values(value).flatMap(parts)];
}

describe('frozenJsonCopy', () => {
  const documents: unknown[] = [
    { id: 's1', output: { text: 'Hi', usage: { tokens: 3 } }, tags: ['a', 'b'], error: null },
    { '10': 'ten', b: 1, '2': 'two', a: [1, [2, [3]]], nested: { deep: { deeper: {} } } },
    { skipped: undefined, kept: 0, list: [undefined, 'x', null], negative: -0, flag: false },
    ['top', 'level', { array: true }],
    'text \ud800 with a lone surrogate',
    42,
    null,
  ];

  it('gives exactly what a JSON round trip gives, key order included', () => {
    for (const doc of documents) {
      const copy = frozenJsonCopy(doc);
      const roundTrip: unknown = JSON.parse(JSON.stringify(doc));
      expect(copy).toStrictEqual(roundTrip);
      expect(JSON.stringify(copy)).toBe(JSON.stringify(doc));
      if (copy !== null && typeof copy === 'object')
        expect(Object.keys(copy)).toEqual(Object.keys(roundTrip as object));
    }
    expect(Object.is(frozenJsonCopy(-0), 0)).toBe(true);
  });

  it('freezes every part of the copy and shares none with the original', () => {
    const doc = documents[0] as { output: { usage: { tokens: number } }; tags: string[] };
    const copy = frozenJsonCopy(doc)!;
    const originals = new Set(parts(doc));
    for (const part of parts(copy)) {
      expect(Object.isFrozen(part)).toBe(true);
      expect(originals.has(part)).toBe(false);
    }
    expect(Object.isFrozen(doc)).toBe(false);
    expect(() => {
      copy.output.usage.tokens = 4;
    }).toThrow(TypeError);
    doc.tags.push('c');
    expect(copy.tags).toEqual(['a', 'b']);
  });

  it('refuses what a JSON round trip would change, so the caller parses the text instead', () => {
    class Entity {
      id = 'e1';
    }
    const refused: unknown[] = [
      { at: new Date(0) },
      new Entity(),
      { nested: [new Map()] },
      { count: Number.NaN },
      { count: Infinity },
      { run: () => 1 },
      { toJSON: () => 'custom' },
      JSON.parse('{"__proto__": {"polluted": true}}'),
      undefined,
    ];
    for (const value of refused) expect(frozenJsonCopy(value)).toBeUndefined();
  });

  it('copies objects without a prototype as plain objects', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    const copy = frozenJsonCopy(bare) as Record<string, unknown>;
    expect(copy).toStrictEqual({ a: 1 });
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  });
});
