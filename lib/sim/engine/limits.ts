/**
 * Tier limits the simulator checks: included storage and the storage limit (both count the
 * data once, whatever the replica count), request-rate limits per replica, and counts of
 * webhooks, tokens, scope maps and cache rules (from the table of counted things in model/features.ts).
 * Every number comes from TIER_FACTS.
 */
import { GIB, TIB, TIER_FACTS, type Tier } from '../../catalog/tiers.js';
import { COUNTED_THINGS, countLimit } from '../../model/features.js';
import { MAX_HORIZON_DAYS } from '../constants.js';
import type { SimAssumptions } from '../scenario/model.js';

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

/**
 * Bytes billed for storage on a day: stored bytes (plus soft-deleted bytes when
 * `softDeletedBilled`), times the copies (home plus `replicas`) when `storageBilledPerReplica`.
 * The one definition of billed storage: cost, the daily series, "included storage exceeded" and
 * the `storage-below of: included` assertion all use it.
 */
export function billedStorageBytes(storedBytes: number, softDeletedBytes: number, replicas: number, a: SimAssumptions): number {
  const once = storedBytes + (a.softDeletedBilled ? softDeletedBytes : 0);
  return a.storageBilledPerReplica ? once * (1 + replicas) : once;
}

/**
 * The included storage that billed bytes ({@link billedStorageBytes}) are compared with: the
 * tier's included storage, times the copies (home plus `replicas`) when
 * `includedStoragePerReplica`. Storage is over its included amount on a day exactly when billed
 * bytes exceed this allowance (then the overage is billed): the one definition of "included
 * storage exceeded".
 */
export function storageAllowanceBytes(tier: Tier, replicas: number, a: SimAssumptions): number {
  return includedBytes(tier) * (a.includedStoragePerReplica ? 1 + replicas : 1);
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

/** Years past which an extrapolated limit day is not given ({@link MAX_HORIZON_DAYS} from day 0). */
export const EXTRAPOLATION_YEARS = MAX_HORIZON_DAYS / 365;

/** The day a series first exceeds a limit ({@link firstDayAbove}). */
export interface FirstDay {
  /** The day, or null: never (flat or shrinking), or beyond {@link EXTRAPOLATION_YEARS} years. */
  readonly day: number | null;
  /** Whether {@link day} is a linear extrapolation past the horizon. */
  readonly extrapolated: boolean;
  /** Whether the extrapolation passes the limit only after {@link EXTRAPOLATION_YEARS} years from day 0 ({@link day} is then null). */
  readonly beyond: boolean;
}

/**
 * Day a growing series first exceeds `limit`: the first day within the series, else a linear
 * extrapolation of the last 30 days' growth past the horizon, else null (flat or shrinking). An
 * extrapolation past {@link MAX_HORIZON_DAYS} (ten years from day 0) is null with `beyond` set: a
 * straight line that far says nothing (a slow growth would otherwise give a day in the trillions).
 */
export function firstDayAbove(series: Float64Array, limit: number | Float64Array): FirstDay {
  const at = (d: number): number => (typeof limit === 'number' ? limit : limit[d]!);
  for (let d = 0; d < series.length; d++) if (series[d]! > at(d)) return { day: d, extrapolated: false, beyond: false };
  const n = series.length;
  if (n < 2) return { day: null, extrapolated: false, beyond: false };
  const from = Math.max(0, n - 31);
  const slope = (series[n - 1]! - series[from]!) / (n - 1 - from);
  if (!(slope > 0)) return { day: null, extrapolated: false, beyond: false };
  const day = n - 1 + Math.ceil((at(n - 1) - series[n - 1]!) / slope);
  if (!(day <= MAX_HORIZON_DAYS)) return { day: null, extrapolated: false, beyond: true };
  return { day, extrapolated: true, beyond: false };
}

/** The highest ratio `series[d] / limit[d]` over the days (0 for no days; a zero limit counts as reached by any bytes). */
export function maxRatio(series: Float64Array, limit: Float64Array): number {
  let best = 0;
  for (let d = 0; d < series.length; d++) {
    const l = limit[d]!;
    const r = l > 0 ? series[d]! / l : series[d]! > 0 ? Number.POSITIVE_INFINITY : 0;
    if (r > best) best = r;
  }
  return best;
}
