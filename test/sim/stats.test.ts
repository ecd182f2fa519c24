import { quantile, summarizeSeries } from '../../lib/sim/results/stats.js';

/** Day-by-day percentiles as they were computed before (a sorted copy per day): the reference. */
function reference(series: Float64Array[]): Record<string, number[]> {
  const out: Record<string, number[]> = { mean: [], p10: [], p50: [], p90: [], p99: [] };
  for (let d = 0; d < series[0]!.length; d++) {
    let sum = 0;
    for (const s of series) sum += s[d]!;
    const sorted = series.map((s) => s[d]!).sort((a, b) => a - b);
    out.mean!.push(sum / series.length);
    for (const [k, q] of [['p10', 0.1], ['p50', 0.5], ['p90', 0.9], ['p99', 0.99]] as const) out[k]!.push(quantile(sorted, q)!);
  }
  return out;
}

describe('summarizeSeries', () => {
  test('the same percentiles, bit for bit, as sorting a copy of each day (ties, -0, huge and tiny values)', () => {
    let x = 12345;
    const next = (): number => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const pick = [0, -0, 1, 1, 2 ** 40 + 0.5, 1e-300, 3.25, -7];
    for (const runs of [1, 2, 7, 16, 100]) {
      const series = Array.from({ length: runs }, () => Float64Array.from({ length: 30 }, () => (next() < 0.5 ? pick[Math.floor(next() * pick.length)]! : next() * 1e12)));
      const got = summarizeSeries(series);
      const want = reference(series);
      for (const k of ['mean', 'p10', 'p50', 'p90', 'p99'] as const) {
        expect(got[k].map((v) => Object.is(v, -0) ? '-0' : String(v))).toEqual(want[k]!.map((v) => Object.is(v, -0) ? '-0' : String(v)));
      }
    }
  });

  test('the same percentiles on days drawn afresh (sorted natively), with ties and zeros but no -0, up to 1,000 runs', () => {
    let x = 7;
    const next = (): number => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (const runs of [3, 100, 1000]) {
      const series = Array.from({ length: runs }, () => Float64Array.from({ length: 20 }, () => (next() < 0.3 ? Math.floor(next() * 4) : next() * 1e9)));
      const got = summarizeSeries(series);
      const want = reference(series);
      for (const k of ['mean', 'p10', 'p50', 'p90', 'p99'] as const) expect(got[k]).toEqual(want[k]);
    }
  });

  test('the same percentiles on series that drift day by day, crossing and tying (the case the carried-over order is for)', () => {
    let x = 99;
    const next = (): number => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const series = Array.from({ length: 100 }, () => new Float64Array(365));
    for (const s of series) for (let d = 1; d < 365; d++) s[d] = next() < 0.3 ? s[d - 1]! : Math.max(0, s[d - 1]! + Math.round((next() - 0.45) * 1e6));
    const got = summarizeSeries(series);
    const want = reference(series);
    for (const k of ['mean', 'p10', 'p50', 'p90', 'p99'] as const) expect(got[k]).toEqual(want[k]);
  });
});
