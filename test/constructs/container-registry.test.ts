import { Testing, TerraformVariable } from 'cdktf';
import { ContainerRegistry as L1Registry } from '@cdktf/provider-azurerm/lib/container-registry/index.js';
import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock/index.js';
import { ContainerRegistry } from '../../lib/constructs/container-registry.js';
import { CustomerManagedKey } from '../../lib/constructs/customer-managed-key.js';
import { RegistryProfile } from '../../lib/constructs/profiles.js';
import { isUnknown } from '../../lib/model/unknown.js';
import { resources, roleOf, synthError, synthJson } from '../support/synth.js';

const base = { name: 'acrkittest01', resourceGroupName: 'rg', location: 'westeurope' } as const;
const pe = { subnetId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe', privateDnsZoneIds: ['/zones/privatelink.azurecr.io'] };

describe('ContainerRegistry', () => {
  test('secure defaults on Basic: admin and anonymous pull off, export on (the only value Basic allows)', () => {
    const json = synthJson((s) => new ContainerRegistry(s, 'registry', { ...base, tier: 'Basic' }));
    const [r] = resources(json, 'azurerm_container_registry');
    expect(r).toMatchObject({
      name: 'acrkittest01', sku: 'Basic', location: 'westeurope', admin_enabled: false, anonymous_pull_enabled: false,
      export_policy_enabled: true, public_network_access_enabled: true, zone_redundancy_enabled: false, georeplications: [],
    });
    expect(r.network_rule_set).toBeUndefined();
  });

  test('Testing.synthScope with the cdktf jest matchers', () => {
    const out = Testing.synthScope((s) => {
      new ContainerRegistry(s, 'registry', { ...base, tier: 'Standard', anonymousPull: true, lock: 'CanNotDelete' });
    });
    expect(out).toHaveResourceWithProperties(L1Registry, { sku: 'Standard', anonymous_pull_enabled: true, admin_enabled: false });
    expect(out).toHaveResourceWithProperties(ManagementLock, { lock_level: 'CanNotDelete' });
    expect(out).not.toHaveResourceWithProperties(L1Registry, { admin_enabled: true });
  });

  test('Basic with replicas fails synth naming the construct path and Premium', () => {
    const msg = synthError((s) => new ContainerRegistry(s, 'registry', { ...base, tier: 'Basic', replicas: [{ location: 'eastus' }] }));
    expect(msg).toContain("[stack/registry] replicas need the Premium tier, got tier Basic: set tier: 'Premium' or remove replicas.");
  });

  test('every problem is reported at once', () => {
    const msg = synthError((s) =>
      new ContainerRegistry(s, 'registry', {
        ...base, name: 'bad-name', tier: 'Standard', replicas: [{ location: 'eastus' }], retentionDays: 7, quarantine: true, dataEndpoint: true,
      }),
    );
    const lines = msg.split('\n').filter((l) => l.includes('[stack/registry]'));
    expect(lines).toHaveLength(5);
    expect(msg).toContain("retentionDays 7 needs the Premium tier, got tier Standard: set tier: 'Premium' or set retentionDays: 0.");
    expect(msg).toContain("name must be 5-50 letters and digits (no dashes), got 'bad-name'");
  });

  test('Premium asks for an explicit network choice instead of guessing', () => {
    const msg = synthError((s) => new ContainerRegistry(s, 'registry', { ...base, tier: 'Premium' }));
    expect(msg).toContain('[stack/registry] network.publicAccess must be chosen on Premium, got none');
    const msg2 = synthError((s) => new ContainerRegistry(s, 'registry', { ...base, tier: 'Premium', network: { publicAccess: false } }));
    expect(msg2).toContain('network.publicAccess false needs a way in, got no privateEndpoints');
  });

  test('a private Premium registry: public access and export off, private endpoint with DNS zone group', () => {
    const json = synthJson((s) => new ContainerRegistry(s, 'registry', { ...base, tier: 'Premium', network: { privateEndpoints: [pe] } }));
    const [r] = resources(json, 'azurerm_container_registry');
    expect(r).toMatchObject({ public_network_access_enabled: false, export_policy_enabled: false, zone_redundancy_enabled: true });
    const [endpoint] = resources(json, 'azurerm_private_endpoint');
    expect(endpoint.private_service_connection).toMatchObject({ subresource_names: ['registry'], is_manual_connection: false });
    expect(endpoint.private_dns_zone_group.private_dns_zone_ids).toEqual(pe.privateDnsZoneIds);
  });

  test('replicas render alphabetically with zone redundancy where the region has zones', () => {
    const json = synthJson((s) => {
      const r = new ContainerRegistry(s, 'registry', { ...base, tier: 'Premium', network: { publicAccess: true }, replicas: [{ location: 'Southeast Asia' }, { location: 'eastus', globalRouting: false }] });
      r.addReplica({ location: 'westus', zoneRedundant: false });
    });
    const [r] = resources(json, 'azurerm_container_registry');
    expect(r.georeplications.map((g: any) => [g.location, g.zone_redundancy_enabled, g.regional_endpoint_enabled])).toEqual([
      ['eastus', true, false],
      ['Southeast Asia', true, true],
      ['westus', false, true],
    ]);
  });

  test('IP rules on Premium deny by default', () => {
    const json = synthJson((s) => new ContainerRegistry(s, 'registry', { ...base, tier: 'Premium', network: { publicAccess: true, ipRules: ['203.0.113.0/24'] } }));
    const [r] = resources(json, 'azurerm_container_registry');
    expect(r.network_rule_set).toEqual([{ default_action: 'Deny', ip_rule: [{ action: 'Allow', ip_range: '203.0.113.0/24' }] }]);
  });

  test('customer-managed key: purge-protected RBAC vault, rotating RSA key, identity with the encryption role, versionless id', () => {
    const json = synthJson((s) => {
      const key = new CustomerManagedKey(s, 'cmk', { resourceGroupName: 'rg', location: 'westeurope', keyVaultName: 'kv-acrkit-test' });
      new ContainerRegistry(s, 'registry', { ...base, tier: 'Premium', network: { publicAccess: true }, encryption: key });
    });
    const [vault] = resources(json, 'azurerm_key_vault');
    expect(vault).toMatchObject({ purge_protection_enabled: true, rbac_authorization_enabled: true, soft_delete_retention_days: 90 });
    const [key] = resources(json, 'azurerm_key_vault_key');
    expect(key).toMatchObject({ key_type: 'RSA', key_size: 3072, rotation_policy: { automatic: { time_after_creation: 'P90D' }, expire_after: 'P1Y' } });
    const roles = resources(json, 'azurerm_role_assignment').map((r) => [r.role_definition_name, r.scope]).sort();
    expect(roles).toEqual([
      ['Key Vault Crypto Officer', expect.stringMatching(/^\$\{azurerm_key_vault\.\w+\.id\}$/)],
      ['Key Vault Crypto Service Encryption User', expect.stringMatching(/^\$\{azurerm_key_vault\.\w+\.id\}$/)],
    ]);
    const [r] = resources(json, 'azurerm_container_registry');
    expect(r.encryption[0].key_vault_key_id).toMatch(/azurerm_key_vault_key\.\w+\.versionless_id/);
    expect(r.identity).toMatchObject({ type: 'UserAssigned' });
    expect(r.depends_on).toEqual([expect.stringMatching(/^time_sleep\./)]);
  });

  test('an existing key: a versioned id is recorded as not versionless', () => {
    const enc = CustomerManagedKey.fromExistingKey({ keyId: 'https://kv1.vault.azure.net/keys/acr/0123abcd', identityId: '/id', identityClientId: 'cid' });
    expect(enc.spec.versionless).toBe(false);
    expect(CustomerManagedKey.fromExistingKey({ keyId: 'https://kv1.vault.azure.net/keys/acr', identityId: '/id', identityClientId: 'cid' }).spec.versionless).toBe(true);
  });

  test('CMK on Standard fails synth', () => {
    const msg = synthError((s) => new ContainerRegistry(s, 'registry', { ...base, tier: 'Standard', encryption: 'create' }));
    expect(msg).toContain("[stack/registry] encryption with a customer-managed key needs the Premium tier, got tier Standard: set tier: 'Premium' or remove encryption.");
  });

  test('diagnostics, lock, soft delete', () => {
    const json = synthJson((s) =>
      new ContainerRegistry(s, 'registry', { ...base, tier: 'Standard', diagnostics: { workspaceId: '/ws' }, lock: 'CanNotDelete', softDeleteDays: 14 }),
    );
    const [diag] = resources(json, 'azurerm_monitor_diagnostic_setting');
    expect(diag).toMatchObject({ log_analytics_workspace_id: '/ws', enabled_log: [{ category_group: 'allLogs' }], enabled_metric: [{ category: 'AllMetrics' }] });
    expect(resources(json, 'azurerm_management_lock')[0]).toMatchObject({ lock_level: 'CanNotDelete' });
    const [sd] = resources(json, 'azapi_update_resource');
    expect(sd.type).toMatch(/^Microsoft\.ContainerRegistry\/registries@/);
    expect(sd.body.properties.policies.softDeletePolicy).toEqual({ retentionDays: 14, status: 'enabled' });
    expect(json.terraform.required_providers.azapi.source).toBe('azure/azapi');
  });

  test('soft delete with retention fails', () => {
    const msg = synthError((s) => new ContainerRegistry(s, 'registry', { ...base, tier: 'Premium', network: { publicAccess: true }, softDeleteDays: 7, retentionDays: 7 }));
    expect(msg).toContain('softDeleteDays cannot be combined with a retention policy');
  });

  test('add-methods: webhooks, scope maps with tokens, cache rules, grants; counts checked against the tier', () => {
    const json = synthJson((s) => {
      const r = new ContainerRegistry(s, 'registry', { ...base, tier: 'Standard' });
      r.addWebhook('deployhook', { serviceUri: 'https://deploy.example.com/hook', actions: ['push'] });
      r.addScopeMap('partner-read', { actions: ['repositories/partner/content/read'], tokens: ['partner-ci', 'partner-qa'] });
      r.addCacheRule('dotnet', { sourceRepo: 'mcr.microsoft.com/dotnet/runtime', targetRepo: 'mirror/dotnet-runtime' });
      r.grantPull('11111111-1111-1111-1111-111111111111');
      r.grantPush('22222222-2222-2222-2222-222222222222');
      expect(r.spec.counts).toEqual({ scopeMaps: 1, tokens: 2, cacheRules: 1 });
    });
    expect(resources(json, 'azurerm_container_registry_webhook')[0]).toMatchObject({ name: 'deployhook', actions: ['push'], status: 'enabled' });
    expect(resources(json, 'azurerm_container_registry_token')).toHaveLength(2);
    expect(resources(json, 'azurerm_container_registry_cache_rule')).toHaveLength(1);
    expect(resources(json, 'azurerm_role_assignment').map(roleOf).sort()).toEqual(['AcrPull', 'AcrPush']);
    const msg = synthError((s) => {
      const r = new ContainerRegistry(s, 'registry', { ...base, tier: 'Basic' });
      for (const id of ['hookone', 'hooktwo', 'hookthree']) r.addWebhook(id, { serviceUri: 'https://x.example.com', actions: ['push'] });
      r.addCacheRule('dotnet', { sourceRepo: 'mcr.microsoft.com/dotnet/runtime', targetRepo: 'mirror/dotnet-runtime' });
    });
    expect(msg).toContain("webhooks must number at most 2 on tier Basic, got 3: remove webhooks or set tier: 'Standard'.");
    expect(msg).toContain("cache rules need the Standard or Premium tier, got tier Basic");
  });

  test('spec mirrors the props; references become Unknown', () => {
    synthJson((s) => {
      const loc = new TerraformVariable(s, 'location', { type: 'string' });
      const r = new ContainerRegistry(s, 'registry', { ...base, location: loc.stringValue, tier: 'Standard', tags: { env: 'dev' } });
      const spec = r.spec;
      expect(spec.address).toBe('stack/registry');
      expect(spec.source).toEqual({ kind: 'construct', constructPath: 'stack/registry' });
      expect(isUnknown(spec.location)).toBe(true);
      expect(spec.tags).toEqual({ env: 'dev' });
    });
  });

  test('tags that are references become Unknown, whole or per value', () => {
    synthJson((s) => {
      const env = new TerraformVariable(s, 'env', { type: 'string' });
      const r = new ContainerRegistry(s, 'registry', { ...base, tier: 'Basic', tags: { env: env.stringValue } });
      expect(isUnknown(r.spec.tags)).toBe(true);
      const all = new TerraformVariable(s, 'tags', { type: 'map(string)' });
      const r2 = new ContainerRegistry(s, 'registry2', { ...base, name: 'acrkittest02', tier: 'Basic', tags: all.value });
      expect(isUnknown(r2.spec.tags)).toBe(true);
    });
  });

  test('a missing tier without a profile is a clear error', () => {
    expect(() => synthJson((s) => new ContainerRegistry(s, 'registry', { ...base }))).toThrow(/\[stack\/registry\] tier is required without a profile/);
  });
});

describe('RegistryProfile', () => {
  test('production on Premium: replicas, CMK, retention 7, private, export off, lock', () => {
    const json = synthJson((s) =>
      new ContainerRegistry(s, 'registry', { ...base, profile: RegistryProfile.production({ replicas: ['eastus'], privateEndpoints: [pe] }) }),
    );
    const [r] = resources(json, 'azurerm_container_registry');
    expect(r).toMatchObject({ sku: 'Premium', retention_policy_in_days: 7, public_network_access_enabled: false, export_policy_enabled: false });
    expect(r.georeplications).toHaveLength(1);
    expect(resources(json, 'azurerm_key_vault')).toHaveLength(1);
    expect(resources(json, 'azurerm_management_lock')).toHaveLength(1);
  });

  test('production applied to Standard leaves out what Standard cannot use, and says so', () => {
    let warnings: readonly string[] = [];
    const json = synthJson((s) => {
      const r = new ContainerRegistry(s, 'registry', { ...base, tier: 'Standard', profile: RegistryProfile.production({ replicas: ['eastus'], privateEndpoints: [pe] }) });
      warnings = r.profileWarnings;
    });
    expect(warnings.join('\n')).toContain("profile 'production' sets replicas, which tier Standard cannot use, so it was left out: set tier: 'Premium' to keep it");
    expect(warnings.some((w) => w.includes('sets encryption'))).toBe(true);
    expect(warnings.some((w) => w.includes('sets retentionDays'))).toBe(true);
    expect(warnings.some((w) => w.includes('sets network.publicAccess'))).toBe(true);
    const [r] = resources(json, 'azurerm_container_registry');
    expect(r).toMatchObject({ sku: 'Standard', public_network_access_enabled: true, export_policy_enabled: true, georeplications: [] });
    expect(r.retention_policy_in_days).toBeUndefined();
    expect(resources(json, 'azurerm_private_endpoint')).toHaveLength(0);
    expect(resources(json, 'azurerm_key_vault')).toHaveLength(0);
  });

  test("a user's own prop is never dropped: it fails validation instead", () => {
    const msg = synthError((s) =>
      new ContainerRegistry(s, 'registry', { ...base, tier: 'Basic', profile: RegistryProfile.team(), replicas: [{ location: 'eastus' }] }),
    );
    expect(msg).toContain('replicas need the Premium tier, got tier Basic');
  });

  test('props override the profile', () => {
    const json = synthJson((s) => new ContainerRegistry(s, 'registry', { ...base, profile: RegistryProfile.team(), lock: undefined, adminEnabled: true }));
    const [r] = resources(json, 'azurerm_container_registry');
    expect(r).toMatchObject({ sku: 'Standard', admin_enabled: true });
    expect(resources(json, 'azurerm_management_lock')).toHaveLength(1);
  });
});
