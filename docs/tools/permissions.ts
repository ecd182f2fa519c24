/**
 * What each construct feature makes Terraform create, found by synthesizing one small stack per
 * feature (the constructs' own code decides), joined with lib/constructs/permissions.ts (what
 * the deployer needs per resource type and argument). docs/tools/tables.ts renders the result
 * into docs/deploying.md; test/docs/docs.test.ts fails when it drifts.
 *
 * Not part of the product: nothing in lib/ imports this file. It loads cdktf and the provider.
 */
import { Testing, type TerraformStack } from 'cdktf';
import { BasicDevStack } from '../../examples/basic-dev/main.js';
import { buildFleet } from '../../examples/fleet/main.js';
import { PremiumGeoCmkStack } from '../../examples/premium-geo-cmk/main.js';
import { TeamStack } from '../../examples/team/main.js';
import type { BuiltInRoleName } from '../../lib/catalog/roles.js';
import { AcrStack } from '../../lib/constructs/acr-stack.js';
import { ContainerRegistry } from '../../lib/constructs/container-registry.js';
import type { ContainerRegistryProps } from '../../lib/constructs/container-registry-props.js';
import { CustomerManagedKey } from '../../lib/constructs/customer-managed-key.js';
import { ARGUMENT_PERMISSIONS, RESOURCE_PERMISSIONS, type DeployPermission } from '../../lib/constructs/permissions.js';

/** One construct feature and how to turn it on in a sample stack. */
export interface DeployFeature {
  /** What it is, for the table. */
  readonly title: string;
  /** The construct API that turns it on. */
  readonly api: string;
  /** Registry props that turn it on (on top of a public Premium registry). */
  readonly props?: Partial<ContainerRegistryProps>;
  /** Add-method calls that turn it on. */
  readonly add?: (registry: ContainerRegistry) => void;
}

const pe = { subnetId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe', privateDnsZoneIds: ['/zones/privatelink.azurecr.io'] };
const PRINCIPAL = '00000000-0000-4000-8000-000000000000';
const VAULT = '/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv';

/** The features, in the order the table lists them. */
export const DEPLOY_FEATURES: readonly DeployFeature[] = [
  { title: 'Registry', api: '`new ContainerRegistry(...)`' },
  { title: 'Geo-replicas', api: '`replicas`, `addReplica()`', props: { replicas: [{ location: 'eastus' }] } },
  { title: 'Customer-managed key (made here)', api: "`encryption: 'create'`, `new CustomerManagedKey()`", props: { encryption: 'create' } },
  {
    title: 'Customer-managed key (existing)',
    api: '`CustomerManagedKey.fromExistingKey()`',
    props: { encryption: CustomerManagedKey.fromExistingKey({ keyId: 'https://kv.vault.azure.net/keys/acr', identityId: '/id', identityClientId: 'cid' }) },
  },
  { title: 'Private endpoints', api: '`network.privateEndpoints`', props: { network: { publicAccess: false, privateEndpoints: [pe] } } },
  { title: 'Diagnostics', api: '`diagnostics`', props: { diagnostics: { workspaceId: '/ws' } } },
  { title: 'Soft delete', api: '`softDeleteDays`', props: { softDeleteDays: 7, replicas: [] } },
  { title: 'Management lock', api: '`lock`', props: { lock: 'CanNotDelete' } },
  { title: 'Role grants', api: '`grantPull()`, `grantPush()`, `grant()`', add: (r) => r.grantPull(PRINCIPAL) },
  { title: 'Webhooks', api: '`addWebhook()`', add: (r) => r.addWebhook('deployhook', { serviceUri: 'https://example.com/hook', actions: ['push'] }) },
  { title: 'Scope maps and tokens', api: '`addScopeMap()`', add: (r) => r.addScopeMap('partner-read', { actions: ['repositories/a/content/read'], tokens: ['partner-ci'] }) },
  { title: 'Cache rules', api: '`addCacheRule()`', add: (r) => r.addCacheRule('dotnet', { sourceRepo: 'mcr.microsoft.com/dotnet/runtime', targetRepo: 'dotnet' }) },
  {
    title: 'Credential sets',
    api: '`addCredentialSet()` with `keyVaultId`',
    add: (r) => r.addCredentialSet('dockerhub', { loginServer: 'docker.io', usernameSecretId: 'https://kv.vault.azure.net/secrets/u', passwordSecretId: 'https://kv.vault.azure.net/secrets/p', keyVaultId: VAULT }),
  },
];

/** What one feature (or example stack) makes Terraform create, and what that needs. */
export interface FeaturePermissions {
  /** Resource types created (beyond the plain registry, for a feature). */
  readonly resourceTypes: readonly string[];
  /** `<type>.<argument>` written that need more than their resource's permissions. */
  readonly arguments: readonly string[];
  /** The permissions of those, in the same order (resource types, then arguments). */
  readonly permissions: readonly DeployPermission[];
}

/** The resources of a synthesized stack: type -> list of resource bodies. */
function resourcesOf(stack: TerraformStack): Record<string, Array<Record<string, unknown>>> {
  const json = JSON.parse(Testing.synth(stack)) as { resource?: Record<string, Record<string, Record<string, unknown>>> };
  return Object.fromEntries(Object.entries(json.resource ?? {}).map(([t, byName]) => [t, Object.values(byName)]));
}

/** Whether a written value is set (non-empty list or object, or a scalar). */
function isSet(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

/**
 * Permissions of a stack's resources; `baseline` types (and arguments) are left out. With
 * `acrkitOnly`, resources the constructs do not create (an example's landing zone) are skipped;
 * otherwise a type without permissions is an error.
 */
export function permissionsOf(stack: TerraformStack, baseline?: FeaturePermissions, acrkitOnly = false): FeaturePermissions {
  const res = resourcesOf(stack);
  const known = new Set(baseline?.resourceTypes ?? []);
  const knownArgs = new Set(baseline?.arguments ?? []);
  const missing: string[] = [];
  const resourceTypes = Object.keys(res)
    .filter((t) => !known.has(t) && (!acrkitOnly || RESOURCE_PERMISSIONS[t]))
    .sort();
  for (const t of resourceTypes) if (!RESOURCE_PERMISSIONS[t]) missing.push(t);
  const args = Object.keys(ARGUMENT_PERMISSIONS)
    .filter((key) => {
      const [type, arg] = key.split('.') as [string, string];
      return !knownArgs.has(key) && (res[type] ?? []).some((r) => isSet(r[arg]));
    })
    .sort();
  if (missing.length) {
    throw new Error(`lib/constructs/permissions.ts RESOURCE_PERMISSIONS must cover every resource the constructs create, got none for ${missing.join(', ')}: add them.`);
  }
  return {
    resourceTypes,
    arguments: args,
    permissions: [...resourceTypes.map((t) => RESOURCE_PERMISSIONS[t]!), ...args.map((a) => ARGUMENT_PERMISSIONS[a]!)],
  };
}

/** A sample stack with one public Premium registry and the feature's props and calls. */
function featureStack(feature?: DeployFeature): TerraformStack {
  const stack = new AcrStack(Testing.app(), 'deploy', { backend: 'local', env: {}, subscriptionId: '00000000-0000-4000-8000-000000000001' });
  const registry = new ContainerRegistry(stack, 'registry', {
    name: 'acrkitdocs01', resourceGroupName: 'rg', location: 'westeurope', tier: 'Premium', network: { publicAccess: true },
    ...feature?.props,
  });
  feature?.add?.(registry);
  return stack;
}

/** Each feature with what it adds over a plain registry. */
export function featurePermissions(): Array<{ feature: DeployFeature; permissions: FeaturePermissions }> {
  const baseline = permissionsOf(featureStack());
  return DEPLOY_FEATURES.map((feature, i) => ({
    feature,
    permissions: i === 0 ? baseline : permissionsOf(featureStack(feature), baseline),
  }));
}

/** The example stacks (default settings: no suffix, no principals), each with what it creates. */
export function examplePermissions(): Array<{ stack: string; permissions: FeaturePermissions }> {
  const env = {};
  const fleet = buildFleet(Testing.app(), { env });
  const stacks: Array<[string, TerraformStack]> = [
    ['basic-dev', new BasicDevStack(Testing.app(), 'basic-dev', { env })],
    ['team', new TeamStack(Testing.app(), 'team', { env })],
    ['premium-geo-cmk', new PremiumGeoCmkStack(Testing.app(), 'premium-geo-cmk', { env })],
    ...fleet.node.children.map((s) => [`fleet: ${s.node.id}`, s as TerraformStack] as [string, TerraformStack]),
  ];
  return stacks.map(([stack, s]) => ({ stack, permissions: permissionsOf(s, undefined, true) }));
}

/**
 * The roles a set of permissions needs, as groups: each group is a list of roles any one of
 * which grants that part (Owner grants every part and is left out of the groups).
 */
export function roleGroups(permissions: readonly DeployPermission[]): BuiltInRoleName[][] {
  const groups = new Map<string, BuiltInRoleName[]>();
  for (const p of permissions) {
    const roles = p.roles.filter((r) => r !== 'Owner');
    if (!roles.length) continue;
    groups.set(roles.join('|'), roles);
  }
  // A group that is a superset of another adds nothing (the smaller one already needs one of its roles).
  const list = [...groups.values()];
  return list.filter((g) => !list.some((h) => h !== g && h.length < g.length && h.every((r) => g.includes(r))));
}
