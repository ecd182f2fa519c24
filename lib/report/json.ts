/**
 * JSON report: `{ findings: [...], summary: {...}, inputErrors: [...] }`.
 */
import type { Finding, FindingLocation, FindingStatus, FindingSummary } from '../policy/finding.js';
import type { PackName, Severity } from '../policy/rule.js';
import type { CheckResult } from './check-result.js';

/** One finding in the JSON report. */
export interface JsonFinding {
  /** Rule id. */
  readonly ruleId: string;
  /** Pack. */
  readonly pack: PackName;
  /** Severity. */
  readonly severity: Severity;
  /** Status. */
  readonly status: FindingStatus;
  /** Registry address. */
  readonly address: string;
  /** Message. */
  readonly message: string;
  /** Location. */
  readonly location: FindingLocation;
  /** Suppressed or not. */
  readonly suppressed: boolean;
  /**
   * Suppression reason.
   * @default - not suppressed
   */
  readonly reason?: string;
}

/** The JSON report document. */
export interface JsonReport {
  /** Findings. */
  readonly findings: readonly JsonFinding[];
  /** Counts. */
  readonly summary: FindingSummary;
  /** Inputs that could not be read: file, line or pointer, reason. */
  readonly inputErrors: ReadonlyArray<{ readonly file: string; readonly line?: number; readonly pointer?: string; readonly reason: string }>;
}

/** One finding as the JSON reports write it. */
export function toJsonFinding(f: Finding): JsonFinding {
  return {
    ruleId: f.ruleId,
    pack: f.pack,
    severity: f.severity,
    status: f.status,
    address: f.address,
    message: f.message,
    location: f.location,
    suppressed: f.suppressed,
    ...(f.reason !== undefined ? { reason: f.reason } : {}),
  };
}

/** Builds the JSON report object. */
export function toJsonReport(result: CheckResult): JsonReport {
  return {
    findings: result.report.findings.map(toJsonFinding),
    summary: result.report.summary,
    inputErrors: (result.inputErrors ?? []).map((e) => ({ ...e.location, reason: e.reason })),
  };
}

/** Renders the JSON report (2-space indented). */
export function renderJson(result: CheckResult): string {
  return JSON.stringify(toJsonReport(result), null, 2);
}
