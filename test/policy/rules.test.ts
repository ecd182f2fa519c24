import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RegistrySpec, RoleAssignmentSpec } from '../../lib/model/registry-spec.js';
import { ALL_RULES, PACKS } from '../../lib/policy/packs/index.js';
import { runRule } from '../../lib/policy/engine.js';
import { PACK_NAMES, type PackOptions, type Rule } from '../../lib/policy/rule.js';
import { secure, spec, U } from './helpers.js';

/** A role assignment on the registry, by role name (or id). */
const ra = (roleName?: string, roleId?: string): RoleAssignmentSpec => ({
  address: 'azurerm_role_assignment.t',
  principalId: '00000000-0000-0000-0000-0000000000aa',
  ...(roleName !== undefined ? { roleName } : {}),
  ...(roleId !== undefined ? { roleId } : {}),
  condition: null,
  scope: 'registry',
});

const CMK = { kind: 'customer-managed' as const, keyId: 'https://kv1.vault.azure.net/keys/acr', versionless: true, identityClientId: 'id', keyVault: { address: 'azurerm_key_vault.kv', purgeProtection: true } };

/** Per rule: a compliant, a non-compliant and (where it applies) an unknown spec. */
const CASES: Record<string, { ok: RegistrySpec; bad: RegistrySpec; unknown?: RegistrySpec; badText: RegExp }> = {
  AdminUserDisabled: { ok: spec(), bad: spec({ adminEnabled: true }), unknown: spec({ adminEnabled: U }), badText: /admin_enabled must be false, got true/ },
  AnonymousPullDisabled: { ok: spec(), bad: spec({ tier: 'Standard', anonymousPull: true }), unknown: spec({ anonymousPull: U }), badText: /anonymous_pull_enabled must be false/ },
  PublicAccessRestricted: {
    ok: spec({ tier: 'Premium', network: { defaultAction: 'Deny', ipRules: ['203.0.113.0/24'] } }),
    bad: spec({ tier: 'Premium' }),
    unknown: spec({ tier: 'Premium', network: { publicAccess: U } }),
    badText: /public_network_access_enabled must be false or network_rule_set.default_action "Deny", got true and "Allow"/,
  },
  PrivateEndpointPresent: { ok: secure(), bad: secure({ network: { publicAccess: true } }), unknown: spec({ tier: U }), badText: /azurerm_private_endpoint must target the registry on Premium, got none/ },
  CustomerManagedKey: { ok: secure(), bad: secure({ encryption: { kind: 'platform' } }), unknown: secure({ encryption: U }), badText: /customer-managed key on Premium, got none/ },
  VersionlessKeyId: {
    ok: secure(),
    bad: secure({ encryption: { ...CMK, keyId: 'https://kv1.vault.azure.net/keys/acr/0123abcd', versionless: false } }),
    unknown: secure({ encryption: { ...CMK, keyId: U, versionless: U } }),
    badText: /key_vault_key_id must be versionless, got 'https:\/\/kv1.vault.azure.net\/keys\/acr\/0123abcd'/,
  },
  KeyVaultPurgeProtection: {
    ok: secure(),
    bad: secure({ encryption: { ...CMK, keyVault: { address: 'azurerm_key_vault.kv', purgeProtection: false } } }),
    unknown: secure({ encryption: { ...CMK, keyVault: undefined } as never }),
    badText: /purge_protection_enabled on azurerm_key_vault.kv must be true, got false/,
  },
  ExportDisabled: { ok: secure(), bad: secure({ exportEnabled: true }), unknown: secure({ exportEnabled: U }), badText: /export_policy_enabled must be false on Premium, got true/ },
  TrustedServicesAllowed: {
    ok: secure(),
    bad: secure({ network: { publicAccess: false, bypassAzureServices: false, privateEndpoints: [{ address: 'pe', dnsZoneGroup: true }] } }),
    unknown: secure({ network: { publicAccess: false, bypassAzureServices: U, privateEndpoints: [] } }),
    badText: /network_rule_bypass_option must be "AzureServices" when network access is restricted/,
  },
  WebhookHttps: {
    ok: spec({ webhooks: [{ address: 'w', serviceUri: 'https://x.example/h', actions: ['push'] }] }),
    bad: spec({ webhooks: [{ address: 'w', serviceUri: 'http://x.example/h', actions: ['push'] }] }),
    unknown: spec({ webhooks: [{ address: 'w', serviceUri: U, actions: ['push'] }] }),
    badText: /service_uri of w must start with https:\/\/, got "http:\/\/x.example\/h"/,
  },
  GeoReplicaOtherGeography: {
    ok: secure(),
    bad: secure({ replicas: [{ location: 'northeurope', zoneRedundant: true, globalRouting: true }] }),
    unknown: secure({ replicas: [{ location: U, zoneRedundant: true, globalRouting: true }] }),
    badText: /georeplications must include a location outside Europe \(location westeurope\), got replicas only in Europe \(northeurope\)/,
  },
  ZoneRedundancy: { ok: secure(), bad: secure({ zoneRedundancy: false }), unknown: secure({ zoneRedundancy: U }), badText: /zone_redundancy_enabled must be true in westeurope/ },
  ReplicaRoutingEnabled: {
    ok: secure(),
    bad: secure({ replicas: [{ location: 'eastus', zoneRedundant: true, globalRouting: false }] }),
    unknown: secure({ replicas: [{ location: 'eastus', zoneRedundant: true, globalRouting: U }] }),
    badText: /regional_endpoint_enabled = true on at least one block, got false on all 1/,
  },
  LockPresent: { ok: secure(), bad: spec(), badText: /azurerm_management_lock must target the registry/ },
  ProductionReplicaCount: {
    ok: secure({ tags: { env: 'prod' } }),
    bad: spec({ tags: { env: 'Production' } }),
    unknown: spec({ tags: U }),
    badText: /georeplications must number at least 1 for a registry tagged env=Production, got 0/,
  },
  RetentionEnabled: { ok: secure(), bad: secure({ retentionDays: 0 }), unknown: secure({ retentionDays: U }), badText: /retention_policy_in_days must be 1-365 on Premium/ },
  TierRightSized: {
    ok: secure(),
    bad: spec({ tier: 'Premium' }),
    unknown: spec({ tier: 'Premium', dataEndpoint: U }),
    badText: /sku "Premium" could be "Basic": the registry uses no tier-gated feature, saving about \$45\.00 a month/,
  },
  ContentTrustDeprecated: { ok: spec(), bad: secure({ trust: true }), unknown: spec({ trust: U }), badText: /trust_policy_enabled must be false \(Docker Content Trust is deprecated since 2025-03-31\)/ },
  DiagnosticsPresent: {
    ok: secure(),
    bad: spec(),
    unknown: spec({ diagnosticSettings: [{ address: 'd', workspaceId: '/w', logs: U, metrics: true }] }),
    badText: /azurerm_monitor_diagnostic_setting must target the registry, got none/,
  },
  QuarantineEnabled: { ok: secure(), bad: secure({ quarantine: false }), unknown: secure({ quarantine: U }), badText: /quarantine_policy_enabled should be true where a scanner releases images, got false/ },
  DedicatedDataEndpoint: { ok: secure(), bad: secure({ dataEndpoint: false }), unknown: secure({ dataEndpoint: U }), badText: /data_endpoint_enabled should be true on Premium, got false/ },
  RepositoryTokensUnused: {
    ok: spec({ counts: { tokens: 2 }, enabledTokens: 0 }),
    bad: spec({ counts: { tokens: 2 } }),
    unknown: spec({ counts: { tokens: 1 }, enabledTokens: U }),
    badText: /azurerm_container_registry_token should not be used, got 2 enabled tokens/,
  },
  LegacyRolesInAbacMode: {
    ok: spec({ permissionsMode: 'rbac-abac', roleAssignments: [ra('Container Registry Repository Reader')] }),
    bad: spec({ permissionsMode: 'rbac-abac', roleAssignments: [ra('AcrPull'), ra(undefined, 'c2f4ef07-c644-48eb-af81-4b1b4947fb11')] }),
    unknown: spec({ permissionsMode: U, roleAssignments: [ra('AcrPush')] }),
    badText: /role of azurerm_role_assignment.t must be a repository role with role_assignment_mode = "AbacRepositoryPermissions" \(AcrPull grants nothing there\), got "AcrPull" for principal_id '00000000-0000-0000-0000-0000000000aa': assign "Container Registry Repository Reader" instead[\s\S]*got "AcrDelete"/,
  },
  AbacPermissionsMode: {
    ok: spec({ permissionsMode: 'rbac-abac' }),
    bad: spec({ roleAssignments: [ra('AcrPull')] }),
    unknown: spec({ permissionsMode: U }),
    badText: /role_assignment_mode should be "AbacRepositoryPermissions" \(Microsoft will make it the default\), got "LegacyRegistryPermissions": assign Container Registry Repository Reader beside AcrPull for '00000000-0000-0000-0000-0000000000aa' first, then set role_assignment_mode = "AbacRepositoryPermissions"/,
  },
  RepositoryScopedGrants: {
    ok: spec({ permissionsMode: 'rbac-abac', roleAssignments: [{ ...ra('Container Registry Repository Reader'), condition: "((!(ActionMatches{'x'})) OR (@Request[Microsoft.ContainerRegistry/registries/repositories:name] StringStartsWithIgnoreCase 'team-a/'))" }] }),
    bad: spec({ permissionsMode: 'rbac-abac', roleAssignments: [ra('Container Registry Repository Writer')] }),
    unknown: spec({ permissionsMode: U, roleAssignments: [ra('Container Registry Repository Writer')] }),
    badText: /azurerm_role_assignment.t should have a condition limiting it to the repositories principal_id '00000000-0000-0000-0000-0000000000aa' needs, got 'Container Registry Repository Writer' on every repository/,
  },
  ArmAudienceTokensDisabled: {
    ok: spec({ armAudienceAuth: false }),
    bad: spec(),
    unknown: spec({ armAudienceAuth: U }),
    badText: /azuread_authentication_as_arm_policy_enabled should be false \(accept only ACR-scoped Entra tokens\), got true/,
  },
  CacheRulesReviewed: { ok: spec(), bad: spec({ counts: { cacheRules: 1 } }), badText: /cache rules should be reviewed, got 1 cache rule/ },
  VirtualNetworkRulesEffective: {
    ok: spec({ tier: 'Premium', network: { ruleSet: true, defaultAction: 'Allow' } }),
    bad: spec({ tier: 'Premium', network: { ruleSet: true, defaultAction: 'Allow', virtualNetworkRules: ['/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/build'] } }),
    unknown: spec({ tier: 'Premium', network: { ruleSet: true, defaultAction: U, virtualNetworkRules: ['azurerm_subnet.build.id'] } }),
    badText: /network_rule_set.virtual_network has no effect under default_action = "Allow", got 1 rule and "Allow"/,
  },
  PrivateDnsZone: {
    ok: secure(),
    bad: secure({ network: { publicAccess: false, privateEndpoints: [{ address: 'azurerm_private_endpoint.pe', dnsZoneGroup: false }] } }),
    unknown: secure({ network: { publicAccess: false, privateEndpoints: [{ address: 'azurerm_private_endpoint.pe', dnsZoneGroup: U }] } }),
    badText: /private_dns_zone_group must be set on the registry's private endpoints, got none on azurerm_private_endpoint.pe/,
  },
  AllowedLocations: { ok: spec(), bad: spec(), unknown: spec({ location: U }), badText: /locations must be in northeurope, got westeurope/ },
  SoftDeleteEnabled: { ok: spec({ softDeleteDays: 7 }), bad: spec(), unknown: spec({ softDeleteDays: U }), badText: /softDeleteDays should be 1-90, got 0 \(off\)/ },
  NamingConvention: { ok: spec({ name: 'crshop01' }), bad: spec(), unknown: spec({ name: U }), badText: /name must match \^cr\[a-z0-9\]\+\$, got "acrkittest01"/ },
  AzureAcceptsSpec: { ok: secure(), bad: spec({ replicas: [{ location: 'eastus', zoneRedundant: false, globalRouting: true }] }), unknown: spec({ tier: U, dataEndpoint: true }), badText: /georeplications need the Premium tier, got sku "Basic"/ },
};

/** Pack options the rules with a configurable list or pattern are checked with. */
const OPTIONS: PackOptions = { resilience: { allowedLocations: ['northeurope', 'West Europe'] }, 'hygiene-cost': { namePattern: '^cr[a-z0-9]+$' } };
const BAD_OPTIONS: PackOptions = { resilience: { allowedLocations: ['northeurope'] }, 'hygiene-cost': { namePattern: '^cr[a-z0-9]+$' } };

describe('rules', () => {
  test.each(ALL_RULES.map((r) => [r.name, r] as const))('%s: compliant, non-compliant and unknown cases', (name, rule: Rule) => {
    const c = CASES[name];
    expect(c).toBeDefined();
    expect(runRule(rule, c!.ok, OPTIONS)).toEqual([]);
    const bad = runRule(rule, c!.bad, BAD_OPTIONS);
    expect(bad.length).toBeGreaterThan(0);
    expect(bad.every((f) => f.status === 'non-compliant')).toBe(true);
    expect(bad.map((f) => f.message).join('\n')).toMatch(c!.badText);
    if (c!.unknown) {
      const u = runRule(rule, c!.unknown, OPTIONS);
      expect(u.length).toBeGreaterThan(0);
      expect(u.some((f) => f.status === 'unknown')).toBe(true);
      expect(u.every((f) => f.status !== 'non-compliant' || name === 'AzureAcceptsSpec')).toBe(true);
    }
  });

  test('construct sources get construct prop names, Terraform sources Terraform names', () => {
    const rule = ALL_RULES.find((r) => r.id === 'ACR-SEC-001')!;
    const c = runRule(rule, { ...spec({ adminEnabled: true }), source: { kind: 'construct', constructPath: 'app/r' } });
    expect(c[0]!.message).toMatch(/^adminEnabled must be false/);
    expect(runRule(rule, spec({ adminEnabled: true }))[0]!.message).toMatch(/^admin_enabled must be false/);
  });

  test('ProductionReplicaCount honours pack options', () => {
    const rule = ALL_RULES.find((r) => r.name === 'ProductionReplicaCount')!;
    const s = secure({ tags: { stage: 'live' } });
    expect(runRule(rule, s)).toEqual([]);
    const found = runRule(rule, s, { resilience: { productionTagKey: 'stage', productionTagValues: ['live'], productionMinReplicas: 2 } });
    expect(found[0]!.message).toMatch(/at least 2 for a registry tagged stage=live, got 1/);
  });

  test('PublicAccessRestricted on a tier that cannot restrict the network: a warning with the cost of Premium', () => {
    const rule = ALL_RULES.find((r) => r.name === 'PublicAccessRestricted')!;
    for (const tier of ['Basic', 'Standard'] as const) {
      const [f] = runRule(rule, spec({ tier }));
      expect(f).toEqual({
        status: 'non-compliant',
        severity: 'warning',
        message: expect.stringMatching(new RegExp(`^public_network_access_enabled cannot be false on ${tier}, got a public registry: Premium can \\(private endpoints or network_rule_set\\) for \\$\\d+\\.\\d\\d a month more`)),
      });
    }
    expect(runRule(rule, spec({ tier: 'Basic' }))[0]!.message).toContain('for $45.00 a month more');
    expect(runRule(rule, spec({ tier: 'Premium' }))[0]!.severity).toBeUndefined(); // the rule's error
  });

  test('the rules with options are not applicable without them', () => {
    for (const name of ['AllowedLocations', 'NamingConvention']) expect(runRule(ALL_RULES.find((r) => r.name === name)!, spec())).toEqual([]);
  });

  test('a rule that throws is an error finding, not a crash', () => {
    const boom: Rule = { ...ALL_RULES[0]!, check: () => { throw new Error('kaboom'); } };
    const out = runRule(boom, spec());
    expect(out).toEqual([{ status: 'error', message: expect.stringMatching(/ACR-SEC-001 .* must evaluate, got an exception: kaboom/) }]);
  });
});

describe('packs', () => {
  test('every rule file is registered in exactly one pack, and ids are unique', async () => {
    const dir = join(dirname(fileURLToPath(import.meta.url)), '../../lib/policy/rules');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBe(ALL_RULES.length);
    for (const f of files) {
      const name = f.replace(/\.ts$/, '');
      const mod = (await import(`../../lib/policy/rules/${name}.js`)) as Record<string, Rule>;
      const rule = mod[name];
      expect(rule?.name).toBe(name);
      const owners = PACK_NAMES.filter((p) => PACKS[p].includes(rule!));
      expect(owners).toEqual([rule!.pack]);
    }
    expect(new Set(ALL_RULES.map((r) => r.id)).size).toBe(ALL_RULES.length);
  });
});
