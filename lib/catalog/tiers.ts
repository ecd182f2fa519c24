/**
 * Tier facts for Azure Container Registry: limits and which features each tier supports.
 * The single source of truth that constructs, rules and the simulator read.
 */
import { amd, fact, INC_2026, tf, type Fact, type Source } from './fact.js';

/** A registry service tier (the azurerm `sku`). */
export type Tier = 'Basic' | 'Standard' | 'Premium';

/** All tiers, cheapest first. */
export const TIERS: readonly Tier[] = ['Basic', 'Standard', 'Premium'];

/** A feature whose availability depends on the tier. */
export type FeatureId =
  | 'geoReplication'
  | 'customerManagedKey'
  | 'retentionPolicy'
  | 'networkRules'
  | 'publicAccessDisabled'
  | 'privateEndpoints'
  | 'exportDisabled'
  | 'dataEndpoint'
  | 'anonymousPull'
  | 'quarantine'
  | 'contentTrust'
  | 'zoneRedundancy'
  | 'softDelete'
  | 'cacheRules'
  | 'agentPools'
  | 'connectedRegistries'
  | 'artifactStreaming'
  | 'abacRepositoryPermissions'
  | 'armAudienceAuthDisabled'
  | 'metadataSearch';

/** Lifecycle status of a feature in the tiers that support it. */
export type FeatureStatus = 'ga' | 'preview' | 'deprecated';

/** What the catalog knows about one tier-gated feature. */
export interface FeatureFacts {
  /** Stable identifier. */
  readonly id: FeatureId;
  /** Human title, used in messages: "geo-replication". */
  readonly title: string;
  /** Tiers that support it. */
  readonly tiers: readonly Tier[];
  /** Lifecycle status. */
  readonly status: FeatureStatus;
  /** Where the tier support is stated. */
  readonly source: Source;
  /**
   * A caveat worth showing, such as a deprecation date.
   * @default - none
   */
  readonly note?: string;
}

const P: readonly Tier[] = ['Premium'];
const SP: readonly Tier[] = ['Standard', 'Premium'];
const ALL: readonly Tier[] = TIERS;

/** Tier-gated features, keyed by id. */
export const FEATURES: Readonly<Record<FeatureId, FeatureFacts>> = {
  geoReplication: { id: 'geoReplication', title: 'geo-replication', tiers: P, status: 'ga', source: INC_2026 },
  customerManagedKey: { id: 'customerManagedKey', title: 'customer-managed keys', tiers: P, status: 'ga', source: INC_2026 },
  retentionPolicy: {
    id: 'retentionPolicy', title: 'retention policy for untagged manifests', tiers: P, status: 'preview',
    source: amd('container-registry-retention-policy.md'),
  },
  networkRules: { id: 'networkRules', title: 'IP network rules', tiers: P, status: 'ga', source: INC_2026 },
  publicAccessDisabled: {
    id: 'publicAccessDisabled', title: 'public network access disabled', tiers: P, status: 'ga',
    source: tf('internal/services/containers/container_registry_resource.go'),
  },
  privateEndpoints: {
    id: 'privateEndpoints', title: 'private endpoints', tiers: P, status: 'ga',
    source: amd('container-registry-private-endpoints.md'),
  },
  exportDisabled: { id: 'exportDisabled', title: 'export policy (export disabled)', tiers: P, status: 'ga', source: amd('data-loss-prevention.md') },
  dataEndpoint: {
    id: 'dataEndpoint', title: 'dedicated data endpoints', tiers: P, status: 'ga',
    source: amd('container-registry-dedicated-data-endpoints.md'),
  },
  anonymousPull: { id: 'anonymousPull', title: 'anonymous pull access', tiers: SP, status: 'ga', source: amd('anonymous-pull-access.md') },
  quarantine: {
    id: 'quarantine', title: 'quarantine policy', tiers: P, status: 'ga',
    source: tf('internal/services/containers/container_registry_resource.go'),
  },
  contentTrust: {
    id: 'contentTrust', title: 'content trust', tiers: P, status: 'deprecated',
    source: amd('container-registry-content-trust-deprecation.md'),
    note: 'Docker Content Trust is deprecated since 2025-03-31 and removed on 2028-03-31; use Notation signing instead.',
  },
  zoneRedundancy: {
    id: 'zoneRedundancy', title: 'zone redundancy (the azurerm argument)', tiers: P, status: 'ga',
    source: tf('internal/services/containers/container_registry_resource.go'),
    note: 'The service now makes every tier zone redundant in AZ regions (zone-redundancy.md, 2026-03-25); azurerm still gates the argument on Premium.',
  },
  softDelete: {
    id: 'softDelete', title: 'soft-delete policy', tiers: ALL, status: 'preview',
    source: amd('container-registry-soft-delete-policy.md'),
  },
  cacheRules: {
    id: 'cacheRules', title: 'artifact cache rules', tiers: SP, status: 'ga', source: INC_2026,
    note: 'artifact-cache-overview.md says all tiers; the tier table (INC-2026) says Standard and Premium, which acrkit follows.',
  },
  agentPools: { id: 'agentPools', title: 'dedicated agent pools for Tasks', tiers: P, status: 'preview', source: amd('tasks-agent-pools.md') },
  connectedRegistries: {
    id: 'connectedRegistries', title: 'connected registries', tiers: P, status: 'ga', source: amd('intro-connected-registry.md'),
  },
  artifactStreaming: { id: 'artifactStreaming', title: 'artifact streaming', tiers: P, status: 'ga', source: INC_2026 },
  abacRepositoryPermissions: {
    id: 'abacRepositoryPermissions', title: 'ABAC repository permissions (role assignment mode rbac-abac)', tiers: ALL, status: 'ga',
    source: INC_2026,
    note: 'Generally available since November 2025 on every tier ("You can enable ABAC for any registry, regardless of its SKU": container-registry-rbac-abac-repository-permissions.md).',
  },
  armAudienceAuthDisabled: {
    id: 'armAudienceAuthDisabled', title: 'ARM-audience token authentication disabled', tiers: ALL, status: 'ga',
    source: amd('container-registry-disable-authentication-as-arm.md', 'ms.date 02/06/2026: a registry policy with no tier requirement; Azure Policy 42781ec6 audits it on every registry.'),
  },
  metadataSearch: {
    id: 'metadataSearch', title: 'metadata search', tiers: ALL, status: 'preview',
    source: { ref: 'learn.microsoft.com/azure/templates/microsoft.containerregistry/registries (API 2025-05-01-preview, properties.metadataSearch Enabled | Disabled)', asOf: '2025-05-01', confirmed: true },
    note: 'A preview ARM property ("whether registry artifacts are indexed for metadata search"); no tier requirement is documented, so acrkit gates it on none.',
  },
};

/** An inclusive range of whole days. */
export interface DayRange {
  /** Fewest days allowed. */
  readonly min: number;
  /** Most days allowed. */
  readonly max: number;
}

/**
 * Days the retention policy keeps an untagged manifest before deleting it: 0-365 (0 deletes it
 * at once; azurerm's `retention_policy_in_days` takes 0-365 and treats 0 as off).
 */
export const RETENTION_DAYS: Fact<DayRange> = fact(
  { min: 0, max: 365 },
  amd('container-registry-retention-policy.md', 'ms.date 2025-12-18: 0-365 days, default 7; azurerm v4.81.0 validates retention_policy_in_days to 0-365.'),
);

/** Days the soft-delete policy keeps deleted artifacts: 1-90 (preview, all tiers). */
export const SOFT_DELETE_DAYS: Fact<DayRange> = fact(
  { min: 1, max: 90 },
  amd('container-registry-soft-delete-policy.md', 'ms.date 2026-03-25: retention 1-90 days, default 7.'),
);

/** Request-rate limits for one operation class, requests per minute. */
export interface RateLimit {
  /** Per registry (per geo-replica). */
  readonly perRegistry: number;
  /**
   * Per identity per registry.
   * @default - no per-identity limit (OAuth)
   */
  readonly perIdentity?: number;
}

/** Everything the catalog knows about one tier. */
export interface TierFacts {
  /** The tier. */
  readonly name: Tier;
  /** Storage included in the daily price, GiB. */
  readonly includedStorageGiB: Fact<number>;
  /** Storage limit per registry, TiB (counted once, whatever the replica count). */
  readonly storageLimitTiB: Fact<number>;
  /** Maximum image layer size, GiB. */
  readonly maxLayerGiB: Fact<number>;
  /** Maximum manifest size, MiB. */
  readonly maxManifestMiB: Fact<number>;
  /** Maximum webhooks per registry. */
  readonly webhooks: Fact<number>;
  /** Maximum private endpoints per registry (0 when not supported). */
  readonly privateEndpoints: Fact<number>;
  /** Maximum public IP network rules (0 when not supported). */
  readonly ipRules: Fact<number>;
  /** Maximum non-Entra tokens. */
  readonly tokens: Fact<number>;
  /** Maximum scope maps. */
  readonly scopeMaps: Fact<number>;
  /** Maximum artifact cache rules (0 when not supported). */
  readonly cacheRules: Fact<number>;
  /** Maximum connected registries (0 when not supported). */
  readonly connectedRegistries: Fact<number>;
  /** API request-rate limits, requests per minute, applied per geo-replica. */
  readonly rateLimits: Fact<{
    readonly read: RateLimit;
    readonly write: RateLimit;
    readonly delete: RateLimit;
    readonly listReferrers: RateLimit;
    readonly oauth: RateLimit;
  }>;
}

const RATE_SOURCE = amd('container-registry-skus.md', 'API request rate limits (added 2026-06-16): token bucket, best effort, no SLA; throttling applies per geo-replica.');
const BASIC_STANDARD_RATES = {
  read: { perRegistry: 10_000, perIdentity: 5_000 },
  write: { perRegistry: 2_000, perIdentity: 1_000 },
  delete: { perRegistry: 1_000, perIdentity: 500 },
  listReferrers: { perRegistry: 500, perIdentity: 250 },
  oauth: { perRegistry: 10_000 },
};
const PREMIUM_RATES = {
  read: { perRegistry: 20_000, perIdentity: 10_000 },
  write: { perRegistry: 4_000, perIdentity: 2_000 },
  delete: { perRegistry: 4_000, perIdentity: 2_000 },
  listReferrers: { perRegistry: 2_000, perIdentity: 1_000 },
  oauth: { perRegistry: 20_000 },
};
const PE_SOURCE = amd('container-registry-private-endpoints.md', 'maximum of 200 private endpoints; Azure Support can raise it');

/** Tier facts keyed by tier. */
export const TIER_FACTS: Readonly<Record<Tier, TierFacts>> = {
  Basic: {
    name: 'Basic',
    includedStorageGiB: fact(10, INC_2026),
    storageLimitTiB: fact(40, INC_2026),
    maxLayerGiB: fact(200, INC_2026),
    maxManifestMiB: fact(4, INC_2026),
    webhooks: fact(2, INC_2026),
    privateEndpoints: fact(0, INC_2026),
    ipRules: fact(0, INC_2026),
    tokens: fact(100, INC_2026),
    scopeMaps: fact(100, INC_2026),
    cacheRules: fact(0, INC_2026),
    connectedRegistries: fact(0, INC_2026),
    rateLimits: fact(BASIC_STANDARD_RATES, RATE_SOURCE),
  },
  Standard: {
    name: 'Standard',
    includedStorageGiB: fact(100, INC_2026),
    storageLimitTiB: fact(40, INC_2026),
    maxLayerGiB: fact(200, INC_2026),
    maxManifestMiB: fact(4, INC_2026),
    webhooks: fact(10, INC_2026),
    privateEndpoints: fact(0, INC_2026),
    ipRules: fact(0, INC_2026),
    tokens: fact(500, INC_2026),
    scopeMaps: fact(500, INC_2026),
    cacheRules: fact(1_000, INC_2026),
    connectedRegistries: fact(0, INC_2026),
    rateLimits: fact(BASIC_STANDARD_RATES, RATE_SOURCE),
  },
  Premium: {
    name: 'Premium',
    includedStorageGiB: fact(500, INC_2026),
    storageLimitTiB: fact(100, { ...INC_2026, note: 'Raised from 40 TiB in the 2026-02-10 table; localized pages still show 40 or 20 TiB.' }),
    maxLayerGiB: fact(200, INC_2026),
    maxManifestMiB: fact(4, INC_2026),
    webhooks: fact(500, INC_2026),
    privateEndpoints: fact(200, PE_SOURCE),
    ipRules: fact(200, INC_2026),
    tokens: fact(50_000, INC_2026),
    scopeMaps: fact(50_000, INC_2026),
    cacheRules: fact(1_000, amd('artifact-cache-overview.md')),
    connectedRegistries: fact(50, amd('intro-connected-registry.md')),
    rateLimits: fact(PREMIUM_RATES, RATE_SOURCE),
  },
};

/**
 * Whether each tier supports each catalog feature, worked out once: asked for every registry and
 * feature of an input (the catalog does not change during a run).
 */
const BASIC_SUPPORTS = supportedBy('Basic');
const STANDARD_SUPPORTS = supportedBy('Standard');
const PREMIUM_SUPPORTS = supportedBy('Premium');

/** The features `tier` supports, keyed by feature (no prototype: only catalog ids are keys). */
function supportedBy(tier: Tier): Readonly<Partial<Record<FeatureId, boolean>>> {
  const out = Object.create(null) as Partial<Record<FeatureId, boolean>>;
  for (const id of Object.keys(FEATURES) as FeatureId[]) out[id] = FEATURES[id].tiers.includes(tier);
  return out;
}

/** Whether `tier` supports `feature`. */
export function tierSupports(tier: Tier, feature: FeatureId): boolean {
  const row = tier === 'Premium' ? PREMIUM_SUPPORTS : tier === 'Standard' ? STANDARD_SUPPORTS : tier === 'Basic' ? BASIC_SUPPORTS : undefined;
  // A value that is not a tier, or a feature added to the catalog since (tests): the list itself.
  return row?.[feature] ?? FEATURES[feature].tiers.includes(tier);
}

/** The cheapest tier that supports `feature`. */
export function cheapestTierFor(feature: FeatureId): Tier {
  return TIERS.find((t) => tierSupports(t, feature)) ?? 'Premium';
}

/** Feature ids the tier supports, in catalog order. */
export function featuresOf(tier: Tier): FeatureId[] {
  return (Object.keys(FEATURES) as FeatureId[]).filter((f) => tierSupports(tier, f));
}

/** Whether `value` is a tier name (case-sensitive, as azurerm requires). */
export function isTier(value: unknown): value is Tier {
  return value === 'Basic' || value === 'Standard' || value === 'Premium';
}

/** Bytes in one GiB. */
export const GIB = 1024 ** 3;
/** Bytes in one TiB. */
export const TIB = 1024 ** 4;
