/** ACR-RES-001: a Premium registry has a replica in another Azure geography. */
import { tierSupports } from '../../catalog/tiers.js';
import { findRegion } from '../../catalog/regions.js';
import { isUnknown } from '../../model/unknown.js';
import { undecided, violation, type Rule } from '../rule.js';

/** A Premium registry should keep a geo-replica outside its home region's geography. */
export const GeoReplicaOtherGeography: Rule = {
  id: 'ACR-RES-001',
  name: 'GeoReplicaOtherGeography',
  pack: 'resilience',
  severity: 'warning',
  info: 'No geo-replica outside the home geography.',
  explanation:
    'Without geo-replication a regional outage makes the registry unavailable. A replica in the same geography shares more failure modes (and often the paired region) with home; a replica in another geography keeps pulls working through a wider outage. Add replicas: [{ location: ... }] (georeplications { location = ... }) in a region of another geography. Geo-replication is Premium only; other tiers are not checked.',
  references: [
    { kind: 'checkov', id: 'CKV_AZURE_165', title: 'Ensure geo-replicated container registries to match multi-region container deployments.' },
    { kind: 'psrule', id: 'Azure.ACR.GeoReplica' },
  ],
  check: (s) => {
    if (isUnknown(s.tier)) return [undecided('whether the tier supports geo-replication', s.tier, 'whether sku supports geo-replication')];
    if (!tierSupports(s.tier, 'geoReplication')) return 'not-applicable';
    if (isUnknown(s.replicas)) return [undecided('replicas', s.replicas, 'georeplications')];
    if (isUnknown(s.location)) return [undecided('the home geography', s.location, 'the geography of location')];
    const home = findRegion(s.location);
    if (!home) return 'not-applicable'; // an unknown region is reported by azure-rules
    let unknownLoc;
    for (const r of s.replicas) {
      if (isUnknown(r.location)) {
        unknownLoc = r.location;
        continue;
      }
      const reg = findRegion(r.location);
      if (reg && reg.geography !== home.geography) return 'compliant';
    }
    if (unknownLoc) return [undecided('the geography of every replica', unknownLoc, 'the geography of every georeplications location')];
    const got = s.replicas.length === 0 ? 'no replicas' : `replicas only in ${home.geography} (${s.replicas.map((r) => String(r.location)).join(', ')})`;
    return [
      violation(
        `replicas must include a region outside ${home.geography} (home ${s.location}), got ${got}: add a replica in another geography.`,
        `georeplications must include a location outside ${home.geography} (location ${s.location}), got ${got}: add a georeplications block in another geography.`,
      ),
    ];
  },
};
