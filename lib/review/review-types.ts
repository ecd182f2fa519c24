/**
 * The result of `acrkit review`: changes, findings delta, cost delta and (with a scenario)
 * the simulator on base and head.
 */
import type { InputError } from '../errors.js';
import type { Finding } from '../policy/finding.js';
import type { ResourceChange } from './diff.js';

/** Findings of head against base, matched by rule, registry and message. */
export interface FindingsDelta {
  /** In head, not in base (unsuppressed). */
  readonly new: readonly Finding[];
  /** In base, not in head (unsuppressed). */
  readonly fixed: readonly Finding[];
  /** In both (unsuppressed, head's copy). */
  readonly unchanged: readonly Finding[];
  /** Suppressed in head (any of the above), listed apart. */
  readonly suppressed: readonly Finding[];
}

/** Monthly base cost of one registry, base vs head (USD; null when the tier is unknown or absent). */
export interface RegistryCost {
  /** Registry address. */
  readonly address: string;
  /** Base. */
  readonly base: number | null;
  /** Head. */
  readonly head: number | null;
  /** head - base, treating absent as 0; null when a side's tier is unknown. */
  readonly delta: number | null;
}

/** Cost delta: registry and replica units, 30-day month, from the catalog (totals over known costs). */
export interface CostDelta {
  /** Total base. */
  readonly base: number;
  /** Total head. */
  readonly head: number;
  /** head - base. */
  readonly delta: number;
  /** Per registry. */
  readonly registries: readonly RegistryCost[];
  /** Registries whose cost is unknown (left out of the totals). */
  readonly unknown: number;
}

/** Simulator figures for one registry, base vs head, at the scenario's percentiles. */
export interface SimulationDeltaRow {
  /** Registry address. */
  readonly address: string;
  /** Metric name, e.g. `stored GiB at horizon (p50)`. */
  readonly metric: string;
  /** Base value (null: the registry is absent or the day is never reached). */
  readonly base: number | null;
  /** Head value. */
  readonly head: number | null;
}

/** The simulator on base and head, same scenario and seed. */
export interface SimulationDelta {
  /** Scenario file. */
  readonly scenario: string;
  /** Seed used for both. */
  readonly seed: number;
  /** Runs used for both. */
  readonly runs: number;
  /** Horizon in days. */
  readonly horizonDays: number;
  /** Rows per registry and metric. */
  readonly rows: readonly SimulationDeltaRow[];
  /** Stored GiB per day (mean of runs: the parts add up) of each registry, base and head, for the forecast chart. */
  readonly forecast: ReadonlyArray<{ readonly address: string; readonly base: readonly number[] | null; readonly head: readonly number[] | null }>;
}

/** Everything a review shows. */
export interface ReviewResult {
  /** What base and head are (paths, or the plan). */
  readonly inputs: { readonly base: readonly string[]; readonly head: readonly string[]; readonly plan?: string };
  /** Changes, registries first. */
  readonly changes: readonly ResourceChange[];
  /** Findings delta. */
  readonly findings: FindingsDelta;
  /** Cost delta. */
  readonly cost: CostDelta;
  /**
   * Simulator on base and head.
   * @default - no scenario given
   */
  readonly simulation?: SimulationDelta;
  /** Input errors (exit 2). */
  readonly inputErrors: readonly InputError[];
  /** One-line verdict. */
  readonly verdict: string;
  /** 0 ok, 1 destructive change or new finding at/above fail-on, 2 bad input. */
  readonly exitCode: 0 | 1 | 2;
}
