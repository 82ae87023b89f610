import { describe, expect, it } from 'vitest';
import { matchingSuggestions, movedHighlight } from './suggestions.js';

const options = [
  { value: 'steps.brand.passed', label: 'Brand check: True when no blocking flag' },
  { value: 'input.topic', label: 'Topic' },
  { value: 'input.channel', label: 'Channel' },
];

describe('matchingSuggestions', () => {
  it('lists every choice while nothing is typed', () => {
    expect(matchingSuggestions(options, '')).toEqual(options);
    expect(matchingSuggestions(options, '  ')).toEqual(options);
  });

  it('keeps the choices whose value or description holds what is typed, in any case', () => {
    expect(matchingSuggestions(options, 'INPUT').map((o) => o.value)).toEqual([
      'input.topic',
      'input.channel',
    ]);
    expect(matchingSuggestions(options, 'blocking').map((o) => o.value)).toEqual([
      'steps.brand.passed',
    ]);
    expect(matchingSuggestions(options, 'steps.nowhere')).toEqual([]);
  });
});

describe('movedHighlight', () => {
  it('moves down and up through the choices, wrapping round', () => {
    expect(movedHighlight(-1, 3, 'ArrowDown')).toBe(0);
    expect(movedHighlight(2, 3, 'ArrowDown')).toBe(0);
    expect(movedHighlight(-1, 3, 'ArrowUp')).toBe(2);
    expect(movedHighlight(0, 3, 'ArrowUp')).toBe(2);
    expect(movedHighlight(1, 3, 'ArrowUp')).toBe(0);
    expect(movedHighlight(0, 0, 'ArrowDown')).toBe(-1);
  });
});
