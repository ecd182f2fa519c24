/**
 * Spec builders for tests: a minimal valid registry per tier, and one override per
 * tier-gated feature that turns the feature on.
 */
import type { FeatureId, Tier } from '../../lib/catalog/tiers.js';
import { normalizeSpec } from '../../lib/model/normalize.js';
import type { RegistrySpec, RegistrySpecInput } from '../../lib/model/registry-spec.js';

/** A valid spec of `tier` with `overrides`. */
export function spec(tier: Tier, overrides: Partial<RegistrySpecInput> = {}): RegistrySpec {
  return normalizeSpec({
    address: 'azurerm_container_registry.main',
    source: { kind: 'inline' },
    name: 'acrkittest01',
    resourceGroupName: 'rg',
    location: 'westeurope',
    tier,
    ...overrides,
  });
}

/** For each tier-gated feature the model can express: the overrides that turn it on. */
export const FEATURE_ON: Partial<Record<FeatureId, Partial<RegistrySpecInput>>> = {
  geoReplication: { replicas: [{ location: 'eastus', zoneRedundant: true, globalRouting: true }] },
  customerManagedKey: {
    encryption: { kind: 'customer-managed', keyId: 'https://kv1.vault.azure.net/keys/acr', versionless: true, identityClientId: '00000000-0000-0000-0000-000000000001' },
  },
  retentionPolicy: { retentionDays: 7 },
  networkRules: { network: { ipRules: ['203.0.113.0/24'], defaultAction: 'Deny' } },
  publicAccessDisabled: { network: { publicAccess: false, privateEndpoints: [{ address: 'azurerm_private_endpoint.pe', dnsZoneGroup: true }] } },
  privateEndpoints: { network: { privateEndpoints: [{ address: 'azurerm_private_endpoint.pe', dnsZoneGroup: true }] } },
  exportDisabled: { exportEnabled: false, network: { publicAccess: false } },
  dataEndpoint: { dataEndpoint: true },
  anonymousPull: { anonymousPull: true },
  quarantine: { quarantine: true },
  contentTrust: { trust: true },
  zoneRedundancy: { zoneRedundancy: true },
  softDelete: { softDeleteDays: 7 },
  cacheRules: { counts: { cacheRules: 1 } },
  abacRepositoryPermissions: { permissionsMode: 'rbac-abac' },
  armAudienceAuthDisabled: { armAudienceAuth: false },
  metadataSearch: { metadataSearch: true },
};
