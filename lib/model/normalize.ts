/**
 * Fills in the defaults azurerm 4.x applies and canonicalizes region names.
 */
import { ARM_AUDIENCE_AUTH_DEFAULT, DEFAULT_PERMISSIONS_MODE } from '../catalog/abac.js';
import { findRegion } from '../catalog/regions.js';
import type { RegistrySpec, RegistrySpecInput, ReplicaSpec } from './registry-spec.js';
import { isUnknown, type Maybe } from './unknown.js';

/**
 * Builds a complete {@link RegistrySpec} from a partial one: provider defaults for missing
 * values (admin off, public access on, export on, default action Allow, trusted services
 * bypass on, platform encryption, no replicas, retention and soft delete off, legacy
 * permissions mode, ARM-audience tokens accepted, metadata search off, every token enabled), and canonical
 * region names (`West Europe` becomes `westeurope`). A region the catalog does not know is
 * kept as written, for `validateSpec` to report with close matches.
 */
export function normalizeSpec(input: RegistrySpecInput): RegistrySpec {
  const replicas = input.replicas ?? [];
  return {
    address: input.address,
    name: input.name ?? '',
    resourceGroupName: input.resourceGroupName ?? '',
    location: canonicalRegion(input.location ?? ''),
    tier: input.tier ?? 'Basic',
    replicas: isUnknown(replicas) ? replicas : replicas.map(normalizeReplica),
    zoneRedundancy: input.zoneRedundancy ?? false,
    encryption: input.encryption ?? { kind: 'platform' },
    retentionDays: input.retentionDays ?? 0,
    softDeleteDays: input.softDeleteDays ?? 0,
    network: {
      publicAccess: input.network?.publicAccess ?? true,
      defaultAction: input.network?.defaultAction ?? 'Allow',
      ipRules: input.network?.ipRules ?? [],
      bypassAzureServices: input.network?.bypassAzureServices ?? true,
      privateEndpoints: input.network?.privateEndpoints ?? [],
      ruleSet: input.network?.ruleSet ?? ruleSetImplied(input.network),
      virtualNetworkRules: input.network?.virtualNetworkRules ?? [],
    },
    adminEnabled: input.adminEnabled ?? false,
    anonymousPull: input.anonymousPull ?? false,
    exportEnabled: input.exportEnabled ?? true,
    dataEndpoint: input.dataEndpoint ?? false,
    quarantine: input.quarantine ?? false,
    trust: input.trust ?? false,
    permissionsMode: input.permissionsMode ?? DEFAULT_PERMISSIONS_MODE.value,
    armAudienceAuth: input.armAudienceAuth ?? ARM_AUDIENCE_AUTH_DEFAULT.value,
    metadataSearch: input.metadataSearch ?? false,
    roleAssignments: input.roleAssignments ?? [],
    enabledTokens: input.enabledTokens ?? input.counts?.tokens ?? 0,
    tags: input.tags ?? {},
    webhooks: input.webhooks ?? [],
    diagnosticSettings: input.diagnosticSettings ?? [],
    locks: input.locks ?? [],
    counts: { scopeMaps: 0, tokens: 0, cacheRules: 0, ...input.counts },
    source: input.source,
  };
}

function normalizeReplica(r: Partial<ReplicaSpec>): ReplicaSpec {
  return {
    location: canonicalRegion(r.location ?? ''),
    zoneRedundant: r.zoneRedundant ?? false,
    globalRouting: r.globalRouting ?? true,
  };
}

/** The canonical name of a known region; anything else unchanged. */
export function canonicalRegion(v: Maybe<string>): Maybe<string> {
  if (isUnknown(v)) return v;
  return findRegion(v)?.name ?? v;
}

/**
 * Whether the network settings imply a network rule set when the source did not say: a `Deny`
 * default or any IP or virtual network rule (an Unknown one counts as none: its own field
 * carries the Unknown).
 */
function ruleSetImplied(network: RegistrySpecInput['network']): boolean {
  const some = (v: unknown): boolean => Array.isArray(v) && v.length > 0;
  return network?.defaultAction === 'Deny' || some(network?.ipRules) || some(network?.virtualNetworkRules);
}
