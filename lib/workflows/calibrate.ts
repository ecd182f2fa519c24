/**
 * `acrkit simulate calibrate METRICS.json`, the file side: reads an Azure Monitor metrics
 * export of a registry, fits the workload (lib/sim/calibrate) and builds the fitted scenario.
 * Every problem with the file is an InputErrors (exit 2) with the file, pointer, value and fix.
 */
import { displayPath, InputError, InputErrors, UsageError } from '../errors.js';
import { readInputText } from '../input/read.js';
import type { Tier } from '../catalog/tiers.js';
import { CalibrationDataError, fitWorkload, type CalibrationOptions } from '../sim/calibrate/fit.js';
import { METRICS_COMMAND, parseMetricsExport } from '../sim/calibrate/metrics.js';
import type { CalibrationResult } from '../sim/calibrate/result.js';
import { fittedScenario } from '../sim/calibrate/scenario.js';
import { MAX_INITIAL_REPOSITORIES } from '../sim/scenario/bounds.js';

/** Options of {@link calibrateFromFile}. */
export interface CalibrateOptions extends CalibrationOptions {
  /**
   * Working directory relative paths resolve against (and are shown relative to).
   * @default process.cwd()
   */
  readonly cwd?: string;
  /**
   * Registry name in the fitted scenario.
   * @default - the name in the export, else `calibrated`
   */
  readonly registry?: string;
  /**
   * Home region (canonical name) in the fitted scenario.
   * @default - the export's region, else westeurope
   */
  readonly location?: string;
  /**
   * Tier in the fitted scenario.
   * @default - the cheapest tier with a retention policy (Premium) when `retentionDays` > 0, else 'Standard'
   */
  readonly tier?: Tier;
  /**
   * Repositories in the fitted scenario, 1 to {@link MAX_INITIAL_REPOSITORIES} (the scenario format's maximum).
   * @default 10
   */
  readonly repositories?: number;
  /**
   * Horizon of the fitted scenario.
   * @default 'P365D'
   */
  readonly horizon?: string;
}

/** Reads, fits and builds the scenario. Throws InputErrors for a file that cannot be used. */
export async function calibrateFromFile(path: string, options: CalibrateOptions = {}): Promise<CalibrationResult> {
  const cwd = options.cwd ?? process.cwd();
  const reps = options.repositories;
  if (reps !== undefined && (!Number.isInteger(reps) || reps < 1 || reps > MAX_INITIAL_REPOSITORIES)) {
    throw new UsageError(`repositories must be an integer from 1 to ${MAX_INITIAL_REPOSITORIES} (the scenario format's maximum), got ${reps}: give the registry's repository count (az acr repository list).`);
  }
  const shown = displayPath(path, cwd);
  let text: string;
  try {
    text = await readInputText(path, { cwd, shown, what: 'metrics export', fix: `write it with ${METRICS_COMMAND}` });
  } catch (e) {
    throw new InputErrors([e as InputError]);
  }
  const history = parseMetricsExport(text, shown);
  let fit;
  try {
    fit = fitWorkload(history, options);
  } catch (e) {
    if (!(e instanceof CalibrationDataError)) throw e;
    throw new InputErrors([new InputError({ file: shown, pointer: e.pointer }, `${e.message}: export a longer timespan (e.g. --offset 30d) with --interval P1D.`)]);
  }
  const scenario = fittedScenario(fit, { file: shown, registry: options.registry, location: options.location, tier: options.tier, repositories: options.repositories, horizon: options.horizon });
  return { kind: 'calibration', file: shown, fit, scenarioYaml: scenario.yaml };
}
