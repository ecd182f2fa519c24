/**
 * Scenario assertions, evaluated at a percentile over the runs. Upper bounds (storage, cost,
 * exposure, throttling) default to p90; availability (a lower bound) to p10.
 */
import type { AssertionResult, RegistrySummary, SimulationFigures } from './result.js';
import type { ResolvedScenario, SimAssertion } from '../scenario/model.js';
import type { Summary } from './stats.js';
import { formatBytes } from '../../format/numbers.js';

function at(s: Summary, p: SimAssertion['percentile']): number | null {
  return s[p];
}

function pct(v: number): string {
  return `${(v * 100).toFixed(3)}%`;
}

/** Evaluates every assertion of the scenario on the figures. */
export function evaluateAssertions(sc: ResolvedScenario, f: SimulationFigures): AssertionResult[] {
  const out: AssertionResult[] = [];
  for (const a of sc.assertions) {
    const regs = f.registries.filter((r) => a.registries === null || a.registries.includes(r.name));
    const push = (subject: string, text: string, actual: number | null, threshold: number, passed: boolean): void => {
      out.push({ index: a.index, kind: a.kind, text, percentile: a.percentile, subject, actual, threshold, passed, where: a.where });
    };
    const each = (fn: (r: RegistrySummary) => void): void => regs.forEach(fn);
    switch (a.kind) {
      case 'storage-below':
        each((r) => {
          const threshold = a.of === 'included' ? r.includedBytes : r.limitBytes;
          const v = at(a.of === 'included' ? r.metrics.maxBillableBytes : r.metrics.maxStoredBytes, a.percentile);
          push(r.name, `storage stays below ${a.of === 'included' ? 'the included storage' : 'the storage limit'} (${formatBytes(threshold)}) through the horizon`, v, threshold, v !== null && v < threshold);
        });
        break;
      case 'monthly-cost-below':
        if (a.registries === null) {
          const v = at(f.fleet.maxMonthlyCostUsd, a.percentile);
          push('fleet', `monthly cost of the fleet below $${a.usd}`, v, a.usd!, v !== null && v < a.usd!);
        } else
          each((r) => {
            const v = at(r.metrics.maxMonthlyCostUsd, a.percentile);
            push(r.name, `monthly cost below $${a.usd}`, v, a.usd!, v !== null && v < a.usd!);
          });
        break;
      case 'pull-availability-at-least':
        each((r) => {
          for (const [region, s] of Object.entries(r.availabilityByRegion)) {
            if (a.region && region !== a.region) continue;
            const v = at(s, a.percentile);
            push(`${r.name} (${region} clients)`, `pull availability at least ${pct(a.value!)}`, v, a.value!, v !== null && v >= a.value!);
          }
        });
        break;
      case 'exposure-at-most':
        each((r) => {
          const worst = (sel: (o: RegistrySummary['outages'][number]) => Summary): number =>
            r.outages.reduce((m, o) => Math.max(m, at(sel(o), a.percentile) ?? 0), 0);
          if (a.bytes !== undefined) {
            const v = worst((o) => o.exposureBytes);
            push(r.name, `worst outage exposure at most ${formatBytes(a.bytes)}`, v, a.bytes, v <= a.bytes);
          }
          if (a.manifests !== undefined) {
            const v = worst((o) => o.exposureManifests);
            push(r.name, `worst outage exposure at most ${a.manifests} manifests`, v, a.manifests, v <= a.manifests);
          }
        });
        break;
      case 'no-throttling':
        each((r) => {
          const v = at(r.metrics.throttledMinutes, a.percentile);
          push(r.name, 'no throttled minutes', v, 0, v === 0);
        });
        break;
    }
  }
  return out;
}
