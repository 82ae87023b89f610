/*
 * Retry timing, pure so the engine can use it for its durable retry loop: capped exponential
 * backoff with full jitter (a random wait between 0 and the capped exponential), never sooner
 * than what the receiver asked for with Retry-After.
 */

export interface BackoffOptions {
  /** Ceiling of the first wait. Default 1 s. */
  baseMs?: number;
  /** Largest exponential ceiling. Default 5 min. */
  capMs?: number;
  /** What the receiver asked for (Retry-After); the wait is never shorter. */
  retryAfterMs?: number;
  /** Longest Retry-After honoured, so a receiver cannot park a delivery for days. Default 1 h. */
  maxRetryAfterMs?: number;
  /** Source of randomness in [0, 1); injectable for tests. */
  random?: () => number;
}

/** Milliseconds to wait after the failed attempt number `attempt` (1 = the first attempt). */
export function computeBackoffMs(attempt: number, options: BackoffOptions = {}): number {
  const baseMs = options.baseMs ?? 1_000;
  const capMs = options.capMs ?? 300_000;
  const random = options.random ?? Math.random;
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  // 2 ** 1024 is Infinity, so clamp the exponent before it matters.
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(exponent, 52));
  const jittered = Math.floor(random() * ceiling);
  const asked = Math.min(
    Math.max(0, options.retryAfterMs ?? 0),
    options.maxRetryAfterMs ?? 3_600_000,
  );
  return Math.max(jittered, asked);
}

/**
 * Parses a Retry-After header (delta seconds or an HTTP-date) into milliseconds from `now`;
 * undefined when absent or unparseable.
 */
export function parseRetryAfter(
  value: string | undefined,
  now: Date = new Date(),
): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1_000;
  // HTTP dates start with a day name ("Wed, 21 Oct 2015 07:28:00 GMT"); Date.parse alone would
  // read "-5" as a year.
  if (!/^[A-Za-z]{3,9},? /.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}
