// Timing helpers shared by the benchmarks.

/**
 * Median wall time in ms of each variant, interleaving the variants run by run (after one
 * warm-up each) so that background load hits them alike.
 */
export function timeInterleaved(runs, variants) {
  const times = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (const fn of Object.values(variants)) fn();
  for (let i = 0; i < runs; i++) {
    for (const [name, fn] of Object.entries(variants)) {
      const t0 = process.hrtime.bigint();
      fn();
      times[name].push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
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
