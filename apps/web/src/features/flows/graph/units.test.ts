import { describe, expect, it } from 'vitest';
import {
  describeDuration,
  durationUnits,
  fractionToPercent,
  fromBase,
  largestWholeUnit,
  percentToFraction,
  toBase,
  unitName,
} from './units.js';

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

describe('durations', () => {
  it('offers the stored unit and the larger ones the largest value holds', () => {
    expect(durationUnits('minutes', 60 * 24 * 60)).toEqual(['minutes', 'hours', 'days']);
    expect(durationUnits('seconds', 600)).toEqual(['seconds', 'minutes']);
    expect(durationUnits('minutes')).toEqual(['minutes', 'hours', 'days']);
  });

  it('shows a stored value in the largest unit that holds it whole', () => {
    const units = durationUnits('minutes');
    expect(largestWholeUnit(1440, 'minutes', units)).toBe('days');
    expect(largestWholeUnit(2880, 'minutes', units)).toBe('days');
    expect(largestWholeUnit(120, 'minutes', units)).toBe('hours');
    expect(largestWholeUnit(2160, 'minutes', units)).toBe('hours');
    expect(largestWholeUnit(90, 'minutes', units)).toBe('minutes');
    expect(largestWholeUnit(60, 'seconds', ['seconds', 'minutes'])).toBe('minutes');
    expect(largestWholeUnit(45, 'seconds', ['seconds', 'minutes'])).toBe('seconds');
  });

  it('converts between the unit typed in and the unit stored', () => {
    expect(toBase(1, 'days', 'minutes')).toBe(1440);
    expect(toBase(1.5, 'hours', 'minutes')).toBe(90);
    expect(toBase(2, 'minutes', 'seconds')).toBe(120);
    expect(fromBase(1440, 'minutes', 'days')).toBe(1);
    expect(fromBase(90, 'minutes', 'hours')).toBe(1.5);
  });

  it('names a unit by its amount and says a duration in the largest whole unit', () => {
    expect(unitName('days', 1)).toBe('day');
    expect(unitName('days', 2)).toBe('days');
    expect(unitName('hours', undefined)).toBe('hours');
    expect(describeDuration(60 * 24 * 60, 'minutes')).toBe('60 days');
    expect(describeDuration(1, 'minutes')).toBe('1 minute');
    expect(describeDuration(90, 'minutes')).toBe('90 minutes');
    expect(describeDuration(600, 'seconds')).toBe('10 minutes');
  });
});
