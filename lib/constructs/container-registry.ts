/**
 * ContainerRegistry: one Azure Container Registry and the resources around it, checked
 * against its tier at synth.
 */
import { Construct, type IConstruct } from 'constructs';
import {
  Annotations,
  Aspects,
  DefaultTokenResolver,
  Fn,
  StringConcat,
  TerraformResource,
  TerraformStack,
  Token,
  Tokenization,
  type IAspect,
} from 'cdktf';
import { ContainerRegistry as L1Registry, type ContainerRegistryGeoreplications } from '@cdktf/provider-azurerm/lib/container-registry/index.js';
import type { ContainerRegistryCacheRule } from '@cdktf/provider-azurerm/lib/container-registry-cache-rule/index.js';
import type { ContainerRegistryCredentialSet } from '@cdktf/provider-azurerm/lib/container-registry-credential-set/index.js';
import type { ContainerRegistryScopeMap } from '@cdktf/provider-azurerm/lib/container-registry-scope-map/index.js';
import type { ContainerRegistryToken } from '@cdktf/provider-azurerm/lib/container-registry-token/index.js';
import type { ContainerRegistryWebhook } from '@cdktf/provider-azurerm/lib/container-registry-webhook/index.js';
import type { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock/index.js';
import type { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting/index.js';
import type { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint/index.js';
import type { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment/index.js';
import { findRegion } from '../catalog/regions.js';
import {
  CONDITION_VERSION,
  DEFAULT_PERMISSIONS_MODE,
  parseRepositoryPattern,
  REPOSITORY_DATA_ACTIONS,
  repositoryCondition,
  type PermissionsMode,
  type RepositoryPattern,
} from '../catalog/abac.js';
import { BUILT_IN_ROLES, builtInRoleByName, type BuiltInRole, type BuiltInRoleName } from '../catalog/roles.js';
import { tierSupports, type Tier } from '../catalog/tiers.js';
import { settingValue, tierGateProblem, unsupportedSettings, withoutSetting } from '../model/features.js';
import { normalizeSpec } from '../model/normalize.js';
import type { RegistrySpec, ReplicaSpec, RoleAssignmentSpec, WebhookSpec } from '../model/registry-spec.js';
import { validateSpec } from '../model/validate.js';
import type {
  CacheRuleProps,
  ContainerRegistryProps,
  CredentialSetProps,
  GrantOptions,
  NetworkProps,
  ReplicaProps,
  ScopeMapProps,
  WebhookProps,
} from './container-registry-props.js';
import { CustomerManagedKey, type IRegistryEncryption } from './customer-managed-key.js';
import { NAME_RULES, nameProblem, type NamedKind } from './names.js';
import type { ProfileSettings } from './container-registry-props.js';
import { L1 } from './provider-classes.js';
import { RegistrySettings } from './registry-settings.js';
import { SoftDeletePolicy } from './soft-delete.js';
import { fromToken } from './tokens.js';
import { isUnknown, unknown, type Maybe } from '../model/unknown.js';
import { compareStrings } from '../order.js';
import type { Mutable } from '../mutable.js';
import { ForwardAppPolicyChecks } from './policy-forwarding.js';

/**
 * The built-in role each grant assigns in each permissions mode (lib/catalog/roles.ts): the
 * legacy roles, or the repository roles that replace them in ABAC mode. AcrDelete has no
 * delete-only repository role: Contributor also reads and writes.
 */
const GRANT_ROLES: Readonly<Record<GrantKind, Readonly<Record<PermissionsMode, BuiltInRoleName>>>> = {
  pull: { rbac: 'AcrPull', 'rbac-abac': 'Container Registry Repository Reader' },
  push: { rbac: 'AcrPush', 'rbac-abac': 'Container Registry Repository Writer' },
  delete: { rbac: 'AcrDelete', 'rbac-abac': 'Container Registry Repository Contributor' },
};
/** What `grantPull`, `grantPush` and `grantDelete` grant. */
type GrantKind = 'pull' | 'push' | 'delete';
/** The role a credential set's identity needs on the vault holding its secrets. */
const ROLE_SECRETS_USER = BUILT_IN_ROLES['Key Vault Secrets User'].value.name;
/** Default name of the diagnostic setting. */
const DIAGNOSTICS_NAME = 'acrkit-all-logs-metrics';

/**
 * Whether a cache rule's source repository is on Docker Hub: `docker.io/...`,
 * `registry-1.docker.io/...`, `index.docker.io/...`, or a path without a registry host.
 */
export function isDockerHubSource(sourceRepo: string): boolean {
  const first = sourceRepo.split('/')[0] ?? '';
  if (/^(docker\.io|registry-1\.docker\.io|index\.docker\.io)$/i.test(first)) return true;
  return sourceRepo.includes('/') ? !/[.:]/.test(first) && first !== 'localhost' : true;
}

/**
 * An Azure Container Registry with its tier's features: geo-replicas, customer-managed key,
 * retention, soft delete, private endpoints, diagnostics, lock, webhooks, scope maps with
 * tokens and cache rules, and the permissions mode its grants follow (legacy roles, or the
 * repository roles with ABAC conditions).
 *
 * Secure by default: admin user and anonymous pull off, export off where the tier allows it.
 * Every setting the tier cannot use fails synth, all at once, with the prop, the value, the
 * tier it needs and the fix.
 */
export class ContainerRegistry extends Construct {
  /** The underlying `azurerm_container_registry` resource (escape hatch). */
  readonly resource: L1Registry;
  /** The tier in effect. */
  readonly tier: Tier;
  /** Warnings about profile settings the tier could not use (also synth annotations). */
  readonly profileWarnings: readonly string[];
  /**
   * The customer-managed key in use.
   * @default - none: platform-managed keys
   */
  readonly encryption?: IRegistryEncryption;

  private readonly props: ContainerRegistryProps;
  private readonly replicaList: ReplicaProps[];
  private readonly webhooks: Array<{ path: string; props: WebhookProps }> = [];
  private readonly privateEndpoints: PrivateEndpoint[] = [];
  private diagnosticSetting?: MonitorDiagnosticSetting;
  private managementLock?: ManagementLock;
  private scopeMapCount = 0;
  private tokenCount = 0;
  private cacheRuleCount = 0;
  private grants = 0;
  /** Role assignments on the registry, for the spec. */
  private readonly roleGrants: Array<{ assignment: RoleAssignment; principalId: string; role: BuiltInRole | { readonly name: string }; condition?: string }> = [];
  /** Grants with repositories the mode cannot take, or repositories that are not repository names (each a message). */
  private readonly grantProblems: string[] = [];
  /** Names of the children, checked against the provider's rules at synth. */
  private readonly names: Array<{ kind: NamedKind; name: string; where: string }> = [];
  /** Cache rules from Docker Hub without credentials (each a message subject). */
  private readonly anonymousDockerHubRules: Array<{ where: string; sourceRepo: string }> = [];
  /** Role assignments that let a credential set read its secrets, by set. */
  private readonly credentialGrants = new Map<ContainerRegistryCredentialSet, RoleAssignment>();
  /** Settings derived from props and tier once, rendered to Terraform and reported in `spec`. */
  private readonly resolved: {
    readonly publicAccess: boolean;
    readonly exportEnabled: boolean;
    readonly ipRules: readonly string[];
    readonly defaultAction: 'Allow' | 'Deny';
    readonly bypassAzureServices: boolean;
    readonly zoneRedundancy: boolean;
  };

  constructor(scope: Construct, id: string, props: ContainerRegistryProps) {
    super(scope, id);
    const tier = props.tier ?? props.profile?.tier;
    if (tier === undefined) {
      throw new Error(`[${this.node.path}] tier is required without a profile, got none: set tier: 'Basic', 'Standard' or 'Premium', or profile: RegistryProfile.dev().`);
    }
    this.tier = tier;
    const { merged, warnings } = this.applyProfile(props, tier);
    this.props = merged;
    this.profileWarnings = warnings;
    for (const w of warnings) Annotations.of(this).addWarning(w);
    this.replicaList = [...(merged.replicas ?? [])];

    const network = merged.network ?? {};
    const publicAccess = this.resolvePublicAccess(network);
    const ipRules = network.ipRules ?? [];
    this.resolved = {
      publicAccess,
      exportEnabled: merged.exportEnabled ?? !(tierSupports(tier, 'exportDisabled') && publicAccess === false),
      ipRules,
      defaultAction: network.defaultAction ?? (ipRules.length > 0 ? 'Deny' : 'Allow'),
      bypassAzureServices: network.bypassAzureServices ?? true,
      zoneRedundancy: merged.zoneRedundancy ?? (tierSupports(tier, 'zoneRedundancy') && (findRegion(props.location)?.availabilityZones ?? false)),
    };
    const { exportEnabled } = this.resolved;

    if (merged.encryption === 'create') {
      this.encryption = new CustomerManagedKey(this, 'cmk', {
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        ...(merged.tags ? { tags: merged.tags } : {}),
      });
    } else if (merged.encryption) {
      this.encryption = merged.encryption;
    }
    if (this.encryption instanceof CustomerManagedKey) this.encryption.bindRegistry(this, props.name);

    this.resource = new L1Registry(this, 'registry', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      sku: tier,
      adminEnabled: merged.adminEnabled ?? false,
      anonymousPullEnabled: merged.anonymousPull ?? false,
      exportPolicyEnabled: exportEnabled,
      publicNetworkAccessEnabled: publicAccess,
      networkRuleBypassOption: this.resolved.bypassAzureServices ? 'AzureServices' : 'None',
      ...this.renderNetworkRuleSet(network),
      ...(merged.retentionDays ? { retentionPolicyInDays: merged.retentionDays } : {}),
      ...(merged.dataEndpoint ? { dataEndpointEnabled: true } : {}),
      ...(merged.quarantine ? { quarantinePolicyEnabled: true } : {}),
      zoneRedundancyEnabled: this.resolved.zoneRedundancy,
      ...(this.encryption
        ? {
            identity: { type: 'UserAssigned', identityIds: [this.encryption.identityId] },
            encryption: [{ keyVaultKeyId: this.encryption.keyId, identityClientId: this.encryption.identityClientId }],
            dependsOn: [...this.encryption.dependables],
          }
        : {}),
      georeplications: this.renderReplicas(),
      tags: merged.tags,
    });
    this.node.addValidation({ validate: () => this.validate() });
    Aspects.of(this).add(new ForwardAppPolicyChecks(this));

    for (const [i, pe] of (network.privateEndpoints ?? []).entries()) {
      const peName = pe.name ?? `pe-${props.name}-${i}`;
      const pscName = pe.name ? `psc-${pe.name}` : `psc-${props.name}-${i}`;
      this.names.push({ kind: 'privateEndpoint', name: peName, where: `network.privateEndpoints[${i}].name` });
      // The connection's name follows the endpoint's: report it only when the endpoint's passes.
      if (Token.isUnresolved(peName) || NAME_RULES.privateEndpoint.test(peName)) {
        this.names.push({ kind: 'privateEndpoint', name: pscName, where: `network.privateEndpoints[${i}] (private service connection name)` });
      }
      this.privateEndpoints.push(
        new (L1.privateEndpoint())(this, `private-endpoint-${i}`, {
          name: peName,
          resourceGroupName: props.resourceGroupName,
          location: pe.location ?? props.location,
          subnetId: pe.subnetId,
          privateServiceConnection: {
            name: pscName,
            isManualConnection: false,
            privateConnectionResourceId: this.resource.id,
            subresourceNames: ['registry'],
          },
          ...(pe.privateDnsZoneIds?.length
            ? { privateDnsZoneGroup: { name: 'registry', privateDnsZoneIds: pe.privateDnsZoneIds } }
            : {}),
          tags: merged.tags,
        }),
      );
    }
    const softDelete = merged.softDeleteDays ? new SoftDeletePolicy(this, 'soft-delete', { registryId: this.resource.id, days: merged.softDeleteDays }) : undefined;
    if (merged.permissionsMode !== undefined || merged.armAudienceAuth !== undefined || merged.metadataSearch !== undefined) {
      new RegistrySettings(this, 'settings', {
        registryId: this.resource.id,
        ...(merged.permissionsMode !== undefined ? { permissionsMode: merged.permissionsMode } : {}),
        ...(merged.armAudienceAuth !== undefined ? { armAudienceAuth: merged.armAudienceAuth } : {}),
        ...(merged.metadataSearch !== undefined ? { metadataSearch: merged.metadataSearch } : {}),
        ...(softDelete ? { after: [softDelete] } : {}),
      });
    }
    if (merged.diagnostics) {
      const diagName = merged.diagnostics.name ?? DIAGNOSTICS_NAME;
      this.names.push({ kind: 'diagnosticSetting', name: diagName, where: 'diagnostics.name' });
      this.diagnosticSetting = new (L1.diagnosticSetting())(this, 'diagnostics', {
        name: diagName,
        targetResourceId: this.resource.id,
        logAnalyticsWorkspaceId: merged.diagnostics.workspaceId,
        enabledLog: [{ categoryGroup: 'allLogs' }],
        enabledMetric: [{ category: 'AllMetrics' }],
      });
    }
    if (merged.lock) {
      this.names.push({ kind: 'managementLock', name: `lock-${props.name}`, where: 'lock name' });
      this.managementLock = new (L1.lock())(this, 'lock', {
        name: `lock-${props.name}`,
        scope: this.resource.id,
        lockLevel: merged.lock,
        notes: 'Managed by acrkit: deleting a registry cannot be undone.',
      });
      // The lock goes on last and comes off first: see lockAfterDependents.
      Aspects.of(this).add(new LockAfterDependents(this.resource, this.managementLock));
    }
  }

  /** Resource id. */
  get id(): string {
    return this.resource.id;
  }

  /** Login server, e.g. `myregistry.azurecr.io`. */
  get loginServer(): string {
    return this.resource.loginServer;
  }

  /** Adds a geo-replica (Premium). */
  addReplica(replica: ReplicaProps): void {
    this.replicaList.push(replica);
    this.resource.putGeoreplications(this.renderReplicas());
  }

  /** Adds a webhook; count limited per tier (2 / 10 / 500). */
  addWebhook(id: string, props: WebhookProps): ContainerRegistryWebhook {
    const name = props.name ?? id.replace(/[^a-zA-Z0-9]/g, '');
    this.names.push({ kind: 'webhook', name, where: `addWebhook('${id}')${props.name ? ' name' : ' (name from the id)'}` });
    const hook = new (L1.webhook())(this, id, {
      name,
      resourceGroupName: this.props.resourceGroupName,
      registryName: this.resource.name,
      location: props.location ?? this.props.location,
      serviceUri: props.serviceUri,
      actions: props.actions,
      status: 'enabled',
      scope: props.scope ?? '',
      ...(props.customHeaders ? { customHeaders: props.customHeaders } : {}),
    });
    this.webhooks.push({ path: hook.node.path, props });
    return hook;
  }

  /** Adds a scope map and a token for each name in `props.tokens`. */
  addScopeMap(id: string, props: ScopeMapProps): { scopeMap: ContainerRegistryScopeMap; tokens: ContainerRegistryToken[] } {
    const scopeMapName = props.name ?? id;
    this.names.push({ kind: 'scopeMap', name: scopeMapName, where: `addScopeMap('${id}')${props.name ? ' name' : ' (name from the id)'}` });
    const scopeMap = new (L1.scopeMap())(this, id, {
      name: scopeMapName,
      resourceGroupName: this.props.resourceGroupName,
      containerRegistryName: this.resource.name,
      actions: props.actions,
      ...(props.description ? { description: props.description } : {}),
    });
    this.scopeMapCount++;
    const tokens = (props.tokens ?? []).map((name) => {
      this.tokenCount++;
      this.names.push({ kind: 'token', name, where: `addScopeMap('${id}') tokens` });
      return new (L1.token())(this, `${id}-token-${name}`, {
        name,
        resourceGroupName: this.props.resourceGroupName,
        containerRegistryName: this.resource.name,
        scopeMapId: scopeMap.id,
        ...(this.props.tokensEnabled === false ? { enabled: false } : {}),
      });
    });
    return { scopeMap, tokens };
  }

  /**
   * Adds an artifact cache rule (Standard or Premium). A rule from Docker Hub needs a credential
   * set (Docker Hub supports authenticated pulls only): see {@link addCredentialSet}.
   */
  addCacheRule(id: string, props: CacheRuleProps): ContainerRegistryCacheRule {
    this.cacheRuleCount++;
    const name = props.name ?? id;
    const where = `addCacheRule('${id}')`;
    this.names.push({ kind: 'cacheRule', name, where: `${where}${props.name ? ' name' : ' (name from the id)'}` });
    const credentialSetId = props.credentialSet?.id ?? props.credentialSetId;
    if (!credentialSetId && !Token.isUnresolved(props.sourceRepo) && isDockerHubSource(props.sourceRepo)) {
      this.anonymousDockerHubRules.push({ where, sourceRepo: props.sourceRepo });
    }
    const grant = props.credentialSet ? this.credentialGrants.get(props.credentialSet) : undefined;
    return new (L1.cacheRule())(this, id, {
      name,
      containerRegistryId: this.resource.id,
      sourceRepo: props.sourceRepo,
      targetRepo: props.targetRepo,
      ...(credentialSetId ? { credentialSetId } : {}),
      ...(grant ? { dependsOn: [grant] } : {}),
    });
  }

  /**
   * Adds a credential set: upstream credentials read from Key Vault secrets by the set's
   * system-assigned identity, for cache rules from registries that need authentication (Docker
   * Hub always does). With `keyVaultId`, the identity gets "Key Vault Secrets User" on the vault.
   */
  addCredentialSet(id: string, props: CredentialSetProps): ContainerRegistryCredentialSet {
    const name = props.name ?? id;
    this.names.push({ kind: 'credentialSet', name, where: `addCredentialSet('${id}')${props.name ? ' name' : ' (name from the id)'}` });
    const set = new (L1.credentialSet())(this, id, {
      name,
      containerRegistryId: this.resource.id,
      loginServer: props.loginServer,
      authenticationCredentials: { usernameSecretId: props.usernameSecretId, passwordSecretId: props.passwordSecretId },
      identity: { type: 'SystemAssigned' },
    });
    if (props.keyVaultId) {
      this.credentialGrants.set(
        set,
        new (L1.roleAssignment())(this, `${id}-secrets-user`, {
          scope: props.keyVaultId,
          roleDefinitionName: ROLE_SECRETS_USER,
          principalId: set.identity.principalId,
        }),
      );
    }
    return set;
  }

  /** The permissions mode in effect: the prop (or profile), else Azure's default. */
  get permissionsMode(): PermissionsMode {
    return this.props.permissionsMode ?? DEFAULT_PERMISSIONS_MODE.value;
  }

  /**
   * Lets a principal pull: AcrPull in `rbac` mode, Container Registry Repository Reader in
   * `rbac-abac` mode, limited to `options.repositories` with an ABAC condition (`rbac-abac` only).
   * The role definition id comes from the catalog. A string second argument is the construct id.
   */
  grantPull(principalId: string, options: GrantOptions | string = {}): RoleAssignment {
    return this.grantData('pull', principalId, options);
  }

  /**
   * Lets a principal push and pull: AcrPush in `rbac` mode, Container Registry Repository Writer
   * in `rbac-abac` mode (repositories as for {@link grantPull}).
   */
  grantPush(principalId: string, options: GrantOptions | string = {}): RoleAssignment {
    return this.grantData('push', principalId, options);
  }

  /**
   * Lets a principal delete: AcrDelete in `rbac` mode; in `rbac-abac` mode Container Registry
   * Repository Contributor, which also reads and writes (there is no delete-only repository
   * role). Repositories as for {@link grantPull}.
   */
  grantDelete(principalId: string, options: GrantOptions | string = {}): RoleAssignment {
    return this.grantData('delete', principalId, options);
  }

  /** Assigns any built-in or custom role on the registry, by name. */
  grant(id: string, principalId: string, roleDefinitionName: string): RoleAssignment {
    this.grants++;
    const assignment = new (L1.roleAssignment())(this, id, { scope: this.resource.id, roleDefinitionName, principalId });
    this.roleGrants.push({ assignment, principalId, role: builtInRoleByName(roleDefinitionName) ?? { name: roleDefinitionName } });
    return assignment;
  }

  /** A data-plane grant in the registry's mode, by role definition id, with the repositories' condition. */
  private grantData(kind: GrantKind, principalId: string, options: GrantOptions | string): RoleAssignment {
    const opts: GrantOptions = typeof options === 'string' ? { id: options } : options;
    const id = opts.id ?? `${kind}-${this.grants}`;
    const mode = this.permissionsMode;
    const role = BUILT_IN_ROLES[GRANT_ROLES[kind][mode]].value;
    const method = `grant${kind[0]!.toUpperCase()}${kind.slice(1)}`;
    const call = `${method}('${id}')`;
    let condition: string | undefined;
    if (opts.repositories !== undefined) {
      const patterns: RepositoryPattern[] = [];
      for (const r of opts.repositories) {
        const p = parseRepositoryPattern(r);
        if ('problem' in p) this.grantProblems.push(`${call} ${p.problem}: write 'team-a/app' for a repository or 'team-a/*' for a namespace.`);
        else patterns.push(p);
      }
      if (opts.repositories.length === 0) {
        this.grantProblems.push(`${call} repositories must list at least one repository or namespace, got []: leave repositories out for the whole registry, or list them ('team-a/*').`);
      } else if (mode === 'rbac') {
        this.grantProblems.push(
          `${call} repositories need permissionsMode 'rbac-abac', got 'rbac' (${role.name} cannot be limited to repositories): set permissionsMode: 'rbac-abac' on the registry (assign the repository roles first on a registry in use), or leave repositories out.`,
        );
      } else if (patterns.length === opts.repositories.length) {
        condition = repositoryCondition(REPOSITORY_DATA_ACTIONS.value[role.name]!, patterns);
      }
    }
    this.grants++;
    // A subscription-scoped role definition id, as Azure returns it: a tenant-scoped one makes azurerm replace the assignment on every plan.
    const subscription = Fn.join('/', Fn.slice(Fn.split('/', this.resource.id), 0, 3));
    const assignment = new (L1.roleAssignment())(this, id, {
      scope: this.resource.id,
      roleDefinitionId: `${subscription}/providers/Microsoft.Authorization/roleDefinitions/${role.id}`,
      principalId,
      ...(condition !== undefined ? { condition, conditionVersion: CONDITION_VERSION.value } : {}),
    });
    this.roleGrants.push({ assignment, principalId, role, ...(condition !== undefined ? { condition } : {}) });
    return assignment;
  }

  /** The registry as the model sees it, reflecting every add-method call so far. */
  get spec(): RegistrySpec {
    const p = this.props;
    const r = this.resolved;
    // In the order the user wrote them, so `replicas[i]` in a message is their i-th replica.
    const replicas: ReplicaSpec[] = this.replicaList.map((x) => ({
      location: fromToken(x.location, 'replicas.location'),
      zoneRedundant: this.replicaZoneRedundant(x),
      globalRouting: x.globalRouting ?? true,
    }));
    const webhooks: WebhookSpec[] = this.webhooks.map((w) => ({
      address: w.path,
      serviceUri: fromToken(w.props.serviceUri, 'webhook serviceUri'),
      actions: w.props.actions,
    }));
    return normalizeSpec({
      address: this.node.path,
      source: { kind: 'construct', constructPath: this.node.path },
      name: fromToken(p.name, 'name'),
      resourceGroupName: fromToken(p.resourceGroupName, 'resourceGroupName'),
      location: fromToken(p.location, 'location'),
      tier: this.tier,
      replicas,
      zoneRedundancy: r.zoneRedundancy,
      encryption: this.encryption ? this.encryption.spec : { kind: 'platform' },
      retentionDays: p.retentionDays ?? 0,
      softDeleteDays: p.softDeleteDays ?? 0,
      network: {
        publicAccess: r.publicAccess,
        defaultAction: r.defaultAction,
        ipRules: r.ipRules,
        bypassAzureServices: r.bypassAzureServices,
        privateEndpoints: this.privateEndpoints.map((pe, i) => ({
          address: pe.node.path,
          dnsZoneGroup: (p.network?.privateEndpoints?.[i]?.privateDnsZoneIds?.length ?? 0) > 0,
        })),
      },
      adminEnabled: p.adminEnabled ?? false,
      anonymousPull: p.anonymousPull ?? false,
      exportEnabled: r.exportEnabled,
      dataEndpoint: p.dataEndpoint ?? false,
      quarantine: p.quarantine ?? false,
      trust: false,
      permissionsMode: this.permissionsMode,
      armAudienceAuth: p.armAudienceAuth ?? true,
      metadataSearch: p.metadataSearch ?? false,
      roleAssignments: this.roleGrants.map((g): RoleAssignmentSpec => ({
        address: g.assignment.node.path,
        principalId: fromToken(g.principalId, 'principalId'),
        roleName: g.role.name,
        ...('id' in g.role ? { roleId: g.role.id } : {}),
        condition: g.condition ?? null,
        scope: 'registry',
      })),
      enabledTokens: p.tokensEnabled === false ? 0 : this.tokenCount,
      ...(p.tags !== undefined ? { tags: tagsSpec(p.tags) } : {}),
      webhooks,
      diagnosticSettings: this.diagnosticSetting
        ? [{ address: this.diagnosticSetting.node.path, workspaceId: fromToken(p.diagnostics!.workspaceId, 'diagnostics.workspaceId'), logs: true, metrics: true }]
        : [],
      locks: this.managementLock ? [{ address: this.managementLock.node.path, level: p.lock! }] : [],
      counts: { scopeMaps: this.scopeMapCount, tokens: this.tokenCount, cacheRules: this.cacheRuleCount },
    });
  }

  /**
   * The network_rule_set argument. Premium: always one block, as Azure returns it (default
   * action and IP rules, `[]` for none), so a second plan shows no change and removing the last
   * IP rule takes effect. Basic and Standard: omitted (azurerm computes it) unless rules or a
   * default action were asked for, which validation then rejects.
   */
  private renderNetworkRuleSet(network: NetworkProps): { networkRuleSet?: Array<{ defaultAction: string; ipRule: Array<{ action: string; ipRange: string }> }> } {
    const { ipRules, defaultAction } = this.resolved;
    const block = { defaultAction, ipRule: ipRules.map((ipRange) => ({ action: 'Allow', ipRange })) };
    if (tierSupports(this.tier, 'networkRules')) return { networkRuleSet: [block] };
    if (ipRules.length > 0 || network.defaultAction !== undefined) return { networkRuleSet: defaultAction === 'Deny' || ipRules.length > 0 ? [block] : [] };
    return {};
  }

  /** The georeplications blocks, sorted by location as azurerm wants. */
  private renderReplicas(): ContainerRegistryGeoreplications[] {
    return this.sortedReplicas().map((r) => ({
      location: r.location,
      zoneRedundancyEnabled: this.replicaZoneRedundant(r),
      regionalEndpointEnabled: r.globalRouting ?? true,
      tags: this.props.tags ?? {},
    }));
  }

  /**
   * Every problem validateSpec finds, plus the construct's own checks: network choice, child
   * names against the provider's rules, Docker Hub cache rules without credentials, and the
   * problems of a CustomerManagedKey this registry was the first to use.
   */
  private validate(): string[] {
    const problems = validateSpec(this.spec).filter((d) => d.severity === 'error').map((d) => d.message);
    for (const n of this.names) {
      if (Token.isUnresolved(n.name)) continue;
      const p = nameProblem(n.kind, n.name, n.where);
      if (p) problems.push(p);
    }
    for (const r of this.anonymousDockerHubRules) {
      problems.push(
        `${r.where} from Docker Hub needs credentials (Docker Hub supports authenticated pulls only), got sourceRepo '${r.sourceRepo}' and no credential set: ` +
          `add one with registry.addCredentialSet('dockerhub', { loginServer: 'docker.io', usernameSecretId, passwordSecretId, keyVaultId }) and pass it as credentialSet.`,
      );
    }
    problems.push(...this.grantProblems);
    if (this.encryption instanceof CustomerManagedKey && this.encryption.isReportedBy(this)) problems.push(...this.encryption.problems());
    const network = this.props.network ?? {};
    if (tierSupports(this.tier, 'publicAccessDisabled') && network.publicAccess === undefined && !network.privateEndpoints?.length) {
      problems.push(
        `network.publicAccess must be chosen on ${this.tier}, got none: set network: { publicAccess: false, privateEndpoints: [...] } for a private registry or network: { publicAccess: true } to keep it public.`,
      );
    }
    if (network.publicAccess === false && !network.privateEndpoints?.length) {
      problems.push(
        'network.publicAccess false needs a way in, got no privateEndpoints: add network.privateEndpoints or set network.publicAccess: true.',
      );
    }
    return problems;
  }

  private resolvePublicAccess(network: NetworkProps): boolean {
    if (network.publicAccess !== undefined) return network.publicAccess;
    // A tier that can turn public access off, with private endpoints and no explicit choice:
    // private. Otherwise public (such a tier with neither fails validation and asks for a choice).
    return !(tierSupports(this.tier, 'publicAccessDisabled') && (network.privateEndpoints?.length ?? 0) > 0);
  }

  private replicaZoneRedundant(r: ReplicaProps): boolean {
    return r.zoneRedundant ?? findRegion(r.location)?.availabilityZones ?? false;
  }

  private sortedReplicas(): ReplicaProps[] {
    return [...this.replicaList].sort((a, b) => compareStrings(canonical(a.location), canonical(b.location)));
  }

  private applyProfile(props: ContainerRegistryProps, tier: Tier): { merged: ContainerRegistryProps; warnings: string[] } {
    const profile = props.profile;
    if (!profile) return { merged: props, warnings: [] };
    let settings: Mutable<ProfileSettings> = { ...profile.settings };
    const own = props as unknown as Record<string, unknown>;
    const warnings: string[] = [];
    // Leave out what the profile brings that the chosen tier cannot use (the one feature table
    // decides); a setting the user gave as a prop stays, and validation reports it.
    for (const setting of unsupportedSettings(settings, tier)) {
      if (own[(setting.path ?? setting.field).split('.')[0]!] !== undefined) continue;
      const p = tierGateProblem(setting, settingValue(settings, setting), tier);
      settings = withoutSetting(settings, setting);
      warnings.push(`profile '${profile.name}' sets ${setting.field}, which tier ${tier} cannot use, so it was left out: set tier: '${p.requiredTier}' to keep it (${p.problem}).`);
    }
    if (settings.exportEnabled === false && settings.network?.publicAccess !== false) delete settings.exportEnabled;
    const defined = Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined));
    const network = settings.network || props.network ? { ...settings.network, ...props.network } : undefined;
    return {
      merged: { ...settings, ...defined, tier, ...(network ? { network } : {}) } as ContainerRegistryProps,
      warnings,
    };
  }
}

/** Tags as the model sees them: a token map, or any token value, is Unknown. */
function tagsSpec(tags: Record<string, string>): Maybe<Record<string, string>> {
  const whole = fromToken(tags, 'tags');
  if (isUnknown(whole)) return whole;
  const token = Object.entries(tags).find(([k, v]) => isUnknown(fromToken(k, 'tag key')) || isUnknown(fromToken(v, `tags.${k}`)));
  return token ? unknown(`tags.${token[0]} is a reference resolved at apply time`, String(token[1])) : tags;
}

function canonical(location: string): string {
  return findRegion(location)?.name ?? location;
}

/**
 * Orders a registry's management lock after every resource in its stack that references the
 * registry (found by resolving each resource's configuration), so Terraform creates the lock
 * last and destroys it first: a `ReadOnly` lock does not block siblings still being created, and
 * a destroy does not race the lock. Runs as an aspect, at synth, so children added after the
 * lock count too.
 */
class LockAfterDependents implements IAspect {
  constructor(
    private readonly registry: L1Registry,
    private readonly lock: ManagementLock,
  ) {}

  visit(node: IConstruct): void {
    if (node !== this.lock) return;
    const stack = TerraformStack.of(this.lock);
    const address = `${this.registry.terraformResourceType}.${this.registry.friendlyUniqueId}`;
    const referencing = referencesIn(stack, this.registry.terraformResourceType).get(address) ?? [];
    // Addresses as plain strings, what dependable() tokens resolve to: the aspect runs at synth,
    // after every logical ID override, and a token would capture a stack trace each (the cost of
    // cdktf tokens: a deep one here, per lock and per resource referencing its registry).
    this.lock.dependsOn = referencing.filter((r) => r !== this.lock && r !== this.registry).map((d) => `${d.terraformResourceType}.${d.friendlyUniqueId}`);
  }
}

/** Per stack, while it holds the same resources: per resource type, the resources referencing each address of that type. */
const referencesByStack = new WeakMap<TerraformStack, { readonly resources: readonly TerraformResource[]; readonly byType: Map<string, Map<string, TerraformResource[]>> }>();

/**
 * For each address of resource type `type` (`azurerm_container_registry.<name>`), the resources of
 * `stack` whose resolved configuration references it, in the stack's order. Every resource is
 * resolved and scanned once for all the locks of a stack (resolving every resource for every lock
 * made synth quadratic: 100 locked registries took 4 s; matching each lock against every resource
 * was 100 x 600 scans), and again only when the stack's resources change. Every lock sees the
 * configuration as it was before any lock's `dependsOn` was set, so the order locks are visited
 * in does not matter.
 */
function referencesIn(stack: TerraformStack, type: string): Map<string, TerraformResource[]> {
  const resources = stack.node.findAll().filter((c): c is TerraformResource => TerraformResource.isTerraformResource(c));
  let cached = referencesByStack.get(stack);
  if (!cached || cached.resources.length !== resources.length || !cached.resources.every((r, i) => r === resources[i])) {
    cached = { resources, byType: new Map() };
    referencesByStack.set(stack, cached);
  }
  const known = cached.byType.get(type);
  if (known) return known;
  const resolver = new DefaultTokenResolver(new StringConcat());
  // An address of the type, not inside a longer name: `azurerm_container_registry.<name>`.
  const ref = new RegExp(`(?:^|[^\\w.])(${type.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.[A-Za-z0-9_-]+)`, 'g');
  const byAddress = new Map<string, TerraformResource[]>();
  for (const r of resources) {
    const json = JSON.stringify(Tokenization.resolve(r.toTerraform(), { scope: r, resolver, preparing: false }));
    const seen = new Set<string>();
    for (const m of json.matchAll(ref)) {
      const address = m[1]!;
      if (seen.has(address)) continue;
      seen.add(address);
      const list = byAddress.get(address);
      if (list) list.push(r);
      else byAddress.set(address, [r]);
    }
  }
  cached.byType.set(type, byAddress);
  return byAddress;
}
