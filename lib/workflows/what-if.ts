/**
 * The default what-if for a fleet (`npm start`): examples/fleet/what-if.yaml applied to the
 * given registries, and a one-paragraph headline of the result.
 */
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { displayPath } from '../errors.js';
import type { RegistrySpec } from '../model/registry-spec.js';
import { MAX_HORIZON_DAYS } from '../sim/constants.js';
import { formatBytes } from '../sim/scenario/duration.js';
import { runMonteCarlo, type MonteCarloOptions } from '../sim/montecarlo.js';
import type { SimulationResult } from '../sim/results/result.js';
import { parseScenario } from '../sim/scenario/parse.js';
import { resolveScenarioDocument } from '../sim/scenario/resolve.js';
import { usd } from '../format/tables.js';

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
}

/**
 * Simulates `specs` under the default fleet scenario (its registries replaced by `specs`).
 * @param specs the registries, e.g. the fleet example's
 * @param options scenario, runs, worker count and progress
 */
export async function defaultWhatIf(specs: readonly RegistrySpec[], options: WhatIfOptions = {}): Promise<SimulationResult> {
  const path = options.scenarioPath ?? DEFAULT_WHAT_IF;
  const doc = parseScenario(readFileSync(path, 'utf8'), displayPath(path, process.cwd()));
  const sc = resolveScenarioDocument({ ...doc, input: { ...doc.input, registries: [] } }, specs, { runs: options.runs });
  return runMonteCarlo(sc, options);
}

/** Monthly cost, storage at the horizon, first limit day and worst outage exposure, in a few lines. */
export function headline(r: SimulationResult): string {
  const cost = r.fleet.maxMonthlyCostUsd.p50 ?? 0;
  const stored = r.fleet.storedBytesAtHorizon.p50 ?? 0;
  let firstIncluded: { name: string; day: number } | undefined;
  let firstLimit: { name: string; day: number; ex: boolean } | undefined;
  let worst: { name: string; bytes: number; manifests: number; region: string } | undefined;
  for (const g of r.registries) {
    const d = g.metrics.firstIncludedExceededDay.p50;
    if (d !== null && (!firstIncluded || d < firstIncluded.day)) firstIncluded = { name: g.name, day: d };
    const l = g.metrics.limitHitDay.p50;
    const credible = l !== null && !(g.limitHitExtrapolated && l > MAX_HORIZON_DAYS);
    if (credible && (!firstLimit || l < firstLimit.day)) firstLimit = { name: g.name, day: l, ex: g.limitHitExtrapolated };
    for (const o of g.outages) {
      const b = o.exposureBytes.p50 ?? 0;
      if (!worst || b > worst.bytes) worst = { name: g.name, bytes: b, manifests: o.exposureManifests.p50 ?? 0, region: o.region };
    }
  }
  const lines = [
    `What-if (${r.runs} runs, seed ${r.seed}, ${r.horizonDays} days): fleet cost up to ${usd(cost)} a month (median), ${formatBytes(stored)} stored at the horizon.`,
    firstIncluded ? `Included storage first exceeded: ${firstIncluded.name} on day ${Math.round(firstIncluded.day)}.` : 'No registry exceeds its included storage.',
    firstLimit
      ? `Storage limit: ${firstLimit.name} would hit it on day ${Math.round(firstLimit.day)}${firstLimit.ex ? ' (linear extrapolation past the horizon)' : ''}.`
      : `No registry reaches its storage limit within ${MAX_HORIZON_DAYS / 365} years at its current growth.`,
    worst ? `Worst outage exposure: ${worst.name}, ${worst.manifests.toFixed(2)} manifests (${formatBytes(worst.bytes)}) unreplicated when ${worst.region} failed.` : 'No outages simulated.',
  ];
  if (r.assertions.length) lines.push(r.passed ? `All ${r.assertions.length} assertion checks hold.` : `${r.assertions.filter((a) => !a.passed).length} of ${r.assertions.length} assertion checks fail.`);
  return lines.join('\n');
}
