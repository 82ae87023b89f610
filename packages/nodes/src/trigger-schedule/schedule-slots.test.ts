import { describe, expect, it } from 'vitest';
import { triggerScheduleConfigSchema } from './schedule-config.js';
import type { ScheduleTiming } from './schedule-config.js';
import { latestSlotBetween, nextSlot, slotsBetween } from './schedule-slots.js';

const schedule = (config: Record<string, unknown>): ScheduleTiming =>
  triggerScheduleConfigSchema.parse(config);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const at = (text: string) => Date.parse(text);
const next = (config: Record<string, unknown>, after: string) =>
  iso(nextSlot(schedule(config), at(after)));
const between = (config: Record<string, unknown>, from: string, to: string) =>
  slotsBetween(schedule(config), at(from), at(to)).map(iso);

describe('next slot of a schedule', () => {
  it('weekly on chosen weekdays at a local time, in the zone’s offset (CET and CEST)', () => {
    const config = {
      frequency: 'weekly',
      weekdays: ['mon', 'thu'],
      time: '09:00',
      timeZone: 'Europe/Berlin',
    };
    // 2026-01-05 is a Monday; Berlin is UTC+1 in winter.
    expect(next(config, '2026-01-05T07:59:00Z')).toBe('2026-01-05T08:00:00.000Z');
    expect(next(config, '2026-01-05T08:00:00Z')).toBe('2026-01-08T08:00:00.000Z');
    // In summer (UTC+2) the same 09:00 is 07:00 UTC.
    expect(next(config, '2026-06-02T00:00:00Z')).toBe('2026-06-04T07:00:00.000Z');
  });

  it('spring forward: a 02:30 that does not exist runs once, at the jump to 03:00', () => {
    // Berlin: 2026-03-29 02:00 CET jumps to 03:00 CEST (01:00 UTC).
    const config = { frequency: 'daily', time: '02:30', timeZone: 'Europe/Berlin' };
    expect(between(config, '2026-03-28T00:00:00Z', '2026-03-31T00:00:00Z')).toEqual([
      '2026-03-28T01:30:00.000Z', // 02:30 CET
      '2026-03-29T01:00:00.000Z', // 03:00 CEST, the first valid time after 02:30
      '2026-03-30T00:30:00.000Z', // 02:30 CEST
    ]);
  });

  it('fall back: a 02:30 the clocks pass twice runs once, at the first', () => {
    // Berlin: 2026-10-25 03:00 CEST goes back to 02:00 CET (01:00 UTC).
    const config = { frequency: 'daily', time: '02:30', timeZone: 'Europe/Berlin' };
    expect(between(config, '2026-10-24T00:00:00Z', '2026-10-27T00:00:00Z')).toEqual([
      '2026-10-24T00:30:00.000Z',
      '2026-10-25T00:30:00.000Z', // 02:30 CEST; 02:30 CET (01:30 UTC) is not a second slot
      '2026-10-26T01:30:00.000Z',
    ]);
  });

  it('hourly runs once per local hour at its minute, through both changes', () => {
    const config = { frequency: 'hourly', minute: 30, timeZone: 'Europe/Berlin' };
    expect(between(config, '2026-03-29T00:00:00Z', '2026-03-29T02:00:00Z')).toEqual([
      '2026-03-29T00:30:00.000Z', // 01:30 CET
      '2026-03-29T01:30:00.000Z', // 03:30 CEST: 02:30 does not exist
    ]);
    expect(between(config, '2026-10-25T00:00:00Z', '2026-10-25T02:00:00Z')).toEqual([
      '2026-10-25T00:30:00.000Z', // 02:30 CEST; 02:30 CET (01:30 UTC) is the same local time
    ]);
    expect(next(config, '2026-10-25T00:30:00Z')).toBe('2026-10-25T02:30:00.000Z'); // 03:30 CET
    // Half-hour zones: minute 0 local is minute 30 UTC in Kolkata (UTC+5:30).
    expect(
      next({ frequency: 'hourly', minute: 0, timeZone: 'Asia/Kolkata' }, '2026-01-05T09:00:00Z'),
    ).toBe('2026-01-05T09:30:00.000Z');
  });

  it('every N minutes from each midnight UTC, the same times every day', () => {
    const fifty = { frequency: 'minutes', everyMinutes: 50 };
    // 28 × 50 minutes is 23:20; the next is midnight, not 00:10.
    expect(next(fifty, '2026-01-05T23:20:00Z')).toBe('2026-01-06T00:00:00.000Z');
    expect(next(fifty, '2026-01-06T00:00:00Z')).toBe('2026-01-06T00:50:00.000Z');
    expect(
      iso(
        latestSlotBetween(schedule(fifty), at('2026-01-05T23:00:00Z'), at('2026-01-06T00:49:00Z')),
      ),
    ).toBe('2026-01-06T00:00:00.000Z');
    expect(next({ frequency: 'minutes', everyMinutes: 15 }, '2026-01-05T09:07:00Z')).toBe(
      '2026-01-05T09:15:00.000Z',
    );
    expect(next({ frequency: 'minutes', everyMinutes: 15 }, '2026-01-05T09:15:00Z')).toBe(
      '2026-01-05T09:30:00.000Z',
    );
  });

  it('monthly on day 31 runs on the last day of shorter months', () => {
    const config = { frequency: 'monthly', dayOfMonth: 31, time: '09:00', timeZone: 'UTC' };
    expect(between(config, '2026-01-01T00:00:00Z', '2026-05-01T00:00:00Z')).toEqual([
      '2026-01-31T09:00:00.000Z',
      '2026-02-28T09:00:00.000Z',
      '2026-03-31T09:00:00.000Z',
      '2026-04-30T09:00:00.000Z',
    ]);
    expect(next({ ...config, dayOfMonth: 29 }, '2028-02-01T00:00:00Z')).toBe(
      '2028-02-29T09:00:00.000Z',
    );
  });

  it('a paused schedule has no slots', () => {
    const config = { frequency: 'daily', time: '09:00', paused: true };
    expect(next(config, '2026-01-05T00:00:00Z')).toBeNull();
    expect(
      latestSlotBetween(schedule(config), at('2026-01-01T00:00:00Z'), at('2026-01-09T00:00:00Z')),
    ).toBeNull();
  });

  it('a schedule with no weekday chosen never fires (and is refused on publish)', () => {
    expect(next({ frequency: 'weekly', weekdays: [] }, '2026-01-05T00:00:00Z')).toBeNull();
  });

  it('the latest slot in a window is the newest, not the first', () => {
    const timing = schedule({ frequency: 'daily', time: '09:00', timeZone: 'UTC' });
    expect(
      iso(latestSlotBetween(timing, at('2026-01-01T00:00:00Z'), at('2026-01-04T10:00:00Z'))),
    ).toBe('2026-01-04T09:00:00.000Z');
    const every = schedule({ frequency: 'minutes', everyMinutes: 30 });
    expect(
      iso(latestSlotBetween(every, at('2026-01-05T08:00:00Z'), at('2026-01-05T09:59:00Z'))),
    ).toBe('2026-01-05T09:30:00.000Z');
    expect(
      latestSlotBetween(every, at('2026-01-05T09:30:00Z'), at('2026-01-05T09:59:00Z')),
    ).toBeNull();
  });
});
