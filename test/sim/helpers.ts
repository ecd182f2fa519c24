/**
 * Builders for small deterministic scenarios (fixed distributions, fixed arrivals).
 */
import type { ResolvedScenario } from '../../lib/sim/scenario/model.js';
import { scenarioFromObject, scenarioFromText } from '../../lib/sim/scenario/resolve.js';
import type { InlineRegistryInput, ScenarioInput, WorkloadInput } from '../../lib/sim/scenario/types.js';

/** A workload with fixed sizes and rates: `layers` layers of `layerBytes`, `changed` new per push. */
export function fixedWorkload(o: {
  repos: number;
  perDay: number;
  layers: number;
  changed: number;
  layerBytes: number;
  manifestBytes: number;
  strategy: 'mutable' | 'unique';
  base?: number;
  pool?: number;
  pullsPerDay?: number;
  pullsByRegion?: Record<string, number>;
  pushesByRegion?: Record<string, number>;
  cleanup?: WorkloadInput['cleanup'];
}): WorkloadInput {
  return {
    repositories: { initial: o.repos, growthPerMonth: 0 },
    pushes: { perRepositoryPerDay: o.perDay, weekly: [1, 1, 1, 1, 1, 1, 1], arrival: 'fixed', peakToMean: 1, ...(o.pushesByRegion ? { byRegion: o.pushesByRegion } : {}) },
    image: {
      layers: { kind: 'fixed', value: o.layers },
      layerSize: { kind: 'fixed', value: o.layerBytes },
      repositoryScale: { kind: 'fixed', value: 1 },
      manifestSize: o.manifestBytes,
      changedLayersPerPush: { kind: 'fixed', value: o.changed },
      baseLayers: { perImage: { kind: 'fixed', value: o.base ?? 0 }, pool: o.pool ?? 1, zipf: 0, layerSize: { kind: 'fixed', value: o.layerBytes } },
    },
    tags: { strategy: o.strategy, perRepository: 1 },
    pulls: { perDay: o.pullsPerDay ?? 0, peakToMean: 1, weekly: [1, 1, 1, 1, 1, 1, 1], ...(o.pullsByRegion ? { byRegion: o.pullsByRegion } : {}) },
    peak: { minutes: 60, start: 'PT9H' },
    cleanup: o.cleanup ?? [],
  };
}

/** A scenario around inline registries and one workload for all of them. */
export function scenario(
  registries: InlineRegistryInput[],
  workload: WorkloadInput | undefined,
  extra: Partial<ScenarioInput> = {},
): ResolvedScenario {
  return scenarioFromObject({ horizon: 'P30D', seed: 1, registries, ...(workload ? { workloads: [workload] } : {}), ...extra });
}

/** The message of the InputErrors that resolving the scenario `text` throws (fails the test when none is thrown). */
export function scenarioErrorOf(text: string): string {
  try {
    scenarioFromText(text, 's.yaml');
  } catch (e) {
    expect((e as Error).name).toBe('InputErrors');
    return (e as Error).message;
  }
  throw new Error('expected an input error');
}
