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
  // Most findings have neither an argument nor a reason: one literal, no spreads (this runs once
  // a finding, tens of thousands of times for a large plan).
  if (f.argument === undefined && f.reason === undefined) {
    return { ruleId: f.ruleId, pack: f.pack, severity: f.severity, status: f.status, address: f.address, message: f.message, location: f.location, suppressed: f.suppressed };
  }
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

/**
 * Findings a part of {@link renderJsonParts} holds: about 40 KB of text. A part stays well under
 * the size V8 allocates outside the young generation (128 KB): larger parts, each a long-lived
 * allocation as far as the collector knows, made the whole write several times slower.
 */
export const JSON_PART_FINDINGS = 64;

/** What `JSON.stringify({ findings: [x, ...] }, null, 2)` writes before the first finding and after the last. */
const OPEN = '{\n  "findings": [\n';
const CLOSE = '\n  ]\n}';

/**
 * The text of {@link renderJson}, byte for byte, in parts of {@link JSON_PART_FINDINGS} findings
 * each, made as they are asked for: a report of tens of thousands of findings (tens of megabytes)
 * is never one string, so it is written while later parts are still to be made and each part is
 * garbage once written.
 * @param perPart findings a part holds
 * @default perPart JSON_PART_FINDINGS
 */
export function* renderJsonParts(result: CheckResult, perPart = JSON_PART_FINDINGS): Generator<string, void, undefined> {
  const findings = result.report.findings;
  const rest = { summary: result.report.summary, inputErrors: (result.inputErrors ?? []).map((e) => ({ ...e.location, reason: e.reason })) };
  if (findings.length === 0) {
    yield JSON.stringify({ findings: [], ...rest }, null, 2);
    return;
  }
  // Each part is a document of its own, `{ "findings": [batch] }`, with the brackets cut off:
  // JSON.stringify indents the findings exactly as it would inside the whole report.
  const step = Math.max(1, Math.floor(perPart));
  for (let i = 0; i < findings.length; i += step) {
    const batch: JsonFinding[] = [];
    for (let k = i; k < findings.length && k < i + step; k++) batch.push(toJsonFinding(findings[k]!));
    const text = JSON.stringify({ findings: batch }, null, 2);
    yield (i === 0 ? OPEN : ',\n') + text.slice(OPEN.length, text.length - CLOSE.length);
  }
  // `{\n  "summary": ...}` without its `{\n`, after the findings' closing bracket.
  yield `\n  ],\n${JSON.stringify(rest, null, 2).slice(2)}`;
}
