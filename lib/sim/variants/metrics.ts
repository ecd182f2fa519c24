/**
 * The figures a variant comparison puts side by side, per run and for the whole fleet, so that
 * two variants can be compared run by run (paired: run i of each variant saw the same draws).
 */
import { maxMonthly, monthlyTotals } from '../engine/cost.js';
import type { RunResult } from '../results/run-result.js';

/** The compared figures, in the order the comparison shows them. */
export const COMPARISON_METRICS = [
  { key: 'storedBytesAtHorizon', label: 'Stored at horizon', unit: 'bytes', better: 'lower' },
  { key: 'maxMonthlyCostUsd', label: 'Max monthly cost', unit: 'usd', better: 'lower' },
  { key: 'totalCostUsd', label: 'Total cost', unit: 'usd', better: 'lower' },
  { key: 'firstIncludedExceededDay', label: 'First day over included', unit: 'day', better: 'higher' },
  { key: 'pullAvailability', label: 'Pull availability (worst client region)', unit: 'share', better: 'higher' },
  { key: 'exposureBytes', label: 'Worst outage exposure', unit: 'bytes', better: 'lower' },
  { key: 'throttledMinutes', label: 'Throttled minutes', unit: 'minutes', better: 'lower' },
] as const;

/** One of {@link COMPARISON_METRICS}. */
export type ComparisonMetric = (typeof COMPARISON_METRICS)[number];

/** Key of a compared figure. */
export type MetricKey = ComparisonMetric['key'];

/** The compared figures of one run (null = never, for a day). */
export type RunMetrics = Readonly<Record<MetricKey, number | null>>;

/**
 * A run's fleet figures: stored bytes at the horizon, highest 30-day month and total cost of the
 * fleet, the first day any registry's billed bytes exceed its included storage (null = never),
 * the lowest pull availability of any registry and client region over the horizon, the largest
 * outage exposure (bytes) of any registry, and the throttled minutes of all registries.
 */
export function runMetrics(run: RunResult, horizonDays: number): RunMetrics {
  const fleetCost = new Float64Array(horizonDays);
  let stored = 0;
  let total = 0;
  let first: number | null = null;
  let availability = 1;
  let exposure = 0;
  let throttled = 0;
  for (const r of run.registries) {
    for (let d = 0; d < horizonDays; d++) fleetCost[d]! += r.daily.costUsd[d] ?? 0;
    stored += r.storedBytesAtHorizon;
    total += r.totalCostUsd;
    if (r.firstIncludedExceededDay !== null && (first === null || r.firstIncludedExceededDay < first)) first = r.firstIncludedExceededDay;
    for (const a of Object.values(r.availabilityByRegion)) availability = Math.min(availability, a);
    for (const o of r.outages) exposure = Math.max(exposure, o.exposureBytes);
    throttled += r.throttledMinutes;
  }
  return {
    storedBytesAtHorizon: stored,
    maxMonthlyCostUsd: maxMonthly(fleetCost),
    totalCostUsd: total,
    firstIncludedExceededDay: first,
    pullAvailability: availability,
    exposureBytes: exposure,
    throttledMinutes: throttled,
  };
}

/** A run's fleet series: stored and billed bytes and cost per day, cost per 30-day month. */
export interface FleetSeries {
  /** Stored bytes (tagged + untagged, counted once) per day, all registries. */
  readonly storedBytes: Float64Array;
  /** Billed bytes per day, all registries. */
  readonly billedBytes: Float64Array;
  /** Cost per 30-day month, all registries (the last month may be partial). */
  readonly monthlyCostUsd: Float64Array;
  /** Cost so far, per day, all registries. */
  readonly cumulativeCostUsd: Float64Array;
}

/** The fleet series of one run. */
export function fleetSeries(run: RunResult, horizonDays: number): FleetSeries {
  const stored = new Float64Array(horizonDays);
  const billed = new Float64Array(horizonDays);
  const cost = new Float64Array(horizonDays);
  for (const r of run.registries) {
    for (let d = 0; d < horizonDays; d++) {
      stored[d]! += (r.daily.taggedBytes[d] ?? 0) + (r.daily.untaggedBytes[d] ?? 0);
      billed[d]! += r.daily.billedBytes[d] ?? 0;
      cost[d]! += r.daily.costUsd[d] ?? 0;
    }
  }
  const cumulative = new Float64Array(horizonDays);
  let acc = 0;
  for (let d = 0; d < horizonDays; d++) cumulative[d] = acc += cost[d]!;
  return { storedBytes: stored, billedBytes: billed, monthlyCostUsd: Float64Array.from(monthlyTotals(cost)), cumulativeCostUsd: cumulative };
}
