/** ACR-RES-003: not every replica is excluded from global routing. */
import { isUnknown } from '../../model/unknown.js';
import { undecided, violation, type Rule } from '../rule.js';

/** At least one geo-replica must take traffic from the global endpoint. */
export const ReplicaRoutingEnabled: Rule = {
  id: 'ACR-RES-003',
  name: 'ReplicaRoutingEnabled',
  pack: 'resilience',
  severity: 'warning',
  info: 'Every geo-replica is excluded from global endpoint routing.',
  explanation:
    'A replica whose regional endpoint is disabled keeps syncing (and billing) but the global endpoint never routes to it, so it cannot take over in an outage. Disabling all of them pays for geo-replication without getting its failover. Set globalRouting: true (regional_endpoint_enabled = true) on at least one replica; disable routing only temporarily, for maintenance or a failover test.',
  references: [],
  check: (s) => {
    if (isUnknown(s.replicas)) return [undecided('replicas', s.replicas, 'georeplications')];
    if (s.replicas.length === 0) return 'not-applicable';
    const routing = s.replicas.map((r) => r.globalRouting);
    if (routing.some((r) => r === true)) return 'compliant';
    const u = routing.find(isUnknown);
    if (u) return [undecided('replicas[].globalRouting', u, 'georeplications[].regional_endpoint_enabled')];
    return [violation(`replicas must route at least one replica from the global endpoint, got globalRouting false on all ${routing.length}: set globalRouting: true on at least one replica.`, `georeplications must have regional_endpoint_enabled = true on at least one block, got false on all ${routing.length}: set regional_endpoint_enabled = true.`)];
  },
};
