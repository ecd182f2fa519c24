/**
 * Which tier-gated features and per-tier counts a registry uses, for the right-sizing rule.
 * Both read the one table in lib/model/features.ts.
 */
import { TIERS, tierSupports, type FeatureId, type Tier } from '../catalog/tiers.js';
import { COUNTED_THINGS, countLimit, settingUse, TIER_GATED_SETTINGS, type TierGatedSetting } from '../model/features.js';
import type { RegistrySpec } from '../model/registry-spec.js';
import { isUnknown, type Unknown } from '../model/unknown.js';

/** Features in use, or the first Unknown that keeps us from knowing. */
export type FeatureUse = { readonly features: readonly FeatureId[] } | { readonly unknown: Unknown; readonly field: string };

// Whether some tier lacks a setting's feature, decided once a setting (the catalog does not
// change during a run; the rule asks on every registry of an input).
const GATES = new WeakMap<TierGatedSetting, boolean>();

function gatesATier(setting: TierGatedSetting): boolean {
  let gates = GATES.get(setting);
  if (gates === undefined) {
    gates = !TIERS.every((t) => tierSupports(t, setting.feature));
    GATES.set(setting, gates);
  }
  return gates;
}

/** The tier-gated features `spec` uses, in table order, or the first setting whose value is Unknown. */
export function featuresUsed(spec: RegistrySpec): FeatureUse {
  const f: FeatureId[] = [];
  for (const setting of TIER_GATED_SETTINGS) {
    // Settings every tier supports never decide a tier.
    if (!gatesATier(setting)) continue;
    const use = settingUse(spec, setting);
    if (isUnknown(use)) return { unknown: use, field: setting.field };
    if (use && !f.includes(setting.feature)) f.push(setting.feature);
  }
  return { features: f };
}

/**
 * The cheapest tier that supports every feature and holds every count of `spec` (an Unknown
 * count counts as none).
 */
export function smallestTierFor(spec: RegistrySpec, features: readonly FeatureId[]): Tier {
  const counts = COUNTED_THINGS.map((thing) => {
    const n = thing.count(spec);
    return { thing, n: isUnknown(n) ? 0 : n };
  });
  return (
    TIERS.find((t) => features.every((x) => tierSupports(t, x)) && counts.every(({ thing, n }) => n <= countLimit(thing, t))) ??
    TIERS[TIERS.length - 1]!
  );
}
