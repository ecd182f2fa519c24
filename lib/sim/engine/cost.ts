/**
 * Daily cost of a registry from the catalog (lib/catalog/prices.ts): the tier's registry unit,
 * one Premium unit per geo-replica, storage beyond the included amount, and purge task time.
 * The open billing questions are switches (BILLING_ASSUMPTIONS, overridable per scenario).
 */
import { GIB, type Tier } from '../../catalog/tiers.js';
import { PRICES } from '../../catalog/prices.js';
import { billedStorageBytes, storageAllowanceBytes } from './limits.js';
import type { SimAssumptions } from '../scenario/model.js';

/** Inputs of one day's cost. */
export interface DayCostInput {
  /** Tier in force. */
  readonly tier: Tier;
  /** Geo-replicas in force (not counting the home region). */
  readonly replicas: number;
  /** Stored bytes (counted once). */
  readonly storedBytes: number;
  /** Soft-deleted bytes (counted once). */
  readonly softDeletedBytes: number;
  /** Task seconds run that day. */
  readonly taskSeconds: number;
}

/** One day's cost, USD, with the billed bytes. */
export interface DayCost {
  /** Total USD. */
  readonly usd: number;
  /** Bytes billed (all copies). */
  readonly billedBytes: number;
}

/**
 * Cost of one day:
 * `unit(tier) + replicas x replicaUnit + max(0, billed - included)/GiB x storagePerGiBDay + taskSeconds x vCPUs x taskVcpuSecond`,
 * where `billed` is {@link billedStorageBytes} (`(stored + soft-deleted if billed) x (1 + replicas
 * if storage is billed per replica)`) and `included` is {@link storageAllowanceBytes} (`tier's
 * included x (1 + replicas if each replica has its own included storage)`).
 */
export function dayCost(x: DayCostInput, a: SimAssumptions): DayCost {
  const billedBytes = billedStorageBytes(x.storedBytes, x.softDeletedBytes, x.replicas, a);
  const included = storageAllowanceBytes(x.tier, x.replicas, a);
  const overGiB = Math.max(0, billedBytes - included) / GIB;
  const usd =
    PRICES.registryUnitPerDay[x.tier].value +
    x.replicas * PRICES.replicaUnitPerDay.value +
    overGiB * PRICES.storagePerGiBDay.value +
    x.taskSeconds * a.taskVcpus * PRICES.taskVcpuSecond.value;
  return { usd, billedBytes };
}

/** Sums a daily series into 30-day months (`PRICES.daysPerMonth`); the last may be partial. */
export function monthlyTotals(daily: Float64Array): number[] {
  const days = PRICES.daysPerMonth.value;
  const out: number[] = [];
  for (let d = 0; d < daily.length; d += days) {
    let s = 0;
    for (let i = d; i < Math.min(daily.length, d + days); i++) s += daily[i]!;
    out.push(s);
  }
  return out;
}

/** The highest month, a partial last month scaled to a full one. */
export function maxMonthly(daily: Float64Array): number {
  const days = PRICES.daysPerMonth.value;
  let best = 0;
  for (let d = 0; d < daily.length; d += days) {
    const n = Math.min(daily.length, d + days) - d;
    let s = 0;
    for (let i = d; i < d + n; i++) s += daily[i]!;
    best = Math.max(best, (s * days) / n);
  }
  return best;
}
