/**
 * Workload presets. Each is a complete workload in scenario form ({@link PresetWorkload}); a
 * scenario's workload names one and overrides fields (objects merge, arrays and distributions
 * replace), which leaves it complete.
 */
import type { PurgeInput, WorkloadInput } from './types.js';

/** Preset names. */
export type PresetName = 'docker-hub-2017' | 'ci-heavy' | 'small-team';

/** `T` with every property present and defined. */
type Complete<T> = { readonly [K in keyof T]-?: Exclude<T[K], undefined> };

/** One part of a workload, as a scenario may give it (every field optional). */
type Part<K extends keyof WorkloadInput> = NonNullable<WorkloadInput[K]>;

/**
 * A complete workload in scenario form: every field a {@link WorkloadInput} may leave to its
 * preset is present. Each preset is one, and so is a workload once its overrides are merged onto
 * its preset ({@link mergeWorkload}). Only the client shares by region (default: all from the
 * home region) and the requests per pull (default: from the mean image) may be absent.
 */
export interface PresetWorkload {
  /** Repositories at day 0 and added per 30 days. */
  readonly repositories: Complete<Part<'repositories'>>;
  /** Pushes. */
  readonly pushes: Complete<Omit<Part<'pushes'>, 'byRegion'>> & Pick<Part<'pushes'>, 'byRegion'>;
  /** Image model. */
  readonly image: Complete<Omit<Part<'image'>, 'baseLayers'>> & { readonly baseLayers: Complete<NonNullable<Part<'image'>['baseLayers']>> };
  /** Tag strategy. */
  readonly tags: Complete<Part<'tags'>>;
  /** Pulls. */
  readonly pulls: Complete<Omit<Part<'pulls'>, 'byRegion' | 'requestsPerPull'>> & Pick<Part<'pulls'>, 'byRegion' | 'requestsPerPull'>;
  /** The daily peak window. */
  readonly peak: Complete<Part<'peak'>>;
  /** Scheduled purge tasks. */
  readonly cleanup: readonly PurgeInput[];
}

const FLAT = [1, 1, 1, 1, 1, 1, 1];
const WORKDAYS = [1, 1, 1, 1, 1, 0.15, 0.1];

/**
 * Images as in the Docker Hub corpus of Zhao et al., "Large-Scale Analysis of the Docker Hub
 * Dataset", IEEE CLUSTER 2019 (§IV, via the notes in ../shared/reference/workload-and-failover.md
 * §1a): layers per image median < 8, p90 < 18; compressed image median 17 MB, p90 0.48 GB; about
 * half of the layers under 4 MB. acrkit draws layers per image lognormal (median 7, p90 16), two
 * of them base layers from a shared pool of 200 (lognormal median 1 MB, p90 8 MB, Zipf 1.1), the
 * others lognormal (median 1.3 MB, p90 9 MB) times a per-repository scale (median 1, p90 26).
 * The images the workload driver generates (base layers included) then have a median of ≈ 17 MB
 * and a p90 of ≈ 0.48 GB, each within 10% (test/sim/presets.test.ts measures the driver's
 * manifests); about 70% of layers are under 4 MB, more than the paper's ~50%, the price of
 * matching image sizes with one lognormal. Push and pull rates are not in the paper: a modest
 * team registry.
 */
const DOCKER_HUB_2017: PresetWorkload = {
  repositories: { initial: 50, growthPerMonth: 2 },
  pushes: { perRepositoryPerDay: 0.5, weekly: WORKDAYS, arrival: 'poisson', peakToMean: 3 },
  image: {
    layers: { kind: 'lognormal', median: 7, p90: 16 },
    layerSize: { kind: 'lognormal', median: '1.3 MB', p90: '9 MB' },
    repositoryScale: { kind: 'lognormal', median: 1, p90: 26 },
    manifestSize: '4 KiB',
    changedLayersPerPush: { kind: 'uniform', min: 1, max: 2 },
    baseLayers: { perImage: { kind: 'fixed', value: 2 }, pool: 200, zipf: 1.1, layerSize: { kind: 'lognormal', median: '1 MB', p90: '8 MB' } },
  },
  tags: { strategy: 'mutable', perRepository: 3 },
  pulls: { perDay: 5_000, peakToMean: 3, weekly: WORKDAYS },
  peak: { minutes: 120, start: 'PT9H' },
  cleanup: [],
};

/** Busy CI: many repositories, several unique-tagged builds a day, a nightly purge. */
const CI_HEAVY: PresetWorkload = {
  repositories: { initial: 200, growthPerMonth: 10 },
  pushes: { perRepositoryPerDay: 5, weekly: WORKDAYS, arrival: 'poisson', peakToMean: 4 },
  image: {
    layers: { kind: 'lognormal', median: 12, p90: 20 },
    layerSize: { kind: 'lognormal', median: '2 MB', p90: '30 MB' },
    repositoryScale: { kind: 'lognormal', median: 1, p90: 4 },
    manifestSize: '4 KiB',
    changedLayersPerPush: { kind: 'uniform', min: 1, max: 3 },
    baseLayers: { perImage: { kind: 'fixed', value: 6 }, pool: 50, zipf: 1.2, layerSize: { kind: 'lognormal', median: '10 MB', p90: '80 MB' } },
  },
  tags: { strategy: 'unique', perRepository: 1 },
  pulls: { perDay: 200_000, peakToMean: 4, weekly: WORKDAYS },
  peak: { minutes: 180, start: 'PT8H' },
  cleanup: [{ name: 'nightly-purge', filter: '.*:build-.*', ago: 'P30D', keep: 20, untagged: true, every: 'P1D', at: 'PT1H', runSeconds: 120 }],
};

/** A small team: a dozen repositories, a push every other day each, one mutable tag. */
const SMALL_TEAM: PresetWorkload = {
  repositories: { initial: 12, growthPerMonth: 1 },
  pushes: { perRepositoryPerDay: 0.5, weekly: WORKDAYS, arrival: 'poisson', peakToMean: 3 },
  image: {
    layers: { kind: 'lognormal', median: 8, p90: 14 },
    layerSize: { kind: 'lognormal', median: '3 MB', p90: '40 MB' },
    repositoryScale: { kind: 'fixed', value: 1 },
    manifestSize: '4 KiB',
    changedLayersPerPush: { kind: 'uniform', min: 1, max: 2 },
    baseLayers: { perImage: { kind: 'fixed', value: 3 }, pool: 20, zipf: 1.0, layerSize: { kind: 'lognormal', median: '5 MB', p90: '50 MB' } },
  },
  tags: { strategy: 'mutable', perRepository: 1 },
  pulls: { perDay: 1_000, peakToMean: 3, weekly: FLAT },
  peak: { minutes: 120, start: 'PT9H' },
  cleanup: [],
};

/** Every preset, by name. */
export const PRESETS: Readonly<Record<PresetName, PresetWorkload>> = {
  'docker-hub-2017': DOCKER_HUB_2017,
  'ci-heavy': CI_HEAVY,
  'small-team': SMALL_TEAM,
};

/**
 * Merges overrides onto a preset: plain objects merge key by key; arrays, distributions and
 * scalars replace. The result is as complete as the preset: an override replaces a field only
 * with a value of its own (a whole distribution, a whole array), never removes one.
 */
export function mergeWorkload(base: PresetWorkload, over: WorkloadInput): PresetWorkload {
  return deepMerge(base, over) as PresetWorkload;
}

/**
 * What preset `preset` adds to a workload that `over` (the scenario's workload) does not write
 * itself, in words for the reports' assumptions: today the scheduled purge tasks (`ci-heavy`'s
 * nightly purge deletes tags and untagged manifests, which changes storage and cost).
 */
export function presetAssumptions(preset: PresetName, over: WorkloadInput): string[] {
  if (over.cleanup !== undefined) return [];
  return PRESETS[preset].cleanup.map(
    (c, i) =>
      `workload preset ${preset} adds purge task ${c.name ?? `purge-${i}`}: filter ${c.filter}, older than ${c.ago}, keep ${c.keep ?? 0}` +
      `${c.untagged ? ', untagged manifests too' : ''}, every ${c.every ?? 'P1D'} at ${c.at ?? 'PT0H'} (write cleanup: [] in the workload to drop it)`,
  );
}

function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepMerge(a: unknown, b: unknown): unknown {
  if (b === undefined) return a;
  if (!isPlain(a) || !isPlain(b) || 'kind' in b) return b;
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = deepMerge(a[k], v);
  return out;
}
