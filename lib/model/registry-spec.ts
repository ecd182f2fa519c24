/**
 * RegistrySpec: the framework-free model every acrkit input becomes and every
 * rule, simulation and review reads. Plain data: JSON-serializable, no classes.
 */
import type { Tier } from '../catalog/tiers.js';
import type { Location } from '../input/location.js';
import type { Maybe } from './unknown.js';

/** Where a spec (or part of one) came from: a {@link Location} with the kind of input. */
export interface SourceLocation extends Location {
  /** Input kind. */
  readonly kind: 'construct' | 'cdk-tf-json' | 'plan' | 'hcl' | 'inline';
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
