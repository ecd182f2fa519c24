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
 * moves little from one day to the next (bytes stored, repositories), so such a day costs about
 * one pass, with no boxed number per value. A series whose runs reorder more in a day than a merge
 * sort would cost (daily pushes drawn afresh) is merge sorted from that day on, so no day costs the
 * runs squared. Ties are
 * ordered by run, so the sorted values are those of a stable sort of the runs by `a - b` (-0 and
 * 0 included).
 */
export function summarizeSeries(series: readonly Float64Array[]): SeriesSummary {
  const runs = series.length;
  const days = series[0]?.length ?? 0;
  const out: SeriesSummary = { mean: [], p10: [], p50: [], p90: [], p99: [] };
  const sorted = new Float64Array(runs);
  const order = new Int32Array(runs);
  const scratch = new Float64Array(runs);
  for (let r = 0; r < runs; r++) order[r] = r;
  // About what a merge sort of the day costs; past it once, the series is taken for one that
  // reorders every day, and its days are merge sorted from then on.
  const budget = 2 * runs * Math.ceil(Math.log2(runs + 1));
  let carried = true;
  for (let d = 0; d < days; d++) {
    let sum = 0;
    for (let r = 0; r < runs; r++) sum += series[r]![d]!;
    if (carried) carried = sortCarried(series, d, sorted, order, budget);
    if (!carried) sortDay(series, d, sorted, scratch);
    out.mean.push(sum / runs);
    out.p10.push(quantile(sorted, 0.1)!);
    out.p50.push(quantile(sorted, 0.5)!);
    out.p90.push(quantile(sorted, 0.9)!);
    out.p99.push(quantile(sorted, 0.99)!);
  }
  return out;
}

/**
 * Sorts day `d`'s values into `sorted` by insertion in the runs' `order` (the previous day's),
 * updating `order`; ties by run. Gives up, returning false, past `budget` moves (leaving `order`
 * half moved).
 */
function sortCarried(series: readonly Float64Array[], d: number, sorted: Float64Array, order: Int32Array, budget: number): boolean {
  let moves = 0;
  for (let j = 0; j < order.length; j++) {
    const run = order[j]!;
    const v = series[run]![d]!;
    let k = j;
    for (; k > 0; k--) {
      const u = sorted[k - 1]!;
      if (!(u > v || (u === v && order[k - 1]! > run))) break;
      if (++moves > budget) return false;
      sorted[k] = u;
      order[k] = order[k - 1]!;
    }
    sorted[k] = v;
    order[k] = run;
  }
  return true;
}

/**
 * Sorts day `d`'s values into `sorted` by a stable merge sort from run order (ties by run, as
 * `a - b` sorts -0 and 0), in at most n log n steps whatever the values. `scratch` is as long as
 * `sorted`; `order` is left as it is (an abandoned insertion left it half moved: it is not read
 * again).
 */
function sortDay(series: readonly Float64Array[], d: number, sorted: Float64Array, scratch: Float64Array): void {
  const n = sorted.length;
  for (let r = 0; r < n; r++) sorted[r] = series[r]![d]!;
  // Insertion sort within blocks, then merges of blocks, taking from the right only when smaller.
  for (let lo = 0; lo < n; lo += BLOCK) {
    const hi = Math.min(lo + BLOCK, n);
    for (let i = lo + 1; i < hi; i++) {
      const v = sorted[i]!;
      let k = i;
      for (; k > lo && sorted[k - 1]! > v; k--) sorted[k] = sorted[k - 1]!;
      sorted[k] = v;
    }
  }
  let src = sorted;
  let dst = scratch;
  for (let width = BLOCK; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) dst[k++] = src[j]! < src[i]! ? src[j++]! : src[i++]!;
      while (i < mid) dst[k++] = src[i++]!;
      while (j < hi) dst[k++] = src[j++]!;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== sorted) sorted.set(src);
}

/** Values sorted by insertion before {@link sortDay} merges them. */
const BLOCK = 16;
