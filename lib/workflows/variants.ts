/**
 * Variants side by side, the file side: loads a scenario, takes its `variants:` or the
 * `--vary` options (which replace them), and compares the variants on common random numbers
 * (lib/sim/variants).
 */
import { UsageError } from '../errors.js';
import type { MonteCarloOptions } from '../sim/montecarlo.js';
import { assertAffordable } from '../sim/scenario/bounds.js';
import type { ResolvedScenario } from '../sim/scenario/model.js';
import type { ComparisonResult } from '../sim/variants/compare.js';
import { runVariants } from '../sim/variants/run.js';
import type { SimVariant } from '../sim/variants/types.js';
import { variantsFromVary } from '../sim/variants/vary.js';
import { loadScenario, type LoadScenarioOptions } from './load-scenario.js';

/**
 * The variants to compare: those of `--vary` (the cartesian product; they replace the
 * scenario's), else the scenario's own; undefined when there are none (one simulation).
 * Throws a UsageError for a bad `--vary` (a replica in a registry's home region among them).
 */
export function chooseVariants(sc: ResolvedScenario, vary: readonly string[] = []): readonly SimVariant[] | undefined {
  if (vary.length) return variantsFromVary(vary, sc.registries);
  return sc.variants?.length ? sc.variants : undefined;
}

/** Options of {@link compareScenarioVariants}. */
export interface CompareVariantsOptions extends LoadScenarioOptions, Omit<MonteCarloOptions, 'runIndices'> {
  /**
   * `--vary key=v1,v2` options; they replace the scenario's variants.
   * @default - the scenario's `variants:`
   */
  readonly vary?: readonly string[];
  /**
   * Simulate even above the cost limits (lib/sim/scenario/bounds.ts COST_LIMITS; `--allow-large`).
   * @default false
   */
  readonly allowLarge?: boolean;
}

/**
 * Loads a scenario and compares its variants (or those of `vary`). Throws InputErrors for a
 * bad scenario or one above the cost limits (every variant counted, as `simulate` counts them),
 * a UsageError for a bad `vary` or a scenario with no variants.
 * @param path the scenario file
 * @param options loading, Monte Carlo and `vary` options
 */
export async function compareScenarioVariants(path: string, options: CompareVariantsOptions = {}): Promise<ComparisonResult> {
  const sc = await loadScenario(path, options);
  const variants = chooseVariants(sc, options.vary);
  if (!variants) {
    throw new UsageError(`a comparison needs variants, got none in ${path}: add a variants: list to the scenario or pass --vary key=v1,v2.`);
  }
  assertAffordable(sc, { runs: sc.runs, variants: variants.length, allowLarge: options.allowLarge ?? false, flag: 'allowLarge: true' });
  return runVariants(sc, options, variants);
}
