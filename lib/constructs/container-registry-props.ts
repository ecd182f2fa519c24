/**
 * Props of ContainerRegistry and its add-methods.
 */
import type { ContainerRegistryCredentialSet } from '@cdktf/provider-azurerm/lib/container-registry-credential-set/index.js';
import type { PermissionsMode } from '../catalog/abac.js';
import type { Tier } from '../catalog/tiers.js';
import type { IRegistryEncryption } from './customer-managed-key.js';

/** One geo-replica. */
export interface ReplicaProps {
  /** Region, canonical (`eastus`) or display (`East US`) name. */
  readonly location: string;
  /**
   * Zone redundancy for the replica (changing it recreates the replica).
   * @default - true where the region has availability zones
   */
  readonly zoneRedundant?: boolean;
  /**
   * Whether the global endpoint routes clients to this replica. Data keeps syncing either way.
   * @default true
   */
  readonly globalRouting?: boolean;
}

/** A private endpoint for the registry. */
export interface PrivateEndpointProps {
  /** Subnet id the endpoint's NIC lives in. */
  readonly subnetId: string;
  /**
   * Ids of `privatelink.azurecr.io` private DNS zones for the endpoint's DNS zone group.
   * @default - no DNS zone group (clients must resolve the private IPs another way)
   */
  readonly privateDnsZoneIds?: string[];
  /**
   * Region of the endpoint (the subnet's region).
   * @default - the registry's home region
   */
  readonly location?: string;
  /**
   * Name of the endpoint (1-80 letters, digits, `-`, `_` and `.`; azurerm's private link name
   * rule). Its private service connection is named `psc-<name>`.
   * @default - `pe-<registry name>-<index>`
   */
  readonly name?: string;
}

/** Network exposure. */
export interface NetworkProps {
  /**
   * Whether the registry is reachable from public networks. Turning it off needs Premium and,
   * to stay reachable, at least one private endpoint.
   * @default - required on Premium (say which you mean); true on Basic and Standard, the only value they allow
   */
  readonly publicAccess?: boolean;
  /**
   * Default action of the IP network rules (Premium).
   * @default - 'Deny' when `ipRules` are given, else 'Allow'
   */
  readonly defaultAction?: 'Allow' | 'Deny';
  /**
   * Public IP ranges (CIDR) allowed in (Premium, at most 200).
   * @default - none
   */
  readonly ipRules?: string[];
  /**
   * Whether trusted Azure services may bypass the network rules.
   * @default true
   */
  readonly bypassAzureServices?: boolean;
  /**
   * Private endpoints (Premium).
   * @default - none
   */
  readonly privateEndpoints?: PrivateEndpointProps[];
}

/** Diagnostic settings: all logs and metrics to a Log Analytics workspace. */
export interface DiagnosticsProps {
  /** Log Analytics workspace resource id. */
  readonly workspaceId: string;
  /**
   * Diagnostic setting name (1-260 characters, none of `< > * % & : \ ? + /`); unique per registry.
   * @default 'acrkit-all-logs-metrics'
   */
  readonly name?: string;
}

/** Props of {@link ContainerRegistry}. */
export interface ContainerRegistryProps {
  /** Registry name: 5-50 letters and digits, globally unique. */
  readonly name: string;
  /** Resource group name. */
  readonly resourceGroupName: string;
  /** Home region (canonical or display name). Fixed at creation. */
  readonly location: string;
  /**
   * Service tier.
   * @default - the profile's tier; required without a profile
   */
  readonly tier?: Tier;
  /**
   * A profile whose settings apply first; every other prop here overrides it.
   * @default - none
   */
  readonly profile?: IRegistryProfile;
  /**
   * Geo-replicas besides the home region (Premium). Kept in alphabetical order of location.
   * @default - none
   */
  readonly replicas?: ReplicaProps[];
  /**
   * Customer-managed key encryption (Premium, only at creation): a {@link CustomerManagedKey},
   * an existing key from `CustomerManagedKey.fromExistingKey()`, or `'create'` to have the
   * registry make its own CustomerManagedKey child. A CustomerManagedKey is named after the
   * first registry that uses it, and the registry is created only after the key's role
   * assignments have had `rbacPropagationWait` (default 10 minutes) to apply.
   * @default - platform-managed keys
   */
  readonly encryption?: IRegistryEncryption | 'create';
  /**
   * Days untagged manifests are kept before the retention policy deletes them (Premium, 1-365).
   * 0 turns retention off.
   * @default 0
   */
  readonly retentionDays?: number;
  /**
   * Soft-delete window in days (1-90, preview, all tiers; not with retention or replicas).
   * Set through the AzAPI provider: azurerm has no argument for it.
   * @default 0 (off)
   */
  readonly softDeleteDays?: number;
  /**
   * Network exposure.
   * @default - public access on Basic and Standard; Premium requires a choice
   */
  readonly network?: NetworkProps;
  /**
   * Admin user (shared credentials).
   * @default false
   */
  readonly adminEnabled?: boolean;
  /**
   * Anonymous (unauthenticated) pull (Standard or Premium).
   * @default false
   */
  readonly anonymousPull?: boolean;
  /**
   * Whether artifacts may be exported. Turning it off needs Premium with public access off.
   * @default - false where the tier allows it (Premium with public access off), else true
   */
  readonly exportEnabled?: boolean;
  /**
   * Dedicated data endpoints (Premium).
   * @default false
   */
  readonly dataEndpoint?: boolean;
  /**
   * Quarantine policy (Premium).
   * @default false
   */
  readonly quarantine?: boolean;
  /**
   * Zone redundancy of the home region (azurerm gates it on Premium; ForceNew).
   * @default - true on Premium in a region with availability zones, else false
   */
  readonly zoneRedundancy?: boolean;
  /**
   * Role assignment permissions mode (ARM `roleAssignmentMode`, all tiers): `'rbac'`
   * (LegacyRegistryPermissions: AcrPull, AcrPush and AcrDelete grant registry-wide access) or
   * `'rbac-abac'` (AbacRepositoryPermissions: only the Container Registry Repository roles grant
   * data-plane access, optionally limited to repositories; AcrPull/AcrPush/AcrDelete grant
   * nothing and Owner/Contributor/Reader give control-plane access only). `grantPull`,
   * `grantPush` and `grantDelete` follow the mode. Switching an existing registry to
   * `'rbac-abac'` cuts off every legacy assignment: assign the repository roles in an earlier
   * deploy (`acrkit review` flags each principal that would lose access).
   *
   * Written through the AzAPI provider (API 2025-11-01): the pinned bindings (azurerm 4.55) have
   * no argument for it. azurerm 4.81 added `role_assignment_mode`; when the bindings carry it,
   * acrkit writes the native argument instead and the AzAPI resource goes.
   * @default - not written: Azure's default, 'rbac'
   * @see https://learn.microsoft.com/azure/container-registry/container-registry-rbac-abac-repository-permissions
   */
  readonly permissionsMode?: PermissionsMode;
  /**
   * Whether the registry accepts Entra tokens with the Azure Resource Manager audience
   * (`policies.azureADAuthenticationAsArmPolicy`, all tiers). `false` accepts only ACR-scoped
   * tokens (`az login --scope https://containerregistry.azure.net/.default`), which Microsoft
   * recommends; some Azure services and integrations still use ARM-scoped tokens, so test first.
   * Written through the AzAPI provider, like `permissionsMode` (azurerm 4.81 added
   * `azuread_authentication_as_arm_policy_enabled`).
   * @default - not written: Azure's default, true
   */
  readonly armAudienceAuth?: boolean;
  /**
   * Index artifacts for metadata search (preview ARM property `metadataSearch`, API
   * 2025-05-01-preview; no tier requirement documented). Written through the AzAPI provider.
   * @default - not written: off
   */
  readonly metadataSearch?: boolean;
  /**
   * Whether the repository-scoped tokens of `addScopeMap` can authenticate. `false` creates
   * every token disabled (Azure Policy ff05e24e, "repository scoped access token disabled"):
   * the scope maps stay, and a token is turned on by setting this back to true.
   * @default true
   */
  readonly tokensEnabled?: boolean;
  /**
   * Send all logs and metrics to a Log Analytics workspace.
   * @default - no diagnostic setting
   */
  readonly diagnostics?: DiagnosticsProps;
  /**
   * Management lock on the registry. The lock is created after, and destroyed before, every
   * resource in the stack that references the registry (webhooks, scope maps, tokens, cache
   * rules, role assignments, private endpoints, diagnostics, soft delete), so it never blocks
   * their first deploy or a destroy. While it exists it blocks removing those resources (and
   * replicas) in a later deploy: remove the lock in one deploy, change, then add it back
   * (docs/deploying.md). Creating or deleting a lock needs Microsoft.Authorization/locks/*
   * (Owner or User Access Administrator).
   * @default - no lock
   */
  readonly lock?: 'CanNotDelete' | 'ReadOnly';
  /**
   * Tags.
   * @default - none
   */
  readonly tags?: Record<string, string>;
}

/** Options of {@link ContainerRegistry.grantPull}, `grantPush` and `grantDelete`. */
export interface GrantOptions {
  /**
   * Construct id of the role assignment.
   * @default - `pull-<n>`, `push-<n>` or `delete-<n>`
   */
  readonly id?: string;
  /**
   * Repositories the grant is limited to: a repository (`base/nginx`) or a namespace
   * (`team-a/*`, every repository under `team-a/`). Written as an ABAC condition on the role
   * assignment, so it needs `permissionsMode: 'rbac-abac'` (synth fails otherwise).
   * @default - every repository of the registry
   */
  readonly repositories?: string[];
}

/** Props of {@link ContainerRegistry.addWebhook}. */
export interface WebhookProps {
  /** URI the webhook posts to. Use https. */
  readonly serviceUri: string;
  /** Actions that trigger it. */
  readonly actions: Array<'push' | 'delete' | 'quarantine' | 'chart_push' | 'chart_delete'>;
  /**
   * Webhook name (5-50 letters and digits; azurerm's rule, checked at synth).
   * @default - the construct id with other characters removed
   */
  readonly name?: string;
  /**
   * Repository/tag scope, e.g. `app:*`.
   * @default - all repositories
   */
  readonly scope?: string;
  /**
   * Replica region that fires it.
   * @default - the home region
   */
  readonly location?: string;
  /**
   * Headers added to each call.
   * @default - none
   */
  readonly customHeaders?: Record<string, string>;
}

/** Props of {@link ContainerRegistry.addScopeMap}. */
export interface ScopeMapProps {
  /** Actions, e.g. `repositories/app/content/read`. */
  readonly actions: string[];
  /**
   * Scope map name (5-49 letters, digits and dashes; azurerm's rule, checked at synth).
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Description.
   * @default - none
   */
  readonly description?: string;
  /**
   * Names of tokens to create for this scope map (each 5-49 letters, digits and dashes,
   * starting with a letter; azurerm's rule, checked at synth).
   * @default - none
   */
  readonly tokens?: string[];
}

/**
 * Props of {@link ContainerRegistry.addCacheRule}. A rule from Docker Hub needs credentials:
 * Docker Hub supports authenticated pulls only (MicrosoftDocs/azure-management-docs
 * articles/container-registry/artifact-cache-overview.md, "Upstream support", ms.date
 * 2025-05-12); a Docker Hub rule without `credentialSet` or `credentialSetId` fails synth.
 */
export interface CacheRuleProps {
  /** Upstream repository with its login server, e.g. `docker.io/library/nginx` or `mcr.microsoft.com/dotnet/runtime`. */
  readonly sourceRepo: string;
  /** Repository in this registry, e.g. `mirror/nginx`. */
  readonly targetRepo: string;
  /**
   * Cache rule name (5-49 letters and digits, optionally separated by single dashes; azurerm's
   * rule, checked at synth).
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * A credential set made with {@link ContainerRegistry.addCredentialSet}: the rule also waits
   * for the set's access to its Key Vault secrets.
   * @default - `credentialSetId`, or anonymous upstream
   */
  readonly credentialSet?: ContainerRegistryCredentialSet;
  /**
   * Id of a credential set made elsewhere, for an authenticated upstream.
   * @default - `credentialSet`, or anonymous upstream
   */
  readonly credentialSetId?: string;
}

/** Props of {@link ContainerRegistry.addCredentialSet}: upstream credentials kept in Key Vault. */
export interface CredentialSetProps {
  /** Login server of the upstream registry, e.g. `docker.io`. */
  readonly loginServer: string;
  /** Versionless id of the Key Vault secret holding the user name (`https://<vault>.vault.azure.net/secrets/<name>`). */
  readonly usernameSecretId: string;
  /** Versionless id of the Key Vault secret holding the password or access token. */
  readonly passwordSecretId: string;
  /**
   * Resource id of the (RBAC) Key Vault holding both secrets: acrkit gives the credential set's
   * system-assigned identity "Key Vault Secrets User" on it.
   * @default - no role assignment: give the set's identity read access to the secrets yourself (its principal id is `credentialSet.identity.principalId`)
   */
  readonly keyVaultId?: string;
  /**
   * Credential set name (5-50 letters, digits and dashes; the Azure API's rule, checked at synth).
   * @default - the construct id
   */
  readonly name?: string;
}

/** Settings a profile may carry: any registry prop except identity and placement. */
export type ProfileSettings = Omit<ContainerRegistryProps, 'name' | 'resourceGroupName' | 'location' | 'profile' | 'tier'>;

/** What a registry reads from a profile ({@link RegistryProfile} is the one implementation). */
export interface IRegistryProfile {
  /** Profile name, used in messages. */
  readonly name: string;
  /** The tier the profile is made for. */
  readonly tier: Tier;
  /** Its settings. */
  readonly settings: ProfileSettings;
}
