/**
 * Which tier-gated features and per-tier counts a registry uses, for the right-sizing rule.
 * Both read the one table in lib/model/features.ts.
 */
import { TIERS, tierSupports, type FeatureId, type Tier } from '../catalog/tiers.js';
import { COUNTED_THINGS, countLimit, rowUse, tierGatedRows } from '../model/features.js';
import type { RegistrySpec } from '../model/registry-spec.js';
import { isUnknown, type Unknown } from '../model/unknown.js';

/** Features in use, or the first Unknown that keeps us from knowing. */
export type FeatureUse = { readonly features: readonly FeatureId[] } | { readonly unknown: Unknown; readonly field: string };

/** The tier-gated features `spec` uses, in table order, or the first setting whose value is Unknown. */
export function featuresUsed(spec: RegistrySpec): FeatureUse {
  const f: FeatureId[] = [];
  // An indexed loop: asked of every registry of an input, before the loop is optimized too.
  const rows = tierGatedRows();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    // Settings every tier supports never decide a tier.
    if (!row.gates) continue;
    const use = rowUse(spec, row);
    if (isUnknown(use)) return { unknown: use, field: row.setting.field };
    if (use && !f.includes(row.setting.feature)) f.push(row.setting.feature);
  }
  return { features: f };
}

/**
 * The cheapest tier that supports every feature and holds every count of `spec` (an Unknown
 * count counts as none).
 */
export function smallestTierFor(spec: RegistrySpec, features: readonly FeatureId[]): Tier {
  // Loops, no closures: asked of every registry of an input.
  const counts: number[] = [];
  for (let c = 0; c < COUNTED_THINGS.length; c++) {
    const n = COUNTED_THINGS[c]!.count(spec);
    counts.push(isUnknown(n) ? 0 : n);
  }
  tiers: for (let i = 0; i < TIERS.length; i++) {
    const t = TIERS[i]!;
    for (let k = 0; k < features.length; k++) if (!tierSupports(t, features[k]!)) continue tiers;
    for (let c = 0; c < COUNTED_THINGS.length; c++) if (!(counts[c]! <= countLimit(COUNTED_THINGS[c]!, t))) continue tiers;
    return t;
  }
  return TIERS[TIERS.length - 1]!;
}
