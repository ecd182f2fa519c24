/**
 * A scenario after loading: registries resolved to plain simulation inputs, durations in
 * minutes, sizes in bytes. Plain data, so it can be sent to worker threads.
 */
import type { Tier } from '../../catalog/tiers.js';
import type { PercentileName } from './types.js';
import type { Workload } from './workload-types.js';
import type { InitialInventory } from './initial-types.js';
import type { SimVariant } from '../variants/types.js';

/** A replica as the simulator sees it. */
export interface SimReplica {
  /** Canonical region. */
  readonly location: string;
  /** Whether the global endpoint routes to it. */
  readonly globalRouting: boolean;
}

/** A registry as the simulator sees it (every value known). */
export interface SimRegistry {
  /** Registry name. */
  readonly name: string;
  /** Stable identity. */
  readonly address: string;
  /** Tier at day 0. */
  readonly tier: Tier;
  /** Home region (canonical). */
  readonly location: string;
  /** Whether the global endpoint routes to the home replica. */
  readonly homeRouting: boolean;
  /** Geo-replicas at day 0. */
  readonly replicas: readonly SimReplica[];
  /** Retention days at day 0 (0 = off). */
  readonly retentionDays: number;
  /** Soft-delete days at day 0 (0 = off). */
  readonly softDeleteDays: number;
  /** Webhooks. */
  readonly webhooks: number;
  /** Tokens. */
  readonly tokens: number;
  /** Scope maps. */
  readonly scopeMaps: number;
  /** Cache rules. */
  readonly cacheRules: number;
  /** Workload, or null when the scenario gives it none. */
  readonly workload: Workload | null;
  /** What the loader had to assume. */
  readonly warnings: readonly string[];
  /**
   * What the workload's preset implies that the scenario does not write (a purge task it adds), stated in the reports' assumptions.
   * @default - nothing implied
   */
  readonly assumptions?: readonly string[];
  /**
   * Content on day 0 (docs/scenario.md#start-from-today); absent, not null, so scenarios
   * without it hash as before.
   * @default - empty on day 0
   */
  readonly initial?: InitialInventory;
}

/** Fields every resolved event has. */
interface SimEventBase {
  /** Index in the scenario's `events`. */
  readonly index: number;
  /** Start minute from day 0. */
  readonly startMinute: number;
  /** Names of the registries it applies to; null = every registry. */
  readonly registries: readonly string[] | null;
  /**
   * Name, for assertions' `during`.
   * @default - none
   */
  readonly name?: string;
}

/** An outage or a routing exclusion of a region. */
export interface SimRegionEvent extends SimEventBase {
  /** Kind. */
  readonly kind: 'region-outage' | 'zone-outage' | 'replica-routing-disabled';
  /** End minute (exclusive). */
  readonly endMinute: number;
  /** Canonical region. */
  readonly region: string;
}

/** A change of replication lag. */
export interface SimLagEvent extends SimEventBase {
  /** Kind. */
  readonly kind: 'replication-lag';
  /** New lag, minutes. */
  readonly lagMinutes: number;
}

/** A configuration change (a control-plane action). */
export interface SimConfigEvent extends SimEventBase {
  /** Kind. */
  readonly kind: 'config-change';
  /** What changes. */
  readonly set: {
    /** New tier. @default - unchanged */
    readonly tier?: Tier;
    /** New retention days. @default - unchanged */
    readonly retentionDays?: number;
    /** New soft-delete days. @default - unchanged */
    readonly softDeleteDays?: number;
    /** New replicas. @default - unchanged */
    readonly replicas?: readonly SimReplica[];
  };
}

/** A change of a workload figure: multiply (`scale`) or replace (`set`). */
export interface SimChange {
  /** How. */
  readonly mode: 'scale' | 'set';
  /** Factor or new value. */
  readonly value: number;
}

/** A change of a registry's workload from its minute on (lib/sim/engine/events.ts). */
export interface SimWorkloadEvent extends SimEventBase {
  /** Kind. */
  readonly kind: 'workload-change';
  /** Pushes per repository per day. @default - unchanged */
  readonly pushes?: SimChange;
  /** Pulls per day. @default - unchanged */
  readonly pulls?: SimChange;
  /** Repositories added per 30 days. @default - unchanged */
  readonly repositories?: SimChange;
  /** Factor on the size of layers created from then on. @default - unchanged */
  readonly imageScale?: number;
  /** Tag strategy from then on. @default - unchanged */
  readonly tagStrategy?: 'mutable' | 'unique';
}

/** A one-off delete or untag of manifests by repository and age (lib/sim/engine/events.ts). */
export interface SimStoreEvent extends SimEventBase {
  /** Kind. */
  readonly kind: 'delete' | 'untag';
  /** Repository regex (anchored). */
  readonly repoPattern: string;
  /** Only manifests pushed at least this many minutes before the event. */
  readonly olderThanMinutes: number;
}

/** A resolved event. */
export type SimEvent = SimRegionEvent | SimLagEvent | SimConfigEvent | SimWorkloadEvent | SimStoreEvent;

/** A resolved assertion. */
export interface SimAssertion {
  /** Index in the scenario's `assertions`. */
  readonly index: number;
  /** Kind. */
  readonly kind: 'storage-below' | 'monthly-cost-below' | 'pull-availability-at-least' | 'exposure-at-most' | 'no-throttling' | 'counts-below';
  /** Registry names; null = every registry (the fleet total for cost). */
  readonly registries: readonly string[] | null;
  /** Percentile over runs. */
  readonly percentile: PercentileName;
  /**
   * storage-below: which threshold.
   * @default - not a storage-below assertion
   */
  readonly of?: 'included' | 'limit';
  /**
   * monthly-cost-below: USD.
   * @default - not a monthly-cost-below assertion
   */
  readonly usd?: number;
  /**
   * pull-availability-at-least: fraction.
   * @default - not a pull-availability assertion
   */
  readonly value?: number;
  /**
   * pull-availability-at-least: client region (canonical).
   * @default - every client region
   */
  readonly region?: string;
  /**
   * pull-availability-at-least: `outages` (each outage-like event of the registry) or the index of one event.
   * @default - the whole horizon
   */
  readonly during?: 'outages' | number;
  /**
   * exposure-at-most: bytes.
   * @default - no byte bound
   */
  readonly bytes?: number;
  /**
   * exposure-at-most: manifests; counts-below: most manifests over the horizon.
   * @default - no manifest bound
   */
  readonly manifests?: number;
  /**
   * counts-below: most repositories over the horizon.
   * @default - no repository bound
   */
  readonly repositories?: number;
  /**
   * counts-below: most tags of one repository over the horizon.
   * @default - no tag bound
   */
  readonly tagsPerRepository?: number;
  /** Where it is in the scenario, `file:line`. */
  readonly where: string;
}

/** Billing and task assumptions in force. */
export interface SimAssumptions {
  /** See BILLING_ASSUMPTIONS. */
  readonly includedStoragePerReplica: boolean;
  /** See BILLING_ASSUMPTIONS. */
  readonly storageBilledPerReplica: boolean;
  /** See BILLING_ASSUMPTIONS. */
  readonly softDeletedBilled: boolean;
  /** vCPUs per purge run. */
  readonly taskVcpus: number;
}

/** Failover constants in force, minutes. */
export interface SimFailover {
  /** Failover delay. */
  readonly delayMinutes: number;
  /** Replication lag at day 0. */
  readonly lagMinutes: number;
  /** Zone-outage downtime in AZ regions. */
  readonly zoneDowntimeMinutes: number;
}

/** A scenario ready to simulate. */
export interface ResolvedScenario {
  /** Name. */
  readonly name: string;
  /** File it came from (or `inline`). */
  readonly file: string;
  /** Days simulated. */
  readonly horizonDays: number;
  /** Seed. */
  readonly seed: number;
  /** Monte Carlo runs. */
  readonly runs: number;
  /** Weekday of day 0, 0 = Monday. */
  readonly startWeekday: number;
  /** Billing assumptions. */
  readonly assumptions: SimAssumptions;
  /** Failover constants. */
  readonly failover: SimFailover;
  /** Registries. */
  readonly registries: readonly SimRegistry[];
  /** Events, by start. */
  readonly events: readonly SimEvent[];
  /** Assertions. */
  readonly assertions: readonly SimAssertion[];
  /**
   * Variants to compare side by side (lib/sim/variants), the first the baseline.
   * @default - none: one simulation
   */
  readonly variants?: readonly SimVariant[];
}
