/**
 * The scenario file's shape (what `lib/sim/scenario/scenario.schema.json` validates), as TypeScript.
 * Durations are ISO-8601 strings, sizes are bytes or strings such as `17 MB`.
 */

/** A size: bytes, or a string like `17 MB`, `4 MiB`. */
export type SizeInput = number | string;

/** A distribution of a count (layers, changed layers). */
export type CountDistributionInput =
  | { readonly kind: 'fixed'; readonly value: number }
  | { readonly kind: 'lognormal'; readonly median: number; readonly p90: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number };

/** A distribution of a size in bytes. */
export type SizeDistributionInput =
  | { readonly kind: 'fixed'; readonly value: SizeInput }
  | { readonly kind: 'lognormal'; readonly median: SizeInput; readonly p90: SizeInput }
  | { readonly kind: 'uniform'; readonly min: SizeInput; readonly max: SizeInput };

/** A replica in an inline registry: a region, or a region with settings. */
export type ReplicaInput = string | { readonly location: string; readonly globalRouting?: boolean; readonly zoneRedundant?: boolean };

/** An inline registry in a scenario. */
export interface InlineRegistryInput {
  /** Registry name. */
  readonly name: string;
  /**
   * Stable identity.
   * @default `inline.<name>`
   */
  readonly address?: string;
  /**
   * Tier.
   * @default 'Basic'
   */
  readonly tier?: 'Basic' | 'Standard' | 'Premium';
  /** Home region. */
  readonly location: string;
  /**
   * Geo-replicas (not the home region).
   * @default []
   */
  readonly replicas?: readonly ReplicaInput[];
  /**
   * Retention days for untagged manifests (0 = off).
   * @default 0
   */
  readonly retentionDays?: number;
  /**
   * Soft-delete window in days (0 = off).
   * @default 0
   */
  readonly softDeleteDays?: number;
  /**
   * Webhooks.
   * @default 0
   */
  readonly webhooks?: number;
  /**
   * Tokens.
   * @default 0
   */
  readonly tokens?: number;
  /**
   * Scope maps.
   * @default 0
   */
  readonly scopeMaps?: number;
  /**
   * Cache rules.
   * @default 0
   */
  readonly cacheRules?: number;
  /**
   * What the registry holds on day 0 (docs/scenario.md#start-from-today).
   * @default - empty on day 0
   */
  readonly initial?: InitialInput;
}

/**
 * A registry's content on day 0: figures written by hand, or `from` Azure CLI exports (paths
 * relative to the scenario file, inside the working tree). Sizes are bytes or strings like `3.2 TiB`.
 */
export interface InitialInput {
  /** Bytes held by tagged manifests. @default 0 */
  readonly taggedBytes?: SizeInput;
  /** Bytes held only by untagged manifests. @default 0 */
  readonly untaggedBytes?: SizeInput;
  /** Repositories. @default 1 */
  readonly repositories?: number;
  /** Tagged manifests (one tag each) per repository. @default 1 when taggedBytes is above 0, else 0 */
  readonly tagsPerRepository?: number;
  /** Manifests (tagged and untagged) per repository. @default - tagsPerRepository, twice that when untaggedBytes is above 0 */
  readonly manifestsPerRepository?: number;
  /**
   * Age profile on day 0: the median and oldest age (ages spread linearly between), or buckets
   * of manifests at an age (shares sum to 1).
   * @default - every manifest pushed on day 0
   */
  readonly age?: { readonly median?: string; readonly oldest?: string } | ReadonlyArray<{ readonly age: string; readonly share: number }>;
  /**
   * Azure CLI exports (`-o json`) instead of figures.
   * @default - the figures above
   */
  readonly from?: {
    /** `az acr show-usage`. @default - no usage: manifest sizes counted in full */
    readonly usage?: string;
    /** `az acr repository list`. @default - the repositories of `manifests` and `tags` */
    readonly repositories?: string;
    /** `az acr manifest list-metadata`, one file per repository name. @default {} */
    readonly manifests?: Readonly<Record<string, string>>;
    /** `az acr repository show-tags --detail`, one file per repository name. @default {} */
    readonly tags?: Readonly<Record<string, string>>;
    /** Date the exports were taken (day 0). @default - the scenario's `start`, else the latest time in the exports */
    readonly asOf?: string;
  };
}

/** An `acr purge`-style scheduled task. */
export interface PurgeInput {
  /**
   * Task name.
   * @default `purge-<index>`
   */
  readonly name?: string;
  /** `<repo-regex>:<tag-regex>`, both anchored. */
  readonly filter: string;
  /** Only tags (and manifests) older than this. */
  readonly ago: string;
  /**
   * Latest to-be-deleted tags to keep per repository.
   * @default 0
   */
  readonly keep?: number;
  /**
   * Also delete untagged manifests older than `ago`.
   * @default false
   */
  readonly untagged?: boolean;
  /**
   * Period (whole days).
   * @default 'P1D'
   */
  readonly every?: string;
  /**
   * Time of day.
   * @default 'PT0H'
   */
  readonly at?: string;
  /**
   * Billed seconds per run.
   * @default 60
   */
  readonly runSeconds?: number;
}

/** A registry's workload: every field overrides the preset. */
export interface WorkloadInput {
  /**
   * Registry name or address it applies to.
   * @default '*' (every registry without a more specific entry)
   */
  readonly registry?: string;
  /**
   * Preset to start from.
   * @default 'small-team'
   */
  readonly preset?: 'docker-hub-2017' | 'ci-heavy' | 'small-team';
  /**
   * Repositories.
   * @default - the preset's
   */
  readonly repositories?: { readonly initial?: number; readonly growthPerMonth?: number };
  /**
   * Pushes.
   * @default - the preset's
   */
  readonly pushes?: {
    /** Pushes per repository per day (mean). @default - the preset's */
    readonly perRepositoryPerDay?: number;
    /** Monday..Sunday weights, normalized to mean 1. @default - the preset's */
    readonly weekly?: readonly number[];
    /** `poisson`: random counts, repositories drawn uniformly; `fixed`: exact counts, round-robin. @default - the preset's */
    readonly arrival?: 'poisson' | 'fixed';
    /** Traffic in the daily peak window relative to the mean. @default - the preset's */
    readonly peakToMean?: number;
    /** Share of clients by region (canonical names). @default - the preset's */
    readonly byRegion?: Readonly<Record<string, number>>;
  };
  /**
   * Image model.
   * @default - the preset's
   */
  readonly image?: {
    /** Layers per image. @default - the preset's */
    readonly layers?: CountDistributionInput;
    /** Size of a layer. @default - the preset's */
    readonly layerSize?: SizeDistributionInput;
    /** Size of a manifest (with its config). @default - the preset's */
    readonly manifestSize?: SizeInput;
    /** Top layers replaced by each push. @default - the preset's */
    readonly changedLayersPerPush?: CountDistributionInput;
    /** Per-repository multiplier of layer sizes. @default - the preset's */
    readonly repositoryScale?: CountDistributionInput;
    /** Base layers drawn from a shared pool. @default - the preset's */
    readonly baseLayers?: {
      /** Base layers per image. @default - the preset's */
      readonly perImage?: CountDistributionInput;
      /** Base layers in the shared pool. @default - the preset's */
      readonly pool?: number;
      /** Popularity skew of the pool (Zipf exponent; 0 = uniform). @default - the preset's */
      readonly zipf?: number;
      /** Size of a layer. @default - the preset's */
      readonly layerSize?: SizeDistributionInput;
    };
  };
  /**
   * Tag strategy.
   * @default - the preset's
   */
  readonly tags?: { readonly strategy?: 'mutable' | 'unique'; readonly perRepository?: number };
  /**
   * Pulls.
   * @default - the preset's
   */
  readonly pulls?: {
    /** Pulls per day (mean). @default - the preset's */
    readonly perDay?: number;
    /** Traffic in the daily peak window relative to the mean. @default - the preset's */
    readonly peakToMean?: number;
    /** Monday..Sunday weights, normalized to mean 1. @default - the preset's */
    readonly weekly?: readonly number[];
    /** Share of clients by region (canonical names). @default - the preset's */
    readonly byRegion?: Readonly<Record<string, number>>;
    /** Read requests per pull. @default - 3 + the mean layers per image (token, manifest, config, layers) */
    readonly requestsPerPull?: number;
  };
  /**
   * The daily peak window.
   * @default - the preset's
   */
  readonly peak?: { readonly minutes?: number; readonly start?: string };
  /**
   * Scheduled purge tasks.
   * @default - the preset's
   */
  readonly cleanup?: readonly PurgeInput[];
}

/** Fields every event has. */
interface EventBase {
  /** Start, as a duration from day 0. */
  readonly at: string;
  /**
   * A name, unique among the events, that assertions can refer to (`during:`).
   * @default - none
   */
  readonly name?: string;
  /**
   * Registry name or address.
   * @default - every registry the event touches
   */
  readonly registry?: string;
}

/** A change of a workload figure from an event's time on: multiply it, or replace it. */
export type ChangeInput = { readonly scale: number } | { readonly set: number };

/** A timed event. */
export type EventInput =
  | (EventBase & { readonly kind: 'region-outage' | 'zone-outage' | 'replica-routing-disabled'; readonly duration: string; readonly region: string })
  | (EventBase & { readonly kind: 'replication-lag'; readonly lag: string })
  | (EventBase & {
      readonly kind: 'config-change';
      readonly registry: string;
      readonly set: {
        /** New tier. @default - unchanged */
        readonly tier?: 'Basic' | 'Standard' | 'Premium';
        /** New retention days (0 = off). @default - unchanged */
        readonly retentionDays?: number;
        /** New soft-delete days (0 = off). @default - unchanged */
        readonly softDeleteDays?: number;
        /** New replica list. @default - unchanged */
        readonly replicas?: readonly ReplicaInput[];
      };
    })
  | (EventBase & {
      readonly kind: 'workload-change';
      /** Pushes per repository per day. @default - unchanged */
      readonly pushes?: ChangeInput;
      /** Pulls per day. @default - unchanged */
      readonly pulls?: ChangeInput;
      /** Repositories added per 30 days. @default - unchanged */
      readonly repositories?: ChangeInput;
      /** Size of the layers pushed from then on (new repositories and changed layers; the shared base pool is unchanged). @default - unchanged */
      readonly imageSize?: { readonly scale: number };
      /** Tag strategy of the pushes from then on (tags already pushed stay). @default - unchanged */
      readonly tags?: { readonly strategy: 'mutable' | 'unique' };
    })
  | (EventBase & {
      readonly kind: 'delete' | 'untag';
      /** Repository regex (anchored, as in purge filters). */
      readonly repository: string;
      /**
       * Only manifests pushed more than this long before the event (as `acr purge --ago`).
       * @default 'P0D' (every manifest pushed before the event)
       */
      readonly olderThan?: string;
    });

/** Percentile an assertion is evaluated at. */
export type PercentileName = 'p10' | 'p50' | 'p90' | 'p99' | 'mean';

/** Fields every assertion has. */
interface AssertionBase {
  /**
   * Registry name or address.
   * @default - every registry (or the fleet total for cost)
   */
  readonly registry?: string;
  /**
   * Percentile over runs the check uses.
   * @default 'p90' ('p10' for pull-availability-at-least)
   */
  readonly percentile?: PercentileName;
}

/** A check on the results. */
export type AssertionInput =
  | (AssertionBase & { readonly kind: 'storage-below'; readonly of: 'included' | 'limit' })
  | (AssertionBase & { readonly kind: 'monthly-cost-below'; readonly usd: number })
  | (AssertionBase & {
      readonly kind: 'pull-availability-at-least';
      readonly value: number;
      readonly region?: string;
      /**
       * Where availability is measured: the whole horizon, every outage-like event of the registry (`outages`, each checked on its own), or the event of that `name`.
       * @default - the whole horizon
       */
      readonly during?: string;
    })
  | (AssertionBase & { readonly kind: 'exposure-at-most'; readonly bytes?: SizeInput; readonly manifests?: number })
  | (AssertionBase & { readonly kind: 'no-throttling' })
  | (AssertionBase & {
      readonly kind: 'counts-below';
      /** Repositories (most over the horizon). @default - not checked */
      readonly repositories?: number;
      /** Tags of the largest repository (most over the horizon). @default - not checked */
      readonly tagsPerRepository?: number;
      /** Manifests (most over the horizon). @default - not checked */
      readonly manifests?: number;
    });

/** A scenario file. */
export interface ScenarioInput {
  /** Scenario name. @default - the file name */
  readonly name?: string;
  /** Free text. @default - none */
  readonly description?: string;
  /** Date of day 0. @default - day 0 is a Monday */
  readonly start?: string;
  /** Simulated time. */
  readonly horizon: string;
  /** Seed. @default 1 */
  readonly seed?: number;
  /** Monte Carlo runs. @default 1 */
  readonly runs?: number;
  /** Inputs or inline registries. @default [] */
  readonly registries?: ReadonlyArray<string | InlineRegistryInput>;
  /** Billing assumption overrides. @default - BILLING_ASSUMPTIONS */
  readonly assumptions?: {
    /** Each replica's unit includes its own included storage. @default - BILLING_ASSUMPTIONS.includedStoragePerReplica */
    readonly includedStoragePerReplica?: boolean;
    /** Stored bytes are billed once per replica. @default - BILLING_ASSUMPTIONS.storageBilledPerReplica */
    readonly storageBilledPerReplica?: boolean;
    /** Soft-deleted bytes are billed as storage. @default - BILLING_ASSUMPTIONS.softDeletedBilled */
    readonly softDeletedBilled?: boolean;
    /** vCPUs billed per purge run. @default 2 */
    readonly taskVcpus?: number;
  };
  /** Failover constants. @default - lib/sim/constants.ts */
  readonly failover?: { readonly delay?: string; readonly replicationLag?: string; readonly zoneDowntime?: string };
  /** Workloads. @default [] */
  readonly workloads?: readonly WorkloadInput[];
  /** Events. @default [] */
  readonly events?: readonly EventInput[];
  /** Assertions. @default [] */
  readonly assertions?: readonly AssertionInput[];
  /** Content on day 0 by registry name (or address); an inline registry may give its own `initial`. @default {} */
  readonly initial?: Readonly<Record<string, InitialInput>>;
  /**
   * Variants compared side by side on the same random draws (docs/scenario.md, "Variants side by side"); the
   * first is the baseline. `--vary` on the command line replaces them.
   * @default - no variants: one simulation
   */
  readonly variants?: readonly VariantInput[];
}

/** A variant of the scenario: other registry settings at day 0. */
export interface VariantInput {
  /** Name shown in the comparison (unique). */
  readonly name: string;
  /**
   * Registry name or address it changes.
   * @default - every registry
   */
  readonly registry?: string;
  /**
   * What it changes.
   * @default {} (the scenario as written)
   */
  readonly set?: {
    /** Tier. @default - unchanged */
    readonly tier?: 'Basic' | 'Standard' | 'Premium';
    /** Retention days (0 = off). @default - unchanged */
    readonly retentionDays?: number;
    /** Soft-delete days (0 = off). @default - unchanged */
    readonly softDeleteDays?: number;
    /** Replica list (not the home region). @default - unchanged */
    readonly replicas?: readonly ReplicaInput[];
  };
}
