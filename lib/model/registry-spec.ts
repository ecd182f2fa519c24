/**
 * RegistrySpec: the framework-free model every acrkit input becomes and every
 * rule, simulation and review reads. Plain data: JSON-serializable, no classes.
 */
import type { PermissionsMode } from '../catalog/abac.js';
import type { Tier } from '../catalog/tiers.js';
import type { Location } from '../input/location.js';
import type { Maybe } from './unknown.js';

/** Where a spec (or part of one) came from: a {@link Location} with the kind of input. */
export interface SourceLocation extends Location {
  /**
   * Input kind: `arm-template` is an ARM template or `az bicep build` output, `live` an export
   * of a registry as it runs (`az acr show`, `az acr replication list`, `az resource list`).
   */
  readonly kind: 'construct' | 'cdk-tf-json' | 'plan' | 'hcl' | 'inline' | 'arm-template' | 'live';
  /**
   * Major version of the azurerm provider the input was written for (a plan's provider_config,
   * or the arguments present), so messages name that version's arguments.
   * @default - not known: messages use the 4.x names
   */
  readonly azurermMajor?: number;
  /**
   * Where each argument is written, by Terraform argument path (`sku`,
   * `georeplications.0.location`): findings and input errors point at the argument's line. A
   * value passed into a module points at the caller's argument, a `.tfvars` value at its line.
   * @default - not known: messages point at the resource
   */
  readonly arguments?: Readonly<Record<string, ArgumentLocation>>;
}

/** Where one argument is written. */
export interface ArgumentLocation {
  /** File, as the user gave it. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
}

/** One geo-replica (a region besides the home region). */
export interface ReplicaSpec {
  /** Canonical region name. */
  readonly location: Maybe<string>;
  /** Zone redundancy for this replica. */
  readonly zoneRedundant: Maybe<boolean>;
  /** Whether the global endpoint routes to this replica (`regional_endpoint_enabled` in azurerm 4.x). */
  readonly globalRouting: Maybe<boolean>;
}

/** Key Vault facts a policy needs about a customer-managed key's vault. */
export interface KeyVaultSpec {
  /** Terraform address or construct path of the vault. */
  readonly address: string;
  /** Purge protection. */
  readonly purgeProtection: Maybe<boolean>;
}

/** Platform-managed encryption (the default). */
export interface PlatformEncryption {
  /** Discriminator. */
  readonly kind: 'platform';
}

/** Customer-managed key encryption (Premium only, set at creation). */
export interface CustomerManagedEncryption {
  /** Discriminator. */
  readonly kind: 'customer-managed';
  /** Key Vault key id. */
  readonly keyId: Maybe<string>;
  /** Whether the key id omits the version, so ACR follows rotations. */
  readonly versionless: Maybe<boolean>;
  /** Client id of the user-assigned identity that reads the key. */
  readonly identityClientId: Maybe<string>;
  /**
   * The vault holding the key, when it is in the same configuration.
   * @default - not known
   */
  readonly keyVault?: KeyVaultSpec;
}

/** Encryption at rest. */
export type EncryptionSpec = PlatformEncryption | CustomerManagedEncryption;

/** A private endpoint that targets the registry. */
export interface PrivateEndpointSpec {
  /** Terraform address or construct path. */
  readonly address: string;
  /** Whether it has a private DNS zone group. */
  readonly dnsZoneGroup: Maybe<boolean>;
}

/** Network exposure. */
export interface NetworkSpec {
  /** `public_network_access_enabled`. */
  readonly publicAccess: Maybe<boolean>;
  /** `network_rule_set.default_action`. */
  readonly defaultAction: Maybe<'Allow' | 'Deny'>;
  /** Allowed public IP ranges (CIDR). */
  readonly ipRules: Maybe<readonly string[]>;
  /**
   * Whether a network rule set is sent to Azure at all (`network_rule_set` written, or kept from
   * the state in a plan; ARM `networkRuleSet` in a template): Premium-only even when it only says
   * `default_action = "Allow"` (azurerm rejects the block on Basic and Standard, and moving an
   * existing registry down needs `network_rule_set = []`).
   * @default - true when `defaultAction` is `Deny` or there are IP or virtual network rules, else false
   */
  readonly ruleSet?: Maybe<boolean>;
  /**
   * Subnet ids of azurerm 3.x `network_rule_set.virtual_network` rules (ARM
   * `networkRuleSet.virtualNetworkRules`): service-endpoint rules, removed in azurerm 4.0, and
   * without effect under `default_action = "Allow"`.
   * @default []
   */
  readonly virtualNetworkRules?: Maybe<readonly string[]>;
  /** Trusted Azure services may bypass network rules (`network_rule_bypass_option = "AzureServices"`). */
  readonly bypassAzureServices: Maybe<boolean>;
  /** Private endpoints targeting the registry. */
  readonly privateEndpoints: readonly PrivateEndpointSpec[];
}

/** A webhook. */
export interface WebhookSpec {
  /** Terraform address or construct path. */
  readonly address: string;
  /** Service URI the webhook calls. */
  readonly serviceUri: Maybe<string>;
  /** Actions (`push`, `delete`, ...). */
  readonly actions: Maybe<readonly string[]>;
}

/** A diagnostic setting that targets the registry. */
export interface DiagnosticSettingSpec {
  /** Terraform address or construct path. */
  readonly address: string;
  /** Log Analytics workspace id. */
  readonly workspaceId: Maybe<string>;
  /** Whether it sends logs (a category or `allLogs`). */
  readonly logs: Maybe<boolean>;
  /** Whether it sends metrics. */
  readonly metrics: Maybe<boolean>;
}

/** A management lock on the registry (or its resource group). */
export interface LockSpec {
  /** Terraform address or construct path. */
  readonly address: string;
  /** Lock level. */
  readonly level: Maybe<'CanNotDelete' | 'ReadOnly'>;
}

/** Where a role assignment applies: the registry itself, or a scope that contains it. */
export type RoleAssignmentScope = 'registry' | 'resource-group' | 'subscription' | 'management-group';

/** A role assignment that applies to the registry. */
export interface RoleAssignmentSpec {
  /** Terraform address, construct path, or ARM resource (`Microsoft.Authorization/roleAssignments/<name>`). */
  readonly address: string;
  /** Object id of the principal (user, group, service principal or managed identity). */
  readonly principalId: Maybe<string>;
  /**
   * Role name, as Azure spells it (`AcrPull`): written, or looked up in the catalog by id.
   * @default - not known: a custom role, or an id acrkit does not know
   */
  readonly roleName?: Maybe<string>;
  /**
   * Role definition id: the GUID, lowercase (the end of `role_definition_id`, or the catalog's id for a known name).
   * @default - not known: a role given by a name acrkit does not know
   */
  readonly roleId?: Maybe<string>;
  /** The ABAC condition limiting the assignment to repositories; `null` for none (registry-wide). */
  readonly condition: Maybe<string> | null;
  /** The scope it is assigned at. */
  readonly scope: Maybe<RoleAssignmentScope>;
}

/** Counts of companion resources limited per tier. */
export interface CompanionCounts {
  /** Scope maps. */
  readonly scopeMaps: number;
  /** Tokens. */
  readonly tokens: number;
  /** Artifact cache rules. */
  readonly cacheRules: number;
}

/** One registry, whatever input it came from. */
export interface RegistrySpec {
  /** Stable identity: the Terraform address (`azurerm_container_registry.main`) or construct path. */
  readonly address: string;
  /** Registry name (5-50 alphanumerics). */
  readonly name: Maybe<string>;
  /** Resource group name. */
  readonly resourceGroupName: Maybe<string>;
  /** Home region, canonical name. */
  readonly location: Maybe<string>;
  /** Service tier. */
  readonly tier: Maybe<Tier>;
  /** Geo-replicas, not including the home region. */
  readonly replicas: Maybe<readonly ReplicaSpec[]>;
  /** Zone redundancy of the home region (`zone_redundancy_enabled`). */
  readonly zoneRedundancy: Maybe<boolean>;
  /** Encryption at rest. */
  readonly encryption: Maybe<EncryptionSpec>;
  /** Days before untagged manifests are deleted; 0 = retention off. */
  readonly retentionDays: Maybe<number>;
  /** Soft-delete window in days; 0 = soft delete off. */
  readonly softDeleteDays: Maybe<number>;
  /** Network exposure. */
  readonly network: NetworkSpec;
  /** Admin user. */
  readonly adminEnabled: Maybe<boolean>;
  /** Anonymous pull. */
  readonly anonymousPull: Maybe<boolean>;
  /** Whether artifacts may be exported (`export_policy_enabled`). */
  readonly exportEnabled: Maybe<boolean>;
  /** Dedicated data endpoints. */
  readonly dataEndpoint: Maybe<boolean>;
  /** Quarantine policy. */
  readonly quarantine: Maybe<boolean>;
  /** Content trust (deprecated). */
  readonly trust: Maybe<boolean>;
  /**
   * Role assignment permissions mode (`role_assignment_mode`, ARM `roleAssignmentMode`): `rbac`
   * (LegacyRegistryPermissions, Azure's default) or `rbac-abac` (AbacRepositoryPermissions: only
   * the repository roles grant data-plane access, optionally limited to repositories).
   */
  readonly permissionsMode: Maybe<PermissionsMode>;
  /**
   * Whether Entra tokens with the Azure Resource Manager audience are accepted
   * (`azuread_authentication_as_arm_policy_enabled`, ARM `policies.azureADAuthenticationAsArmPolicy`); true by default.
   */
  readonly armAudienceAuth: Maybe<boolean>;
  /** Metadata search (preview, ARM `metadataSearch`); false by default. */
  readonly metadataSearch: Maybe<boolean>;
  /** Role assignments that apply to the registry (at its scope, or one that contains it). */
  readonly roleAssignments: readonly RoleAssignmentSpec[];
  /**
   * Repository-scoped tokens that can authenticate (status enabled), of `counts.tokens`: Unknown
   * when a token's status is not known statically.
   */
  readonly enabledTokens: Maybe<number>;
  /** Tags. */
  readonly tags: Maybe<Readonly<Record<string, string>>>;
  /** Webhooks. */
  readonly webhooks: readonly WebhookSpec[];
  /** Diagnostic settings targeting the registry. */
  readonly diagnosticSettings: readonly DiagnosticSettingSpec[];
  /** Management locks. */
  readonly locks: readonly LockSpec[];
  /** Companion resource counts. */
  readonly counts: CompanionCounts;
  /** Where it came from. */
  readonly source: SourceLocation;
}

/** Input to {@link normalizeSpec}: everything but `address` and `source` may be left out. */
export type RegistrySpecInput = Partial<Omit<RegistrySpec, 'address' | 'source' | 'network' | 'counts'>> & {
  /** Stable identity. */
  readonly address: string;
  /** Where it came from. */
  readonly source: SourceLocation;
  /**
   * Network exposure; missing fields take provider defaults.
   * @default - provider defaults
   */
  readonly network?: Partial<NetworkSpec>;
  /**
   * Companion counts.
   * @default - zero of each
   */
  readonly counts?: Partial<CompanionCounts>;
};
