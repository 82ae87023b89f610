import { AppError } from '@tandem/schema';

/**
 * Timestamps are ISO strings that may carry offsets and any fraction of a second, so they are
 * not ordered as text; every ordering and range filter uses epoch milliseconds instead.
 */
export function toMs(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) {
    throw new AppError({
      code: 'VALIDATION_FAILED',
      message: `"${iso}" is not a timestamp`,
      origin: 'user',
      details: { issues: [{ path: [], message: 'Expected an ISO date-time' }] },
    });
  }
  return ms;
}

/** Sorts after every real timestamp: "no due time" goes last in the inbox. */
export const NEVER_MS = 8_640_000_000_000_001;

export function toMsOrNever(iso: string | null): number {
  return iso === null ? NEVER_MS : toMs(iso);
}
