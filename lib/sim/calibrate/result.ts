/**
 * What `acrkit simulate calibrate` produces (`--format json` prints it).
 */
import type { CalibrationFit } from './fit.js';

/** A calibration: the fit, with its replay, and the fitted scenario. */
export interface CalibrationResult {
  /** Kind of result. */
  readonly kind: 'calibration';
  /** The metrics file, as messages show it. */
  readonly file: string;
  /** The fit. */
  readonly fit: CalibrationFit;
  /** The fitted scenario, YAML with comments. */
  readonly scenarioYaml: string;
  /**
   * Where the scenario was written (`--out`).
   * @default - not written to a file
   */
  readonly scenarioFile?: string;
}
