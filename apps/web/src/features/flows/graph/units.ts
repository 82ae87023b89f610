/*
 * Numbers a step stores in one unit and people think of in another: a share stored as a fraction
 * (0.1) and read as a percentage (10 %). Converted at the form's edge, so the config keeps what
 * the node's schema expects.
 */

/**
 * 0.1 -> 10. Rounded to 12 significant digits: 0.07 * 100 is 7.000000000000001 in floating point,
 * and the box showed that.
 */
export function fractionToPercent(fraction: number): number {
  return Number((fraction * 100).toPrecision(12));
}

/** 10 -> 0.1; 33.3 -> 0.333 (not 0.33299999999999996). */
export function percentToFraction(percent: number): number {
  return Number((percent / 100).toPrecision(12));
}

const TIME_UNITS = ['seconds', 'minutes', 'hours', 'days'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

const SECONDS: Record<TimeUnit, number> = { seconds: 1, minutes: 60, hours: 3_600, days: 86_400 };

export function isTimeUnit(value: unknown): value is TimeUnit {
  return TIME_UNITS.includes(value as TimeUnit);
}

/**
 * The units a duration stored in `base` is typed in: the base and each larger one that the
 * largest allowed value holds at least once (a timeout of at most 600 seconds: seconds, minutes).
 */
export function durationUnits(base: TimeUnit, max?: number): TimeUnit[] {
  const limit = max === undefined ? Infinity : max * SECONDS[base];
  return TIME_UNITS.filter((u) => SECONDS[u] >= SECONDS[base] && SECONDS[u] <= limit);
}

/** A stored duration in another unit: 90 minutes in hours is 1.5. */
export function fromBase(value: number, base: TimeUnit, unit: TimeUnit): number {
  return Number(((value * SECONDS[base]) / SECONDS[unit]).toPrecision(12));
}

/** A typed amount in the stored unit: 2 days in minutes is 2880. */
export function toBase(amount: number, unit: TimeUnit, base: TimeUnit): number {
  return Number(((amount * SECONDS[unit]) / SECONDS[base]).toPrecision(12));
}

/** The largest of `units` that holds the value whole: 1440 minutes is 1 day, 90 is 90 minutes. */
export function largestWholeUnit(
  value: number,
  base: TimeUnit,
  units: readonly TimeUnit[],
): TimeUnit {
  const whole = units.filter((u) => Number.isInteger(fromBase(value, base, u)));
  return whole.reduce((a, b) => (SECONDS[b] > SECONDS[a] ? b : a), base);
}

/** "minute" or "minutes", by the amount. */
export function unitName(unit: TimeUnit, amount: number | undefined): string {
  return amount === 1 ? unit.slice(0, -1) : unit;
}

/** 86400 minutes -> "60 days"; 1 minute -> "1 minute"; 90 minutes -> "90 minutes". */
export function describeDuration(value: number, base: TimeUnit): string {
  const unit = largestWholeUnit(value, base, durationUnits(base));
  const amount = fromBase(value, base, unit);
  return `${amount} ${unitName(unit, amount)}`;
}
