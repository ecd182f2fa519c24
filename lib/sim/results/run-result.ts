/**
 * What one simulation run produces, per registry (plain data and typed arrays, so it crosses
 * worker threads by structured clone).
 */
import type { Tier } from '../../catalog/tiers.js';
import type { CountViolation } from '../engine/limits.js';

/** A control-plane action that could not run because the home region was down. */
export interface BlockedAction {
  /** Minute it was due. */
  readonly minute: number;
  /** What. */
  readonly action: 'config-change' | 'purge';
  /** Event index (config change) or task name (purge). */
  readonly detail: string;
  /**
   * Minute a deferred configuration change took effect.
   * @default - not deferred: a skipped purge run
   */
  readonly deferredTo?: number;
}

/** What identifies an outage-like event, in one run or over the runs. */
export interface OutageEvent {
  /** Index in the scenario's events. */
  readonly event: number;
  /** Event kind. */
  readonly kind: 'region-outage' | 'zone-outage' | 'replica-routing-disabled';
  /** Region. */
  readonly region: string;
  /** Start minute. */
  readonly startMinute: number;
  /** End minute. */
  readonly endMinute: number;
  /** Whether the region was the registry's home. */
  readonly home: boolean;
}

/** One outage-like event as a registry saw it. */
export interface OutageResult extends OutageEvent {
  /** Fraction of pulls served during the event, by client region. */
  readonly availabilityByRegion: Readonly<Record<string, number>>;
  /** Fraction of pushes that succeeded during the event, by client region (regions that push). */
  readonly pushAvailabilityByRegion: Readonly<Record<string, number>>;
  /** Pushes that failed during the event (expected count, all client regions). */
  readonly failedPushes: number;
  /** Manifests pushed to the failed region within the replication lag before it failed (expected count). */
  readonly exposureManifests: number;
  /** Bytes of those manifests (their new layers and manifests). */
  readonly exposureBytes: number;
}

/** Daily series of one registry, one value per day. */
export interface DailySeries {
  /** Bytes of layers referenced by tagged manifests, plus tagged manifests. */
  readonly taggedBytes: Float64Array;
  /** Bytes held only by untagged manifests. */
  readonly untaggedBytes: Float64Array;
  /** Soft-deleted bytes still kept. */
  readonly softDeletedBytes: Float64Array;
  /** Bytes billed (all replica copies). */
  readonly billedBytes: Float64Array;
  /** Cost, USD. */
  readonly costUsd: Float64Array;
  /** Pushes. */
  readonly pushes: Float64Array;
  /** Repositories holding at least one manifest (what the catalog lists). */
  readonly repositories: Float64Array;
  /** Tags. */
  readonly tags: Float64Array;
  /** Manifests (tagged and untagged). */
  readonly manifests: Float64Array;
  /** Tags of the repository with the most. */
  readonly maxTagsPerRepository: Float64Array;
  /** Read requests of one full listing: catalog pages plus each repository's tag pages (lib/catalog/listing.ts). */
  readonly listingRequests: Float64Array;
}

/** One registry's result in one run. */
export interface RegistryRunResult {
  /** Address. */
  readonly address: string;
  /** Name. */
  readonly name: string;
  /** Tier at the horizon. */
  readonly tier: Tier;
  /** Daily series. */
  readonly daily: DailySeries;
  /** Stored bytes (counted once) at the horizon. */
  readonly storedBytesAtHorizon: number;
  /** Highest stored bytes (counted once) over the horizon (what the storage limit sees). */
  readonly maxStoredBytes: number;
  /** Highest stored plus billed soft-deleted bytes, counted once (what included storage sees). */
  readonly maxBillableBytes: number;
  /** Included storage of the tier in force at the horizon, bytes (once). */
  readonly includedBytes: number;
  /** Storage limit of the tier in force at the horizon, bytes. */
  readonly limitBytes: number;
  /** First day billed bytes exceed the included storage of the tier (and replicas) in force that day, or null. */
  readonly firstIncludedExceededDay: number | null;
  /** First day stored bytes exceed the limit of the tier in force that day (possibly extrapolated), or null. */
  readonly limitHitDay: number | null;
  /** Whether {@link limitHitDay} is a linear extrapolation past the horizon. */
  readonly limitHitExtrapolated: boolean;
  /** Set (to 10) when the extrapolated limit day lies beyond that many years from day 0 ({@link limitHitDay} is then null), else null. */
  readonly limitHitBeyondYears: number | null;
  /**
   * Highest share of the included storage used on any day: billed bytes over the allowance of the
   * tier and replicas in force that day (lib/sim/engine/limits.ts storageAllowanceBytes); above 1
   * exactly on the days storage is over its included amount.
   */
  readonly maxIncludedUse: number;
  /** Highest share of the storage limit used on any day: stored bytes (once) over the limit of the tier in force that day. */
  readonly maxLimitUse: number;
  /** The allowance billed bytes are compared with at the horizon (included storage, times the copies when included storage is per replica). */
  readonly billedAllowanceBytes: number;
  /** Total cost over the horizon, USD. */
  readonly totalCostUsd: number;
  /** Cost per 30-day month, USD (the last may be partial). */
  readonly monthlyCostUsd: readonly number[];
  /** Highest month, a partial last month scaled to 30 days. */
  readonly maxMonthlyCostUsd: number;
  /** Minutes with a replica over its read or write rate limit. */
  readonly throttledMinutes: number;
  /** Requests over the rate limits. */
  readonly throttledRequests: number;
  /** Fraction of pulls served over the horizon, by client region. */
  readonly availabilityByRegion: Readonly<Record<string, number>>;
  /** Fraction of pushes that succeeded over the horizon, by client region (regions that push). */
  readonly pushAvailabilityByRegion: Readonly<Record<string, number>>;
  /** Pushes that failed over the horizon (expected count; the store still holds them: clients retry). */
  readonly failedPushes: number;
  /** Manifests untagged and deleted by `untag` and `delete` events. */
  readonly eventManifests: { readonly untagged: number; readonly deleted: number };
  /** Outage-like events that touched the registry. */
  readonly outages: readonly OutageResult[];
  /** Control-plane actions blocked by a home-region outage. */
  readonly blocked: readonly BlockedAction[];
  /** Purge statistics. */
  readonly purge: { readonly runs: number; readonly blockedRuns: number; readonly tagsDeleted: number; readonly manifestsDeleted: number; readonly taskSeconds: number };
  /** Retention deletes. */
  readonly retentionDeleted: number;
  /** Pushes over the horizon. */
  readonly pushes: number;
  /** Repositories at the horizon. */
  readonly repositories: number;
  /** Counts over tier maxima. */
  readonly countViolations: readonly CountViolation[];
  /** Settings the tier or combination does not allow, ignored. */
  readonly warnings: readonly string[];
  /** Raw 32-bit random values drawn. */
  readonly draws: number;
  /** Normal variates drawn (each lognormal sample is one). */
  readonly normals: number;
}

/** One run. */
export interface RunResult {
  /** Run index. */
  readonly run: number;
  /** Per registry, scenario order. */
  readonly registries: readonly RegistryRunResult[];
}
