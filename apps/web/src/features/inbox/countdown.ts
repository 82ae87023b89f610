/** How close a due time is, in words a reviewer reads at a glance. */
export type DueTone = 'none' | 'ok' | 'soon' | 'overdue';

export interface Countdown {
  label: string;
  tone: DueTone;
  /** Milliseconds left (negative once overdue); null without a due time. */
  remainingMs: number | null;
}

/** A task due within this window counts as "due soon" (filter and amber marker). */
export const DUE_SOON_MS = 60 * 60 * 1000;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "2d 3h", "1h 05m", "4m 09s", "12s": two units at most, so the label stays short. */
export function formatDuration(ms: number): string {
  const abs = Math.max(0, Math.floor(Math.abs(ms) / 1000) * 1000);
  if (abs >= DAY) {
    const d = Math.floor(abs / DAY);
    const h = Math.floor((abs % DAY) / HOUR);
    return h ? `${d}d ${h}h` : `${d}d`;
  }
  if (abs >= HOUR) {
    const h = Math.floor(abs / HOUR);
    const m = Math.floor((abs % HOUR) / MINUTE);
    return `${h}h ${String(m).padStart(2, '0')}m`;
  }
  if (abs >= MINUTE) {
    const m = Math.floor(abs / MINUTE);
    const s = Math.floor((abs % MINUTE) / 1000);
    return `${m}m ${String(s).padStart(2, '0')}s`;
  }
  return `${Math.floor(abs / 1000)}s`;
}

export function countdown(dueAt: string | null, now: number): Countdown {
  if (!dueAt) return { label: 'No due time', tone: 'none', remainingMs: null };
  const remainingMs = Date.parse(dueAt) - now;
  if (Number.isNaN(remainingMs)) return { label: 'No due time', tone: 'none', remainingMs: null };
  if (remainingMs <= 0) {
    return { label: `Overdue by ${formatDuration(remainingMs)}`, tone: 'overdue', remainingMs };
  }
  return {
    label: `Due in ${formatDuration(remainingMs)}`,
    tone: remainingMs <= DUE_SOON_MS ? 'soon' : 'ok',
    remainingMs,
  };
}
