/**
 * CheckResult: what `acrkit check` hands to every reporter — the policy report and the
 * input errors met while reading (reported alongside the findings, never instead of them).
 */
import type { InputError } from '../../errors.js';
import type { PolicyReport } from '../../policy/engine.js';
import type { FailOn } from '../../policy/finding.js';

/** Findings plus the input problems of one run. */
export interface CheckResult {
  /** The policy report. */
  readonly report: PolicyReport;
  /**
   * Inputs that could not be read or understood.
   * @default []
   */
  readonly inputErrors?: readonly InputError[];
}

/** Options every reporter accepts. */
export interface RenderOptions {
  /**
   * Repository root that file paths are made relative to (SARIF `artifactLocation.uri`,
   * GitHub Actions `file=`).
   * @default process.cwd()
   */
  readonly cwd?: string;
  /**
   * Colour the text output.
   * @default false
   */
  readonly color?: boolean;
  /**
   * Threshold a finding fails the run at (JUnit marks those as `<failure>`).
   * @default 'error'
   */
  readonly failOn?: FailOn;
}
