import { describe, expect, it } from 'vitest';
import {
  matchingTimeZones,
  timeZoneLabel,
  timeZoneNames,
  timeZoneOptions,
  utcOffset,
} from './time-zones.js';

const winter = new Date('2026-01-15T12:00:00Z');
const summer = new Date('2026-07-15T12:00:00Z');

describe('time zone options', () => {
  it('labels a zone with its offset from UTC at the moment given', () => {
    expect(timeZoneLabel('Europe/Berlin', winter)).toBe('Europe/Berlin (UTC+01:00)');
    expect(timeZoneLabel('Europe/Berlin', summer)).toBe('Europe/Berlin (UTC+02:00)');
    expect(timeZoneLabel('America/New_York', winter)).toBe('America/New_York (UTC-05:00)');
    expect(timeZoneLabel('Asia/Kolkata', summer)).toBe('Asia/Kolkata (UTC+05:30)');
    expect(timeZoneLabel('UTC', summer)).toBe('UTC (UTC+00:00)');
    expect(utcOffset('Europe/London', winter)).toBe('+00:00');
  });

  it('keeps a name the browser does not know as it is, for the field to show with its problem', () => {
    expect(utcOffset('Europe/Berlinn', winter)).toBeNull();
    expect(timeZoneLabel('Europe/Berlinn', winter)).toBe('Europe/Berlinn');
  });

  it('offers UTC first, once, then every zone of the browser by name', () => {
    expect(timeZoneNames(['Europe/Berlin', 'UTC', 'America/New_York'])).toEqual([
      'UTC',
      'America/New_York',
      'Europe/Berlin',
    ]);
    const names = timeZoneNames();
    expect(names[0]).toBe('UTC');
    expect(names.filter((n) => n === 'UTC')).toHaveLength(1);
    expect(names).toContain('Europe/Berlin');
    expect(names).toContain('Asia/Tokyo');
    expect(names.length).toBeGreaterThan(300);
    expect(timeZoneOptions(winter, ['UTC', 'Europe/Berlin'])).toEqual([
      { value: 'UTC', label: 'UTC (UTC+00:00)' },
      { value: 'Europe/Berlin', label: 'Europe/Berlin (UTC+01:00)' },
    ]);
  });

  it('finds a zone by part of its name, in any case, with spaces for underscores, or by offset', () => {
    const options = timeZoneOptions(winter);
    const found = (typed: string) => matchingTimeZones(options, typed).map((o) => o.value);
    expect(found('berl')).toEqual(['Europe/Berlin']);
    expect(found('BERLIN')).toEqual(['Europe/Berlin']);
    expect(found('new york')).toEqual(['America/New_York']);
    expect(found('New_York')).toEqual(['America/New_York']);
    expect(found('america york')).toEqual(['America/New_York']);
    expect(found('utc+09:00')).toEqual(expect.arrayContaining(['Asia/Tokyo', 'Asia/Seoul']));
    expect(found('utc+09:00')).not.toContain('Europe/Berlin');
    expect(found('xyzzy')).toEqual([]);
    expect(found('  ')).toHaveLength(options.length);
  });

  it("finds a zone the browser lists under an older name by the city's name today", () => {
    const options = timeZoneOptions(winter, [
      'UTC',
      'Asia/Calcutta',
      'Europe/Kiev',
      'Europe/Berlin',
    ]);
    const found = (typed: string) => matchingTimeZones(options, typed).map((o) => o.value);
    expect(found('kolkata')).toEqual(['Asia/Calcutta']);
    expect(found('Kyiv')).toEqual(['Europe/Kiev']);
    expect(found('calcutta')).toEqual(['Asia/Calcutta']);
    // The label stays the browser's name, the value it stores.
    expect(options.find((o) => o.value === 'Europe/Kiev')!.label).toBe('Europe/Kiev (UTC+02:00)');
  });
});
