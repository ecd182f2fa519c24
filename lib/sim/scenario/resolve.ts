/**
 * Resolves a parsed scenario (parse.ts) against registries already loaded (by
 * lib/workflows/load-scenario.ts, or inline through normalizeSpec): apply presets, convert
 * units, and check what a schema cannot (regions, shares, references). Every problem is
 * reported at once as {@link InputErrors}.
 */
import { basename } from 'node:path';
import { BILLING_ASSUMPTIONS } from '../../catalog/prices.js';
import { closeRegionNames, findRegion } from '../../catalog/regions.js';
import type { Tier } from '../../catalog/tiers.js';
import { InputError, InputErrors } from '../../errors.js';
import { normalizeSpec } from '../../model/normalize.js';
import type { RegistrySpec, ReplicaSpec } from '../../model/registry-spec.js';
import { isUnknown, known } from '../../model/unknown.js';
import {
  DEFAULT_FAILOVER_DELAY_MINUTES,
  DEFAULT_REPLICATION_LAG_MINUTES,
  DEFAULT_TASK_VCPUS,
  DEFAULT_ZONE_DOWNTIME_MINUTES,
  MAX_HORIZON_DAYS,
} from '../constants.js';
import type { Distribution } from '../random/distributions.js';
import { parseDurationMinutes, parseSize } from './duration.js';
import { formatBytes } from '../../format/numbers.js';
import { MAX_LAYERS } from '../engine/workload.js';
import {
  distributionMean,
  lognormalProblem,
  MAX_LAYER_BYTES,
  MAX_LAYER_WHY,
  MAX_LOGNORMAL_SPREAD,
  MAX_MANIFEST_BYTES,
  MAX_MANIFEST_WHY,
  MAX_REPOSITORY_SCALE,
  representableProblem,
  workloadChangeProblems,
} from './bounds.js';
import { patternProblem } from './patterns.js';
import { mergeWorkload, presetAssumptions, PRESETS, type PresetWorkload } from './presets.js';
import { parseScenario, pointerSegment, showValue, type ScenarioDocument } from './parse.js';
import { resolveVariants } from '../variants/resolve.js';
import type { ResolvedScenario, SimAssertion, SimChange, SimEvent, SimRegistry, SimReplica, SimWorkloadEvent } from './model.js';
import type { ChangeInput, CountDistributionInput, InlineRegistryInput, ReplicaInput, ScenarioInput, SizeDistributionInput, WorkloadInput } from './types.js';
import type { Mutable } from '../../mutable.js';
import type { PurgeTask, Workload } from './workload-types.js';

import { withInitial } from './initial-resolve.js';
import type { AzExports } from './initial-exports.js';

export { parseScenario } from './parse.js';
export type { ScenarioDocument } from './parse.js';

/** Builds a RegistrySpec from an inline scenario registry, through normalizeSpec. */
export function inlineSpec(r: InlineRegistryInput, doc?: ScenarioDocument, index?: number): RegistrySpec {
  const pointer = index === undefined ? undefined : `/registries/${index}`;
  return normalizeSpec({
    address: r.address ?? `inline.${r.name}`,
    name: r.name,
    location: r.location,
    tier: r.tier ?? 'Basic',
    replicas: (r.replicas ?? []).map((x) => (typeof x === 'string' ? { location: x } : { ...x })) as unknown as ReplicaSpec[],
    retentionDays: r.retentionDays ?? 0,
    softDeleteDays: r.softDeleteDays ?? 0,
    webhooks: Array.from({ length: r.webhooks ?? 0 }, (_, i) => ({ address: `inline.${r.name}.webhook${i}`, serviceUri: '', actions: ['push'] })),
    counts: { tokens: r.tokens ?? 0, scopeMaps: r.scopeMaps ?? 0, cacheRules: r.cacheRules ?? 0 },
    source: { kind: 'inline', file: doc?.file, line: pointer && doc ? doc.line(pointer) : undefined, pointer },
  });
}

/**
 * Resolves a parsed scenario against registries already loaded. Throws {@link InputErrors}
 * with every problem (including `preErrors`, problems found while loading inputs).
 */
export function resolveScenarioDocument(
  doc: ScenarioDocument,
  specs: readonly RegistrySpec[],
  overrides: { readonly runs?: number; readonly seed?: number } = {},
  preErrors: readonly InputError[] = [],
  loaded: LoadedFiles = {},
): ResolvedScenario {
  const r = new Resolver(doc, [...preErrors], loaded);
  return r.resolve(specs, overrides);
}

/** Files a scenario names beside its registries, read and parsed by lib/workflows. */
export interface LoadedFiles {
  /**
   * Parsed Azure CLI exports of each `initial.from`, keyed by that `from`'s JSON pointer
   * (lib/workflows/load-initial.ts).
   * @default - none: an `initial.from` is an error
   */
  readonly initialExports?: ReadonlyMap<string, AzExports>;
}

/** Parses scenario text and resolves it with inline registries only (handy for tests and the library). */
export function scenarioFromText(text: string, file = 'scenario.yaml', extra: readonly RegistrySpec[] = []): ResolvedScenario {
  const doc = parseScenario(text, file);
  const specs = [...extra];
  (doc.input.registries ?? []).forEach((r, i) => {
    if (typeof r !== 'string') specs.push(inlineSpec(r, doc, i));
  });
  return resolveScenarioDocument(doc, specs);
}

/** Builds a scenario from data (not text) with inline registries: the library entry point. */
export function scenarioFromObject(input: ScenarioInput, extra: readonly RegistrySpec[] = [], file = 'inline'): ResolvedScenario {
  return scenarioFromText(JSON.stringify(input), file, extra);
}

const WEEKDAY_OF_EPOCH = 3; // 1970-01-01 was a Thursday (Monday = 0)

/**
 * The model's replica rules (lib/model/validate.ts, same wording): a replica is not in a home
 * region and appears once. `seen` collects the regions met so far (region to index); `at` is the
 * replica's place, `placeOf` names an earlier one. Returns the problem (without a final period).
 */
function replicaProblem(region: string, homes: readonly string[], seen: Map<string, number>, i: number, at: string, placeOf: (j: number) => string): string | undefined {
  if (homes.includes(region)) return `${at} must differ from the home region, got '${region}': remove this replica (the home region always holds the registry)`;
  const first = seen.get(region);
  if (first !== undefined) return `${at} must be unique, got '${region}' again (also ${placeOf(first)}): remove the duplicate`;
  seen.set(region, i);
  return undefined;
}

/** The largest value (or mean) a resolved figure may have, and why (bounds.ts). */
interface Bound {
  /** Largest value. */
  readonly max: number;
  /** Where it comes from. */
  readonly why: string;
  /**
   * Whether the value is bytes (shown as a size).
   * @default false
   */
  readonly bytes?: boolean;
}

const LAYERS_BOUND: Bound = { max: MAX_LAYERS, why: `the most layers an image may have in the simulator` };
const SCALE_BOUND: Bound = { max: MAX_REPOSITORY_SCALE, why: "acrkit's cost model" };
const LAYER_BYTES_BOUND: Bound = { max: MAX_LAYER_BYTES, why: MAX_LAYER_WHY, bytes: true };

class Resolver {
  private readonly used = new Set<number>();
  /** What each registry's preset adds that its workload does not write (presetAssumptions), by registry name. */
  private readonly implied = new Map<string, string[]>();
  /** Home region of each registry, by name (for config changes' replicas). */
  private homes = new Map<string, string>();

  constructor(
    private readonly doc: ScenarioDocument,
    private readonly errors: InputError[],
    private readonly loaded: LoadedFiles = {},
  ) {}

  private err(pointer: string, text: string): void {
    this.errors.push(new InputError({ file: this.doc.file, line: this.doc.line(pointer), pointer }, `${text}.`));
  }

  private minutes(v: string, pointer: string): number {
    const m = parseDurationMinutes(v);
    if (m === undefined || !Number.isFinite(m)) {
      this.err(pointer, `${pointer} must be an ISO-8601 duration, got ${showValue(v)}: write it like P365D or PT6H`);
      return 0;
    }
    return m;
  }

  /** Minutes of the optional duration `v` at `pointer`, or `fallback` when it is absent. */
  private minutesOr(v: string | undefined, fallback: number, pointer: string): number {
    return v ? this.minutes(v, pointer) : fallback;
  }

  private bytes(v: number | string, pointer: string, bound?: Bound): number {
    const b = parseSize(v);
    if (b === undefined || !Number.isFinite(b)) {
      this.err(pointer, `${pointer} must be a size, got ${showValue(v)}: write bytes or '17 MB'`);
      return 0;
    }
    if (bound && b > bound.max) {
      this.err(pointer, `${pointer} must be at most ${formatBytes(bound.max)} (${bound.why}), got ${showValue(v)}: use a smaller size`);
      return bound.max;
    }
    return b;
  }

  private region(v: string, pointer: string): string {
    const r = findRegion(v);
    if (!r) {
      const close = closeRegionNames(v);
      this.err(pointer, `${pointer} must be an Azure public region, got ${showValue(v)}: use ${close.map((c) => `'${c}'`).join(' or ')}`);
      return v;
    }
    return r.name;
  }

  resolve(specs: readonly RegistrySpec[], overrides: { readonly runs?: number; readonly seed?: number }): ResolvedScenario {
    const s = this.doc.input;
    const horizonMinutes = this.minutes(s.horizon, '/horizon');
    const horizonDays = Math.ceil(horizonMinutes / 1440 - 1e-9);
    if (horizonDays < 1 || horizonDays > MAX_HORIZON_DAYS) {
      this.err('/horizon', `/horizon must be between P1D and P${MAX_HORIZON_DAYS}D, got ${showValue(s.horizon)}: choose a horizon in that range`);
    }
    let startWeekday = 0;
    if (s.start) {
      const t = Date.parse(`${s.start}T00:00:00Z`);
      if (Number.isNaN(t)) this.err('/start', `/start must be a date, got ${showValue(s.start)}: write YYYY-MM-DD`);
      else startWeekday = (Math.floor(t / 86_400_000) + WEEKDAY_OF_EPOCH) % 7;
    }
    const registries = withInitial(s, this.registries(specs), (p, t) => this.err(p, t), this.loaded.initialExports);
    const select = (sel: string | undefined, pointer: string): string[] | null => this.select(sel, registries, pointer);
    this.used.clear();
    const withWorkloads = registries.map((reg) => {
      const workload = this.workloadFor(reg, s.workloads ?? []);
      const implied = this.implied.get(reg.name) ?? [];
      return { ...reg, workload, ...(implied.length ? { assumptions: [...(reg.assumptions ?? []), ...implied] } : {}) };
    });
    // Check workloads no registry uses too, so their mistakes are reported.
    (s.workloads ?? []).forEach((w, i) => {
      if (!this.used.has(i)) this.workload(mergeWorkload(PRESETS[w.preset ?? 'small-team'], w), w.preset ?? 'small-team', `/workloads/${i}`, registries[0]?.location ?? 'westeurope');
    });
    (s.workloads ?? []).forEach((w, i) => select(w.registry, `/workloads/${i}/registry`));
    this.homes = new Map(registries.map((r) => [r.name, r.location]));
    const events = this.events(s, select, horizonMinutes);
    const assertions = this.assertions(s, select);
    const variants = s.variants ? resolveVariants(s.variants, {
          err: (p, t) => this.err(p, t),
          replicas: (list, p, regs) => this.replicas(list, p, this.homesOf(regs)),
          select,
        }) : undefined;
    const fo = s.failover ?? {};
    const failover = {
      delayMinutes: this.minutesOr(fo.delay, DEFAULT_FAILOVER_DELAY_MINUTES, '/failover/delay'),
      lagMinutes: this.minutesOr(fo.replicationLag, DEFAULT_REPLICATION_LAG_MINUTES, '/failover/replicationLag'),
      zoneDowntimeMinutes: this.minutesOr(fo.zoneDowntime, DEFAULT_ZONE_DOWNTIME_MINUTES, '/failover/zoneDowntime'),
    };
    if (registries.length === 0 && this.errors.length === 0) {
      this.err('/registries', `/registries must name at least one registry, got none: add an input path or an inline registry, or pass inputs on the command line`);
    }
    if (!this.errors.length) {
      // Workload changes keep the figures within their maxima; beyond 32-bit ids no flag helps
      // (bounds.ts); the cost limits are the caller's (--allow-large).
      for (const b of workloadChangeProblems(withWorkloads, events, horizonDays)) this.err(b.pointer, b.reason);
      for (const reg of withWorkloads) {
        const why = representableProblem(reg, horizonDays, events);
        if (why) this.errors.push(new InputError({ file: this.doc.file }, `${why}.`));
      }
    }
    if (this.errors.length) throw new InputErrors(this.errors);
    return {
      name: s.name ?? basename(this.doc.file),
      file: this.doc.file,
      horizonDays,
      seed: overrides.seed ?? s.seed ?? 1,
      runs: overrides.runs ?? s.runs ?? 1,
      startWeekday,
      assumptions: {
        includedStoragePerReplica: s.assumptions?.includedStoragePerReplica ?? BILLING_ASSUMPTIONS.includedStoragePerReplica,
        storageBilledPerReplica: s.assumptions?.storageBilledPerReplica ?? BILLING_ASSUMPTIONS.storageBilledPerReplica,
        softDeletedBilled: s.assumptions?.softDeletedBilled ?? BILLING_ASSUMPTIONS.softDeletedBilled,
        taskVcpus: s.assumptions?.taskVcpus ?? DEFAULT_TASK_VCPUS,
      },
      failover,
      registries: withWorkloads,
      events,
      assertions,
      ...(variants ? { variants } : {}),
    };
  }

  private registries(specs: readonly RegistrySpec[]): SimRegistry[] {
    const out: SimRegistry[] = [];
    const names = new Set<string>();
    for (const spec of specs) {
      const where = { file: spec.source.file ?? this.doc.file, line: spec.source.line, pointer: spec.source.pointer };
      const tier = known(spec.tier);
      const location = known(spec.location);
      const home = location ? findRegion(location) : undefined;
      const name = known(spec.name) || spec.address;
      const bad = (field: string, v: unknown): void => {
        this.errors.push(
          new InputError(
            where,
            `registry ${spec.address} ${field} must be known to simulate, got ${isUnknown(v) ? `(unknown: ${v.reason})` : showValue(v)}: give it a literal value or describe the registry inline in the scenario.`,
          ),
        );
      };
      if (!tier) bad('tier', spec.tier);
      if (!home) bad('location', spec.location);
      if (names.has(name)) {
        this.errors.push(new InputError(where, `registry name must be unique in a scenario, got ${showValue(name)} twice: rename one or drop the duplicate input.`));
      }
      names.add(name);
      if (!tier || !home) continue;
      const warnings: string[] = [];
      const reps = known(spec.replicas);
      if (reps === undefined) warnings.push(`replicas are unknown (${isUnknown(spec.replicas) ? spec.replicas.reason : ''}); simulated without replicas`);
      const replicas: SimReplica[] = [];
      // Inline registries break the model's replica rules as errors; other inputs (checked by
      // `acrkit check`) lose the offending replica with a warning, so it is never billed.
      const inline = spec.source.kind === 'inline' && spec.source.pointer !== undefined;
      const seen = new Map<string, number>();
      (reps ?? []).forEach((r, i) => {
        const loc = known(r.location);
        const region = loc ? findRegion(loc) : undefined;
        if (!region) {
          warnings.push(`replica location ${showValue(r.location)} is unknown; left out`);
          return;
        }
        const problem = replicaProblem(region.name, [home.name], seen, i, inline ? `${spec.source.pointer}/replicas/${i}` : `replicas[${i}]`, (j) => (inline ? `${spec.source.pointer}/replicas/${j}` : `replicas[${j}]`));
        if (problem && inline) this.err(`${spec.source.pointer}/replicas/${i}`, problem);
        else if (problem) warnings.push(`${problem.replace(/: remove .*$/, '')}; left out`);
        else replicas.push({ location: region.name, globalRouting: known(r.globalRouting) ?? true });
      });
      const retention = known(spec.retentionDays);
      const soft = known(spec.softDeleteDays);
      if (retention === undefined) warnings.push('retention days are unknown; simulated with retention off');
      if (soft === undefined) warnings.push('soft-delete days are unknown; simulated with soft delete off');
      out.push({
        name,
        address: spec.address,
        tier,
        location: home.name,
        homeRouting: true,
        replicas,
        retentionDays: retention ?? 0,
        softDeleteDays: soft ?? 0,
        webhooks: spec.webhooks.length,
        tokens: spec.counts.tokens,
        scopeMaps: spec.counts.scopeMaps,
        cacheRules: spec.counts.cacheRules,
        workload: null,
        warnings,
      });
    }
    return out;
  }

  private select(sel: string | undefined, regs: readonly SimRegistry[], pointer: string): string[] | null {
    if (sel === undefined || sel === '*') return null;
    const hit = regs.filter((r) => r.name === sel || r.address === sel);
    if (!hit.length && regs.length) {
      this.err(pointer, `${pointer} must name a registry of the scenario, got ${showValue(sel)}: use one of ${regs.map((r) => `'${r.name}'`).join(', ')} or '*'`);
    }
    return hit.map((r) => r.name);
  }

  private workloadFor(reg: SimRegistry, list: readonly WorkloadInput[]): Workload | null {
    const exact = list.findIndex((w) => w.registry === reg.name || w.registry === reg.address);
    const star = list.findIndex((w) => w.registry === undefined || w.registry === '*');
    const i = exact >= 0 ? exact : star;
    const w = list[i];
    if (!w) return null;
    const preset = w.preset ?? 'small-team';
    const merged = mergeWorkload(PRESETS[preset], w);
    this.used.add(i);
    this.implied.set(reg.name, presetAssumptions(preset, w));
    return this.workload(merged, preset, `/workloads/${i}`, reg.location);
  }

  /**
   * Checks a distribution (bounds.ts): a lognormal needs 0 < median < p90 within
   * MAX_LOGNORMAL_SPREAD, so its samples and mean are finite; with `bound`, its mean stays below it.
   */
  private dist(d: CountDistributionInput, pointer: string, bound?: Bound): Distribution {
    const show = (x: number): string => (bound?.bytes ? formatBytes(x) : String(x));
    let ok = true;
    if (d.kind === 'lognormal') {
      const why = lognormalProblem(d.median, d.p90);
      ok = why === undefined;
      if (why === 'median') this.err(`${pointer}/median`, `${pointer}/median must be greater than 0 for a lognormal, got ${show(d.median)}: use a positive median, or kind fixed with value 0`);
      else if (why === 'p90') this.err(`${pointer}/p90`, `${pointer}/p90 must be greater than the median, got ${show(d.p90)}: use a p90 above ${show(d.median)}`);
      else if (why === 'spread') {
        this.err(`${pointer}/p90`, `${pointer}/p90 must be at most ${MAX_LOGNORMAL_SPREAD} times the median (beyond that the mean is astronomic), got ${show(d.p90)} for a median of ${show(d.median)}: narrow the distribution`);
      }
    }
    if (d.kind === 'uniform' && d.max < d.min) this.err(`${pointer}/max`, `${pointer}/max must be >= min, got ${show(d.max)}: use a max of at least ${show(d.min)}`);
    if (ok && bound) {
      const mean = distributionMean(d);
      if (!(mean <= bound.max)) {
        this.err(pointer, `${pointer} must have a mean of at most ${show(bound.max)} (${bound.why}), got a mean of ${show(mean)}: lower or narrow the distribution`);
      }
    }
    return d;
  }

  private sizeDist(d: SizeDistributionInput, pointer: string, bound: Bound): Distribution {
    switch (d.kind) {
      case 'fixed':
        return { kind: 'fixed', value: this.bytes(d.value, `${pointer}/value`, bound) };
      case 'lognormal':
        return this.dist({ kind: 'lognormal', median: this.bytes(d.median, `${pointer}/median`, bound), p90: this.bytes(d.p90, `${pointer}/p90`) }, pointer, bound);
      case 'uniform':
        return this.dist({ kind: 'uniform', min: this.bytes(d.min, `${pointer}/min`, bound), max: this.bytes(d.max, `${pointer}/max`, bound) }, pointer, bound);
    }
  }

  private shares(v: Readonly<Record<string, number>> | undefined, pointer: string): Record<string, number> {
    const out: Record<string, number> = {};
    if (!v) return out;
    let sum = 0;
    for (const [k, share] of Object.entries(v)) {
      const region = this.region(k, `${pointer}/${pointerSegment(k)}`);
      out[region] = (out[region] ?? 0) + share;
      sum += share;
    }
    if (Object.keys(v).length && Math.abs(sum - 1) > 1e-6) {
      this.err(pointer, `${pointer} shares must sum to 1, got ${Number(sum.toFixed(6))}: adjust the shares`);
    }
    return out;
  }

  private weekly(v: readonly number[], pointer: string): number[] {
    const mean = v.reduce((a, b) => a + b, 0) / 7;
    if (!(mean > 0)) {
      this.err(pointer, `${pointer} must have a positive weight, got ${showValue(v)}: give at least one day a weight above 0`);
      return [1, 1, 1, 1, 1, 1, 1];
    }
    return v.map((x) => x / mean);
  }

  private workload(w: PresetWorkload, preset: string, p: string, home: string): Workload {
    const { image: img, pushes, pulls, peak, tags, repositories } = w;
    const base = img.baseLayers;
    const peakMinutes = peak.minutes;
    const peakToMean = Math.max(pushes.peakToMean, pulls.peakToMean);
    if (peakToMean * peakMinutes > 1440) {
      this.err(`${p}/peak/minutes`, `${p}/peak/minutes times peakToMean must be at most 1440 (the whole day at peak rate), got ${peakMinutes} x ${peakToMean}: shorten the peak or lower peakToMean`);
    }
    const cleanup = w.cleanup.map((c, i): PurgeTask => {
      const cp = `${p}/cleanup/${i}`;
      const colon = c.filter.indexOf(':');
      const repoPattern = c.filter.slice(0, colon);
      const tagPattern = c.filter.slice(colon + 1);
      for (const [what, pat] of [['repository', repoPattern], ['tag', tagPattern]] as const) {
        const why = patternProblem(pat);
        if (why) this.err(`${cp}/filter`, `${cp}/filter's ${what} regex ${why.rule}, got ${showValue(pat)} in ${showValue(c.filter)} (${why.detail}): ${why.fix}`);
      }
      const every = this.minutes(c.every ?? 'P1D', `${cp}/every`);
      if (every < 1440 || every % 1440 !== 0) this.err(`${cp}/every`, `${cp}/every must be whole days, got ${showValue(c.every)}: use P1D, P7D, ...`);
      const at = this.minutes(c.at ?? 'PT0H', `${cp}/at`);
      if (at >= 1440) this.err(`${cp}/at`, `${cp}/at must be a time of day below PT24H, got ${showValue(c.at)}: use e.g. PT2H`);
      return {
        name: c.name ?? `purge-${i}`,
        repoPattern,
        tagPattern,
        agoMinutes: this.minutes(c.ago, `${cp}/ago`),
        keep: c.keep ?? 0,
        untagged: c.untagged ?? false,
        everyDays: Math.max(1, Math.round(every / 1440)),
        atMinute: at,
        runSeconds: c.runSeconds ?? 60,
      };
    });
    const peakStart = this.minutes(peak.start, `${p}/peak/start`);
    const pushShares = this.shares(pushes.byRegion, `${p}/pushes/byRegion`);
    const pullShares = this.shares(pulls.byRegion, `${p}/pulls/byRegion`);
    return {
      preset,
      repositories: { initial: repositories.initial, growthPerMonth: repositories.growthPerMonth },
      pushes: {
        perRepositoryPerDay: pushes.perRepositoryPerDay,
        weekly: this.weekly(pushes.weekly, `${p}/pushes/weekly`),
        arrival: pushes.arrival,
        peakToMean: pushes.peakToMean,
        byRegion: Object.keys(pushShares).length ? pushShares : { [home]: 1 },
      },
      image: {
        layers: this.dist(img.layers, `${p}/image/layers`, LAYERS_BOUND),
        layerSize: this.sizeDist(img.layerSize, `${p}/image/layerSize`, LAYER_BYTES_BOUND),
        repositoryScale: this.dist(img.repositoryScale, `${p}/image/repositoryScale`, SCALE_BOUND),
        manifestBytes: this.bytes(img.manifestSize, `${p}/image/manifestSize`, { max: MAX_MANIFEST_BYTES, why: MAX_MANIFEST_WHY, bytes: true }),
        changedLayersPerPush: this.dist(img.changedLayersPerPush, `${p}/image/changedLayersPerPush`, LAYERS_BOUND),
        baseLayers: {
          perImage: this.dist(base.perImage, `${p}/image/baseLayers/perImage`, LAYERS_BOUND),
          pool: base.pool,
          zipf: base.zipf,
          layerSize: this.sizeDist(base.layerSize, `${p}/image/baseLayers/layerSize`, LAYER_BYTES_BOUND),
        },
      },
      tags: { strategy: tags.strategy, perRepository: tags.perRepository },
      pulls: {
        perDay: pulls.perDay,
        peakToMean: pulls.peakToMean,
        weekly: this.weekly(pulls.weekly, `${p}/pulls/weekly`),
        byRegion: Object.keys(pullShares).length ? pullShares : { [home]: 1 },
        requestsPerPull: pulls.requestsPerPull ?? null,
      },
      peak: { minutes: peakMinutes, startMinute: peakStart % 1440 },
      cleanup,
    };
  }

  /** Home regions of the registries named (null = every registry). */
  private homesOf(registries: readonly string[] | null): string[] {
    return (registries ?? [...this.homes.keys()]).map((n) => this.homes.get(n) ?? '');
  }

  /** A replica list of a config change or variant, checked against the homes of the registries it changes. */
  private replicas(list: readonly ReplicaInput[], pointer: string, homes: readonly string[] = []): SimReplica[] {
    const seen = new Map<string, number>();
    return list.map((r, i) => {
      const replica =
        typeof r === 'string'
          ? { location: this.region(r, `${pointer}/${i}`), globalRouting: true }
          : { location: this.region(r.location, `${pointer}/${i}/location`), globalRouting: r.globalRouting ?? true };
      const problem = replicaProblem(replica.location, homes, seen, i, `${pointer}/${i}`, (j) => `${pointer}/${j}`);
      if (problem) this.err(`${pointer}/${i}`, problem);
      return replica;
    });
  }

  private events(s: ScenarioInput, select: (sel: string | undefined, p: string) => string[] | null, horizonMinutes: number): SimEvent[] {
    const out: SimEvent[] = [];
    (s.events ?? []).forEach((e, index) => {
      const p = `/events/${index}`;
      const startMinute = this.minutes(e.at, `${p}/at`);
      if (startMinute >= horizonMinutes) this.err(`${p}/at`, `${p}/at must fall within the horizon (${s.horizon}), got ${showValue(e.at)}: move it earlier or lengthen the horizon`);
      const registries = select(e.registry, `${p}/registry`);
      switch (e.kind) {
        case 'region-outage':
        case 'zone-outage':
        case 'replica-routing-disabled': {
          const d = this.minutes(e.duration, `${p}/duration`);
          if (!(d > 0)) this.err(`${p}/duration`, `${p}/duration must be longer than zero, got ${showValue(e.duration)}: give a positive duration`);
          out.push({ kind: e.kind, index, startMinute, endMinute: startMinute + d, region: this.region(e.region, `${p}/region`), registries });
          break;
        }
        case 'replication-lag':
          out.push({ kind: e.kind, index, startMinute, lagMinutes: this.minutes(e.lag, `${p}/lag`), registries });
          break;
        case 'config-change': {
          const set: { tier?: Tier; retentionDays?: number; softDeleteDays?: number; replicas?: SimReplica[] } = {};
          if (e.set.tier) set.tier = e.set.tier;
          if (e.set.retentionDays !== undefined) set.retentionDays = e.set.retentionDays;
          if (e.set.softDeleteDays !== undefined) set.softDeleteDays = e.set.softDeleteDays;
          if (e.set.replicas) set.replicas = this.replicas(e.set.replicas, `${p}/set/replicas`, this.homesOf(registries));
          out.push({ kind: e.kind, index, startMinute, registries, set });
          break;
        }
        case 'workload-change': {
          const change = (c: ChangeInput | undefined, field: string): SimChange | undefined => {
            if (!c) return undefined;
            if ('scale' in c && 'set' in c) this.err(`${p}/${field}`, `${p}/${field} must give scale or set, got both: keep one`);
            return 'scale' in c ? { mode: 'scale', value: c.scale } : { mode: 'set', value: c.set };
          };
          const w: Mutable<SimWorkloadEvent> = { kind: e.kind, index, startMinute, registries };
          const pushes = change(e.pushes, 'pushes');
          const pulls = change(e.pulls, 'pulls');
          const repositories = change(e.repositories, 'repositories');
          if (pushes) w.pushes = pushes;
          if (pulls) w.pulls = pulls;
          if (repositories) w.repositories = repositories;
          if (e.imageSize) w.imageScale = e.imageSize.scale;
          if (e.tags) w.tagStrategy = e.tags.strategy;
          if (!pushes && !pulls && !repositories && !e.imageSize && !e.tags) {
            this.err(p, `${p} must change something, got no pushes, pulls, repositories, imageSize or tags: add one`);
          }
          out.push(w);
          break;
        }
        case 'delete':
        case 'untag': {
          const why = patternProblem(e.repository);
          if (why) this.err(`${p}/repository`, `${p}/repository ${why.rule}, got ${showValue(e.repository)} (${why.detail}): ${why.fix}`);
          out.push({ kind: e.kind, index, startMinute, registries, repoPattern: e.repository, olderThanMinutes: this.minutesOr(e.olderThan, 0, `${p}/olderThan`) });
          break;
        }
      }
      if (e.name !== undefined) {
        const last = out[out.length - 1]!;
        if (out.some((o) => o !== last && o.name === e.name)) this.err(`${p}/name`, `${p}/name must be unique among the events, got ${showValue(e.name)} twice: rename one`);
        (last as Mutable<SimEvent>).name = e.name;
      }
    });
    return out.sort((a, b) => a.startMinute - b.startMinute || a.index - b.index);
  }

  private assertions(s: ScenarioInput, select: (sel: string | undefined, p: string) => string[] | null): SimAssertion[] {
    return (s.assertions ?? []).map((a, index): SimAssertion => {
      const p = `/assertions/${index}`;
      const base = {
        index,
        kind: a.kind,
        registries: select(a.registry, `${p}/registry`),
        percentile: a.percentile ?? (a.kind === 'pull-availability-at-least' ? 'p10' : 'p90'),
        where: `${this.doc.file}:${this.doc.line(p) ?? 1}`,
      } as const;
      switch (a.kind) {
        case 'storage-below':
          return { ...base, of: a.of };
        case 'monthly-cost-below':
          return { ...base, usd: a.usd };
        case 'pull-availability-at-least': {
          let during: 'outages' | number | undefined;
          if (a.during === 'outages') during = 'outages';
          else if (a.during !== undefined) {
            const i = (s.events ?? []).findIndex((e) => e.name === a.during);
            const outage = (s.events ?? []).filter((e) => e.name !== undefined && (e.kind === 'region-outage' || e.kind === 'zone-outage' || e.kind === 'replica-routing-disabled'));
            if (i < 0 || !outage.includes((s.events ?? [])[i]!)) {
              this.err(
                `${p}/during`,
                `${p}/during must be 'outages' or the name of an outage-like event, got ${showValue(a.during)}: use ${['outages', ...outage.map((e) => e.name!)].map((n) => `'${n}'`).join(', ')}`,
              );
            } else during = i;
          }
          return { ...base, value: a.value, ...(a.region ? { region: this.region(a.region, `${p}/region`) } : {}), ...(during !== undefined ? { during } : {}) };
        }
        case 'exposure-at-most':
          if (a.bytes === undefined && a.manifests === undefined) this.err(p, `${p} must set bytes or manifests, got neither: add one`);
          return {
            ...base,
            ...(a.bytes !== undefined ? { bytes: this.bytes(a.bytes, `${p}/bytes`) } : {}),
            ...(a.manifests !== undefined ? { manifests: a.manifests } : {}),
          };
        case 'no-throttling':
          return base;
        case 'counts-below':
          if (a.repositories === undefined && a.tagsPerRepository === undefined && a.manifests === undefined) {
            this.err(p, `${p} must set repositories, tagsPerRepository or manifests, got none: add one`);
          }
          return {
            ...base,
            ...(a.repositories !== undefined ? { repositories: a.repositories } : {}),
            ...(a.tagsPerRepository !== undefined ? { tagsPerRepository: a.tagsPerRepository } : {}),
            ...(a.manifests !== undefined ? { manifests: a.manifests } : {}),
          };
      }
    });
  }
}
