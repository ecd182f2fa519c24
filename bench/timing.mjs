// Timing helpers shared by the benchmarks.
//
// Timings on the shared machine CI uses swing by tens of percent from one minute to the next.
// So variants run interleaved, round by round, and a ratio is taken within each round (the two
// timings it divides were taken seconds apart) before the median over rounds is reported.

/**
 * Wall times in ms of each variant, interleaving the variants round by round after one warm-up
 * each: `{ name: [ms of round 0, ms of round 1, ...] }`.
 */
export function timeRounds(rounds, variants) {
  const times = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (const fn of Object.values(variants)) fn();
  for (let i = 0; i < rounds; i++) {
    for (const [name, fn] of Object.entries(variants)) {
      const t0 = process.hrtime.bigint();
      fn();
      times[name].push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  return times;
}

/** Median over rounds of `a[i] / b[i]`, and the per-round ratios. */
export function roundRatio(a, b) {
  const each = a.map((x, i) => x / b[i]);
  return { median: median(each), each };
}

/** Median of numbers. */
export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Formats milliseconds. */
export function fmt(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

/** Formats ratios for a one-line list. */
export function list(ratios) {
  return ratios.map((r) => r.toFixed(2)).join(' ');
}

/** Whether `BENCH_QUICK=1`: small sizes and two rounds, to check that the scripts run (no figure to keep). */
export const QUICK = process.env.BENCH_QUICK === '1';

/** Rounds: `BENCH_RUNS`, else `quick` in quick mode, else `full`. */
export function rounds(full, quick = 2) {
  return Number(process.env.BENCH_RUNS ?? (QUICK ? quick : full));
}

/** `ok` when `value` meets the goal (`<=` or `>=` `target`), else `MISS`. */
export function verdict(value, op, target) {
  return (op === '<=' ? value <= target : value >= target) ? 'ok' : 'MISS';
}

/** Smallest and largest of values, as `min–max` with `digits` decimals. */
export function spread(values, digits = 2) {
  return `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;
}

/**
 * One figure line: `label: 1.82x (goal >= 1.7x) ok; 5 rounds 1.61–1.95: 1.70 1.82 ...`; `unit`
 * follows the numbers (`x`, `%`). Without `op` the line has no goal. Returns the verdict.
 */
export function figure(label, each, op, target, unit = 'x', digits = 2) {
  const m = median(each);
  const v = op === undefined ? '' : verdict(m, op, target);
  const n = (x) => `${x.toFixed(digits)}${unit}`;
  const goal = op === undefined ? '' : ` (goal ${op} ${n(target)}) ${v}`;
  console.log(`${label}: ${n(m)}${goal}; ${each.length} round${each.length === 1 ? '' : 's'} ${spread(each, digits)}: ${each.map((x) => x.toFixed(digits)).join(' ')}${QUICK ? ' [BENCH_QUICK: not a figure to keep]' : ''}`);
  return v;
}
