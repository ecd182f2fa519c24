/** The `resilience` pack: geo-replication, zones, routing, locks. */
import type { Rule } from '../rule.js';
import { SoftDeleteEnabled } from '../rules/SoftDeleteEnabled.js';
import { AllowedLocations } from '../rules/AllowedLocations.js';
import { GeoReplicaOtherGeography } from '../rules/GeoReplicaOtherGeography.js';
import { LockPresent } from '../rules/LockPresent.js';
import { ProductionReplicaCount } from '../rules/ProductionReplicaCount.js';
import { ReplicaRoutingEnabled } from '../rules/ReplicaRoutingEnabled.js';
import { ZoneRedundancy } from '../rules/ZoneRedundancy.js';

/** Rules of the resilience pack, in id order. */
export const RESILIENCE_RULES: readonly Rule[] = [GeoReplicaOtherGeography, ZoneRedundancy, ReplicaRoutingEnabled, LockPresent, ProductionReplicaCount, AllowedLocations,
  SoftDeleteEnabled,
];
