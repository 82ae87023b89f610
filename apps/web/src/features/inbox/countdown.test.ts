import { describe, expect, it } from 'vitest';
import { DUE_SOON_MS, countdown, formatDuration } from './countdown.js';

const NOW = Date.parse('2026-01-01T12:00:00.000Z');
const at = (ms: number): string => new Date(NOW + ms).toISOString();

describe('formatDuration', () => {
  it('keeps two units at most and pads the second', () => {
    expect(formatDuration(12_400)).toBe('12s');
    expect(formatDuration(4 * 60_000 + 9_000)).toBe('4m 09s');
    expect(formatDuration(3_600_000 + 5 * 60_000 + 59_000)).toBe('1h 05m');
    expect(formatDuration(2 * 86_400_000 + 3 * 3_600_000 + 1)).toBe('2d 3h');
    expect(formatDuration(86_400_000)).toBe('1d');
  });
  it('reads the magnitude of negative durations', () => {
    expect(formatDuration(-90_000)).toBe('1m 30s');
  });
});

describe('countdown', () => {
  it('says when there is no due time', () => {
    expect(countdown(null, NOW)).toEqual({ label: 'No due time', tone: 'none', remainingMs: null });
    expect(countdown('not a date', NOW).tone).toBe('none');
  });
  it('is ok far from the due time and soon inside the window', () => {
    expect(countdown(at(DUE_SOON_MS + 1000), NOW).tone).toBe('ok');
    expect(countdown(at(DUE_SOON_MS), NOW).tone).toBe('soon');
    expect(countdown(at(5 * 60_000), NOW)).toEqual({
      label: 'Due in 5m 00s',
      tone: 'soon',
      remainingMs: 300_000,
    });
  });
  it('counts overdue time once the due time passed', () => {
    expect(countdown(at(-125_000), NOW)).toEqual({
      label: 'Overdue by 2m 05s',
      tone: 'overdue',
      remainingMs: -125_000,
    });
    expect(countdown(at(0), NOW).tone).toBe('overdue');
  });
});
