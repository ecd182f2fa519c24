/**
 * The result of `acrkit review`: changes, findings delta, cost delta and (with a scenario)
 * the simulator on base and head.
 */
import type { InputError } from '../errors.js';
import type { Finding } from '../policy/finding.js';
import type { ResourceChange } from './diff.js';

/**
 * Findings of head against base, matched by rule, registry and message. Each list holds
 * findings of every status: `unknown` ones (a value not known statically) are counted apart
 * from the others wherever a report gives a count.
 */
export interface FindingsDelta {
  /** In head, not in base (unsuppressed). */
  readonly new: readonly Finding[];
  /** In base, not in head, on a registry head still has (unsuppressed). */
  readonly fixed: readonly Finding[];
  /**
   * In base, on a registry head no longer has: removed with the registry, not fixed (unsuppressed).
   * @default []
   */
  readonly removed?: readonly Finding[];
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

/** Included storage and the storage limit of one side of a forecast, and when it crosses them. */
export interface ForecastStorage {
  /** Included storage of the side's tier, GiB (counted once). */
  readonly includedGiB: number;
  /** Storage limit of the side's tier, GiB. */
  readonly limitGiB: number;
  /** First day billed storage is over the included storage (p50 over runs); null: not within the horizon. */
  readonly includedDay: number | null;
  /** Day stored bytes hit the limit (p50, extrapolated past the horizon up to ten years); null: not within ten years. */
  readonly limitDay: number | null;
}

/** One registry's storage forecast, base and head. */
export interface ForecastDelta {
  /** Registry address (the construct path for cdktf inputs). */
  readonly address: string;
  /** Stored GiB per day on base (mean of runs: the parts add up); null: the registry is absent. */
  readonly base: readonly number[] | null;
  /** Stored GiB per day on head; null: the registry is absent. */
  readonly head: readonly number[] | null;
  /**
   * Included storage, limit and the days they are crossed, per side (null where absent).
   * @default - not known (a forecast made before acrkit recorded it)
   */
  readonly storage?: { readonly base: ForecastStorage | null; readonly head: ForecastStorage | null };
}

/** One side's outcome of a scenario assertion. */
export interface AssertionOutcome {
  /** Value at the assertion's percentile (null: never). */
  readonly actual: number | null;
  /** Threshold on this side (storage thresholds follow the side's tier). */
  readonly threshold: number;
  /** Whether it holds. */
  readonly passed: boolean;
}

/** A scenario assertion on base and head. */
export interface AssertionDelta {
  /** Index in the scenario's assertions. */
  readonly index: number;
  /** Kind (`storage-below`, `monthly-cost-below`, ...). */
  readonly kind: string;
  /** What is checked, in words (head's wording where head has it). */
  readonly text: string;
  /** Percentile used. */
  readonly percentile: string;
  /** Registry (its review name), `name (region clients)`, or `fleet`. */
  readonly subject: string;
  /** `file:line` of the assertion. */
  readonly where: string;
  /** Outcome on base (null: the subject is absent there). */
  readonly base: AssertionOutcome | null;
  /** Outcome on head (null: the subject is absent there). */
  readonly head: AssertionOutcome | null;
  /** Fails on head and held on base (or is new on head): it fails the review. One that fails on both is shown, not failed on. */
  readonly failing: boolean;
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
  readonly forecast: readonly ForecastDelta[];
  /**
   * The scenario's assertions on base and head.
   * @default []
   */
  readonly assertions?: readonly AssertionDelta[];
}

/** What a review's verdict rests on: what fails it, and what it warns about. */
export interface VerdictReason {
  /**
   * `input-error`: an input could not be read; `destructive`: data is deleted; `rejected`:
   * Azure refuses the change at apply; `finding`: a new finding at or above `--fail-on`;
   * `assertion`: a scenario assertion fails on head that held on base; `access-loss`: a
   * permissions-mode switch ends data-plane access (fails unless `--allow-access-loss`); and
   * warnings that never fail the review: `irreversible` (cannot be undone), `access-widened` (a
   * switch back widens data-plane access), `drift` (a live registry differs from its
   * configuration).
   */
  readonly kind: 'input-error' | 'destructive' | 'rejected' | 'finding' | 'assertion' | 'irreversible' | 'access-loss' | 'access-widened' | 'drift';
  /** How many changes, findings, assertions or inputs. */
  readonly count: number;
  /** Whether it fails the review (destructive changes allowed by `--allow-destroy`, access loss allowed by `--allow-access-loss`, and the warnings do not). */
  readonly fails: boolean;
  /** In words, with the way out. */
  readonly message: string;
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
  /**
   * Registries in the inputs (a plan's registries, changed or not; base and head together).
   * @default - not counted
   */
  readonly registries?: number;
  /**
   * Resources a plan changes that are neither registries nor their companions: counted in one
   * line, never listed with their attributes.
   * @default 0
   */
  readonly otherResources?: number;
  /** `fail` when any of {@link reasons} fails the review, else `pass`. */
  readonly verdict: 'pass' | 'fail';
  /** What fails the review, and what it warns about; empty for a plain pass. */
  readonly reasons: readonly VerdictReason[];
  /** The review in one line, without status marks: "3 changes, 1 destructive, 0 new findings, ...". */
  readonly summary: string;
  /** 0 pass, 1 fail, 2 bad input (also a fail). */
  readonly exitCode: 0 | 1 | 2;
}
