/**
 * Permissions modes through the construct: grants follow the mode (legacy roles, or the
 * repository roles with ABAC conditions), the mode and the ARM-audience policy go through one
 * AzAPI resource, and what is synthesized reads back to the same spec.
 */
import { BUILT_IN_ROLES } from '../../lib/catalog/roles.js';
import { ContainerRegistry } from '../../lib/constructs/container-registry.js';
import { RegistryProfile } from '../../lib/constructs/profiles.js';
import type { RegistrySpec } from '../../lib/model/registry-spec.js';
import { fromTfJson } from '../../lib/sources/from-tf-json.js';
import { evaluate } from '../../lib/policy/engine.js';
import { resources, roleOf, synthError, synthJson } from '../support/synth.js';

const base = { name: 'acrkitabac01', resourceGroupName: 'rg', location: 'westeurope', tier: 'Basic' } as const;
const CLUSTER = '11111111-1111-1111-1111-111111111111';
const CI = '22222222-2222-2222-2222-222222222222';
const id = (name: keyof typeof BUILT_IN_ROLES): string => BUILT_IN_ROLES[name].value.id;
const READ = ["!(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/content/read'})", "!(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/metadata/read'})"];
const NAME = '@Request[Microsoft.ContainerRegistry/registries/repositories:name]';

describe('permissionsMode', () => {
  test("rbac-abac with a repository-scoped grantPull: Repository Reader by id, the ABAC condition, the mode through AzAPI", () => {
    // GIVEN a registry in ABAC mode WHEN a cluster gets pull on a namespace and a repository
    const json = synthJson((s) => {
      const r = new ContainerRegistry(s, 'registry', { ...base, permissionsMode: 'rbac-abac' });
      r.grantPull(CLUSTER, { repositories: ['team-a/*', 'base/nginx'] });
    });
    // THEN the assignment names the repository role by its catalog id, with the condition
    const [a] = resources(json, 'azurerm_role_assignment');
    expect(a.role_definition_id).toMatch(new RegExp(`/providers/Microsoft\\.Authorization/roleDefinitions/${id('Container Registry Repository Reader')}$`));
    expect(a.role_definition_name).toBeUndefined();
    expect(a.principal_id).toBe(CLUSTER);
    expect(a.condition).toBe(`((${READ.join(' AND ')}) OR (${NAME} StringStartsWithIgnoreCase 'team-a/' OR ${NAME} StringEqualsIgnoreCase 'base/nginx'))`);
    expect(a.condition_version).toBe('2.0');
    // AND the mode is written through the AzAPI provider (the bindings lack role_assignment_mode)
    const [settings] = resources(json, 'azapi_update_resource');
    expect(settings.type).toBe('Microsoft.ContainerRegistry/registries@2025-11-01');
    expect(settings.body).toEqual({ properties: { roleAssignmentMode: 'AbacRepositoryPermissions' } });
    expect(json.terraform.required_providers.azapi.source).toBe('azure/azapi');
  });

  test('grants follow the mode: AcrPull/AcrPush/AcrDelete in rbac, Repository Reader/Writer/Contributor in rbac-abac', () => {
    for (const [mode, roles] of [
      ['rbac', ['AcrPull', 'AcrPush', 'AcrDelete']],
      ['rbac-abac', ['Container Registry Repository Reader', 'Container Registry Repository Writer', 'Container Registry Repository Contributor']],
    ] as const) {
      const json = synthJson((s) => {
        const r = new ContainerRegistry(s, 'registry', { ...base, permissionsMode: mode });
        r.grantPull(CLUSTER, 'cluster-pull');
        r.grantPush(CI, { id: 'ci-push' });
        r.grantDelete(CI);
      });
      const byId = Object.fromEntries(Object.entries(json.resource.azurerm_role_assignment as Record<string, any>).map(([k, v]) => [k.replace(/_[0-9A-F]{8}$/, ''), v]));
      expect([byId['registry_cluster-pull'], byId['registry_ci-push'], byId['registry_delete-2']].map((x) => roleOf(x))).toEqual(roles);
      expect(Object.values(byId).every((x) => x.condition === undefined)).toBe(true);
    }
  });

  test('without permissionsMode: legacy roles, and no AzAPI resource (Azure keeps its default)', () => {
    const json = synthJson((s) => new ContainerRegistry(s, 'registry', base).grantPull(CLUSTER));
    expect(resources(json, 'azurerm_role_assignment').map(roleOf)).toEqual(['AcrPull']);
    expect(json.resource.azapi_update_resource).toBeUndefined();
  });

  test('repositories in rbac mode fail synth with the fix; so do names that are not repositories', () => {
    const msg = synthError((s) => new ContainerRegistry(s, 'registry', base).grantPull(CLUSTER, { repositories: ['team-a/*'] }));
    expect(msg).toContain(
      "[stack/registry] grantPull('pull-0') repositories need permissionsMode 'rbac-abac', got 'rbac' (AcrPull cannot be limited to repositories): set permissionsMode: 'rbac-abac' on the registry",
    );
    const bad = synthError((s) => {
      const r = new ContainerRegistry(s, 'registry', { ...base, permissionsMode: 'rbac-abac' });
      r.grantPush(CI, { repositories: ['Team A/*'] });
      r.grantPull(CLUSTER, { repositories: [] });
    });
    expect(bad).toContain("grantPush('push-0') repository 'Team A/*' must be a repository name");
    expect(bad).toContain("grantPull('pull-1') repositories must list at least one repository or namespace, got []");
  });

  test('ARM-audience tokens off and metadata search: one AzAPI body, after soft delete', () => {
    const json = synthJson((s) => new ContainerRegistry(s, 'registry', { ...base, armAudienceAuth: false, metadataSearch: true, softDeleteDays: 7 }));
    const updates = resources(json, 'azapi_update_resource');
    expect(updates).toHaveLength(2);
    const settings = updates.find((u) => u.body.properties.metadataSearch !== undefined)!;
    expect(settings.type).toBe('Microsoft.ContainerRegistry/registries@2025-05-01-preview');
    expect(settings.body).toEqual({ properties: { policies: { azureADAuthenticationAsArmPolicy: { status: 'disabled' } }, metadataSearch: 'Enabled' } });
    expect(settings.depends_on).toEqual([expect.stringMatching(/^azapi_update_resource\.registry_soft-delete_/)]);
  });

  test('tokensEnabled: false creates every token disabled', () => {
    let enabled: unknown;
    const json = synthJson((s) => {
      const r = new ContainerRegistry(s, 'registry', { ...base, tokensEnabled: false });
      r.addScopeMap('partner-read', { actions: ['repositories/partner/content/read'], tokens: ['partner-ci'] });
      enabled = r.spec.enabledTokens;
    });
    expect(resources(json, 'azurerm_container_registry_token').map((t) => t.enabled)).toEqual([false]);
    expect(enabled).toBe(0);
  });

  test('RegistryProfile.production(): ABAC mode and ACR-scoped tokens only; props override', () => {
    const profile = RegistryProfile.production({ replicas: ['eastus'] });
    expect(profile.settings).toMatchObject({ permissionsMode: 'rbac-abac', armAudienceAuth: false });
    const json = synthJson((s) => {
      const r = new ContainerRegistry(s, 'registry', {
        name: 'acrkitprodabac', resourceGroupName: 'rg', location: 'westeurope', profile, armAudienceAuth: true,
        network: { publicAccess: false, privateEndpoints: [{ subnetId: '/subnets/pe', privateDnsZoneIds: ['/zones/privatelink.azurecr.io'] }] },
      });
      r.grantPull(CLUSTER, { repositories: ['apps/*'] });
      expect(r.permissionsMode).toBe('rbac-abac');
    });
    const [settings] = resources(json, 'azapi_update_resource');
    expect(settings.body.properties).toEqual({ roleAssignmentMode: 'AbacRepositoryPermissions', policies: { azureADAuthenticationAsArmPolicy: { status: 'enabled' } } });
    expect(resources(json, 'azurerm_role_assignment').filter((a) => a.principal_id === CLUSTER).map(roleOf)).toEqual(['Container Registry Repository Reader']);
  });

  test('the synthesized JSON reads back to the construct spec: mode, policy, role assignments with their conditions', () => {
    let fromTree: RegistrySpec | undefined;
    const json = synthJson((s) => {
      const r = new ContainerRegistry(s, 'registry', { ...base, permissionsMode: 'rbac-abac', armAudienceAuth: false });
      r.grantPull(CLUSTER, { repositories: ['team-a/*'] });
      r.grantPush(CI);
      fromTree = r.spec;
    });
    const tree = fromTree!;
    const [read] = fromTfJson(json, 'cdk.tf.json').registries;
    const strip = (s: RegistrySpec): unknown => ({ ...s, address: '', source: undefined, roleAssignments: s.roleAssignments.map((a) => ({ ...a, address: '' })) });
    expect(strip(read!)).toEqual(strip(tree));
    expect(read!.roleAssignments.map((a) => [a.roleName, a.condition === null])).toEqual([['Container Registry Repository Reader', false], ['Container Registry Repository Writer', true]]);
    // The registry-wide Writer grant is advice (ACR-SEC-018); nothing else of the new rules fires.
    const ids = evaluate([read!], { packs: ['security'] }).findings.map((f) => f.ruleId).filter((r) => ['ACR-SEC-016', 'ACR-SEC-017', 'ACR-SEC-018', 'ACR-SEC-019'].includes(r));
    expect(ids).toEqual(['ACR-SEC-018']);
  });
});
