import { WEEKDAYS, WEEKDAY_NAMES } from './schedule-config.js';
import type { Weekday } from './schedule-config.js';

/** "a, b and c" */
function sentenceList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

function days(weekdays: readonly Weekday[]): string | null {
  const chosen = WEEKDAYS.filter((d) => weekdays.includes(d));
  if (chosen.length === 0) return null;
  if (chosen.length === 7) return 'Every day';
  if (chosen.length === 5 && !chosen.includes('sat') && !chosen.includes('sun'))
    return 'Every weekday';
  return `Every ${sentenceList(chosen.map((d) => WEEKDAY_NAMES[d]))}`;
}

function interval(minutes: number): string {
  if (minutes % 60 === 0) return minutes === 60 ? 'Every hour' : `Every ${minutes / 60} hours`;
  return `Every ${minutes} minutes`;
}

/**
 * The schedule in words, as the step's card shows it: "Every Monday and Thursday at 09:00,
 * Europe/Berlin". Reads an unchecked config (the editor's draft) and never throws.
 */
export function describeSchedule(config: Record<string, unknown>): string {
  const num = (v: unknown, fallback: number) => (typeof v === 'number' ? v : fallback);
  const time = typeof config.time === 'string' && config.time ? config.time : '09:00';
  const zone = typeof config.timeZone === 'string' && config.timeZone ? config.timeZone : 'UTC';
  const weekdays = Array.isArray(config.weekdays)
    ? (config.weekdays as Weekday[])
    : ['mon' as const];
  let words: string;
  switch (config.frequency ?? 'weekly') {
    case 'minutes':
      words = interval(num(config.everyMinutes, 60));
      break;
    case 'hourly':
      words = `Every hour at :${String(num(config.minute, 0)).padStart(2, '0')}, ${zone}`;
      break;
    case 'daily':
      words = `Every day at ${time}, ${zone}`;
      break;
    case 'monthly': {
      const day = num(config.dayOfMonth, 1);
      const shorter = day > 28 ? ' (or the month’s last day)' : '';
      words = `Every month on the ${ordinal(day)}${shorter} at ${time}, ${zone}`;
      break;
    }
    default: {
      const which = days(weekdays);
      words = which ? `${which} at ${time}, ${zone}` : 'No weekday chosen';
    }
  }
  return config.paused === true ? `Paused · ${words}` : words;
}
