/**
 * Which tier-gated features and per-tier counts a registry uses, for the right-sizing rule.
 */
import { TIER_FACTS, TIERS, tierSupports, type FeatureId, type Tier } from '../catalog/tiers.js';
import type { RegistrySpec } from '../model/registry-spec.js';
import { isUnknown, type Unknown } from '../model/unknown.js';

/** Features in use, or the first Unknown that keeps us from knowing. */
export type FeatureUse = { readonly features: readonly FeatureId[] } | { readonly unknown: Unknown; readonly field: string };

/** One tier-gated setting: where it is, when it is on, and the feature it needs. */
interface FeatureCheck {
  readonly field: string;
  readonly value: (s: RegistrySpec) => unknown;
  readonly on: (v: never) => boolean;
  readonly feature: FeatureId;
}

/** The settings {@link featuresUsed} checks, in the order it reports the first Unknown. */
const FEATURE_CHECKS: readonly FeatureCheck[] = [
  { field: 'replicas', value: (s) => s.replicas, on: (r: readonly unknown[]) => r.length > 0, feature: 'geoReplication' },
  { field: 'encryption', value: (s) => s.encryption, on: (e: { kind: string }) => e.kind === 'customer-managed', feature: 'customerManagedKey' },
  { field: 'retentionDays', value: (s) => s.retentionDays, on: (d: number) => d > 0, feature: 'retentionPolicy' },
  { field: 'network.ipRules', value: (s) => s.network.ipRules, on: (r: readonly string[]) => r.length > 0, feature: 'networkRules' },
  { field: 'network.defaultAction', value: (s) => s.network.defaultAction, on: (a: string) => a === 'Deny', feature: 'networkRules' },
  { field: 'network.publicAccess', value: (s) => s.network.publicAccess, on: (p: boolean) => p === false, feature: 'publicAccessDisabled' },
  { field: 'exportEnabled', value: (s) => s.exportEnabled, on: (e: boolean) => e === false, feature: 'exportDisabled' },
  { field: 'dataEndpoint', value: (s) => s.dataEndpoint, on: (d: boolean) => d, feature: 'dataEndpoint' },
  { field: 'anonymousPull', value: (s) => s.anonymousPull, on: (a: boolean) => a, feature: 'anonymousPull' },
  { field: 'quarantine', value: (s) => s.quarantine, on: (q: boolean) => q, feature: 'quarantine' },
  { field: 'trust', value: (s) => s.trust, on: (t: boolean) => t, feature: 'contentTrust' },
  { field: 'zoneRedundancy', value: (s) => s.zoneRedundancy, on: (z: boolean) => z, feature: 'zoneRedundancy' },
];

/** The tier-gated features `spec` uses. */
export function featuresUsed(spec: RegistrySpec): FeatureUse {
  const f: FeatureId[] = [];
  for (const { field, value: get, on, feature } of FEATURE_CHECKS) {
    const value = get(spec);
    if (isUnknown(value)) return { unknown: value, field };
    if (on(value as never) && !f.includes(feature)) f.push(feature);
  }
  if (spec.network.privateEndpoints.length > 0) f.push('privateEndpoints');
  if (spec.counts.cacheRules > 0) f.push('cacheRules');
  return { features: f };
}

/** The cheapest tier that supports every feature and holds every count of `spec`. */
export function smallestTierFor(spec: RegistrySpec, features: readonly FeatureId[]): Tier {
  const ipRules = isUnknown(spec.network.ipRules) ? 0 : spec.network.ipRules.length;
  return (
    TIERS.find((t) => {
      const facts = TIER_FACTS[t];
      return (
        features.every((x) => tierSupports(t, x)) &&
        spec.webhooks.length <= facts.webhooks.value &&
        spec.network.privateEndpoints.length <= facts.privateEndpoints.value &&
        ipRules <= facts.ipRules.value &&
        spec.counts.tokens <= facts.tokens.value &&
        spec.counts.scopeMaps <= facts.scopeMaps.value &&
        spec.counts.cacheRules <= facts.cacheRules.value
      );
    }) ?? 'Premium'
  );
}
