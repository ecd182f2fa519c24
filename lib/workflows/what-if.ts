/**
 * The default what-if for a fleet (`npm start`): examples/fleet/what-if.yaml applied to the
 * given registries (its headline: lib/report/simulation/headline.ts).
 */
import { fileURLToPath } from 'node:url';
import { displayPath, InputErrors, type InputError } from '../errors.js';
import type { RegistrySpec } from '../model/registry-spec.js';
import { runMonteCarlo, type MonteCarloOptions } from '../sim/montecarlo.js';
import type { SimulationResult } from '../sim/results/result.js';
import { parseScenario } from '../sim/scenario/parse.js';
import { resolveScenarioDocument } from '../sim/scenario/resolve.js';
import { assertAffordable } from '../sim/scenario/bounds.js';
import { readInputText } from '../input/read.js';

/** Path of the default fleet scenario (examples/fleet/what-if.yaml). */
export const DEFAULT_WHAT_IF = fileURLToPath(new URL('../../examples/fleet/what-if.yaml', import.meta.url.replace('/dist/lib/', '/lib/')));

/** Options of {@link defaultWhatIf}. */
export interface WhatIfOptions extends MonteCarloOptions {
  /**
   * Scenario file to use instead of the default.
   * @default DEFAULT_WHAT_IF (examples/fleet/what-if.yaml)
   */
  readonly scenarioPath?: string;
  /**
   * Monte Carlo runs.
   * @default - the scenario's `runs`
   */
  readonly runs?: number;
  /**
   * Simulate even above the cost limits (lib/sim/scenario/bounds.ts COST_LIMITS; `--allow-large`).
   * @default false
   */
  readonly allowLarge?: boolean;
}

/**
 * Simulates `specs` under the default fleet scenario (its registries replaced by `specs`).
 * @param specs the registries, e.g. the fleet example's
 * @param options scenario, runs, worker count and progress
 */
export async function defaultWhatIf(specs: readonly RegistrySpec[], options: WhatIfOptions = {}): Promise<SimulationResult> {
  const path = options.scenarioPath ?? DEFAULT_WHAT_IF;
  const shown = displayPath(path, process.cwd());
  let text: string;
  try {
    text = await readInputText(path, { cwd: process.cwd(), shown, what: 'scenario file', fix: 'check scenarioPath' });
  } catch (e) {
    throw new InputErrors([e as InputError]);
  }
  const doc = parseScenario(text, shown);
  const sc = resolveScenarioDocument({ ...doc, input: { ...doc.input, registries: [] } }, specs, { runs: options.runs });
  assertAffordable(sc, { allowLarge: options.allowLarge ?? false, flag: 'allowLarge: true' });
  return runMonteCarlo(sc, options);
}
