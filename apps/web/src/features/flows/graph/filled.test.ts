import { describe, expect, it } from 'vitest';
import { isFilled } from './filled.js';

describe('isFilled', () => {
  it('counts nothing, null and blank or whitespace-only text as empty', () => {
    for (const empty of [undefined, null, '', '   ', '\n\t']) expect(isFilled(empty)).toBe(false);
  });
  it('counts any other value as filled, falsy ones included', () => {
    for (const value of ['x', ' x ', 0, false, [], {}]) expect(isFilled(value)).toBe(true);
  });
});
