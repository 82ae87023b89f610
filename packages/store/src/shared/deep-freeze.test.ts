import { describe, expect, it } from 'vitest';
import { deepFreeze } from './deep-freeze.js';

describe('deepFreeze', () => {
  it('freezes every object and array inside a parsed document', () => {
    const doc = JSON.parse('{"a":{"b":[1,{"c":"d"}]},"e":[[2]],"f":null,"g":"text"}') as {
      a: { b: [number, { c: string }] };
      e: number[][];
    };
    expect(deepFreeze(doc)).toBe(doc);
    for (const part of [doc, doc.a, doc.a.b, doc.a.b[1], doc.e, doc.e[0]]) {
      expect(Object.isFrozen(part)).toBe(true);
    }
    expect(() => {
      doc.a.b[1].c = 'changed';
    }).toThrow(TypeError);
  });

  it('leaves primitives and null as they are', () => {
    expect(deepFreeze('text')).toBe('text');
    expect(deepFreeze(null)).toBeNull();
    expect(deepFreeze(3)).toBe(3);
  });
});
