/** ACR-RES-006: the registry and its replicas stay in the regions the organisation allows. */
import { findRegion } from '../../catalog/regions.js';
import { isUnknown, known } from '../../model/unknown.js';
import { undecided, violation, type Rule } from '../rule.js';

/** With `resilience.allowedLocations` set, every region the registry holds data in must be listed. */
export const AllowedLocations: Rule = {
  id: 'ACR-RES-006',
  name: 'AllowedLocations',
  pack: 'resilience',
  severity: 'error',
  info: 'The registry or a replica is in a region the organisation does not allow.',
  explanation:
    'Data residency and support agreements limit where images may be stored; a replica copies every image to its region. List the allowed regions in acrkit.config.json (packOptions.resilience.allowedLocations, canonical names such as westeurope) and move or remove what lies outside. Not checked when no list is configured.',
  references: [{ kind: 'psrule', id: 'Azure.ACR.ReplicaLocation' }],
  check: (s, ctx) => {
    const allowed = ctx.options.resilience?.allowedLocations;
    if (!allowed?.length) return 'not-applicable';
    const ok = new Set(allowed.map((l) => findRegion(l)?.name ?? l));
    if (isUnknown(s.location)) return [undecided('location', s.location)];
    const outside = [s.location, ...(known(s.replicas) ?? []).map((r) => known(r.location)).filter((l): l is string => l !== undefined)].filter((l) => !ok.has(l));
    if (isUnknown(s.replicas)) return outside.length ? [violation(`locations must be in ${allowed.join(', ')}, got ${outside.join(', ')}: move the registry or remove the replica.`)] : [undecided('replica locations', s.replicas)];
    return outside.length
      ? [violation(`locations must be in ${allowed.join(', ')}, got ${[...new Set(outside)].join(', ')}: move the registry or remove the replica.`)]
      : 'compliant';
  },
};
