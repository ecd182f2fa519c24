/**
 * Simulator constants that the docs state only loosely, each with its source. Scenarios can
 * override every one of them (`failover:` block); these are the defaults.
 */

/**
 * Minutes between a replica region failing and its clients being served by the next nearest
 * healthy replica through the global endpoint.
 *
 * Sources: MicrosoftDocs/azure-management-docs `container-registry-geo-replication.md`
 * §Health-aware failover ("rerouting takes minutes ... plus DNS TTL", per registry, no customer
 * trigger) and MicrosoftDocs/reliability-docs `reliability-container-registry.md` §Region-down
 * ("data-plane downtime is typically 1-2 minutes"). acrkit takes the upper end of the
 * reliability doc (2 minutes) plus 1 minute for clients' DNS caches: 3 minutes.
 */
export const DEFAULT_FAILOVER_DELAY_MINUTES = 3;

/**
 * Minutes a pushed manifest takes to reach the other replicas (geo-replication is eventually
 * consistent). Writes pushed to a region within this window before it fails are unavailable
 * elsewhere until it recovers.
 *
 * Sources: `container-registry-geo-replication.md` §Consistency ("no guaranteed timing; typically
 * completes within minutes") and `reliability-container-registry.md` (unreplicated writes lost
 * until recovery, "typically < 15 minutes", not guaranteed). acrkit assumes 5 minutes; use a
 * `replication-lag` event or `failover.replicationLag` to study other values (up to PT15M).
 */
export const DEFAULT_REPLICATION_LAG_MINUTES = 5;

/**
 * Minutes of data-plane downtime in a zone outage of an availability-zone region (zone
 * redundancy is automatic and cannot be disabled there).
 *
 * Source: `reliability-container-registry.md` §Zone-down ("automatic, downtime of a few
 * seconds"); AMD `zone-redundancy.md` (2026-03-25, on by default in AZ regions). acrkit assumes
 * 10 seconds. In a region without availability zones a zone outage is a region outage.
 */
export const DEFAULT_ZONE_DOWNTIME_MINUTES = 10 / 60;

/** Minutes in a day. */
export const MINUTES_PER_DAY = 1440;

/**
 * vCPUs of an ACR Task run on the default (shared) agent. Source: Azure/acr-cli purge task
 * examples use the default agent; `azurerm_container_registry_task.agent_setting.cpu` = 2.
 */
export const DEFAULT_TASK_VCPUS = 2;

/** Longest horizon a scenario may ask for (10 years, in days). */
export const MAX_HORIZON_DAYS = 3650;
