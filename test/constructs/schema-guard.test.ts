/**
 * Schema guard: every argument the constructs write must be one the provider documents (the
 * checked-in list test/fixtures/azurerm-4.55-arguments.json, written from the azurerm 4.x docs),
 * every required one must be written, and the exact values acrkit relies on (role names, the
 * private DNS zone, the private link sub-resource, the versionless key id, the identity's client
 * id, the soft-delete API version) must be what the docs say. A typo fails here, not at apply.
 * The list itself is checked against the @cdktf/provider-azurerm bindings (azurerm 4.55.0).
 */
import { Testing } from 'cdktf';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFleet } from '../../examples/fleet/main.js';
import { BUILT_IN_ROLES } from '../../lib/catalog/roles.js';
import { ContainerRegistry } from '../../lib/constructs/container-registry.js';
import { DEPLOYER_KEY_ROLE, REGISTRY_KEY_ROLE } from '../../lib/constructs/customer-managed-key.js';
import { ARGUMENT_PERMISSIONS, RESOURCE_PERMISSIONS } from '../../lib/constructs/permissions.js';
import { SOFT_DELETE_API_VERSION } from '../../lib/constructs/soft-delete.js';
import { TIME_PROVIDER_VERSION } from '../../lib/constructs/time-sleep.js';
import { resources, synthJson } from '../support/synth.js';

interface Argument {
  readonly required: boolean;
  readonly block?: Readonly<Record<string, Argument>>;
}
interface Guard {
  readonly resources: Readonly<Record<string, { doc: string; arguments: Readonly<Record<string, Argument>> }>>;
  readonly values: Readonly<Record<string, { value: unknown; source: string }>>;
}

const here = dirname(fileURLToPath(import.meta.url));
const GUARD = JSON.parse(readFileSync(join(here, '../fixtures/azurerm-4.55-arguments.json'), 'utf8')) as Guard;
const value = <T>(key: string): T => GUARD.values[key]!.value as T;
const META = new Set(['depends_on', 'provider', 'lifecycle', 'count', 'for_each', '//']);

const pe = { subnetId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe', privateDnsZoneIds: ['/zones/privatelink.azurecr.io'] };
const GUID = '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';

/** One stack that uses every construct feature, so every resource type and argument is written. */
function everything(): Record<string, any> {
  return synthJson((s) => {
    const premium = new ContainerRegistry(s, 'premium', {
      name: 'acrkitguardp', resourceGroupName: 'rg', location: 'westeurope', tier: 'Premium',
      replicas: [{ location: 'eastus' }], encryption: 'create', retentionDays: 7, dataEndpoint: true, quarantine: true,
      network: { publicAccess: true, ipRules: ['203.0.113.0/24'], privateEndpoints: [pe] },
      diagnostics: { workspaceId: '/ws' }, lock: 'CanNotDelete', tags: { env: 'guard' },
    });
    premium.grantPull(GUID);
    const standard = new ContainerRegistry(s, 'standard', {
      name: 'acrkitguards', resourceGroupName: 'rg', location: 'westeurope', tier: 'Standard', softDeleteDays: 7,
    });
    standard.addWebhook('deployhook', { serviceUri: 'https://deploy.example.com/hook', actions: ['push'], scope: 'app:*', customHeaders: { 'x-a': 'b' } });
    standard.addScopeMap('partner-read', { actions: ['repositories/a/content/read'], description: 'partner', tokens: ['partner-ci'] });
    const set = standard.addCredentialSet('dockerhub', {
      loginServer: 'docker.io', keyVaultId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv',
      usernameSecretId: 'https://kv.vault.azure.net/secrets/u', passwordSecretId: 'https://kv.vault.azure.net/secrets/p',
    });
    standard.addCacheRule('dockerhub-nginx', { sourceRepo: 'docker.io/library/nginx', targetRepo: 'mirror/nginx', credentialSet: set });
  });
}

/** Problems of one written object against its documented arguments, with a path prefix. */
function check(written: Record<string, unknown>, args: Readonly<Record<string, Argument>>, at: string): string[] {
  const problems: string[] = [];
  for (const [key, v] of Object.entries(written)) {
    if (META.has(key)) continue;
    const arg = args[key];
    if (!arg) {
      problems.push(`${at}.${key} is not a documented argument`);
      continue;
    }
    if (arg.block && v !== null && typeof v === 'object') {
      const items = Array.isArray(v) ? v : [v];
      items.forEach((item, i) => problems.push(...check(item as Record<string, unknown>, arg.block!, `${at}.${key}[${i}]`)));
    }
  }
  for (const [key, arg] of Object.entries(args)) {
    if (arg.required && !(key in written)) problems.push(`${at}.${key} is required and not written`);
  }
  return problems;
}

/** Every argument name a binding's synthesizeAttributes writes (all nesting levels). */
function bindingArguments(type: string): Set<string> {
  const require = createRequire(import.meta.url);
  const dir = type.replace(/^azurerm_/, '').replace(/_/g, '-');
  const file = require.resolve(`@cdktf/provider-azurerm/lib/${dir}/index.js`);
  const text = readFileSync(file, 'utf8');
  return new Set([...text.matchAll(/^\s+([a-z_0-9]+): .*(?:ToTerraform|Mapper)/gm)].map((m) => m[1]!));
}

/** Every argument name of a documented resource, nested ones included. */
function documentedNames(args: Readonly<Record<string, Argument>>): string[] {
  return Object.entries(args).flatMap(([k, a]) => [k, ...(a.block ? documentedNames(a.block) : [])]);
}

describe('schema guard (azurerm 4.55.0)', () => {
  const json = everything();

  test('the maximal stack writes every resource type the list knows, and no other', () => {
    expect(Object.keys(json.resource).sort()).toEqual(Object.keys(GUARD.resources).sort());
  });

  test('every written argument is documented, and every required one is written', () => {
    const problems: string[] = [];
    for (const [type, byName] of Object.entries(json.resource as Record<string, Record<string, Record<string, unknown>>>)) {
      const doc = GUARD.resources[type];
      if (!doc) {
        problems.push(`${type} is not in test/fixtures/azurerm-4.55-arguments.json`);
        continue;
      }
      for (const [name, written] of Object.entries(byName)) problems.push(...check(written, doc.arguments, `${type}.${name}`));
    }
    expect(problems).toEqual([]);
  });

  test('the list matches the provider bindings (azurerm 4.55.0): no argument it names is missing there', () => {
    const missing: string[] = [];
    for (const [type, doc] of Object.entries(GUARD.resources)) {
      if (!type.startsWith('azurerm_')) continue;
      const known = bindingArguments(type);
      for (const name of documentedNames(doc.arguments)) if (!known.has(name)) missing.push(`${type}.${name}`);
    }
    expect(missing).toEqual([]);
  });

  test('every resource type and costly argument has its deploy permissions', () => {
    expect(Object.keys(GUARD.resources).filter((t) => !RESOURCE_PERMISSIONS[t])).toEqual([]);
    for (const key of Object.keys(ARGUMENT_PERMISSIONS)) {
      const [type, arg] = key.split('.') as [string, string];
      expect(GUARD.resources[type]?.arguments[arg]).toBeDefined();
    }
  });

  test('role definition ids are the built-in ones, subscription-scoped, from the catalog', () => {
    const ids = value<Record<string, string>>('registryRoleIds');
    for (const [name, id] of Object.entries(ids)) expect(BUILT_IN_ROLES[name as keyof typeof BUILT_IN_ROLES]?.value.id).toBe(id);
    const byId = resources(json, 'azurerm_role_assignment').filter((r) => r.role_definition_id !== undefined);
    expect(byId.length).toBeGreaterThan(0);
    for (const r of byId) {
      // The subscription of the registry's id, so Azure returns the same id and azurerm does not replace the assignment.
      expect(r.role_definition_id).toMatch(/^\$\{join\("\/", slice\(split\("\/", azurerm_container_registry\.[\w-]+\.id\), 0, 3\)\)\}\/providers\/Microsoft\.Authorization\/roleDefinitions\/[0-9a-f-]{36}$/);
      expect(Object.values(ids)).toContain(r.role_definition_id.split('/').pop());
    }
  });

  test('ABAC: the condition has the format of the ABAC how-to, the settings the API version of azurerm 4.81', () => {
    const abac = synthJson((s) => {
      const r = new ContainerRegistry(s, 'abac', { name: 'acrkitguarda', resourceGroupName: 'rg', location: 'westeurope', tier: 'Basic', permissionsMode: 'rbac-abac' });
      r.grantPull(GUID, { repositories: ['nginx'] });
    });
    const [assignment] = resources(abac, 'azurerm_role_assignment');
    expect(assignment.condition).toBe(value<string>('abacCondition'));
    expect(assignment.condition_version).toBe('2.0');
    const [settings] = resources(abac, 'azapi_update_resource');
    expect(settings.type).toBe(value<string>('registrySettingsApiType'));
  });

  test('role names are the built-in ones, spelled exactly', () => {
    const written = new Set(resources(json, 'azurerm_role_assignment').filter((r) => r.role_definition_name !== undefined).map((r) => r.role_definition_name as string));
    const known = new Set([...value<string[]>('registryRoleNames'), ...value<string[]>('keyVaultRoleNames')]);
    expect([...written].filter((r) => !known.has(r))).toEqual([]);
    for (const name of known) expect(BUILT_IN_ROLES[name as keyof typeof BUILT_IN_ROLES]?.value.name).toBe(name);
    expect([DEPLOYER_KEY_ROLE, REGISTRY_KEY_ROLE]).toEqual(['Key Vault Crypto Officer', 'Key Vault Crypto Service Encryption User']);
  });

  test("private endpoints: sub-resource 'registry' and the privatelink.azurecr.io zone of the landing zone", () => {
    const [endpoint] = resources(json, 'azurerm_private_endpoint');
    expect(endpoint.private_service_connection.subresource_names).toEqual([value<string>('privateLinkSubresource')]);
    expect(endpoint.private_service_connection.is_manual_connection).toBe(false);
    const fleet = JSON.parse(Testing.synth(buildFleet(Testing.app(), { env: {} }).node.findChild('fleet-prod') as never));
    expect(resources(fleet, 'azurerm_private_dns_zone').map((z) => z.name)).toEqual([value<string>('privateDnsZone')]);
  });

  test('encryption: the versionless key id and the identity client id, the identity attached to the registry', () => {
    const [registry] = resources(json, 'azurerm_container_registry').filter((r) => r.encryption?.length);
    const [key] = Object.keys(json.resource.azurerm_key_vault_key);
    const [identity] = Object.keys(json.resource.azurerm_user_assigned_identity);
    expect(registry.encryption).toEqual([
      {
        key_vault_key_id: `\${azurerm_key_vault_key.${key}.${value<string>('encryptionKeyIdAttribute')}}`,
        identity_client_id: `\${azurerm_user_assigned_identity.${identity}.${value<string>('encryptionIdentityAttribute')}}`,
      },
    ]);
    expect(registry.identity).toEqual({ type: 'UserAssigned', identity_ids: [`\${azurerm_user_assigned_identity.${identity}.id}`] });
  });

  test('soft delete through AzAPI: the API version that has softDeletePolicy, and its body', () => {
    const [sd] = resources(json, 'azapi_update_resource');
    expect(sd.type).toBe(value<string>('softDeleteApiType'));
    expect(`Microsoft.ContainerRegistry/registries@${SOFT_DELETE_API_VERSION}`).toBe(value<string>('softDeleteApiType'));
    expect(sd.body).toEqual({ properties: { policies: { softDeletePolicy: { retentionDays: 7, status: 'enabled' } } } });
  });

  test('locks, diagnostics, credential sets and the time provider use the documented values', () => {
    for (const l of resources(json, 'azurerm_management_lock')) expect(value<string[]>('lockLevels')).toContain(l.lock_level);
    const [diag] = resources(json, 'azurerm_monitor_diagnostic_setting');
    const d = value<{ category_group: string; metric_category: string }>('diagnostics');
    expect(diag.enabled_log).toEqual([{ category_group: d.category_group }]);
    expect(diag.enabled_metric).toEqual([{ category: d.metric_category }]);
    expect(resources(json, 'azurerm_container_registry_credential_set')[0].identity).toEqual({ type: value<string>('credentialSetIdentityType') });
    expect(json.terraform.required_providers.time).toEqual(value('timeProvider'));
    expect(TIME_PROVIDER_VERSION).toBe(value<{ version: string }>('timeProvider').version);
  });
});
