import { describe, expect, it } from 'vitest';
import { scheduleTiming } from '@tandem/nodes';
import type { ScheduleTiming } from '@tandem/nodes';
import { draftNextRun, listedNextRun, nextRun } from './next-run.js';

const timing = (config: Record<string, unknown>): ScheduleTiming => scheduleTiming(config)!;
// Friday 27 November 2026, 22:50 in Berlin (UTC+1).
const now = Date.parse('2026-11-27T21:50:00Z');
const berlinMondays = {
  frequency: 'weekly',
  weekdays: ['mon'],
  time: '09:00',
  timeZone: 'Europe/Berlin',
};

describe('nextRun', () => {
  it('names the next slot in the schedule’s zone, and in the reader’s when it reads differently', () => {
    expect(nextRun(timing(berlinMondays), now, 'America/New_York')).toEqual({
      kind: 'at',
      at: Date.parse('2026-11-30T08:00:00Z'),
      zoned: 'Mon 30 Nov, 09:00 (Europe/Berlin)',
      local: 'Mon 30 Nov, 03:00 (America/New_York)',
      relative: 'in 2 days',
    });
    expect(nextRun(timing(berlinMondays), now, 'Europe/Berlin')).toMatchObject({ local: null });
    // Another name for the same wall clock adds nothing: London is on UTC in winter.
    const utc = timing({ frequency: 'daily', time: '07:30', timeZone: 'UTC' });
    expect(nextRun(utc, now, 'Europe/London')).toMatchObject({
      zoned: 'Sat 28 Nov, 07:30 (UTC)',
      local: null,
      relative: 'in 10 hours',
    });
  });

  it('moves on once a slot has passed', () => {
    const daily = timing({ frequency: 'daily', time: '09:00', timeZone: 'Europe/Berlin' });
    const before = Date.parse('2026-11-28T07:59:00Z');
    expect(nextRun(daily, before, 'Europe/Berlin')).toMatchObject({
      zoned: 'Sat 28 Nov, 09:00 (Europe/Berlin)',
      relative: 'in 1 minute',
    });
    expect(nextRun(daily, before + 60_000, 'Europe/Berlin')).toMatchObject({
      zoned: 'Sun 29 Nov, 09:00 (Europe/Berlin)',
    });
  });

  it('says paused, or never for a week without days', () => {
    expect(nextRun(timing({ ...berlinMondays, paused: true }), now, 'UTC')).toEqual({
      kind: 'paused',
    });
    expect(nextRun(timing({ ...berlinMondays, weekdays: [] }), now, 'UTC')).toEqual({
      kind: 'never',
    });
  });
});

describe('listedNextRun', () => {
  it('says when the published schedule runs next, with the schedule and local time in the title', () => {
    expect(listedNextRun(timing(berlinMondays), now, 'Asia/Tokyo')).toEqual({
      text: 'Next run Mon 30 Nov, 09:00 (Europe/Berlin)',
      title:
        'Every Monday at 09:00, Europe/Berlin · in 2 days · Your time: Mon 30 Nov, 17:00 (Asia/Tokyo)',
      at: Date.parse('2026-11-30T08:00:00Z'),
    });
    expect(listedNextRun(timing(berlinMondays), now, 'Europe/Berlin')!.title).toBe(
      'Every Monday at 09:00, Europe/Berlin · in 2 days',
    );
  });

  it('says "Schedule paused" when paused, and nothing for a flow not run on a schedule', () => {
    expect(listedNextRun(timing({ ...berlinMondays, paused: true }), now, 'UTC')).toEqual({
      text: 'Schedule paused',
      title: 'Paused · Every Monday at 09:00, Europe/Berlin',
      at: null,
    });
    expect(listedNextRun(null, now, 'UTC')).toBeNull();
  });
});

describe('draftNextRun', () => {
  it('says when the draft would run if published now, with the local time when it differs', () => {
    expect(draftNextRun(timing(berlinMondays), now, 'America/New_York')).toEqual({
      text: 'If published now, next run: Mon 30 Nov, 09:00 (Europe/Berlin)',
      local: 'Your time: Mon 30 Nov, 03:00 (America/New_York)',
    });
    expect(draftNextRun(timing(berlinMondays), now, 'Europe/Berlin')!.local).toBeNull();
    expect(draftNextRun(timing({ ...berlinMondays, paused: true }), now, 'UTC')!.text).toBe(
      'If published now: paused, no runs start on schedule',
    );
  });

  it('says nothing for a draft that does not parse or never runs', () => {
    expect(draftNextRun(scheduleTiming({ timeZone: 'Europe/Berlinn' }), now, 'UTC')).toBeNull();
    expect(draftNextRun(timing({ ...berlinMondays, weekdays: [] }), now, 'UTC')).toBeNull();
  });
});
