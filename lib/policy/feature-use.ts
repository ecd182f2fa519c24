/**
 * Which tier-gated features and per-tier counts a registry uses, for the right-sizing rule.
 */
import { TIER_FACTS, TIERS, tierSupports, type FeatureId, type Tier } from '../catalog/tiers.js';
import type { RegistrySpec } from '../model/registry-spec.js';
import { isUnknown, type Unknown } from '../model/unknown.js';

/** Features in use, or the first Unknown that keeps us from knowing. */
export type FeatureUse = { readonly features: readonly FeatureId[] } | { readonly unknown: Unknown; readonly field: string };

/** The tier-gated features `spec` uses. */
export function featuresUsed(spec: RegistrySpec): FeatureUse {
  const f: FeatureId[] = [];
  const checks: Array<[string, unknown, (v: never) => boolean, FeatureId]> = [
    ['replicas', spec.replicas, (r: readonly unknown[]) => r.length > 0, 'geoReplication'],
    ['encryption', spec.encryption, (e: { kind: string }) => e.kind === 'customer-managed', 'customerManagedKey'],
    ['retentionDays', spec.retentionDays, (d: number) => d > 0, 'retentionPolicy'],
    ['network.ipRules', spec.network.ipRules, (r: readonly string[]) => r.length > 0, 'networkRules'],
    ['network.defaultAction', spec.network.defaultAction, (a: string) => a === 'Deny', 'networkRules'],
    ['network.publicAccess', spec.network.publicAccess, (p: boolean) => p === false, 'publicAccessDisabled'],
    ['exportEnabled', spec.exportEnabled, (e: boolean) => e === false, 'exportDisabled'],
    ['dataEndpoint', spec.dataEndpoint, (d: boolean) => d, 'dataEndpoint'],
    ['anonymousPull', spec.anonymousPull, (a: boolean) => a, 'anonymousPull'],
    ['quarantine', spec.quarantine, (q: boolean) => q, 'quarantine'],
    ['trust', spec.trust, (t: boolean) => t, 'contentTrust'],
    ['zoneRedundancy', spec.zoneRedundancy, (z: boolean) => z, 'zoneRedundancy'],
  ];
  for (const [field, value, on, feature] of checks) {
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
