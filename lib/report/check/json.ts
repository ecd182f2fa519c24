/**
 * JSON report: `{ findings: [...], summary: {...}, inputErrors: [...] }`.
 */
import type { Finding, FindingSummary } from '../../policy/finding.js';
import type { CheckResult } from './check-result.js';

/** One finding in the JSON report: the finding without its rule name and suppression origin. */
export type JsonFinding = Pick<Finding, 'ruleId' | 'pack' | 'severity' | 'status' | 'address' | 'message' | 'location' | 'argument' | 'suppressed' | 'reason'>;

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
    ...(f.argument !== undefined ? { argument: f.argument } : {}),
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
