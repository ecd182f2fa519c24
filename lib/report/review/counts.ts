/**
 * Counts every review format states the same way: findings apart from unknowns, and the one
 * line for the resources a plan changes that the review does not cover.
 */
import { counted } from '../../format/counts.js';
import type { Finding } from '../../policy/finding.js';
import type { FindingsDelta, ReviewResult } from '../../review/review-types.js';

/** Findings that are not `unknown` (a value not known statically is not a finding). */
export function decided(list: readonly Finding[] | undefined): number {
  return (list ?? []).filter((f) => f.status !== 'unknown').length;
}

/**
 * "2 new, 10 unknown, 1 fixed, 3 removed with the registry, 4 unchanged, 0 suppressed": new
 * findings and new unknowns apart; unknown and removed only when there are any.
 */
export function findingCounts(f: FindingsDelta): string {
  const newFindings = decided(f.new);
  const unknown = f.new.length - newFindings;
  const removed = f.removed?.length ?? 0;
  return [
    `${newFindings} new`,
    ...(unknown ? [`${unknown} unknown`] : []),
    `${f.fixed.length} fixed`,
    ...(removed ? [`${removed} removed with the registry`] : []),
    `${f.unchanged.length} unchanged`,
    `${f.suppressed.length} suppressed`,
  ].join(', ');
}

/** "31 other resources change; not reviewed." for a plan's resources outside the review, or `''`. */
export function otherLine(r: Pick<ReviewResult, 'otherResources'>): string {
  const n = r.otherResources ?? 0;
  return n ? `${counted(n, 'other resource')} ${n === 1 ? 'changes' : 'change'}; not reviewed.` : '';
}

/** How a review reads at a glance: `fail`, `warn` (passes, with something to look at) or `pass`. */
export type VerdictTone = 'pass' | 'warn' | 'fail';

/**
 * The review's tone: `fail` when it fails; `warn` when it passes with a warning (a destructive
 * change allowed, an irreversible one) or a new finding below `--fail-on`; else `pass`.
 */
export function verdictTone(r: Pick<ReviewResult, 'verdict' | 'reasons' | 'findings'>): VerdictTone {
  if (r.verdict === 'fail') return 'fail';
  return r.reasons.length || decided(r.findings.new) ? 'warn' : 'pass';
}

/** The verdict in a word or three: "Fail", "Pass, with warnings", "Pass". */
export function verdictWord(tone: VerdictTone): string {
  return tone === 'fail' ? 'Fail' : tone === 'warn' ? 'Pass, with warnings' : 'Pass';
}

/** The verdict line of the text format and of `--out`'s line on stderr: "FAIL: 3 changes, ...". */
export function verdictLine(r: Pick<ReviewResult, 'verdict' | 'reasons' | 'findings' | 'summary'>): string {
  const tone = verdictTone(r);
  return `${tone === 'fail' ? 'FAIL' : tone === 'warn' ? 'PASS (with warnings)' : 'PASS'}: ${r.summary}`;
}
