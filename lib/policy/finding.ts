/**
 * Findings: what the policy engine reports, the one shape every reporter reads.
 */
import type { Location } from '../input/location.js';
import type { PackName, Severity } from './rule.js';
import type { FindingArgument } from './finding-argument.js';

/** Outcome of one rule on one registry that a report shows. */
export type FindingStatus =
  /** The rule found a problem. */
  | 'non-compliant'
  /** A value the rule needs is Unknown (a variable or a reference), so it could not decide. */
  | 'unknown'
  /** The rule itself failed (a bug, or an input it could not handle). */
  | 'error';

/** Where a finding points (the input's {@link Location}). */
export type FindingLocation = Location;

/** How a finding was suppressed. */
export interface SuppressionInfo {
  /** `inSource`: a `# acrkit:ignore` comment or `AcrPolicy.suppress`; `external`: acrkit.config.json. */
  readonly kind: 'inSource' | 'external';
  /** Where the suppression is written (`file:line`, config file, or construct path). */
  readonly origin: string;
}

/** One finding. */
export interface Finding {
  /** Rule id, e.g. `ACR-SEC-001`. */
  readonly ruleId: string;
  /** Rule name, e.g. `AdminUserDisabled`. */
  readonly ruleName: string;
  /** Pack of the rule. */
  readonly pack: PackName;
  /** Severity (the rule's; `error` for a rule that threw). */
  readonly severity: Severity;
  /** Status. */
  readonly status: FindingStatus;
  /** Registry address. */
  readonly address: string;
  /** `<what> <rule>, got <value>: <fix>.` in the naming of the input. */
  readonly message: string;
  /** Where it points. */
  readonly location: FindingLocation;
  /** Whether a suppression covers it. */
  readonly suppressed: boolean;
  /**
   * The suppression's reason.
   * @default - not suppressed
   */
  readonly reason?: string;
  /**
   * How it was suppressed.
   * @default - not suppressed
   */
  readonly suppression?: SuppressionInfo;
  /**
   * The argument the finding is about and where it is written (`.tf` inputs): annotations point
   * at this line; `location` stays the registry's.
   * @default - not known (the finding points at the registry)
   */
  readonly argument?: FindingArgument;
}

/** Counts of a report. Severities count unsuppressed non-compliant and error findings. */
export interface FindingSummary {
  /** Unsuppressed findings of severity error. */
  readonly error: number;
  /** Unsuppressed findings of severity warning. */
  readonly warning: number;
  /** Unsuppressed findings of severity info. */
  readonly info: number;
  /** Suppressed findings (any status). */
  readonly suppressed: number;
  /** Unsuppressed findings with status unknown. */
  readonly unknown: number;
}

/** Summarizes findings. */
export function summarize(findings: readonly Finding[]): FindingSummary {
  // Counters in locals and an indexed loop: no iterator and no keyed store a finding.
  let error = 0, warning = 0, info = 0, suppressed = 0, unknown = 0;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    if (f.suppressed) suppressed++;
    else if (f.status === 'unknown') unknown++;
    else if (f.severity === 'error') error++;
    else if (f.severity === 'warning') warning++;
    else info++;
  }
  return { error, warning, info, suppressed, unknown };
}

/** Threshold for failing a run. */
export type FailOn = Severity | 'never';

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** Whether {@link failing} has any finding, without making the list (stops at the first). */
export function anyFailing(findings: readonly Finding[], failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  const min = RANK[failOn];
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    if (!f.suppressed && f.status !== 'unknown' && RANK[f.severity] >= min) return true;
  }
  return false;
}

/** Unsuppressed, decided findings at or above `failOn` (unknowns never fail a run). */
export function failing(findings: readonly Finding[], failOn: FailOn): Finding[] {
  if (failOn === 'never') return [];
  return findings.filter((f) => !f.suppressed && f.status !== 'unknown' && RANK[f.severity] >= RANK[failOn]);
}
