/**
 * Timestamps are ISO strings that may carry offsets and any fraction of a second, so they are
 * not ordered as text; every ordering and range filter uses epoch milliseconds instead.
 */
export function toMs(iso: string): number {
  return Date.parse(iso);
}

/** Sorts after every real timestamp: "no due time" goes last in the inbox. */
export const NEVER_MS = 8_640_000_000_000_001;

export function toMsOrNever(iso: string | null): number {
  return iso === null ? NEVER_MS : toMs(iso);
}
