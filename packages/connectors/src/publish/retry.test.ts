import { describe, expect, it } from 'vitest';
import { computeBackoffMs, parseRetryAfter } from './retry.js';

describe('computeBackoffMs', () => {
  it('is full jitter under a doubling ceiling', () => {
    const opts = { baseMs: 100, capMs: 10_000 };
    expect(computeBackoffMs(1, { ...opts, random: () => 0 })).toBe(0);
    expect(computeBackoffMs(1, { ...opts, random: () => 0.999 })).toBe(99);
    expect(computeBackoffMs(2, { ...opts, random: () => 0.999 })).toBe(199);
    expect(computeBackoffMs(4, { ...opts, random: () => 0.5 })).toBe(400);
  });

  it('never exceeds the cap, even for huge attempt numbers', () => {
    for (const attempt of [10, 100, 5_000]) {
      expect(
        computeBackoffMs(attempt, { baseMs: 1_000, capMs: 30_000, random: () => 0.999999 }),
      ).toBeLessThan(30_000);
    }
  });

  it('spreads waits across the whole range', () => {
    const waits = Array.from({ length: 200 }, () =>
      computeBackoffMs(3, { baseMs: 1_000, capMs: 60_000 }),
    );
    expect(Math.min(...waits)).toBeLessThan(1_000);
    expect(Math.max(...waits)).toBeGreaterThan(3_000);
    expect(Math.max(...waits)).toBeLessThan(4_000);
  });

  it('waits at least what Retry-After asked, up to the Retry-After ceiling', () => {
    expect(computeBackoffMs(1, { baseMs: 100, retryAfterMs: 7_000, random: () => 0.5 })).toBe(
      7_000,
    );
    expect(
      computeBackoffMs(1, {
        baseMs: 100,
        retryAfterMs: 90_000_000,
        maxRetryAfterMs: 60_000,
        random: () => 0,
      }),
    ).toBe(60_000);
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it('reads delta seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
  });
  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});
