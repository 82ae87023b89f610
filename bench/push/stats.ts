/** Percentiles by nearest rank over a copy of the values; NaN when there are none. */
export function percentiles(
  values: ArrayLike<number>,
  ps: readonly number[],
): Record<string, number> {
  const sorted = Float64Array.from(values).sort();
  const out: Record<string, number> = {};
  for (const p of ps) {
    if (sorted.length === 0) {
      out[`p${p}`] = Number.NaN;
      continue;
    }
    const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
    out[`p${p}`] = sorted[rank]!;
  }
  out.max = sorted.length ? sorted[sorted.length - 1]! : Number.NaN;
  return out;
}

export interface Summary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export function summarize(values: ArrayLike<number>): Summary {
  const p = percentiles(values, [50, 90, 99]);
  return { count: values.length, p50: p.p50!, p90: p.p90!, p99: p.p99!, max: p.max! };
}

/** Milliseconds for a table cell: one decimal below 100, whole numbers above. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value < 100 ? value.toFixed(1) : value.toFixed(0);
}
