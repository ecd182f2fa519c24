/**
 * Repository, tag and manifest counts over the runs: day 0, the horizon and the most over the
 * horizon (percentiles over runs), their daily percentiles, what one full listing of them costs
 * in read requests (the catalog and each repository's tags are listed a page at a time:
 * lib/catalog/listing.ts) against the tier's read limit, and a warning when they grow with no
 * purge or retention to bound them, naming the one that would.
 */
import { LIST_PAGE_SIZE } from '../../catalog/listing.js';
import { tierSupports, type Tier } from '../../catalog/tiers.js';
import { rateLimits } from '../engine/limits.js';
import type { ResolvedScenario, SimRegistry } from '../scenario/model.js';
import type { RegistryRunResult } from './run-result.js';
import { summarize, summarizeSeries, type SeriesSummary, type Summary } from './stats.js';

/** The counted things, as named in {@link CountsSummary}. */
export interface CountFigures<T> {
  /** Repositories holding at least one manifest. */
  readonly repositories: T;
  /** Tags. */
  readonly tags: T;
  /** Manifests, tagged and untagged. */
  readonly manifests: T;
  /** Tags of the repository with the most. */
  readonly maxTagsPerRepository: T;
  /** Read requests of one full listing (catalog pages plus every repository's tag pages). */
  readonly listingRequests: T;
}

/** A registry's counts over the runs. */
export interface CountsSummary {
  /** On day 0 (after its pushes, retention and purge). */
  readonly start: CountFigures<Summary>;
  /** On the last day. */
  readonly horizon: CountFigures<Summary>;
  /** The most on any day. */
  readonly max: CountFigures<Summary>;
  /** Percentiles per day. */
  readonly daily: CountFigures<SeriesSummary>;
  /** One full listing against the read limit of the tier in force at the horizon. */
  readonly listing: {
    /** Entries per page (LIST_PAGE_SIZE). */
    readonly pageSize: number;
    /** Read requests a minute one replica allows (tiers.ts rateLimits.read). */
    readonly readLimitPerMinute: number;
    /** The tier whose limit it is. */
    readonly tier: Tier;
    /** Minutes of that limit the largest full listing takes (max listing requests / limit). */
    readonly minutesOfReadLimit: Summary;
  };
  /** Counts that grow with nothing to bound them, with the purge or retention that would. */
  readonly warnings: readonly string[];
}

const KEYS = ['repositories', 'tags', 'manifests', 'maxTagsPerRepository', 'listingRequests'] as const;

function figures<T>(f: (k: (typeof KEYS)[number]) => T): CountFigures<T> {
  return { repositories: f('repositories'), tags: f('tags'), manifests: f('manifests'), maxTagsPerRepository: f('maxTagsPerRepository'), listingRequests: f('listingRequests') };
}

function maxOf(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) if (a[i]! > m) m = a[i]!;
  return m;
}

/** A count for a sentence: `1,200`. */
function n(v: number | null): string {
  return Math.round(v ?? 0).toLocaleString('en-US');
}

/** Whether a median count grows enough over the horizon to be worth a warning. */
function grows(from: number | null, to: number | null): boolean {
  const a = from ?? 0;
  const b = to ?? 0;
  return b - a >= 10 && b > 1.25 * a;
}

/**
 * Whether a retention policy is ever in force on `reg` over the horizon: set above 0 on a tier
 * that honours it (the catalog's feature table), as the engine applies it. The engine drops a
 * retention the tier ignores, and a later tier change alone does not bring it back.
 */
function retentionInForce(sc: ResolvedScenario, reg: SimRegistry): boolean {
  let tier: Tier = reg.tier;
  let days = tierSupports(tier, 'retentionPolicy') ? reg.retentionDays : 0;
  if (days > 0) return true;
  for (const e of sc.events) {
    if (e.kind !== 'config-change' || (e.registries !== null && !e.registries.includes(reg.name))) continue;
    tier = e.set.tier ?? tier;
    days = e.set.retentionDays ?? days;
    if (!tierSupports(tier, 'retentionPolicy')) days = 0;
    if (days > 0) return true;
  }
  return false;
}

/** Warnings of a registry whose counts grow with no purge or retention to bound them. */
function countWarnings(sc: ResolvedScenario, reg: SimRegistry, start: CountFigures<Summary>, horizon: CountFigures<Summary>): string[] {
  const out: string[] = [];
  const w = reg.workload;
  const cleanup = w?.cleanup ?? [];
  const retention = retentionInForce(sc, reg);
  const mutable = w?.tags.strategy === 'mutable';
  const days = sc.horizonDays;
  if (!cleanup.length && !mutable && grows(start.maxTagsPerRepository.p50, horizon.maxTagsPerRepository.p50)) {
    out.push(
      `tags grow from ${n(start.maxTagsPerRepository.p50)} to ${n(horizon.maxTagsPerRepository.p50)} per repository (the largest) over ${days} days with no purge to bound them; ` +
        `a purge \`acr purge --filter '.*:.*' --ago 30d --keep 10 --untagged\` (cleanup: { filter: '.*:.*', ago: P30D, keep: 10, untagged: true }) bounds them`,
    );
  }
  const untaggedAt = (f: CountFigures<Summary>): number => Math.max(0, (f.manifests.p50 ?? 0) - (f.tags.p50 ?? 0));
  if (!retention && !cleanup.some((c) => c.untagged) && grows(untaggedAt(start), untaggedAt(horizon))) {
    out.push(
      `untagged manifests grow from about ${n(untaggedAt(start))} to ${n(untaggedAt(horizon))} over ${days} days with no retention or purge to bound them; ` +
        `retention 7 days (retentionDays: 7) or a purge with --untagged (untagged: true) bounds them`,
    );
  }
  return out;
}

/** Sums up the counts of one registry over its runs `rr` (run order). */
export function summarizeCounts(sc: ResolvedScenario, reg: SimRegistry, rr: readonly RegistryRunResult[]): CountsSummary {
  const last = sc.horizonDays - 1;
  const start = figures((k) => summarize(rr.map((x) => x.daily[k][0] ?? 0)));
  const horizon = figures((k) => summarize(rr.map((x) => x.daily[k][last] ?? 0)));
  const max = figures((k) => summarize(rr.map((x) => maxOf(x.daily[k]))));
  const tier = rr[0]?.tier ?? reg.tier;
  const limit = rateLimits(tier).read;
  return {
    start,
    horizon,
    max,
    daily: figures((k) => summarizeSeries(rr.map((x) => x.daily[k]))),
    listing: {
      pageSize: LIST_PAGE_SIZE.value,
      readLimitPerMinute: limit,
      tier,
      minutesOfReadLimit: summarize(rr.map((x) => maxOf(x.daily.listingRequests) / limit)),
    },
    warnings: countWarnings(sc, reg, start, horizon),
  };
}
