import { describe, expect, it } from 'vitest';
import { fractionToPercent, percentToFraction } from './units.js';

describe('percentages', () => {
  it('shows a stored fraction as a percentage, without floating-point dust', () => {
    expect(fractionToPercent(0.1)).toBe(10);
    expect(fractionToPercent(0.07)).toBe(7);
    expect(fractionToPercent(0.29)).toBe(29);
    expect(fractionToPercent(1)).toBe(100);
    expect(fractionToPercent(0)).toBe(0);
  });

  it('stores a typed percentage as the fraction the schema expects', () => {
    expect(percentToFraction(10)).toBe(0.1);
    expect(percentToFraction(33.3)).toBe(0.333);
    expect(percentToFraction(12.5)).toBe(0.125);
    expect(percentToFraction(100)).toBe(1);
    for (const percent of [0, 1, 7, 29, 33.3, 99.9]) {
      expect(fractionToPercent(percentToFraction(percent))).toBe(percent);
    }
  });
});
