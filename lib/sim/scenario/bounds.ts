/**
 * What a scenario may ask of the simulator: the largest value of each count and size (from the
 * catalog where Azure sets one, else from acrkit's cost model), and an estimate of a whole
 * simulation's cost (pushes, store memory, time) made before it starts. docs/scenario.md
 * ("Bounds and the cost model") describes both; the numbers live here only.
 */
import { GIB, TIER_FACTS } from '../../catalog/tiers.js';
import { formatBytes } from '../../format/numbers.js';
import { escapeToken } from '../../input/pointer.js';
import { initialManifestCount } from '../engine/seed-store.js';
import { MAX_LAYERS } from '../engine/workload.js';
import { expectedRefs } from '../engine/store.js';
import { sampler, type Distribution } from '../random/distributions.js';
import { InputError, InputErrors } from '../../errors.js';
import type { ResolvedScenario, SimChange, SimEvent, SimRegistry, SimWorkloadEvent } from './model.js';

/** One maximum of a scenario field. */
export interface ScenarioMaximum {
  /** JSON pointer pattern; `*` stands for any array index. */
  readonly path: string;
  /** Largest value allowed. */
  readonly maximum: number;
  /** Where the maximum comes from (a catalog fact and its source, or the cost model's reason). */
  readonly why: string;
}

const PREMIUM = TIER_FACTS.Premium;
const catalogWhy = (what: string, f: { readonly source: { readonly ref: string } }): string => `the most ${what} Azure allows a registry, on Premium; source: ${f.source.ref}`;

/** Most repositories a workload may start with (acrkit's cost model). */
export const MAX_INITIAL_REPOSITORIES = 100_000;
/** Most repositories a workload may add per 30 days (acrkit's cost model). */
export const MAX_REPOSITORY_GROWTH = 10_000;
/** Most pushes per repository per day: one a minute, around the clock. */
export const MAX_PUSHES_PER_REPOSITORY_PER_DAY = 1_440;
/** Most pulls per day: far above what Premium's read limit lets any registry serve (20,000 reads a minute per replica). */
export const MAX_PULLS_PER_DAY = 1_000_000_000;
/** Largest peak-to-mean ratio: the whole day's traffic in one minute. */
export const MAX_PEAK_TO_MEAN = 1_440;
/** Largest weekday weight (weights are relative; this keeps their sum finite). */
export const MAX_WEEKDAY_WEIGHT = 1_000_000;
/** Most base layers in the shared pool (acrkit's cost model). */
export const MAX_BASE_LAYER_POOL = 100_000;
/** Most mutable tag slots per repository (acrkit's cost model: the driver keeps one per repository and slot). */
export const MAX_TAGS_PER_REPOSITORY = 1_000;
/** Largest per-repository scale of layer sizes. */
export const MAX_REPOSITORY_SCALE = 1_000;
/** Most billed seconds per purge run: a day (tasks run at most daily). */
export const MAX_RUN_SECONDS = 86_400;
/** Most vCPUs billed per purge run (acrkit's bound). */
export const MAX_TASK_VCPUS = 64;
/** Largest ratio p90 / median of a lognormal: beyond it the mean runs to astronomic values (or infinity). */
export const MAX_LOGNORMAL_SPREAD = 1_000;

/** The parameters of a count distribution at `base`, each bounded by `maximum`. */
function distribution(base: string, maximum: number, why: string): ScenarioMaximum[] {
  return ['value', 'median', 'p90', 'min', 'max'].map((k) => ({ path: `${base}/${k}`, maximum, why }));
}

const LAYERS_WHY = `the most layers an image may have in the simulator (${MAX_LAYERS}, Zhao et al. 2019)`;
const W = '/workloads/*';

/**
 * Maxima of the scenario's numbers, checked after the schema (before anything is built from the
 * values). Sizes written as strings are bounded when they are resolved ({@link MAX_LAYER_BYTES},
 * {@link MAX_MANIFEST_BYTES}).
 */
export const SCENARIO_MAXIMA: readonly ScenarioMaximum[] = [
  { path: '/registries/*/webhooks', maximum: PREMIUM.webhooks.value, why: catalogWhy('webhooks', PREMIUM.webhooks) },
  { path: '/registries/*/tokens', maximum: PREMIUM.tokens.value, why: catalogWhy('tokens', PREMIUM.tokens) },
  { path: '/registries/*/scopeMaps', maximum: PREMIUM.scopeMaps.value, why: catalogWhy('scope maps', PREMIUM.scopeMaps) },
  { path: '/registries/*/cacheRules', maximum: PREMIUM.cacheRules.value, why: catalogWhy('cache rules', PREMIUM.cacheRules) },
  { path: '/assumptions/taskVcpus', maximum: MAX_TASK_VCPUS, why: "acrkit's bound on a task's vCPUs" },
  { path: `${W}/repositories/initial`, maximum: MAX_INITIAL_REPOSITORIES, why: "acrkit's cost model (docs/scenario.md)" },
  { path: `${W}/repositories/growthPerMonth`, maximum: MAX_REPOSITORY_GROWTH, why: "acrkit's cost model (docs/scenario.md)" },
  { path: `${W}/pushes/perRepositoryPerDay`, maximum: MAX_PUSHES_PER_REPOSITORY_PER_DAY, why: 'one push a minute to every repository, around the clock' },
  { path: `${W}/pushes/peakToMean`, maximum: MAX_PEAK_TO_MEAN, why: "the whole day's pushes in one minute" },
  { path: `${W}/pushes/weekly/*`, maximum: MAX_WEEKDAY_WEIGHT, why: 'weights are relative' },
  { path: `${W}/pulls/perDay`, maximum: MAX_PULLS_PER_DAY, why: "far above what Premium's request limits let a registry serve" },
  { path: `${W}/pulls/peakToMean`, maximum: MAX_PEAK_TO_MEAN, why: "the whole day's pulls in one minute" },
  { path: `${W}/pulls/weekly/*`, maximum: MAX_WEEKDAY_WEIGHT, why: 'weights are relative' },
  { path: `${W}/pulls/requestsPerPull`, maximum: 3 + MAX_LAYERS, why: `a token, a manifest, a config and ${LAYERS_WHY}` },
  ...distribution(`${W}/image/layers`, MAX_LAYERS, LAYERS_WHY),
  ...distribution(`${W}/image/changedLayersPerPush`, MAX_LAYERS, LAYERS_WHY),
  ...distribution(`${W}/image/baseLayers/perImage`, MAX_LAYERS, LAYERS_WHY),
  ...distribution(`${W}/image/repositoryScale`, MAX_REPOSITORY_SCALE, "acrkit's cost model (docs/scenario.md)"),
  { path: `${W}/image/baseLayers/pool`, maximum: MAX_BASE_LAYER_POOL, why: "acrkit's cost model (docs/scenario.md)" },
  { path: `${W}/tags/perRepository`, maximum: MAX_TAGS_PER_REPOSITORY, why: "acrkit's cost model (docs/scenario.md)" },
  { path: `${W}/cleanup/*/runSeconds`, maximum: MAX_RUN_SECONDS, why: 'a day (purge tasks run at most daily)' },
];

/** Largest layer (bytes): the catalog's maximum layer size. */
export const MAX_LAYER_BYTES = PREMIUM.maxLayerGiB.value * GIB;
/** Largest manifest (bytes): the catalog's maximum manifest size. */
export const MAX_MANIFEST_BYTES = PREMIUM.maxManifestMiB.value * 1024 ** 2;
/** Why {@link MAX_LAYER_BYTES}. */
export const MAX_LAYER_WHY = `the largest layer Azure accepts; source: ${PREMIUM.maxLayerGiB.source.ref}`;
/** Why {@link MAX_MANIFEST_BYTES}. */
export const MAX_MANIFEST_WHY = `the largest manifest Azure accepts; source: ${PREMIUM.maxManifestMiB.source.ref}`;

/** A value above its maximum, or a number that is not finite. */
export interface BoundProblem {
  /** JSON pointer of the value. */
  readonly pointer: string;
  /** `<pointer> must be <= N (<why>), got V: use a value <= N` (no final period). */
  readonly reason: string;
}

/** Most problems {@link boundProblems} lists (the rest are counted by the caller's schema summary, or not at all). */
const MAX_LISTED = 50;

/** Values matching `path` (pointer pattern with `*`) in `data`, with their pointers. */
function matches(data: unknown, tokens: readonly string[], at: string, out: Array<{ pointer: string; value: unknown }>): void {
  if (tokens.length === 0) {
    out.push({ pointer: at, value: data });
    return;
  }
  const [head, ...rest] = tokens;
  if (head === '*') {
    if (Array.isArray(data)) data.forEach((v, i) => matches(v, rest, `${at}/${i}`, out));
    return;
  }
  if (data && typeof data === 'object' && !Array.isArray(data) && Object.prototype.hasOwnProperty.call(data, head!)) {
    matches((data as Record<string, unknown>)[head!], rest, `${at}/${head}`, out);
  }
}

/** Numbers that are not finite (`.inf`, `.nan`, `1e400`) anywhere in `data`; iterative. */
function nonFinite(data: unknown, out: BoundProblem[]): void {
  const stack: Array<{ v: unknown; at: string }> = [{ v: data, at: '' }];
  while (stack.length && out.length < MAX_LISTED) {
    const { v, at } = stack.pop()!;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) out.push({ pointer: at, reason: `${at || 'the scenario'} must be a finite number, got ${String(v)}: write a number` });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], at: `${at}/${i}` });
    } else if (v && typeof v === 'object') {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ v: (v as Record<string, unknown>)[keys[i]!], at: `${at}/${escapeToken(keys[i]!)}` });
    }
  }
}

/**
 * Every number of a parsed scenario that is not finite, then every one above its
 * {@link SCENARIO_MAXIMA} entry (in the table's order), at most 50. Works on any data (values of
 * the wrong type are the schema's to report).
 */
export function boundProblems(data: unknown): BoundProblem[] {
  const out: BoundProblem[] = [];
  nonFinite(data, out);
  for (const m of SCENARIO_MAXIMA) {
    const found: Array<{ pointer: string; value: unknown }> = [];
    matches(data, m.path.slice(1).split('/'), '', found);
    for (const { pointer, value } of found) {
      if (out.length >= MAX_LISTED) return out;
      if (typeof value === 'number' && value > m.maximum) {
        out.push({ pointer, reason: `${pointer} must be <= ${m.maximum} (rule maximum: ${m.why}), got ${value}: use a value <= ${m.maximum}` });
      }
    }
  }
  return out;
}

/**
 * Why a lognormal of this median and p90 cannot be simulated (median not above 0, p90 not above
 * the median, or p90 more than {@link MAX_LOGNORMAL_SPREAD} times the median), or undefined.
 */
export function lognormalProblem(median: number, p90: number): 'median' | 'p90' | 'spread' | undefined {
  if (!(median > 0)) return 'median';
  if (!(p90 > median)) return 'p90';
  if (p90 / median > MAX_LOGNORMAL_SPREAD) return 'spread';
  return undefined;
}

/** The mean of distribution `d` (as the engine's samplers compute it). */
export function distributionMean(d: Distribution): number {
  return sampler(d).mean;
}

// ---------------------------------------------------------------------------------------------
// The cost model.

/**
 * Bytes the store keeps per manifest: its per-manifest columns (lib/sim/engine/store.ts
 * MANIFEST_COLUMNS: seven Int32, one Int16 and three Uint8 arrays, and the Int32 offsets of the
 * layer lists). test/sim/bounds.test.ts checks it against a store.
 */
export const STORE_BYTES_PER_MANIFEST = 37;
/** Bytes the store keeps per layer blob (size as Float64, two Int32 reference counts). */
export const STORE_BYTES_PER_LAYER = 16;
/** Bytes the store keeps per layer reference (an Int32 layer id). */
export const STORE_BYTES_PER_REF = 4;

/**
 * Pushes the simulator handles per second on one thread: half the goal of the single-run
 * benchmark (bench/README.md: >= 1M, measured 1.3M-2.25M on the CI machine, no purge task), as
 * purge tasks and larger images slow a push (the ci-heavy preset, with its nightly purge, runs at
 * about half the speed of the same pushes without it). The time estimate errs long.
 */
export const PUSHES_PER_SECOND = 500_000;
/**
 * Registry-days simulated per second on one thread beside the pushes (a day's figures,
 * availability, cost): measured about 325,000 for registries without a workload on a loaded
 * 2-core machine; taken at 100,000.
 */
export const REGISTRY_DAYS_PER_SECOND = 100_000;
/**
 * Stream jumps per second: run `r` of a registry starts its random stream `r` jumps of
 * xoroshiro128+ from its seed, and a thread walks each stream forward once over the runs it takes
 * (lib/sim/random/random.ts `Rng.forRun`): about 0.85 µs a jump measured on a loaded 2-core machine.
 */
export const JUMPS_PER_SECOND = 1_000_000;

/** A simulation above either limit needs `--allow-large` (or `allowLarge`). */
export const COST_LIMITS = {
  /** Pushes over every run and registry: about 200 s on one thread at {@link PUSHES_PER_SECOND}. */
  pushes: 100_000_000,
  /** Estimated time on one thread, seconds. */
  seconds: 300,
  /** Store memory of the largest registry (every worker thread holds one store at a time). */
  storeBytes: 2 * GIB,
} as const;

/**
 * Element counts the store indexes with 32-bit integers (manifest ids, offsets into the layer
 * lists, and layer ids doubled into the reference counts): beyond these no flag helps.
 */
const MAX_INT32_ELEMENTS = 2 ** 31 - 1;

/** The store a registry's run needs: the engine's sizing, grown to the pushes its workload changes bring. */
export interface StoreEstimate {
  /** Expected pushes in one run. */
  readonly pushes: number;
  /** Manifests of the registry's content on day 0 (`initial`), seeded before the first day. */
  readonly seeded: number;
  /** Manifest slots. */
  readonly manifests: number;
  /** Layer blobs. */
  readonly layers: number;
  /** Layer references. */
  readonly refs: number;
  /** Repositories at the horizon. */
  readonly repositories: number;
  /** Bytes: the store's arrays, plus the workload driver's tag slots, layer lists and base pool. */
  readonly bytes: number;
}

/** The workload-change events of registry `reg`, in time order. */
function changesOf(reg: SimRegistry, events: readonly SimEvent[]): SimWorkloadEvent[] {
  return events.filter((e): e is SimWorkloadEvent => e.kind === 'workload-change' && (e.registries === null || e.registries.includes(reg.name))).sort((a, b) => a.startMinute - b.startMinute);
}

const change = (v: number, c: SimChange | undefined): number => (c === undefined ? v : c.mode === 'scale' ? v * c.value : c.value);

/** Figures in force at some time. */
interface InForce {
  perRepositoryPerDay: number;
  growthPerMonth: number;
  pullsPerDay: number;
  imageScale: number;
}

/**
 * Expected pushes over `days` days and repositories at the end, following the workload-change
 * events (as lib/sim/engine/workload.ts applies them, by whole days); `visit` sees the figures in
 * force after each event.
 */
function pushTimeline(reg: SimRegistry, days: number, events: readonly SimEvent[], visit?: (e: SimWorkloadEvent, f: InForce, day: number) => void): { pushes: number; repositories: number } {
  const w = reg.workload;
  if (!w) return { pushes: 0, repositories: 0 };
  const changes = changesOf(reg, events);
  const f: InForce = { perRepositoryPerDay: w.pushes.perRepositoryPerDay, growthPerMonth: w.repositories.growthPerMonth, pullsPerDay: w.pulls.perDay, imageScale: 1 };
  if (!changes.length) {
    // Closed form of the sum below (the engine's expectedCapacity): the mean repository count times the days.
    const avgRepos = w.repositories.initial + (w.repositories.growthPerMonth * days) / 60;
    return { pushes: avgRepos * w.pushes.perRepositoryPerDay * days, repositories: Math.floor(w.repositories.initial + (w.repositories.growthPerMonth * days) / 30) + 1 };
  }
  let anchorRepos = w.repositories.initial;
  let anchorDay = 0;
  let next = 0;
  let pushes = 0;
  let repos = anchorRepos;
  for (let day = 0; day < days; day++) {
    while (next < changes.length && Math.floor(changes[next]!.startMinute / 1440) <= day) {
      const e = changes[next++]!;
      f.perRepositoryPerDay = change(f.perRepositoryPerDay, e.pushes);
      f.pullsPerDay = change(f.pullsPerDay, e.pulls);
      if (e.repositories) {
        const at = e.startMinute / 1440;
        anchorRepos += (f.growthPerMonth * (at - anchorDay)) / 30;
        anchorDay = at;
        f.growthPerMonth = change(f.growthPerMonth, e.repositories);
      }
      if (e.imageScale !== undefined) f.imageScale *= e.imageScale;
      visit?.(e, f, day);
    }
    repos = anchorRepos + (f.growthPerMonth * (day - anchorDay)) / 30;
    pushes += Math.max(0, repos) * f.perRepositoryPerDay;
  }
  return { pushes, repositories: Math.floor(Math.max(0, repos)) + 1 };
}

/**
 * One registry's store for a run of `days` days: the engine's sizing (`expectedCapacity` in
 * lib/sim/engine/engine.ts: pushes from the mean repository count, 5% plus four standard
 * deviations of slack, layers from the distributions' means), grown to the pushes the
 * registry's workload-change `events` bring, times the bytes of each column.
 */
export function storeEstimate(reg: SimRegistry, days: number, events: readonly SimEvent[] = []): StoreEstimate {
  const w = reg.workload;
  const seeded = initialManifestCount(reg.initial);
  if (!w) {
    const m = 16 + seeded;
    return { pushes: 0, seeded, manifests: m, layers: m, refs: 48 + m, repositories: 0, bytes: m * (STORE_BYTES_PER_MANIFEST + STORE_BYTES_PER_LAYER) + (48 + m) * STORE_BYTES_PER_REF };
  }
  const { pushes, repositories } = pushTimeline(reg, days, events);
  const avgRepos = Math.max(w.repositories.initial + (w.repositories.growthPerMonth * days) / 60, repositories / 2);
  const layers = Math.max(1, distributionMean(w.image.layers));
  const changed = Math.max(1, distributionMean(w.image.changedLayersPerPush));
  // The engine adds one slot of each kind per seeded manifest (engine.ts storeFor).
  const pushed = Math.ceil(pushes * 1.05 + 4 * Math.sqrt(pushes) + 64);
  const manifests = pushed + seeded;
  const layerCount = Math.ceil(pushed * Math.min(changed, layers) + (avgRepos + 64) * layers + w.image.baseLayers.pool) + seeded;
  const refs = expectedRefs(pushed, layers, changed) + seeded;
  const driver = repositories * (w.tags.perRepository * 4 + Math.min(layers, MAX_LAYERS) * 4 + 26) + w.image.baseLayers.pool * 12;
  return {
    pushes,
    seeded,
    manifests,
    layers: layerCount,
    refs,
    repositories,
    bytes: manifests * STORE_BYTES_PER_MANIFEST + layerCount * STORE_BYTES_PER_LAYER + refs * STORE_BYTES_PER_REF + driver,
  };
}

/**
 * Workload-change events that take a figure beyond its maximum (the same as the workload's own:
 * pushes per repository per day, repository growth, pulls per day; the product of image-size
 * scales up to {@link MAX_REPOSITORY_SCALE}), one problem per event and figure.
 */
export function workloadChangeProblems(registries: readonly SimRegistry[], events: readonly SimEvent[], days: number): BoundProblem[] {
  const out: BoundProblem[] = [];
  const seen = new Set<string>();
  const limits: ReadonlyArray<{ key: keyof InForce; field: string; name: string; max: number; why: string }> = [
    { key: 'perRepositoryPerDay', field: 'pushes', name: 'pushes per repository per day', max: MAX_PUSHES_PER_REPOSITORY_PER_DAY, why: 'one push a minute to every repository, around the clock' },
    { key: 'growthPerMonth', field: 'repositories', name: 'repositories added per 30 days', max: MAX_REPOSITORY_GROWTH, why: "acrkit's cost model" },
    { key: 'pullsPerDay', field: 'pulls', name: 'pulls per day', max: MAX_PULLS_PER_DAY, why: "far above what Premium's request limits let a registry serve" },
    { key: 'imageScale', field: 'imageSize/scale', name: 'product of image-size scales', max: MAX_REPOSITORY_SCALE, why: "acrkit's cost model" },
  ];
  for (const reg of registries) {
    pushTimeline(reg, days, events, (e, f, day) => {
      for (const l of limits) {
        const v = f[l.key];
        const pointer = `/events/${e.index}/${l.field}`;
        if (v <= l.max || seen.has(pointer)) continue;
        seen.add(pointer);
        out.push({ pointer, reason: `${pointer} must keep the ${l.name} at most ${l.max} (${l.why}), got ${v} in force for registry ${reg.name} from day ${day}: use a smaller scale or set` });
      }
    });
  }
  return out;
}

/** What a simulation is expected to cost, before it starts. */
export interface CostEstimate {
  /** Runs it simulates (of each variant). */
  readonly runs: number;
  /** Simulations: one, or one per variant. */
  readonly simulations: number;
  /** Expected pushes in one run, every registry. */
  readonly pushesPerRun: number;
  /** Expected pushes over every run. */
  readonly pushes: number;
  /** Store memory of the largest registry, bytes (per worker thread). */
  readonly storeBytes: number;
  /** The registry with the largest store. */
  readonly largest: string | undefined;
  /** Rough time on one thread, seconds. */
  readonly seconds: number;
}

/**
 * Estimates a simulation of `runs` runs of `sc` (default: its own runs), each of `variants`
 * variants. The scenario's own `variants:` list never counts by itself: only the caller knows
 * whether variants run (`simulate` with variants or `--vary`) or are ignored (review, start).
 * @param sc the scenario
 * @param runs runs simulated of each variant
 * @param variants simulations side by side on the same draws (the variants actually run)
 */
export function estimateCost(sc: ResolvedScenario, runs: number = sc.runs, variants = 1): CostEstimate {
  let pushesPerRun = 0;
  let seededPerRun = 0;
  let storeBytes = 0;
  let largest: string | undefined;
  for (const reg of sc.registries) {
    const s = storeEstimate(reg, sc.horizonDays, sc.events);
    pushesPerRun += s.pushes;
    seededPerRun += s.seeded;
    if (s.bytes > storeBytes || largest === undefined) {
      storeBytes = s.bytes;
      largest = reg.name;
    }
  }
  const simulations = Math.max(1, Math.floor(variants));
  const pushes = pushesPerRun * runs * simulations;
  // Seeding a manifest of the day-0 content costs about what a push does. Each registry's
  // streams are walked forward to the last run simulated (a shard's runs reach the scenario's).
  const jumps = sc.registries.length * simulations * Math.max(runs, sc.runs);
  const seconds =
    (pushes + seededPerRun * runs * simulations) / PUSHES_PER_SECOND +
    (sc.registries.length * sc.horizonDays * runs * simulations) / REGISTRY_DAYS_PER_SECOND +
    jumps / JUMPS_PER_SECOND;
  return { runs, simulations, pushesPerRun, pushes, storeBytes, largest, seconds };
}

/** Whole numbers with thousands separators. */
const n = (x: number): string => Math.round(x).toLocaleString('en-US');

/** A duration in seconds as `12 s`, `4 min`, `3.2 h`. */
function duration(s: number): string {
  if (s < 120) return `${Math.max(1, Math.round(s))} s`;
  if (s < 7_200) return `${Math.round(s / 60)} min`;
  return `${(s / 3_600).toFixed(1)} h`;
}

/** The estimate in words: pushes, memory, time. */
export function costText(e: CostEstimate): string {
  return (
    `${n(e.pushes)} pushes (${n(e.pushesPerRun)} a run x ${n(e.runs)} ${e.runs === 1 ? 'run' : 'runs'}${e.simulations > 1 ? ` x ${e.simulations} variants` : ''}), ` +
    `${formatBytes(e.storeBytes)} of store memory per worker thread${e.largest ? ` (registry ${e.largest})` : ''} ` +
    `and about ${duration(e.seconds)} on one thread (at ${n(PUSHES_PER_SECOND)} pushes/s)`
  );
}

/**
 * Why a simulation of `e` is refused without `--allow-large`, or undefined when it is within
 * {@link COST_LIMITS}. `flag` names the way to go on.
 */
export function costProblem(e: CostEstimate, flag = '--allow-large'): string | undefined {
  const over: string[] = [];
  if (e.pushes > COST_LIMITS.pushes) over.push(`${n(COST_LIMITS.pushes)} pushes`);
  if (e.seconds > COST_LIMITS.seconds) over.push(`${duration(COST_LIMITS.seconds)} on one thread`);
  if (e.storeBytes > COST_LIMITS.storeBytes) over.push(`${formatBytes(COST_LIMITS.storeBytes)} of store memory`);
  if (!over.length) return undefined;
  return (
    `the simulation must stay within acrkit's cost limits (${over.join(', ')}; docs/scenario.md "Bounds and the cost model"), ` +
    `got an estimate of ${costText(e)}: lower runs, the horizon or the workload, or pass ${flag} to run it anyway`
  );
}

/**
 * Why registry `reg` cannot be simulated for `days` days at all (its store would need more
 * elements than 32-bit ids address), or undefined. No flag overrides this.
 */
export function representableProblem(reg: SimRegistry, days: number, events: readonly SimEvent[] = []): string | undefined {
  const s = storeEstimate(reg, days, events);
  const worst = Math.max(s.manifests, s.refs, 2 * s.layers, s.repositories * (reg.workload?.tags.perRepository ?? 1));
  if (worst <= MAX_INT32_ELEMENTS) return undefined;
  return (
    `registry ${reg.name}'s workload must fit the simulator's 32-bit ids, got an estimate of ${n(s.pushes)} pushes a run${s.seeded ? ` and ${n(s.seeded)} manifests on day 0` : ''}, ` +
    `${n(s.manifests)} manifests, ${n(s.layers)} layers and ${n(s.refs)} layer references (at most ${n(MAX_INT32_ELEMENTS)} each): ` +
    'lower the repositories, pushes, layers per image or the horizon'
  );
}

/** Options of {@link assertAffordable}. */
export interface AffordableOptions {
  /**
   * Runs that will be simulated (a shard's share, say).
   * @default - the scenario's runs
   */
  readonly runs?: number;
  /**
   * Variants simulated side by side, each over `runs` runs: the count actually run (the
   * `--vary` product or the scenario's `variants:`). Only the variants path passes it.
   * @default 1
   */
  readonly variants?: number;
  /**
   * Go on above {@link COST_LIMITS} (`--allow-large`).
   * @default false
   */
  readonly allowLarge?: boolean;
  /**
   * How the user goes on anyway, named in the message.
   * @default '--allow-large'
   */
  readonly flag?: string;
}

/**
 * Refuses a simulation whose {@link estimateCost estimate} exceeds {@link COST_LIMITS} unless
 * `allowLarge`: throws {@link InputErrors} (exit 2) naming the scenario file and the estimate.
 * Returns the estimate.
 */
export function assertAffordable(sc: ResolvedScenario, options: AffordableOptions = {}): CostEstimate {
  const e = estimateCost(sc, options.runs ?? sc.runs, options.variants ?? 1);
  const why = options.allowLarge ? undefined : costProblem(e, options.flag);
  if (why) throw new InputErrors([new InputError({ file: sc.file }, `${why}.`)]);
  return e;
}
