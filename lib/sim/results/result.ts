/**
 * The aggregated result of a simulation (what `acrkit simulate --format json` prints).
 */
import type { Tier } from '../../catalog/tiers.js';
import type { CountViolation } from '../engine/limits.js';
import type { BlockedAction, OutageEvent } from './run-result.js';
import type { SimAssumptions, SimFailover } from '../scenario/model.js';
import type { PercentileName } from '../scenario/types.js';
import type { SeriesSummary, Summary } from './stats.js';
import type { CountsSummary } from './counts.js';

/** One outage-like event, over the runs. */
export interface OutageSummary extends OutageEvent {
  /** Pull availability during the event, by client region. */
  readonly availabilityByRegion: Readonly<Record<string, Summary>>;
  /**
   * Push availability during the event, by client region that pushes.
   * @default - not reported (a result built by hand)
   */
  readonly pushAvailabilityByRegion?: Readonly<Record<string, Summary>>;
  /**
   * Pushes failed during the event (expected count).
   * @default - not reported
   */
  readonly failedPushes?: Summary;
  /** Manifests not yet replicated when the region failed. */
  readonly exposureManifests: Summary;
  /** Their bytes. */
  readonly exposureBytes: Summary;
}

/** One registry, over the runs. */
export interface RegistrySummary {
  /** Address. */
  readonly address: string;
  /** Name. */
  readonly name: string;
  /** Tier at day 0. */
  readonly tier: Tier;
  /** Tier at the horizon. */
  readonly tierAtHorizon: Tier;
  /** Home region. */
  readonly home: string;
  /** Replica regions at day 0. */
  readonly replicas: readonly string[];
  /** Included storage (once), bytes. */
  readonly includedBytes: number;
  /** Storage limit (once), bytes. */
  readonly limitBytes: number;
  /** Scalar outputs. Days are 0-based from day 0; null = never. */
  readonly metrics: {
    readonly storedBytesAtHorizon: Summary;
    readonly maxStoredBytes: Summary;
    readonly maxBillableBytes: Summary;
    readonly billedBytesAtHorizon: Summary;
    readonly totalCostUsd: Summary;
    readonly maxMonthlyCostUsd: Summary;
    readonly throttledMinutes: Summary;
    readonly throttledRequests: Summary;
    readonly pushes: Summary;
    readonly repositories: Summary;
    readonly retentionDeleted: Summary;
    readonly firstIncludedExceededDay: Summary;
    readonly limitHitDay: Summary;
    /**
     * Highest share of the included storage used on any day (billed bytes over the allowance in force that day; over 1 = exceeded).
     * @default - not reported (a result built by hand)
     */
    readonly maxIncludedUse?: Summary;
    /**
     * Highest share of the storage limit used on any day (stored bytes over the limit of the tier in force that day).
     * @default - not reported
     */
    readonly maxLimitUse?: Summary;
    /**
     * Pushes failed over the horizon (expected count).
     * @default - not reported
     */
    readonly failedPushes?: Summary;
  };
  /** Whether a limit day is a linear extrapolation past the horizon in some run. */
  readonly limitHitExtrapolated: boolean;
  /**
   * 10 when in some run the limit would be hit only beyond 10 years from day 0 (its limit day is then null, not an extrapolated day).
   * @default - null: no such run
   */
  readonly limitHitBeyondYears?: number | null;
  /**
   * The allowance billed bytes are compared with at the horizon: included storage, times the copies when included storage is per replica.
   * @default - includedBytes
   */
  readonly billedAllowanceBytes?: number;
  /** Cost per 30-day month. */
  readonly monthlyCostUsd: readonly Summary[];
  /** Pull availability over the horizon, by client region. */
  readonly availabilityByRegion: Readonly<Record<string, Summary>>;
  /**
   * Push availability over the horizon, by client region that pushes.
   * @default - not reported
   */
  readonly pushAvailabilityByRegion?: Readonly<Record<string, Summary>>;
  /** Outage-like events. */
  readonly outages: readonly OutageSummary[];
  /** Control-plane actions blocked by home-region outages (the same in every run). */
  readonly blocked: readonly BlockedAction[];
  /** Purge tasks. */
  readonly purge: { readonly runs: number; readonly blockedRuns: number; readonly tagsDeleted: Summary; readonly manifestsDeleted: Summary };
  /** Counts over tier maxima. */
  readonly countViolations: readonly CountViolation[];
  /** Ignored settings and assumptions made. */
  readonly warnings: readonly string[];
  /**
   * What the workload's preset implies that the scenario does not write (lib/sim/scenario/presets.ts presetAssumptions).
   * @default - nothing implied
   */
  readonly assumptions?: readonly string[];
  /**
   * Repository, tag and manifest counts, listing cost and growth warnings (counts.ts).
   * @default - not reported (a result built by hand)
   */
  readonly counts?: CountsSummary;
  /** Daily series, percentiles per day. */
  readonly daily: {
    readonly taggedBytes: SeriesSummary;
    readonly untaggedBytes: SeriesSummary;
    readonly softDeletedBytes: SeriesSummary;
    readonly billedBytes: SeriesSummary;
    readonly costUsd: SeriesSummary;
  };
}

/** The outcome of one assertion. */
export interface AssertionResult {
  /** Index in the scenario's assertions. */
  readonly index: number;
  /** Kind. */
  readonly kind: string;
  /** What was checked, in words. */
  readonly text: string;
  /** Percentile used. */
  readonly percentile: PercentileName;
  /** Registry (or `fleet`). */
  readonly subject: string;
  /** Value at the percentile (null = never). */
  readonly actual: number | null;
  /** Threshold. */
  readonly threshold: number;
  /** Whether it holds. */
  readonly passed: boolean;
  /** `file:line` of the assertion. */
  readonly where: string;
}

/** Everything but the assertions (what assertions are evaluated on). */
export interface SimulationFigures {
  /** Scenario name. */
  readonly scenario: string;
  /** Scenario file. */
  readonly file: string;
  /** Seed used. */
  readonly seed: number;
  /** Runs used. */
  readonly runs: number;
  /** Days simulated. */
  readonly horizonDays: number;
  /** Billing assumptions in force. */
  readonly assumptions: SimAssumptions;
  /** Failover constants in force. */
  readonly failover: SimFailover;
  /** Per registry. */
  readonly registries: readonly RegistrySummary[];
  /** Fleet totals. */
  readonly fleet: { readonly maxMonthlyCostUsd: Summary; readonly totalCostUsd: Summary; readonly storedBytesAtHorizon: Summary };
}

/** A simulation's result. */
export interface SimulationResult extends SimulationFigures {
  /** Assertion outcomes, one or more per scenario assertion (one per registry and region checked). */
  readonly assertions: readonly AssertionResult[];
  /** Whether every assertion holds. */
  readonly passed: boolean;
}
