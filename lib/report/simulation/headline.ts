/**
 * The what-if headline: monthly cost, storage at the horizon, first limit day and worst outage
 * exposure of a simulation, in a few lines (what `acrkit start` prints).
 */
import { MAX_HORIZON_DAYS } from '../../sim/constants.js';
import type { SimulationResult } from '../../sim/results/result.js';
import { counted } from '../../format/counts.js';
import { usd, formatBytes } from '../../format/numbers.js';

/** Monthly cost, storage at the horizon, first limit day and worst outage exposure, in a few lines. */
export function headline(r: SimulationResult): string {
  const cost = r.fleet.maxMonthlyCostUsd.p50 ?? 0;
  const stored = r.fleet.storedBytesAtHorizon.p50 ?? 0;
  let firstIncluded: { name: string; day: number } | undefined;
  let firstLimit: { name: string; day: number; ex: boolean } | undefined;
  let worst: { name: string; bytes: number; manifests: number; region: string } | undefined;
  for (const g of r.registries) {
    const d = g.metrics.firstIncludedExceededDay.p50;
    if (d !== null && (!firstIncluded || d < firstIncluded.day)) firstIncluded = { name: g.name, day: d };
    const l = g.metrics.limitHitDay.p50;
    const credible = l !== null && !(g.limitHitExtrapolated && l > MAX_HORIZON_DAYS);
    if (credible && (!firstLimit || l < firstLimit.day)) firstLimit = { name: g.name, day: l, ex: g.limitHitExtrapolated };
    for (const o of g.outages) {
      const b = o.exposureBytes.p50 ?? 0;
      if (!worst || b > worst.bytes) worst = { name: g.name, bytes: b, manifests: o.exposureManifests.p50 ?? 0, region: o.region };
    }
  }
  const lines = [
    `What-if (${counted(r.runs, 'run')}, seed ${r.seed}, ${r.horizonDays} days): fleet cost up to ${usd(cost)} a month (median), ${formatBytes(stored)} stored at the horizon.`,
    firstIncluded ? `Included storage first exceeded: ${firstIncluded.name} on day ${Math.round(firstIncluded.day)}.` : 'No registry exceeds its included storage.',
    firstLimit
      ? `Storage limit: ${firstLimit.name} would hit it on day ${Math.round(firstLimit.day)}${firstLimit.ex ? ' (linear extrapolation past the horizon)' : ''}.`
      : `No registry reaches its storage limit within ${MAX_HORIZON_DAYS / 365} years at its current growth.`,
    worst ? `Worst outage exposure: ${worst.name}, ${worst.manifests.toFixed(2)} manifests (${formatBytes(worst.bytes)}) unreplicated when ${worst.region} failed.` : 'No outages simulated.',
  ];
  if (r.assertions.length) lines.push(r.passed ? `All ${r.assertions.length} assertion checks hold.` : `${r.assertions.filter((a) => !a.passed).length} of ${r.assertions.length} assertion checks fail.`);
  return lines.join('\n');
}
