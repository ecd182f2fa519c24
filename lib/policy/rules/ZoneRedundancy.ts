/** ACR-RES-002: zone redundancy is set where the region has availability zones. */
import { tierSupports } from '../../catalog/tiers.js';
import { findRegion } from '../../catalog/regions.js';
import { isUnknown } from '../../model/unknown.js';
import { undecided, violation, type Rule, type RuleFinding } from '../rule.js';

/** A Premium registry and its replicas should be zone redundant in regions with zones. */
export const ZoneRedundancy: Rule = {
  id: 'ACR-RES-002',
  name: 'ZoneRedundancy',
  pack: 'resilience',
  severity: 'info',
  info: 'Zone redundancy is off in a region with availability zones.',
  explanation:
    'Zone redundancy keeps the registry (or replica) serving through the loss of one datacenter zone. The service now makes registries zone redundant by default in regions with zones, but azurerm still records zone_redundancy_enabled (ForceNew, Premium only), and an explicit true documents the intent and satisfies scanners. Set zoneRedundancy: true (zone_redundancy_enabled = true) and zoneRedundant: true on replicas in zone regions.',
  references: [{ kind: 'checkov', id: 'CKV_AZURE_233', title: 'Ensure Azure Container Registry (ACR) is zone redundant' }],
  check: (s) => {
    if (isUnknown(s.tier)) return [undecided('whether the tier supports zone redundancy', s.tier)];
    if (!tierSupports(s.tier, 'zoneRedundancy')) return 'not-applicable';
    const out: RuleFinding[] = [];
    const home = isUnknown(s.location) ? undefined : findRegion(s.location);
    if (isUnknown(s.location)) out.push(undecided('whether the home region has zones', s.location));
    else if (home?.availabilityZones) {
      if (isUnknown(s.zoneRedundancy)) out.push(undecided('zoneRedundancy', s.zoneRedundancy, 'zone_redundancy_enabled'));
      else if (!s.zoneRedundancy) out.push(violation(`zoneRedundancy must be true in ${home.name} (it has availability zones), got false: set zoneRedundancy: true.`, `zone_redundancy_enabled must be true in ${home.name} (it has availability zones), got false: set zone_redundancy_enabled = true (forces a new registry).`));
    }
    if (isUnknown(s.replicas)) out.push(undecided('replicas', s.replicas, 'georeplications'));
    else {
      s.replicas.forEach((r, i) => {
        if (isUnknown(r.location)) return;
        const reg = findRegion(r.location);
        if (!reg?.availabilityZones) return;
        if (isUnknown(r.zoneRedundant)) out.push(undecided(`replicas[${i}].zoneRedundant`, r.zoneRedundant));
        else if (!r.zoneRedundant) out.push(violation(`replicas[${i}].zoneRedundant must be true in ${reg.name} (it has availability zones), got false: set zoneRedundant: true.`, `georeplications[${i}].zone_redundancy_enabled must be true in ${reg.name}, got false: set zone_redundancy_enabled = true.`));
      });
    }
    return out.length ? out : 'compliant';
  },
};
