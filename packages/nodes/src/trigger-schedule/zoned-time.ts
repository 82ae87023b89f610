/*
 * Wall-clock time in an IANA time zone, with Intl only: no dependency, and the runtime's own
 * time zone database (Node and browsers update it with their releases).
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A local date and time in some zone; `month` 1–12, `weekday` 0 = Sunday as Date does. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Whether the runtime knows this IANA zone name ("Europe/Berlin", "UTC"). */
export function isTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `timeZone` at instant `ms` (to the minute). */
export function wallTimeAt(ms: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0 } = parts;
  return {
    year,
    month,
    day,
    hour,
    minute,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
  };
}

/** The wall time as if it were UTC, in ms: what makes two wall times comparable. */
const asUtc = (wall: Pick<WallTime, 'year' | 'month' | 'day' | 'hour' | 'minute'>) =>
  Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);

/** The zone's offset from UTC at instant `ms`, in ms (+1 h for Berlin in winter). */
export function offsetAt(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / MINUTE) * MINUTE;
  return asUtc(wallTimeAt(whole, timeZone)) - whole;
}

/**
 * The instant the wall clock in `timeZone` reads this local time. A time the clocks skip (02:30
 * on a spring-forward night in Berlin) gives the moment the clocks jump, the first valid time
 * after it (03:00); a time the clocks pass twice (02:30 on the autumn night) gives the first.
 */
export function instantOf(
  wall: Pick<WallTime, 'year' | 'month' | 'day' | 'hour' | 'minute'>,
  timeZone: string,
): number {
  const local = asUtc(wall);
  // The offsets in force around that day: before and after any change that night.
  const offsets = new Set([
    offsetAt(local - DAY, timeZone),
    offsetAt(local, timeZone),
    offsetAt(local + DAY, timeZone),
  ]);
  const candidates = [...offsets].map((offset) => local - offset).sort((a, b) => a - b);
  const exact = candidates.find((t) => asUtc(wallTimeAt(t, timeZone)) === local);
  if (exact !== undefined) return exact;
  // Skipped by the clocks: find the jump, the first minute whose wall time is past `local`.
  let before = candidates[0]!;
  let after = candidates[candidates.length - 1]!;
  while (after - before > MINUTE) {
    const middle = before + Math.floor((after - before) / 2 / MINUTE) * MINUTE;
    if (asUtc(wallTimeAt(middle, timeZone)) > local) after = middle;
    else before = middle;
  }
  return after;
}

/** The local calendar date `days` after the given one (days may be negative). */
export function addDays(
  date: Pick<WallTime, 'year' | 'month' | 'day'>,
  days: number,
): { year: number; month: number; day: number; weekday: number } {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
  };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
