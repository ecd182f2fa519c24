/**
 * `cdktf deploy` that succeeds the first time (issue 19), checked on the synthesized JSON:
 * propagation waits, unique Key Vault names, provider name rules at synth, lock ordering, the
 * Premium network_rule_set shape, Docker Hub credentials, the pinned subscription, and examples
 * that take their names and principals from the deployer.
 */
import { App, Testing, TerraformStack, TerraformVariable } from 'cdktf';
import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment/index.js';
import { BasicDevStack } from '../../examples/basic-dev/main.js';
import { buildFleet } from '../../examples/fleet/main.js';
import { PremiumGeoCmkStack } from '../../examples/premium-geo-cmk/main.js';
import { TeamStack } from '../../examples/team/main.js';
import { RBAC_PROPAGATION_SECONDS } from '../../lib/catalog/roles.js';
import { AcrStack, resolveSubscriptionId } from '../../lib/constructs/acr-stack.js';
import { AppProblemsError } from '../../lib/constructs/app-checks.js';
import { ContainerRegistry, isDockerHubSource } from '../../lib/constructs/container-registry.js';
import { CustomerManagedKey, DEFAULT_RBAC_WAIT } from '../../lib/constructs/customer-managed-key.js';
import { keyVaultNameFor, NAME_RULES, nameProblem, suggestName } from '../../lib/constructs/names.js';
import { RegistryProfile } from '../../lib/constructs/profiles.js';
import { isGoDuration, TIME_PROVIDER_VERSION } from '../../lib/constructs/time-sleep.js';
import { resources, roleOf, synthError, synthJson } from '../support/synth.js';

const base = { name: 'acrkitdeploy01', resourceGroupName: 'rg', location: 'westeurope' } as const;
const pe = { subnetId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe', privateDnsZoneIds: ['/zones/privatelink.azurecr.io'] };
const GUID = '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';

/** The one resource of `type` in `json`, with its Terraform address. */
function only(json: Record<string, any>, type: string): { address: string; value: any } {
  const entries = Object.entries(json.resource?.[type] ?? {});
  expect(entries).toHaveLength(1);
  return { address: `${type}.${entries[0]![0]}`, value: entries[0]![1] };
}

/** Addresses of every resource of `type`. */
function addresses(json: Record<string, any>, type: string): string[] {
  return Object.keys(json.resource?.[type] ?? {}).map((k) => `${type}.${k}`);
}

describe('propagation waits (hashicorp/time time_sleep)', () => {
  const cmkJson = (wait?: string) =>
    synthJson((s) => {
      new ContainerRegistry(s, 'registry', {
        ...base, tier: 'Premium', network: { privateEndpoints: [pe] }, encryption: 'create',
      });
      if (wait) new CustomerManagedKey(s, 'other', { resourceGroupName: 'rg', location: 'westeurope', rbacPropagationWait: wait, registryName: 'acrkitother01' });
    });

  test('the time provider is declared and pinned, once per stack', () => {
    const json = cmkJson('90s');
    expect(json.terraform.required_providers.time).toEqual({ source: 'hashicorp/time', version: TIME_PROVIDER_VERSION });
    expect(json.provider.time).toEqual([{}]);
    expect(resources(json, 'time_sleep')).toHaveLength(2);
    for (const s of resources(json, 'time_sleep')) expect(s.provider).toBe('time');
  });

  test('role assignments -> sleep -> key -> registry, the sleep re-run when an assignment is replaced', () => {
    const json = cmkJson();
    const sleep = only(json, 'time_sleep');
    const roles = addresses(json, 'azurerm_role_assignment');
    expect(roles).toHaveLength(2);
    expect([...sleep.value.depends_on].sort()).toEqual([...roles].sort());
    expect(Object.values(sleep.value.triggers).sort()).toEqual(roles.map((r) => `\${${r}.id}`).sort());
    expect(only(json, 'azurerm_key_vault_key').value.depends_on).toEqual([sleep.address]);
    expect(only(json, 'azurerm_container_registry').value.depends_on).toEqual([sleep.address]);
    // Both assignments are on the vault, so they propagate together and one wait covers both.
    const vault = only(json, 'azurerm_key_vault').address;
    for (const r of resources(json, 'azurerm_role_assignment')) expect(r.scope).toBe(`\${${vault}.id}`);
  });

  test('the wait defaults to the documented propagation time and can be changed', () => {
    expect(DEFAULT_RBAC_WAIT).toBe('10m');
    expect(RBAC_PROPAGATION_SECONDS.value).toBe(600);
    expect(RBAC_PROPAGATION_SECONDS.source.ref).toMatch(/role-based-access-control\/troubleshooting\.md/);
    expect(only(cmkJson(), 'time_sleep').value.create_duration).toBe('10m');
    const waits = resources(cmkJson('90s'), 'time_sleep').map((s) => s.create_duration).sort();
    expect(waits).toEqual(['10m', '90s']);
  });

  test('a wait that is not a Go duration fails synth', () => {
    expect(isGoDuration('1m30s')).toBe(true);
    expect(isGoDuration('10 minutes')).toBe(false);
    const msg = synthError((s) => new CustomerManagedKey(s, 'cmk', { resourceGroupName: 'rg', location: 'westeurope', rbacPropagationWait: 'PT10M', registryName: 'acrkitdeploy01' }));
    expect(msg).toContain("rbacPropagationWait must be a Go duration such as '90s' or '10m', got 'PT10M'");
  });

  test('an existing key brings no wait of its own', () => {
    const json = synthJson((s) => {
      new ContainerRegistry(s, 'registry', {
        ...base, tier: 'Premium', network: { publicAccess: true },
        encryption: CustomerManagedKey.fromExistingKey({ keyId: 'https://kv1.vault.azure.net/keys/acr', identityId: '/id', identityClientId: 'cid' }),
      });
    });
    expect(json.resource.time_sleep).toBeUndefined();
    expect(json.terraform.required_providers.time).toBeUndefined();
  });
});

describe('Key Vault names', () => {
  /** The vault name a registry named `name` gets in an app whose tree is otherwise always the same. */
  const vaultNameIn = (registryName: string) => {
    const json = synthJson((s) => new ContainerRegistry(s, 'registry', { ...base, name: registryName, tier: 'Premium', network: { privateEndpoints: [pe] }, encryption: 'create' }));
    return only(json, 'azurerm_key_vault').value.name as string;
  };

  test('two apps with the same construct paths and different registries get different vaults', () => {
    const a = vaultNameIn('contosoacr01');
    const b = vaultNameIn('fabrikamacr77');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^kv-contosoacr01-[0-9a-f]{8}$/);
    expect(b).toMatch(/^kv-fabrikamacr7-[0-9a-f]{8}$/);
  });

  test('the same app gives the same name every time; the identity follows the vault', () => {
    expect(vaultNameIn('contosoacr01')).toBe(vaultNameIn('contosoacr01'));
    const json = synthJson((s) => new ContainerRegistry(s, 'registry', { ...base, tier: 'Premium', network: { privateEndpoints: [pe] }, encryption: 'create' }));
    expect(only(json, 'azurerm_user_assigned_identity').value.name).toBe(`${only(json, 'azurerm_key_vault').value.name}-acr`);
  });

  test('a key made before its registry is named after the registry that uses it; a name given wins', () => {
    const json = synthJson((s) => {
      const key = new CustomerManagedKey(s, 'cmk', { resourceGroupName: 'rg', location: 'westeurope' });
      new ContainerRegistry(s, 'registry', { ...base, tier: 'Premium', network: { privateEndpoints: [pe] }, encryption: key });
      const named = new CustomerManagedKey(s, 'named', { resourceGroupName: 'rg', location: 'westeurope', keyVaultName: 'kv-team-a-cmk' });
      new ContainerRegistry(s, 'registry2', { ...base, name: 'acrkitdeploy02', tier: 'Premium', network: { privateEndpoints: [pe] }, encryption: named });
    });
    const names = resources(json, 'azurerm_key_vault').map((v) => v.name).sort();
    expect(names).toEqual([keyVaultNameFor('acrkitdeploy01', 'stack', 'stack/cmk'), 'kv-team-a-cmk'].sort());
  });

  test('a registry name that is a reference gives a vault name Terraform computes', () => {
    const json = synthJson((s) => {
      const name = new TerraformVariable(s, 'registry_name', { type: 'string' });
      new ContainerRegistry(s, 'registry', { ...base, name: name.stringValue, tier: 'Premium', network: { privateEndpoints: [pe] }, encryption: 'create' });
    });
    expect(only(json, 'azurerm_key_vault').value.name).toBe('${format("kv-%s", substr(sha256(join("/", ["stack", var.registry_name, "stack/registry/cmk"])), 0, 20))}');
  });

  test('a bad name given for the vault fails synth with the provider rule, with the registry', () => {
    const msg = synthError((s) => {
      const key = new CustomerManagedKey(s, 'cmk', { resourceGroupName: 'rg', location: 'westeurope', keyVaultName: '1-kv--bad' });
      new ContainerRegistry(s, 'registry', { ...base, tier: 'Premium', network: { privateEndpoints: [pe] }, encryption: key });
    });
    expect(msg).toContain('[stack/registry] CustomerManagedKey stack/cmk keyVaultName: Key Vault name must be 3-24 letters, digits and dashes, starting with a letter');
    expect(msg).not.toContain('[stack/cmk]');
  });

  test('property: any registry name and construct path give a valid, stable vault name that differs per registry', () => {
    const registryName = fc.stringMatching(/^[a-zA-Z0-9]{5,50}$/);
    const segment = fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/);
    const path = fc.array(segment, { minLength: 1, maxLength: 6 }).map((p) => p.join('/'));
    fc.assert(
      fc.property(registryName, registryName, segment, path, (r1, r2, stack, keyPath) => {
        const n1 = keyVaultNameFor(r1, stack, keyPath);
        expect(NAME_RULES.keyVault.test(n1)).toBe(true);
        expect(n1.length).toBeLessThanOrEqual(24);
        expect(keyVaultNameFor(r1, stack, keyPath)).toBe(n1);
        if (r1 !== r2) expect(keyVaultNameFor(r2, stack, keyPath)).not.toBe(n1);
      }),
      { numRuns: 500, seed: 19 },
    );
  });
});

describe('provider name rules at synth', () => {
  test("the issue's names (scope map 'ro', token '1ci', cache rule 'mcr_dotnet') fail synth with the provider's rule, all at once", () => {
    const msg = synthError((s) => {
      const r = new ContainerRegistry(s, 'registry', { ...base, tier: 'Standard' });
      r.addScopeMap('ro', { actions: ['repositories/app/content/read'], tokens: ['1ci'] });
      r.addCacheRule('mcr_dotnet', { sourceRepo: 'mcr.microsoft.com/dotnet/runtime', targetRepo: 'dotnet' });
    });
    expect(msg).toContain("[stack/registry] addScopeMap('ro') (name from the id): scope map name must be 5-49 letters, digits and dashes (azurerm rejects it at plan), got 'ro': rename it, e.g. 'ro-acr'.");
    expect(msg).toContain("addScopeMap('ro') tokens: token name must be 5-49 letters, digits and dashes, starting with a letter (azurerm rejects it at plan), got '1ci'");
    expect(msg).toContain("addCacheRule('mcr_dotnet') (name from the id): cache rule name must be 5-49 letters and digits, optionally separated by single dashes (azurerm rejects it at plan), got 'mcr_dotnet': rename it, e.g. 'mcr-dotnet'.");
  });

  test('every child kind is checked: webhook, credential set, private endpoint, diagnostics, key vault key and identity', () => {
    const msg = synthError((s) => {
      const key = new CustomerManagedKey(s, 'cmk', { resourceGroupName: 'rg', location: 'westeurope', keyName: 'acr_cmk', identityName: '-acr' });
      const r = new ContainerRegistry(s, 'registry', {
        ...base, tier: 'Premium', encryption: key,
        network: { privateEndpoints: [{ ...pe, name: 'pe-acr-' }] },
        diagnostics: { workspaceId: '/ws', name: 'logs/all' },
      });
      r.addWebhook('hook-1', { serviceUri: 'https://x.example.com', actions: ['push'], name: 'hook-1' });
      r.addCredentialSet('cs', { loginServer: 'ghcr.io', usernameSecretId: 'https://kv.vault.azure.net/secrets/u', passwordSecretId: 'https://kv.vault.azure.net/secrets/p' });
    });
    const lines = msg.split('\n').filter((l) => l.includes('[stack/registry]'));
    expect(lines.map((l) => l.replace(/^.*\] /, '').split(':')[0])).toEqual([
      'network.privateEndpoints[0].name',
      'diagnostics.name',
      "addWebhook('hook-1') name",
      "addCredentialSet('cs') (name from the id)",
      'CustomerManagedKey stack/cmk identityName',
      'CustomerManagedKey stack/cmk keyName',
    ]);
    expect(msg).toContain('credential set name must be 5-50 letters, digits and dashes (Azure rejects it at apply)');
    expect(msg).toContain("webhook name must be 5-50 letters and digits (no dashes) (azurerm rejects it at plan), got 'hook-1': rename it, e.g. 'hook1'.");
  });

  test('names that are references are left to Terraform', () => {
    expect(() =>
      synthJson((s) => {
        const v = new TerraformVariable(s, 'map_name', { type: 'string' });
        new ContainerRegistry(s, 'registry', { ...base, tier: 'Standard' }).addScopeMap('maps', { name: v.stringValue, actions: ['repositories/a/content/read'] });
      }),
    ).not.toThrow();
  });

  test('AcrStack reports name problems of every stack before synth stops', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'acrkit-names-')) });
    new ContainerRegistry(new AcrStack(app, 'a', { backend: 'local', env: {} }), 'registry', { ...base, tier: 'Standard' }).addScopeMap('ro', { actions: ['repositories/a/content/read'] });
    new ContainerRegistry(new AcrStack(app, 'b', { backend: 'local', env: {} }), 'registry', { ...base, name: 'acrkitdeploy02', tier: 'Standard' }).addWebhook('h', { serviceUri: 'https://x.example.com', actions: ['push'] });
    let error: unknown;
    try {
      app.synth();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppProblemsError);
    expect((error as AppProblemsError).problems).toEqual([
      expect.stringMatching(/^\[a\/registry\] addScopeMap\('ro'\) .*scope map name must be 5-49/),
      expect.stringMatching(/^\[b\/registry\] addWebhook\('h'\) .*webhook name must be 5-50 letters and digits/),
    ]);
  });

  test('every rule names its source, and suggestions follow the rule', () => {
    for (const rule of Object.values(NAME_RULES)) {
      expect(rule.source.ref).toMatch(/terraform-provider-azurerm|azure-rest-api-specs|resource-name-rules/);
      expect(rule.test('')).toBe(false);
    }
    expect(suggestName(NAME_RULES.token, '1ci', 'token')).toBe('t1ci-token');
    expect(nameProblem('keyVault', 'kv-ok-name', 'x')).toBeUndefined();
    expect(nameProblem('privateEndpoint', 'pe.acr_', 'x')).toBeUndefined();
  });
});

describe('lock ordering', () => {
  test('the lock depends on every resource in the stack that references the registry, including ones added later and elsewhere', () => {
    let outsider = '';
    const json = synthJson((s) => {
      const r = new ContainerRegistry(s, 'registry', {
        ...base, tier: 'Premium', lock: 'ReadOnly', encryption: 'create', softDeleteDays: 7,
        network: { privateEndpoints: [pe] }, diagnostics: { workspaceId: '/ws' },
      });
      r.addWebhook('deployhook', { serviceUri: 'https://x.example.com', actions: ['push'] });
      r.addScopeMap('partner-read', { actions: ['repositories/a/content/read'], tokens: ['partner-ci'] });
      r.addCacheRule('dotnet', { sourceRepo: 'mcr.microsoft.com/dotnet/runtime', targetRepo: 'dotnet' });
      r.grantPull(GUID);
      outsider = new RoleAssignment(s, 'outside-grant', { scope: r.id, roleDefinitionName: 'AcrPull', principalId: GUID }).friendlyUniqueId;
    });
    const lock = only(json, 'azurerm_management_lock').value;
    const expected = [
      ...addresses(json, 'azurerm_private_endpoint'),
      ...addresses(json, 'azapi_update_resource'),
      ...addresses(json, 'azurerm_monitor_diagnostic_setting'),
      ...addresses(json, 'azurerm_container_registry_webhook'),
      ...addresses(json, 'azurerm_container_registry_scope_map'),
      ...addresses(json, 'azurerm_container_registry_token'),
      ...addresses(json, 'azurerm_container_registry_cache_rule'),
      ...addresses(json, 'azurerm_role_assignment').filter((a) => !a.includes('_cmk_')),
    ];
    expect([...lock.depends_on].sort()).toEqual(expected.sort());
    expect(lock.depends_on).toContain(`azurerm_role_assignment.${outsider}`);
    // The key and its vault come before the registry, not after the lock: no cycle.
    expect(lock.depends_on.some((d: string) => /key_vault|time_sleep|identity/.test(d))).toBe(false);
  });

  test('a registry without a lock, or with nothing around it, is unchanged', () => {
    const json = synthJson((s) => new ContainerRegistry(s, 'registry', { ...base, tier: 'Standard', lock: 'CanNotDelete' }));
    expect(only(json, 'azurerm_management_lock').value.depends_on).toEqual([]);
  });
});

describe('network_rule_set as Azure returns it', () => {
  const registryOf = (props: Record<string, unknown>) =>
    only(synthJson((s) => new ContainerRegistry(s, 'registry', { ...base, ...(props as object) } as never)), 'azurerm_container_registry').value;

  test('Premium without IP rules: one block, Allow, no rules (what azurerm reads back), so a second plan is empty', () => {
    expect(registryOf({ tier: 'Premium', network: { publicAccess: true } }).network_rule_set).toEqual([{ default_action: 'Allow', ip_rule: [] }]);
    expect(registryOf({ tier: 'Premium', network: { privateEndpoints: [pe] } }).network_rule_set).toEqual([{ default_action: 'Allow', ip_rule: [] }]);
  });

  test('Premium with IP rules: Deny with the rules; Basic and Standard: omitted (computed)', () => {
    expect(registryOf({ tier: 'Premium', network: { publicAccess: true, ipRules: ['203.0.113.0/24'] } }).network_rule_set).toEqual([
      { default_action: 'Deny', ip_rule: [{ action: 'Allow', ip_range: '203.0.113.0/24' }] },
    ]);
    expect(registryOf({ tier: 'Standard' }).network_rule_set).toBeUndefined();
    expect(registryOf({ tier: 'Basic' }).network_rule_set).toBeUndefined();
  });
});

describe('Docker Hub cache rules need credentials', () => {
  test.each([
    ['docker.io/library/nginx', true],
    ['registry-1.docker.io/library/nginx', true],
    ['library/nginx', true],
    ['nginx', true],
    ['mcr.microsoft.com/dotnet/runtime', false],
    ['ghcr.io/org/app', false],
    ['quay.io/org/app', false],
    ['localhost/app', false],
  ])('%s is Docker Hub: %s', (repo, hub) => expect(isDockerHubSource(repo)).toBe(hub));

  test('a Docker Hub rule without a credential set fails synth with the fix', () => {
    const msg = synthError((s) => new ContainerRegistry(s, 'registry', { ...base, tier: 'Standard' }).addCacheRule('dockerhub-nginx', { sourceRepo: 'docker.io/library/nginx', targetRepo: 'mirror/nginx' }));
    expect(msg).toContain(
      "[stack/registry] addCacheRule('dockerhub-nginx') from Docker Hub needs credentials (Docker Hub supports authenticated pulls only), got sourceRepo 'docker.io/library/nginx' and no credential set: add one with registry.addCredentialSet('dockerhub', { loginServer: 'docker.io', usernameSecretId, passwordSecretId, keyVaultId }) and pass it as credentialSet.",
    );
  });

  test('with a credential set: Key Vault secrets, a system identity that may read them, and the rule after that grant', () => {
    const vaultId = '/subscriptions/x/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-hub';
    const json = synthJson((s) => {
      const r = new ContainerRegistry(s, 'registry', { ...base, tier: 'Standard' });
      const set = r.addCredentialSet('dockerhub', {
        loginServer: 'docker.io', keyVaultId: vaultId,
        usernameSecretId: 'https://kv-hub.vault.azure.net/secrets/hub-user', passwordSecretId: 'https://kv-hub.vault.azure.net/secrets/hub-token',
      });
      r.addCacheRule('dockerhub-nginx', { sourceRepo: 'docker.io/library/nginx', targetRepo: 'mirror/nginx', credentialSet: set });
      r.addCacheRule('dockerhub-redis', { sourceRepo: 'docker.io/library/redis', targetRepo: 'mirror/redis', credentialSetId: '/external/credentialSets/hub' });
    });
    const set = only(json, 'azurerm_container_registry_credential_set');
    expect(set.value).toMatchObject({
      name: 'dockerhub', login_server: 'docker.io', identity: { type: 'SystemAssigned' },
      authentication_credentials: { username_secret_id: 'https://kv-hub.vault.azure.net/secrets/hub-user', password_secret_id: 'https://kv-hub.vault.azure.net/secrets/hub-token' },
    });
    const grant = only(json, 'azurerm_role_assignment');
    expect(grant.value).toEqual({ scope: vaultId, role_definition_name: 'Key Vault Secrets User', principal_id: `\${${set.address}.identity[0].principal_id}` });
    const rules = resources(json, 'azurerm_container_registry_cache_rule');
    expect(rules.find((r) => r.name === 'dockerhub-nginx')).toMatchObject({ credential_set_id: `\${${set.address}.id}`, depends_on: [grant.address] });
    expect(rules.find((r) => r.name === 'dockerhub-redis')).toMatchObject({ credential_set_id: '/external/credentialSets/hub' });
  });
});

describe('AcrStack pins the subscription', () => {
  const provider = (stack: TerraformStack) => JSON.parse(Testing.synth(stack)).provider.azurerm[0];

  test('from the prop, else ARM_SUBSCRIPTION_ID at synth', () => {
    expect(provider(new AcrStack(Testing.app(), 's', { backend: 'local', subscriptionId: GUID, env: {} }))).toEqual({ features: [{}], subscription_id: GUID });
    const fromEnv = new AcrStack(Testing.app(), 's', { backend: 'local', env: { ARM_SUBSCRIPTION_ID: GUID } });
    expect(fromEnv.subscriptionId).toBe(GUID);
    expect(provider(fromEnv).subscription_id).toBe(GUID);
  });

  test('none: nothing written, and a synth warning says plan will read the environment', () => {
    const stack = new AcrStack(Testing.app(), 's', { backend: 'local', env: {} });
    expect(provider(stack).subscription_id).toBeUndefined();
    expect(stack.node.metadata.map((m) => String(m.data))).toContainEqual(expect.stringMatching(/^subscriptionId is not set, got no ARM_SUBSCRIPTION_ID at synth either/));
  });

  test('a value that is not a GUID is a usage error', () => {
    expect(() => resolveSubscriptionId('my-sub', {})).toThrow("subscriptionId must be a subscription id (a GUID), got 'my-sub': copy it from az account show --query id.");
    expect(() => resolveSubscriptionId(undefined, { ARM_SUBSCRIPTION_ID: 'x' })).toThrow(/^ARM_SUBSCRIPTION_ID must be a subscription id/);
  });
});

describe('examples take names and principals from the deployer', () => {
  const registryNames = (stack: TerraformStack) => resources(JSON.parse(Testing.synth(stack)), 'azurerm_container_registry').map((r) => r.name);

  test('two deployers with different suffixes get different registries, vaults and resource groups', () => {
    const a = JSON.parse(Testing.synth(new PremiumGeoCmkStack(Testing.app(), 'p', { env: { ACRKIT_NAME_SUFFIX: 'jd42' } })));
    const b = JSON.parse(Testing.synth(new PremiumGeoCmkStack(Testing.app(), 'p', { env: {}, nameSuffix: 'mk7' })));
    expect(resources(a, 'azurerm_container_registry')[0].name).toBe('acrkitprod01jd42');
    expect(resources(b, 'azurerm_container_registry')[0].name).toBe('acrkitprod01mk7');
    expect(resources(a, 'azurerm_key_vault')[0].name).not.toBe(resources(b, 'azurerm_key_vault')[0].name);
    expect(resources(a, 'azurerm_resource_group')[0].name).toBe('rg-acr-prod-jd42');
  });

  test('the suffix also comes from the cdktf context, and must be short lower-case letters and digits', () => {
    const app = Testing.app({ context: { 'acrkit:nameSuffix': 'ctx1' } });
    expect(registryNames(new BasicDevStack(app, 'b', { env: { ACRKIT_NAME_SUFFIX: 'env1' } }))).toEqual(['acrkitdev01ctx1']);
    expect(() => new BasicDevStack(Testing.app(), 'b', { env: { ACRKIT_NAME_SUFFIX: 'Not_OK' } })).toThrow(
      "ACRKIT_NAME_SUFFIX (or context acrkit:nameSuffix) must be 1-8 lowercase letters and digits, got 'Not_OK'",
    );
  });

  test('without a suffix the fixed names stay (tests, npm start) and each stack warns before a deploy', () => {
    const app = buildFleet(Testing.app(), { env: {} });
    const names = app.node.children.map((s) => registryNames(s as TerraformStack)[0]);
    expect(names).toEqual(['acrkitfleetdev', 'acrkitfleetstaging', 'acrkitfleetprod']);
    for (const s of app.node.children) expect(s.node.metadata.map((m) => String(m.data))).toContainEqual(expect.stringMatching(/^No name suffix/));
  });

  test('team: no placeholder principals; grants only for ids given, checked to be GUIDs', () => {
    const none = JSON.parse(Testing.synth(new TeamStack(Testing.app(), 't', { env: {} })));
    expect(resources(none, 'azurerm_role_assignment')).toEqual([]);
    const given = JSON.parse(Testing.synth(new TeamStack(Testing.app(), 't', { env: { ACRKIT_CI_PRINCIPAL_ID: GUID, ACRKIT_CLUSTER_PRINCIPAL_ID: GUID } })));
    expect(resources(given, 'azurerm_role_assignment').map((r) => [roleOf(r), r.principal_id]).sort()).toEqual([['AcrPull', GUID], ['AcrPush', GUID]]);
    expect(() => new TeamStack(Testing.app(), 't', { env: { ACRKIT_CI_PRINCIPAL_ID: '11111111' } })).toThrow(/ACRKIT_CI_PRINCIPAL_ID \(or context acrkit:ciPrincipalId\) must be an Entra object id/);
  });

  test('team: the Docker Hub rule comes with its credential set, only when the secrets are given', () => {
    const none = JSON.parse(Testing.synth(new TeamStack(Testing.app(), 't', { env: {} }), true));
    expect(resources(none, 'azurerm_container_registry_cache_rule').map((r) => r.source_repo)).toEqual(['mcr.microsoft.com/dotnet/runtime']);
    const env = {
      ACRKIT_DOCKERHUB_USERNAME_SECRET_ID: 'https://kv.vault.azure.net/secrets/hub-user',
      ACRKIT_DOCKERHUB_PASSWORD_SECRET_ID: 'https://kv.vault.azure.net/secrets/hub-token',
      ACRKIT_DOCKERHUB_KEY_VAULT_ID: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv',
    };
    const hub = JSON.parse(Testing.synth(new TeamStack(Testing.app(), 't', { env }), true));
    expect(resources(hub, 'azurerm_container_registry_cache_rule').map((r) => r.source_repo).sort()).toEqual(['docker.io/library/nginx', 'mcr.microsoft.com/dotnet/runtime']);
    expect(resources(hub, 'azurerm_container_registry_credential_set')).toHaveLength(1);
    expect(resources(hub, 'azurerm_role_assignment').map((r) => r.role_definition_name)).toEqual(['Key Vault Secrets User']);
  });

  test('production profile registries synthesize cleanly with the waits in place', () => {
    const json = synthJson((s) => new ContainerRegistry(s, 'registry', { ...base, profile: RegistryProfile.production({ replicas: ['eastus'], privateEndpoints: [pe] }) }));
    expect(resources(json, 'time_sleep')).toHaveLength(1);
  });
});
