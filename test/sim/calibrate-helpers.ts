/**
 * A metrics history generated FROM the simulator: one run of a scenario with known pushes, weekly
 * shape, pulls and image sizes, its daily series converted to the JSON that
 * `az monitor metrics list ... --interval P1D --aggregation Total Average -o json` prints.
 */
import { simulateRun } from '../../lib/sim/engine/engine.js';
import { Rng } from '../../lib/sim/random/random.js';
import type { ResolvedScenario } from '../../lib/sim/scenario/model.js';
import type { ScenarioInput } from '../../lib/sim/scenario/types.js';

export const START = '2026-01-05'; // a Monday
export const PUSH_WEEKLY = [1.3, 1.2, 1.1, 1.1, 1.2, 0.4, 0.3];
export const PULL_WEEKLY = [1, 1.1, 1, 1, 0.9, 0.5, 0.4];

export function known(tags: 'unique' | 'mutable', retentionDays: number): ScenarioInput {
  return {
    name: 'known',
    start: START,
    horizon: 'P91D',
    seed: 7,
    registries: [{ name: 'shopacr', tier: 'Premium', location: 'westeurope', retentionDays }],
    workloads: [
      {
        repositories: { initial: 40, growthPerMonth: 0 },
        pushes: { perRepositoryPerDay: 10, weekly: PUSH_WEEKLY, arrival: 'poisson' },
        image: {
          layers: { kind: 'fixed', value: 8 },
          layerSize: { kind: 'lognormal', median: '8 MB', p90: '40 MB' },
          changedLayersPerPush: { kind: 'uniform', min: 1, max: 3 },
          repositoryScale: { kind: 'fixed', value: 1 },
          manifestSize: '4 KiB',
          baseLayers: { perImage: { kind: 'fixed', value: 0 }, pool: 1, zipf: 0, layerSize: { kind: 'fixed', value: '1 MB' } },
        },
        tags: { strategy: tags, perRepository: 1 },
        pulls: { perDay: 5000, weekly: PULL_WEEKLY, byRegion: { westeurope: 1 } },
        cleanup: [],
      },
    ],
  };
}

/** The az monitor metrics list JSON of run 0 of `sc` (one registry, day 0 on START). */
export function metricsExport(sc: ResolvedScenario): string {
  const run = simulateRun(sc, 0).registries[0]!;
  const w = sc.registries[0]!.workload!;
  const days = sc.horizonDays;
  const t0 = Date.parse(`${START}T00:00:00Z`);
  const stamp = (d: number): string => new Date(t0 + d * 86_400_000).toISOString().replace('.000Z', '+00:00');
  const id = (m: string): string => `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shop/providers/Microsoft.ContainerRegistry/registries/shopacr/providers/Microsoft.Insights/metrics/${m}`;
  const metric = (name: string, unit: string, points: (d: number) => Record<string, number>): object => ({
    id: id(name),
    type: 'Microsoft.Insights/metrics',
    name: { value: name, localizedValue: name },
    displayDescription: '',
    unit,
    timeseries: [{ metadatavalues: [], data: Array.from({ length: days }, (_, d) => ({ timeStamp: stamp(d), ...points(d) })) }],
    errorCode: 'Success',
  });
  // Pulls as a registry counts them: Poisson counts around a day's rate that itself varies
  // (+/- 10%, overdispersed as real traffic is), from a seeded generator, so the fit has to average.
  const rng = Rng.forRun(sc.seed, 99, 0);
  const pullCounts = Array.from({ length: days }, (_, d) => rng.poisson(Math.max(0, w.pulls.perDay * w.pulls.weekly[(sc.startWeekday + d) % 7]! * (1 + 0.1 * rng.normal()))));
  const pulls = (d: number): number => pullCounts[d]!;
  return JSON.stringify({
    cost: 0,
    timespan: `${stamp(0)}/${stamp(days)}`,
    interval: 'P1D',
    value: [
      metric('StorageUsed', 'Bytes', (d) => ({ average: run.daily.taggedBytes[d]! + run.daily.untaggedBytes[d]!, total: 24 * (run.daily.taggedBytes[d]! + run.daily.untaggedBytes[d]!) })),
      metric('SuccessfulPushCount', 'Count', (d) => ({ total: run.daily.pushes[d]!, average: 1 })),
      metric('SuccessfulPullCount', 'Count', (d) => ({ total: pulls(d), average: 1 })),
      metric('TotalPullCount', 'Count', (d) => ({ total: pulls(d) + 3, average: 1 })),
    ],
    namespace: 'Microsoft.ContainerRegistry/registries',
    resourceregion: 'westeurope',
  });
}

export function normalized(w: readonly number[]): number[] {
  const m = w.reduce((a, b) => a + b, 0) / w.length;
  return w.map((x) => x / m);
}
