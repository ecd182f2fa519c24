/**
 * Percentiles over Monte Carlo runs (R type 7, linear interpolation, as R and d3 `quantile`).
 * `null` stands for "never" (a limit never reached) and sorts above every number.
 */

/** Percentiles of one output over the runs. */
export interface Summary {
  /** Mean over the runs (null when any run says never). */
  readonly mean: number | null;
  /** 10th percentile. */
  readonly p10: number | null;
  /** Median. */
  readonly p50: number | null;
  /** 90th percentile. */
  readonly p90: number | null;
  /** 99th percentile. */
  readonly p99: number | null;
}

/** R-7 quantile of ascending `sorted` (null = +infinity), `q` in [0, 1]. */
export function quantile(sorted: ArrayLike<number | null>, q: number): number | null {
  if (!sorted.length) return null;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] ?? null;
  const b = sorted[Math.min(sorted.length - 1, lo + 1)] ?? null;
  if (a === null) return null;
  if (h === lo) return a;
  if (b === null) return null;
  return a + (h - lo) * (b - a);
}

/** Summary of the values of every run. */
export function summarize(values: ReadonlyArray<number | null>): Summary {
  const sorted = [...values].sort((x, y) => (x === null ? (y === null ? 0 : 1) : y === null ? -1 : x - y));
  let sum = 0;
  let never = false;
  for (const v of values) {
    if (v === null) never = true;
    else sum += v;
  }
  return {
    mean: never || !values.length ? null : sum / values.length,
    p10: quantile(sorted, 0.1),
    p50: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    p99: quantile(sorted, 0.99),
  };
}

/** Percentiles of a daily series over the runs, day by day. */
export interface SeriesSummary {
  /** Mean per day. */
  readonly mean: number[];
  /** 10th percentile per day. */
  readonly p10: number[];
  /** Median per day. */
  readonly p50: number[];
  /** 90th percentile per day. */
  readonly p90: number[];
  /** 99th percentile per day. */
  readonly p99: number[];
}

/** Day-by-day percentiles of one series from every run. */
export function summarizeSeries(series: readonly Float64Array[]): SeriesSummary {
  const days = series[0]?.length ?? 0;
  const out: SeriesSummary = { mean: [], p10: [], p50: [], p90: [], p99: [] };
  const sorted = new Float64Array(series.length);
  for (let d = 0; d < days; d++) {
    let sum = 0;
    // Insertion sort into one reused typed array: a copy sorted with a comparator per day was
    // most of the merge's garbage (a boxed number per value). Both sorts are stable and order by
    // `a - b`, so they give the same order (equal values, -0 and 0 included, keep run order).
    for (let r = 0; r < series.length; r++) {
      const v = series[r]![d]!;
      sum += v;
      let k = r;
      for (; k > 0 && sorted[k - 1]! - v > 0; k--) sorted[k] = sorted[k - 1]!;
      sorted[k] = v;
    }
    out.mean.push(sum / series.length);
    out.p10.push(quantile(sorted, 0.1)!);
    out.p50.push(quantile(sorted, 0.5)!);
    out.p90.push(quantile(sorted, 0.9)!);
    out.p99.push(quantile(sorted, 0.99)!);
  }
  return out;
}
