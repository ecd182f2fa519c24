/**
 * Every tier-gated setting x 3 tiers through the construct: accepted, or rejected at synth
 * with the construct path, the prop, the tier it needs and the fix. The cases come from the one
 * feature table (lib/model/features.ts) and the tiers from the catalog.
 */
import { FEATURES, TIERS, cheapestTierFor, tierSupports, type FeatureId, type Tier } from '../../lib/catalog/tiers.js';
import type { ContainerRegistry } from '../../lib/constructs/container-registry.js';
import { ContainerRegistry as Registry } from '../../lib/constructs/container-registry.js';
import type { ContainerRegistryProps } from '../../lib/constructs/container-registry-props.js';
import { CustomerManagedKey } from '../../lib/constructs/customer-managed-key.js';
import { settingValue, tierGateProblem, TIER_GATED_SETTINGS, type TierGatedSetting } from '../../lib/model/features.js';
import { synthJson } from '../support/synth.js';

const pe = { subnetId: '/subnets/pe', privateDnsZoneIds: ['/zones/privatelink.azurecr.io'] };

/** How to turn each table row on through the construct: props, or an add-method. Keyed by the row's field. */
const ON: Readonly<Record<string, { props?: Partial<ContainerRegistryProps>; add?: (r: ContainerRegistry) => void }>> = {
  replicas: { props: { replicas: [{ location: 'eastus' }] } },
  encryption: {
    props: { encryption: CustomerManagedKey.fromExistingKey({ keyId: 'https://kv1.vault.azure.net/keys/acr', identityId: '/id', identityClientId: 'cid' }) },
  },
  retentionDays: { props: { retentionDays: 7 } },
  'network.ipRules': { props: { network: { publicAccess: true, ipRules: ['203.0.113.0/24'], defaultAction: 'Allow' } } },
  'network.defaultAction': { props: { network: { publicAccess: true, defaultAction: 'Deny' } } },
  'network.publicAccess': { props: { network: { publicAccess: false, privateEndpoints: [pe] } } },
  'network.privateEndpoints': { props: { network: { publicAccess: true, privateEndpoints: [pe] } } },
  exportEnabled: { props: { exportEnabled: false, network: { publicAccess: false, privateEndpoints: [pe] } } },
  dataEndpoint: { props: { dataEndpoint: true } },
  anonymousPull: { props: { anonymousPull: true } },
  quarantine: { props: { quarantine: true } },
  zoneRedundancy: { props: { zoneRedundancy: true } },
  cacheRules: { add: (r) => r.addCacheRule('dotnet', { sourceRepo: 'mcr.microsoft.com/dotnet/runtime', targetRepo: 'mirror/dotnet-runtime' }) },
  // Every tier: the AzAPI settings resource and a repository-scoped grant are accepted on each.
  permissionsMode: { props: { permissionsMode: 'rbac-abac' }, add: (r) => r.grantPull('00000000-0000-0000-0000-0000000000aa', { repositories: ['team-a/*'] }) },
  armAudienceAuth: { props: { armAudienceAuth: false } },
  metadataSearch: { props: { metadataSearch: true } },
};

/**
 * Rows the construct does not expose: content trust is deprecated (the construct always writes
 * false); the construct writes the network_rule_set block on Premium and none below it (IP
 * rules or a Deny default below Premium are rejected by the rows of those props).
 */
const NOT_EXPOSED: readonly string[] = ['trust', 'network.ruleSet'];

/** Catalog features without a row: soft delete is on every tier; the rest are separate resources. */
const NO_ROW: readonly FeatureId[] = ['softDelete', 'agentPools', 'connectedRegistries', 'artifactStreaming'];

function build(tier: Tier, on: { props?: Partial<ContainerRegistryProps>; add?: (r: ContainerRegistry) => void }): () => void {
  return () =>
    synthJson((s) => {
      const network = tier === 'Premium' && !on.props?.network ? { network: { publicAccess: true } } : {};
      const r = new Registry(s, 'registry', { name: 'acrkitmatrix', resourceGroupName: 'rg', location: 'westeurope', tier, ...network, ...on.props });
      on.add?.(r);
    });
}

const rows = TIER_GATED_SETTINGS.filter((r) => !NOT_EXPOSED.includes(r.field));
const cases = rows.flatMap((r) => TIERS.map((t) => [r.field, t, r] as [string, Tier, TierGatedSetting]));

test('the matrix covers every row of the feature table the construct exposes', () => {
  expect(rows.map((r) => r.field).filter((f) => !ON[f])).toEqual([]);
});

test('every catalog feature has a row in the feature table, or a reason not to', () => {
  const rowed = new Set(TIER_GATED_SETTINGS.map((r) => r.feature));
  expect((Object.keys(FEATURES) as FeatureId[]).filter((f) => !rowed.has(f) && !NO_ROW.includes(f))).toEqual([]);
});

test.each(cases)('%s on %s', (field, tier, row) => {
  const on = ON[field]!;
  if (tierSupports(tier, row.feature)) {
    expect(build(tier, on)).not.toThrow();
  } else {
    const need = cheapestTierFor(row.feature);
    const { message } = tierGateProblem(row, settingValue(on.props ?? {}, row), tier);
    expect(message).toMatch(new RegExp(`needs? the ${need}[^\\n]*, got tier ${tier}: set tier: '${need}' or `));
    expect(build(tier, on)).toThrow(`[stack/registry] ${message}`);
  }
});

test.each(TIERS)('the 2026 access settings (every tier) on %s: one AzAPI body with the mode, the ARM-audience policy and metadata search', (tier) => {
  const json = synthJson((s) => {
    const network = tier === 'Premium' ? { network: { publicAccess: true } } : {};
    new Registry(s, 'registry', { name: 'acrkitmatrix', resourceGroupName: 'rg', location: 'westeurope', tier, ...network, permissionsMode: 'rbac-abac', armAudienceAuth: false, metadataSearch: true });
  });
  const [settings] = Object.values(json.resource.azapi_update_resource) as any[];
  expect(settings.type).toBe('Microsoft.ContainerRegistry/registries@2025-05-01-preview');
  expect(settings.body).toEqual({
    properties: { roleAssignmentMode: 'AbacRepositoryPermissions', policies: { azureADAuthenticationAsArmPolicy: { status: 'disabled' } }, metadataSearch: 'Enabled' },
  });
});

test.each(TIERS)('soft delete (every tier) on %s', (tier) => {
  expect(tierSupports(tier, 'softDelete')).toBe(true);
  expect(build(tier, { props: { softDeleteDays: 7 } })).not.toThrow();
});
