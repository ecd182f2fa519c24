/** Spec builders for policy tests. */
import { normalizeSpec } from '../../lib/model/normalize.js';
import type { RegistrySpec, RegistrySpecInput } from '../../lib/model/registry-spec.js';
import { unknown } from '../../lib/model/unknown.js';

/** A spec with `over` applied to a minimal valid Basic registry. */
export function spec(over: Partial<RegistrySpecInput> = {}): RegistrySpec {
  return normalizeSpec({ address: 'azurerm_container_registry.t', source: { kind: 'hcl', file: 'main.tf', line: 3 }, name: 'acrkittest01', resourceGroupName: 'rg', location: 'westeurope', tier: 'Basic', ...over });
}

/** An Unknown for tests. */
export const U = unknown('var.x has no literal default', '${var.x}');

/** A Premium, private, CMK, geo-replicated, locked, logged registry: passes every pack. */
export function secure(over: Partial<RegistrySpecInput> = {}): RegistrySpec {
  return spec({
    tier: 'Premium',
    zoneRedundancy: true,
    replicas: [{ location: 'eastus', zoneRedundant: true, globalRouting: true }],
    encryption: { kind: 'customer-managed', keyId: 'https://kv1.vault.azure.net/keys/acr', versionless: true, identityClientId: '00000000-0000-0000-0000-000000000001', keyVault: { address: 'azurerm_key_vault.kv', purgeProtection: true } },
    retentionDays: 7,
    exportEnabled: false,
    quarantine: true,
    dataEndpoint: true,
    network: { publicAccess: false, privateEndpoints: [{ address: 'azurerm_private_endpoint.pe', dnsZoneGroup: true }] },
    diagnosticSettings: [{ address: 'azurerm_monitor_diagnostic_setting.d', workspaceId: '/w', logs: true, metrics: true }],
    locks: [{ address: 'azurerm_management_lock.l', level: 'CanNotDelete' }],
    permissionsMode: 'rbac-abac',
    armAudienceAuth: false,
    ...over,
  });
}
