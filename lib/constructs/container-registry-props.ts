/**
 * Props of ContainerRegistry and its add-methods.
 */
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
   * registry make its own CustomerManagedKey child.
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
   * Send all logs and metrics to a Log Analytics workspace.
   * @default - no diagnostic setting
   */
  readonly diagnostics?: DiagnosticsProps;
  /**
   * Management lock on the registry.
   * @default - no lock
   */
  readonly lock?: 'CanNotDelete' | 'ReadOnly';
  /**
   * Tags.
   * @default - none
   */
  readonly tags?: Record<string, string>;
}

/** Props of {@link ContainerRegistry.addWebhook}. */
export interface WebhookProps {
  /** URI the webhook posts to. Use https. */
  readonly serviceUri: string;
  /** Actions that trigger it. */
  readonly actions: Array<'push' | 'delete' | 'quarantine' | 'chart_push' | 'chart_delete'>;
  /**
   * Webhook name (5-50 letters and digits).
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
   * Scope map name (5-49 letters, digits, dashes).
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Description.
   * @default - none
   */
  readonly description?: string;
  /**
   * Names of tokens to create for this scope map.
   * @default - none
   */
  readonly tokens?: string[];
}

/** Props of {@link ContainerRegistry.addCacheRule}. */
export interface CacheRuleProps {
  /** Upstream repository, e.g. `docker.io/library/nginx`. */
  readonly sourceRepo: string;
  /** Repository in this registry, e.g. `mirror/nginx`. */
  readonly targetRepo: string;
  /**
   * Cache rule name.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Credential set id for an authenticated upstream.
   * @default - anonymous upstream
   */
  readonly credentialSetId?: string;
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
