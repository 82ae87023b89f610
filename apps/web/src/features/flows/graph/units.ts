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
