import { describeSchedule, nextSlot } from '@tandem/nodes';
import type { ScheduleTiming } from '@tandem/nodes';
import { formatRelative, formatWallTime } from '../../ui/format.js';

/**
 * When a schedule starts its next run, worked out in the browser from the schedule's timing:
 * the time moves on while a page stays open, and the same code serves the flows list (the
 * published schedule, which the server sends) and the editor (the draft's, not saved yet).
 */
export type NextRun =
  | { kind: 'paused' }
  /** A schedule that never matches (a week without days: publishing refuses it). */
  | { kind: 'never' }
  | {
      kind: 'at';
      at: number;
      /** In the schedule's own zone, named: "Mon 27 Nov, 09:00 (Europe/Berlin)". */
      zoned: string;
      /** In the browser's zone when that reads differently, else null. */
      local: string | null;
      /** "in 3 hours" */
      relative: string;
    };

/** The browser's IANA time zone. */
export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function nextRun(timing: ScheduleTiming, now: number, localZone: string): NextRun {
  if (timing.paused) return { kind: 'paused' };
  const at = nextSlot(timing, now);
  if (at === null) return { kind: 'never' };
  const zoned = `${formatWallTime(at, timing.timeZone)} (${timing.timeZone})`;
  // Compared as read, not by zone name: UTC and Europe/London in winter say the same thing.
  const localTime = formatWallTime(at, localZone);
  const local =
    localTime === formatWallTime(at, timing.timeZone) ? null : `${localTime} (${localZone})`;
  return {
    kind: 'at',
    at,
    zoned,
    local,
    relative: formatRelative(new Date(at).toISOString(), now),
  };
}

/**
 * What the flows list says of a flow whose published version starts on a schedule, with the
 * schedule in words, how soon, and the reader's own time when it differs, for the hover title.
 * Null for a flow that does not run on a schedule: the list says nothing then.
 */
export function listedNextRun(
  timing: ScheduleTiming | null,
  now: number,
  localZone: string,
): { text: string; title: string; at: number | null } | null {
  if (!timing) return null;
  const schedule = describeSchedule(timing);
  const next = nextRun(timing, now, localZone);
  switch (next.kind) {
    case 'paused':
      return { text: 'Schedule paused', title: schedule, at: null };
    case 'never':
      return { text: 'No run scheduled', title: schedule, at: null };
    default:
      return {
        text: `Next run ${next.zoned}`,
        title: [schedule, next.relative, next.local && `Your time: ${next.local}`]
          .filter(Boolean)
          .join(' · '),
        at: next.at,
      };
  }
}

/**
 * What the editor says under a schedule's settings, for the draft as it stands: publishing is
 * what makes it run, so it is put as "if published now". Null when the draft's schedule does not
 * parse or never matches: the Problems list says why.
 */
export function draftNextRun(
  timing: ScheduleTiming | null,
  now: number,
  localZone: string,
): { text: string; local: string | null } | null {
  if (!timing) return null;
  const next = nextRun(timing, now, localZone);
  if (next.kind === 'paused')
    return { text: 'If published now: paused, no runs start on schedule', local: null };
  if (next.kind === 'never') return null;
  return {
    text: `If published now, next run: ${next.zoned}`,
    local: next.local && `Your time: ${next.local}`,
  };
}
