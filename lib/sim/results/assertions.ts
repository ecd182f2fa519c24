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
        // The share used on the worst day, against the tier (and replicas) in force each day: the
        // same definition as "included storage exceeded" (lib/sim/engine/limits.ts).
        each((r) => {
          const included = a.of === 'included';
          const use = included ? r.metrics.maxIncludedUse : r.metrics.maxLimitUse;
          const bytes = included ? (r.billedAllowanceBytes ?? r.includedBytes) : r.limitBytes;
          const what = included
            ? `storage stays below the included storage every day (billed bytes against the allowance in force, ${formatBytes(bytes)} at the horizon)`
            : `storage stays below the storage limit every day (stored bytes against the tier in force, ${formatBytes(bytes)} at the horizon)`;
          // A result built without the shares (by hand): the peak bytes over the threshold at the horizon.
          const peak = at(included ? r.metrics.maxBillableBytes : r.metrics.maxStoredBytes, a.percentile);
          const v = use ? at(use, a.percentile) : peak === null || !(bytes > 0) ? null : peak / bytes;
          push(r.name, `${what}: peak share used`, v, 1, v !== null && v < 1);
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
          if (a.during === undefined) {
            for (const [region, s] of Object.entries(r.availabilityByRegion)) {
              if (a.region && region !== a.region) continue;
              const v = at(s, a.percentile);
              push(`${r.name} (${region} clients)`, `pull availability at least ${pct(a.value!)}`, v, a.value!, v !== null && v >= a.value!);
            }
            return;
          }
          // During outages: each outage-like event of the registry (or the one named) on its own.
          for (const o of r.outages) {
            if (a.during !== 'outages' && o.event !== a.during) continue;
            for (const [region, s] of Object.entries(o.availabilityByRegion)) {
              if (a.region && region !== a.region) continue;
              const v = at(s, a.percentile);
              const when = `during ${o.kind} ${o.region} (event ${o.event})`;
              push(`${r.name} (${region} clients, ${when})`, `pull availability at least ${pct(a.value!)} ${when}`, v, a.value!, v !== null && v >= a.value!);
            }
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
      case 'counts-below':
        // The most on any day of the horizon (counts.ts), at the percentile over runs.
        each((r) => {
          const c = r.counts;
          const check = (bound: number | undefined, s: Summary | undefined, what: string): void => {
            if (bound === undefined) return;
            const v = s ? at(s, a.percentile) : null;
            push(r.name, `${what} stay below ${bound} through the horizon`, v, bound, v !== null && v < bound);
          };
          check(a.repositories, c?.max.repositories, 'repositories');
          check(a.tagsPerRepository, c?.max.maxTagsPerRepository, 'tags per repository (the largest)');
          check(a.manifests, c?.max.manifests, 'manifests');
        });
        break;
    }
  }
  return out;
}
