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

/**
 * Day-by-day percentiles of one series from every run. Each day's values are sorted by insertion
 * into one reused typed array, starting from the previous day's order of the runs: a run's series
 * moves little from one day to the next, so a day costs about one pass instead of the runs squared
 * (100 runs: about a tenth of the time), with no boxed number per value. Ties are ordered by run,
 * so the sorted values are those of a stable sort of the runs by `a - b` (-0 and 0 included).
 */
export function summarizeSeries(series: readonly Float64Array[]): SeriesSummary {
  const runs = series.length;
  const days = series[0]?.length ?? 0;
  const out: SeriesSummary = { mean: [], p10: [], p50: [], p90: [], p99: [] };
  const sorted = new Float64Array(runs);
  const order = new Int32Array(runs);
  for (let r = 0; r < runs; r++) order[r] = r;
  for (let d = 0; d < days; d++) {
    let sum = 0;
    for (let r = 0; r < runs; r++) sum += series[r]![d]!;
    for (let j = 0; j < runs; j++) {
      const run = order[j]!;
      const v = series[run]![d]!;
      let k = j;
      for (; k > 0; k--) {
        const u = sorted[k - 1]!;
        if (!(u > v || (u === v && order[k - 1]! > run))) break;
        sorted[k] = u;
        order[k] = order[k - 1]!;
      }
      sorted[k] = v;
      order[k] = run;
    }
    out.mean.push(sum / runs);
    out.p10.push(quantile(sorted, 0.1)!);
    out.p50.push(quantile(sorted, 0.5)!);
    out.p90.push(quantile(sorted, 0.9)!);
    out.p99.push(quantile(sorted, 0.99)!);
  }
  return out;
}
