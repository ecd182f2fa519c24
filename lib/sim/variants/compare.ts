/**
 * The comparison of variants: per variant the compared figures over runs, the paired per-run
 * difference against the first variant (the baseline), its assertions, its fleet series, and a
 * one-line recommendation: the cheapest variant (median total cost) that passes every assertion.
 */
import type { AssertionResult, SimulationResult } from '../results/result.js';
import { quantile, summarize, summarizeSeries, type Summary } from '../results/stats.js';
import { variantSetText } from './apply.js';
import { COMPARISON_METRICS, type FleetSeries, type MetricKey, type RunMetrics } from './metrics.js';
import type { SimVariant } from './types.js';

/** Percentiles of a paired difference (variant minus baseline, run by run). */
export interface DeltaSummary {
  /** Mean difference. */
  readonly mean: number;
  /** 10th percentile. */
  readonly p10: number;
  /** Median. */
  readonly p50: number;
  /** 90th percentile. */
  readonly p90: number;
  /** Runs in which both sides have a value (a day metric is null, "never", in some runs). */
  readonly pairedRuns: number;
}

/** Per day (or month), the median over runs. */
export interface VariantSeries {
  /** Stored bytes of the fleet per day (p50 over runs). */
  readonly storedBytes: readonly number[];
  /** Billed bytes of the fleet per day (p50 over runs). */
  readonly billedBytes: readonly number[];
  /** Cost of the fleet per 30-day month (p50 over runs; the last month may be partial). */
  readonly monthlyCostUsd: readonly number[];
  /** Cost of the fleet so far, per day (p50 over runs). */
  readonly cumulativeCostUsd: readonly number[];
}

/** One variant in a comparison. */
export interface VariantOutcome {
  /** Name. */
  readonly name: string;
  /** What it changes, in words. */
  readonly settings: string;
  /** The variant. */
  readonly variant: SimVariant;
  /** Compared figures over runs. */
  readonly metrics: Readonly<Record<MetricKey, Summary>>;
  /** Paired differences against the baseline (null for the baseline, or when no run pairs). */
  readonly deltas: Readonly<Record<MetricKey, DeltaSummary | null>> | null;
  /** Whether every run drew the same pushes as the baseline's (common random numbers held). */
  readonly sameDraws: boolean;
  /** Its assertion outcomes. */
  readonly assertions: readonly AssertionResult[];
  /** Whether every assertion holds. */
  readonly passed: boolean;
  /** Fleet series. */
  readonly daily: VariantSeries;
  /** Registry warnings (ignored settings), `registry: text`. */
  readonly warnings: readonly string[];
}

/** The recommendation line. */
export interface Recommendation {
  /** The recommended variant, or null when none passes every assertion. */
  readonly variant: string | null;
  /** The line, plain text (escape it for where it is written). */
  readonly text: string;
}

/** A comparison of variants (`acrkit simulate --vary ... --format json` prints it). */
export interface ComparisonResult {
  /** Kind of result, so a reader can tell it from a single simulation. */
  readonly kind: 'variant-comparison';
  /** Scenario name. */
  readonly scenario: string;
  /** Scenario file. */
  readonly file: string;
  /** Seed (every variant's). */
  readonly seed: number;
  /** Runs per variant. */
  readonly runs: number;
  /** Days simulated. */
  readonly horizonDays: number;
  /** Name of the baseline (the first variant). */
  readonly baseline: string;
  /** The variants, baseline first. */
  readonly variants: readonly VariantOutcome[];
  /** The recommendation. */
  readonly recommendation: Recommendation;
  /** Whether some variant passes every assertion (exit code 1 otherwise). */
  readonly passed: boolean;
}

/** What one variant's runs produced, before comparing. */
export interface VariantRuns {
  /** The variant. */
  readonly variant: SimVariant;
  /** Its aggregated result (assertions evaluated). */
  readonly result: SimulationResult;
  /** Compared figures of each run, in run order. */
  readonly perRun: readonly RunMetrics[];
  /** Fleet series of each run, in run order. */
  readonly series: readonly FleetSeries[];
  /** Pushes per day of each run and registry, in run order (to check the draws are shared). */
  readonly pushes: ReadonlyArray<readonly Float64Array[]>;
}

/** Percentiles of `b - a`, run by run, over the runs where both are known. */
export function pairedDelta(a: ReadonlyArray<number | null>, b: ReadonlyArray<number | null>): DeltaSummary | null {
  const d: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x !== null && x !== undefined && y !== null && y !== undefined) d.push(y - x);
  }
  if (!d.length) return null;
  const sorted = [...d].sort((x, y) => x - y);
  return {
    mean: d.reduce((s, x) => s + x, 0) / d.length,
    p10: quantile(sorted, 0.1)!,
    p50: quantile(sorted, 0.5)!,
    p90: quantile(sorted, 0.9)!,
    pairedRuns: d.length,
  };
}

function sameSeries(a: readonly Float64Array[] | undefined, b: readonly Float64Array[] | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i]!;
    if (x.length !== y.length) return false;
    for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return false;
    return true;
  });
}

function p50s(series: readonly Float64Array[]): number[] {
  return series.length ? summarizeSeries(series).p50 : [];
}

/** A failed check as the recommendation names it: `monthly cost of the fleet below $2000 (fleet)`. */
function failureText(a: AssertionResult): string {
  return `${a.text} (${a.subject})`;
}

/** The recommendation: the cheapest variant by median total cost that passes every assertion. */
export function recommend(variants: readonly VariantOutcome[], horizonDays: number): Recommendation {
  const passing = variants.filter((v) => v.passed);
  const cost = (v: VariantOutcome): number => v.metrics.totalCostUsd.p50 ?? Number.POSITIVE_INFINITY;
  if (!passing.length) {
    const why = variants.map((v) => {
      const failed = v.assertions.filter((a) => !a.passed);
      return `${v.name} fails ${failed.slice(0, 3).map(failureText).join('; ')}${failed.length > 3 ? `; and ${failed.length - 3} more` : ''}`;
    });
    return { variant: null, text: `No variant passes every assertion: ${why.join(' | ')}.` };
  }
  const best = passing.reduce((a, b) => (cost(b) < cost(a) ? b : a));
  const usd = (n: number): string => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  const checks = best.assertions.length ? 'passes every assertion' : 'has no assertions to fail';
  return {
    variant: best.name,
    text: `Recommended: ${best.name}, the cheapest variant that ${checks} (median total cost ${usd(cost(best))} over ${horizonDays} days${
      passing.length < variants.length ? `; ${variants.length - passing.length} of ${variants.length} variants fail an assertion` : ''
    }).`,
  };
}

/** Compares the variants' runs (the first is the baseline). */
export function compareVariants(list: readonly VariantRuns[]): ComparisonResult {
  const base = list[0];
  if (!base) throw new RangeError('compareVariants needs at least one variant');
  const r0 = base.result;
  const outcomes = list.map((v, i): VariantOutcome => {
    const metrics = Object.fromEntries(COMPARISON_METRICS.map((m) => [m.key, summarize(v.perRun.map((x) => x[m.key]))])) as Record<MetricKey, Summary>;
    const deltas =
      i === 0
        ? null
        : (Object.fromEntries(
            COMPARISON_METRICS.map((m) => [
              m.key,
              pairedDelta(
                base.perRun.map((x) => x[m.key]),
                v.perRun.map((x) => x[m.key]),
              ),
            ]),
          ) as Record<MetricKey, DeltaSummary | null>);
    return {
      name: v.variant.name,
      settings: variantSetText(v.variant),
      variant: v.variant,
      metrics,
      deltas,
      sameDraws: v.pushes.every((p, k) => sameSeries(p, base.pushes[k])),
      assertions: v.result.assertions,
      passed: v.result.passed,
      daily: {
        storedBytes: p50s(v.series.map((s) => s.storedBytes)),
        billedBytes: p50s(v.series.map((s) => s.billedBytes)),
        monthlyCostUsd: p50s(v.series.map((s) => s.monthlyCostUsd)),
        cumulativeCostUsd: p50s(v.series.map((s) => s.cumulativeCostUsd)),
      },
      warnings: [...new Set(v.result.registries.flatMap((g) => g.warnings.map((w) => `${g.name}: ${w}`)))],
    };
  });
  const recommendation = recommend(outcomes, r0.horizonDays);
  return {
    kind: 'variant-comparison',
    scenario: r0.scenario,
    file: r0.file,
    seed: r0.seed,
    runs: r0.runs,
    horizonDays: r0.horizonDays,
    baseline: base.variant.name,
    variants: outcomes,
    recommendation,
    passed: recommendation.variant !== null,
  };
}
