/**
 * Runs every variant of a scenario on the same random draws and compares them: variant v's run i
 * uses the streams of run i of every other variant (same seed, registry order and run index), so
 * a difference between variants comes from the change, not from noise.
 */
import { aggregate, simulateRuns, type MonteCarloOptions } from '../montecarlo.js';
import type { ResolvedScenario } from '../scenario/model.js';
import { applyVariant } from './apply.js';
import { compareVariants, type ComparisonResult, type VariantRuns } from './compare.js';
import { fleetSeries, runMetrics } from './metrics.js';
import type { SimVariant } from './types.js';

/**
 * Simulates the scenario once per variant (the scenario's own `variants`, or `variants` given)
 * and compares them. Progress counts the runs of all variants together.
 * @param sc the resolved scenario
 * @param options workers, progress, signal (`runIndices` is not allowed: a comparison needs every run)
 * @param variants the variants, replacing the scenario's
 * @default variants - sc.variants
 */
export async function runVariants(sc: ResolvedScenario, options: MonteCarloOptions = {}, variants: readonly SimVariant[] = sc.variants ?? []): Promise<ComparisonResult> {
  if (!variants.length) throw new RangeError('runVariants needs at least one variant');
  if (options.runIndices) throw new RangeError('runVariants simulates every run; runIndices (a shard) is not supported');
  const total = variants.length * sc.runs;
  const list: VariantRuns[] = [];
  for (const [k, v] of variants.entries()) {
    const scv = applyVariant(sc, v);
    const runs = await simulateRuns(scv, { ...options, onProgress: (done) => options.onProgress?.(k * sc.runs + done, total) });
    list.push({
      variant: v,
      result: aggregate(scv, runs),
      perRun: runs.map((r) => runMetrics(r, sc.horizonDays)),
      series: runs.map((r) => fleetSeries(r, sc.horizonDays)),
      pushes: runs.map((r) => r.registries.map((g) => g.daily.pushes)),
    });
  }
  return compareVariants(list);
}
