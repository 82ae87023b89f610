import { describe, expect, it } from 'vitest';
import type { Flag } from '@tandem/schema';
import { highlightFlags, resolvedFlags } from './flag-ranges.js';

const banned: Flag = { rule: 'banned', message: 'Banned', severity: 'error', match: 'guaranteed' };
const claim: Flag = {
  rule: 'claim',
  message: 'Claim',
  severity: 'warning',
  match: 'guaranteed results',
};
const noMatch: Flag = { rule: 'length', message: 'Too long', severity: 'info' };

describe('highlightFlags', () => {
  it('marks each occurrence, case-insensitively, and round-trips the text', () => {
    const text = 'Guaranteed fun, guaranteed!';
    const segs = highlightFlags(text, [banned]);
    expect(segs.map((s) => [s.text, s.flags.length])).toEqual([
      ['Guaranteed', 1],
      [' fun, ', 0],
      ['guaranteed', 1],
      ['!', 0],
    ]);
    expect(segs.map((s) => s.text).join('')).toBe(text);
  });
  it('splits overlapping matches and lists every covering flag', () => {
    const segs = highlightFlags('We offer guaranteed results today', [banned, claim]);
    expect(segs.map((s) => [s.text, s.flags.map((f) => f.rule)])).toEqual([
      ['We offer ', []],
      ['guaranteed', ['banned', 'claim']],
      [' results', ['claim']],
      [' today', []],
    ]);
  });
  it('leaves text alone for flags without a match', () => {
    expect(highlightFlags('plain', [noMatch])).toEqual([{ text: 'plain', flags: [] }]);
    expect(highlightFlags('', [banned])).toEqual([]);
  });
  it('treats markup as text', () => {
    const segs = highlightFlags('<b>guaranteed</b>', [banned]);
    expect(segs.map((s) => s.text)).toEqual(['<b>', 'guaranteed', '</b>']);
  });
});

describe('resolvedFlags', () => {
  it('lists flags whose match was edited away', () => {
    expect(resolvedFlags('results for sure', [banned, claim, noMatch])).toEqual([banned, claim]);
    expect(resolvedFlags('GUARANTEED', [banned])).toEqual([]);
  });
});
