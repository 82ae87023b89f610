import { WEEKDAYS } from './schedule-config.js';
import type { ScheduleTiming } from './schedule-config.js';
import { addDays, daysInMonth, instantOf, offsetAt, wallTimeAt } from './zoned-time.js';

/*
 * When a schedule fires, as instants (ms since the epoch). Pure: the scheduler asks with its own
 * clock. Rules that are choices rather than arithmetic:
 * - every N minutes: at whole multiples of N minutes from each midnight UTC, so every process
 *   agrees on the slots without state (when N does not divide a day, the day's last gap is
 *   shorter);
 * - hourly at minute M: every local hour at minute M; an hour the clocks pass twice runs once (at
 *   the first), an hour they skip has no slot (the next one is the next valid time);
 * - daily / weekly / monthly at HH:MM: once per local day. A time the clocks skip (02:30 on the
 *   spring-forward night) runs once at the jump (03:00); a time they pass twice runs at the
 *   first;
 * - monthly on day D: a month without that day (31 in April, 30 in February) runs on its last day.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Far enough for any monthly slot; a guard against a schedule that never matches. */
const SEARCH_DAYS = 400;

function timeOf(time: string): { hour: number; minute: number } {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  return { hour, minute };
}

const UTC_DAY = 24 * HOUR;

function nextEveryMinutes(everyMinutes: number, after: number): number {
  const step = everyMinutes * MINUTE;
  const day = Math.floor(after / UTC_DAY) * UTC_DAY;
  const next = day + (Math.floor((after - day) / step) + 1) * step;
  // Each day starts again at midnight, so every 50 minutes runs at the same times every day.
  return next < day + UTC_DAY ? next : day + UTC_DAY;
}

function latestEveryMinutes(everyMinutes: number, to: number): number {
  const step = everyMinutes * MINUTE;
  const day = Math.floor(to / UTC_DAY) * UTC_DAY;
  return day + Math.floor((to - day) / step) * step;
}

function nextHourly(minute: number, timeZone: string, after: number): number | null {
  // Offsets are whole quarter hours, so local minute M is one UTC minute within each UTC hour.
  for (let hour = Math.floor(after / HOUR) * HOUR - HOUR, i = 0; i < 50; hour += HOUR, i++) {
    const offsetMinutes = Math.round(offsetAt(hour, timeZone) / MINUTE);
    const candidate = hour + ((((minute - offsetMinutes) % 60) + 60) % 60) * MINUTE;
    if (candidate <= after) continue;
    const wall = wallTimeAt(candidate, timeZone);
    // The second pass through a repeated hour is not a new local time: instantOf gives the first.
    if (wall.minute === minute && instantOf(wall, timeZone) === candidate) return candidate;
  }
  return null;
}

function firesOn(
  timing: ScheduleTiming,
  date: { year: number; month: number; day: number; weekday: number },
): boolean {
  switch (timing.frequency) {
    case 'daily':
      return true;
    case 'weekly':
      // WEEKDAYS starts on Monday; Date's weekday on Sunday.
      return timing.weekdays.includes(WEEKDAYS[(date.weekday + 6) % 7]!);
    case 'monthly':
      return date.day === Math.min(timing.dayOfMonth, daysInMonth(date.year, date.month));
    default:
      return false;
  }
}

function nextByDay(timing: ScheduleTiming, after: number): number | null {
  const { hour, minute } = timeOf(timing.time);
  // From the day before `after`'s local date: that day's slot may still lie ahead of `after`
  // in UTC terms only through an offset change, which the check below settles either way.
  const today = wallTimeAt(after, timing.timeZone);
  for (let i = -1; i < SEARCH_DAYS; i++) {
    const date = addDays(today, i);
    if (!firesOn(timing, date)) continue;
    const at = instantOf({ ...date, hour, minute }, timing.timeZone);
    if (at > after) return at;
  }
  return null;
}

/** The first slot strictly after `after`; null while paused or when nothing ever matches. */
export function nextSlot(timing: ScheduleTiming, after: number): number | null {
  if (timing.paused) return null;
  switch (timing.frequency) {
    case 'minutes':
      return nextEveryMinutes(timing.everyMinutes, after);
    case 'hourly':
      return nextHourly(timing.minute, timing.timeZone, after);
    default:
      return nextByDay(timing, after);
  }
}

/** The slots in (`from`, `to`], oldest first; at most `limit` of them. */
export function slotsBetween(
  timing: ScheduleTiming,
  from: number,
  to: number,
  limit = 1_000,
): number[] {
  const slots: number[] = [];
  for (let at = nextSlot(timing, from); at !== null && at <= to; at = nextSlot(timing, at)) {
    slots.push(at);
    if (slots.length >= limit) break;
  }
  return slots;
}

/** The newest slot in (`from`, `to`], or null: the one a late scheduler still starts. */
export function latestSlotBetween(timing: ScheduleTiming, from: number, to: number): number | null {
  if (timing.paused) return null;
  if (timing.frequency === 'minutes') {
    const latest = latestEveryMinutes(timing.everyMinutes, to);
    return latest > from ? latest : null;
  }
  let latest: number | null = null;
  for (let at = nextSlot(timing, from); at !== null && at <= to; at = nextSlot(timing, at)) {
    latest = at;
  }
  return latest;
}
