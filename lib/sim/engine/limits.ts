/**
 * Tier limits the simulator checks: included storage and the storage limit (both count the
 * data once, whatever the replica count), request-rate limits per replica, and counts of
 * webhooks, tokens, scope maps and cache rules (from the table of counted things in model/features.ts).
 * Every number comes from TIER_FACTS.
 */
import { GIB, TIB, TIER_FACTS, type Tier } from '../../catalog/tiers.js';
import { COUNTED_THINGS, countLimit } from '../../model/features.js';

/** A count over the tier's maximum. */
export interface CountViolation {
  /** What is counted. */
  readonly what: 'webhooks' | 'tokens' | 'scopeMaps' | 'cacheRules';
  /** How many the registry has. */
  readonly count: number;
  /** The tier's maximum. */
  readonly limit: number;
  /** The tier. */
  readonly tier: Tier;
  /** Day the tier took effect. */
  readonly day: number;
}

/** Included storage of a tier, bytes. */
export function includedBytes(tier: Tier): number {
  return TIER_FACTS[tier].includedStorageGiB.value * GIB;
}

/** Storage limit of a tier, bytes (counted once for all replicas). */
export function limitBytes(tier: Tier): number {
  return TIER_FACTS[tier].storageLimitTiB.value * TIB;
}

/** Read and write request limits per replica, requests per minute. */
export function rateLimits(tier: Tier): { read: number; write: number } {
  const r = TIER_FACTS[tier].rateLimits.value;
  return { read: r.read.perRegistry, write: r.write.perRegistry };
}

/** Counts over the tier's maxima, checked in the order of the one table of counted things (model/features.ts). */
export function countViolations(
  tier: Tier,
  counts: { readonly webhooks: number; readonly tokens: number; readonly scopeMaps: number; readonly cacheRules: number },
  day: number,
): CountViolation[] {
  const out: CountViolation[] = [];
  for (const thing of COUNTED_THINGS) {
    if (!Object.hasOwn(counts, thing.id)) continue; // a count the simulator does not model (IP rules, private endpoints)
    const what = thing.id as CountViolation['what'];
    const count = counts[what];
    const limit = countLimit(thing, tier);
    if (count > limit) out.push({ what, count, limit, tier, day });
  }
  return out;
}

/**
 * Day a growing series first exceeds `limit`: the first day within the series, else a linear
 * extrapolation of the last 30 days' growth past the horizon, else null (flat or shrinking).
 */
export function firstDayAbove(series: Float64Array, limit: number | Float64Array): { day: number | null; extrapolated: boolean } {
  const at = (d: number): number => (typeof limit === 'number' ? limit : limit[d]!);
  for (let d = 0; d < series.length; d++) if (series[d]! > at(d)) return { day: d, extrapolated: false };
  const n = series.length;
  if (n < 2) return { day: null, extrapolated: false };
  const from = Math.max(0, n - 31);
  const slope = (series[n - 1]! - series[from]!) / (n - 1 - from);
  if (!(slope > 0)) return { day: null, extrapolated: false };
  return { day: n - 1 + Math.ceil((at(n - 1) - series[n - 1]!) / slope), extrapolated: true };
}
