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
import { mergeWorkload, PRESETS, type PresetWorkload } from './presets.js';
import { parseScenario, pointerSegment, showValue, type ScenarioDocument } from './parse.js';
import type { ResolvedScenario, SimAssertion, SimEvent, SimRegistry, SimReplica } from './model.js';
import type { CountDistributionInput, InlineRegistryInput, ReplicaInput, ScenarioInput, SizeDistributionInput, WorkloadInput } from './types.js';
import type { PurgeTask, Workload } from './workload-types.js';

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
): ResolvedScenario {
  const r = new Resolver(doc, [...preErrors]);
  return r.resolve(specs, overrides);
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

class Resolver {
  private readonly used = new Set<number>();

  constructor(
    private readonly doc: ScenarioDocument,
    private readonly errors: InputError[],
  ) {}

  private err(pointer: string, text: string): void {
    this.errors.push(new InputError({ file: this.doc.file, line: this.doc.line(pointer), pointer }, `${text}.`));
  }

  private minutes(v: string, pointer: string): number {
    const m = parseDurationMinutes(v);
    if (m === undefined) {
      this.err(pointer, `${pointer} must be an ISO-8601 duration, got ${showValue(v)}: write it like P365D or PT6H`);
      return 0;
    }
    return m;
  }

  /** Minutes of the optional duration `v` at `pointer`, or `fallback` when it is absent. */
  private minutesOr(v: string | undefined, fallback: number, pointer: string): number {
    return v ? this.minutes(v, pointer) : fallback;
  }

  private bytes(v: number | string, pointer: string): number {
    const b = parseSize(v);
    if (b === undefined) {
      this.err(pointer, `${pointer} must be a size, got ${showValue(v)}: write bytes or '17 MB'`);
      return 0;
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
    const registries = this.registries(specs);
    const select = (sel: string | undefined, pointer: string): string[] | null => this.select(sel, registries, pointer);
    this.used.clear();
    const withWorkloads = registries.map((reg) => ({ ...reg, workload: this.workloadFor(reg, s.workloads ?? []) }));
    // Check workloads no registry uses too, so their mistakes are reported.
    (s.workloads ?? []).forEach((w, i) => {
      if (!this.used.has(i)) this.workload(mergeWorkload(PRESETS[w.preset ?? 'small-team'], w), w.preset ?? 'small-team', `/workloads/${i}`, registries[0]?.location ?? 'westeurope');
    });
    (s.workloads ?? []).forEach((w, i) => select(w.registry, `/workloads/${i}/registry`));
    const events = this.events(s, select, horizonMinutes);
    const assertions = this.assertions(s, select);
    const fo = s.failover ?? {};
    const failover = {
      delayMinutes: this.minutesOr(fo.delay, DEFAULT_FAILOVER_DELAY_MINUTES, '/failover/delay'),
      lagMinutes: this.minutesOr(fo.replicationLag, DEFAULT_REPLICATION_LAG_MINUTES, '/failover/replicationLag'),
      zoneDowntimeMinutes: this.minutesOr(fo.zoneDowntime, DEFAULT_ZONE_DOWNTIME_MINUTES, '/failover/zoneDowntime'),
    };
    if (registries.length === 0 && this.errors.length === 0) {
      this.err('/registries', `/registries must name at least one registry, got none: add an input path or an inline registry, or pass inputs on the command line`);
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
      for (const r of reps ?? []) {
        const loc = known(r.location);
        const region = loc ? findRegion(loc) : undefined;
        if (!region) warnings.push(`replica location ${showValue(r.location)} is unknown; left out`);
        else replicas.push({ location: region.name, globalRouting: known(r.globalRouting) ?? true });
      }
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
    return this.workload(merged, preset, `/workloads/${i}`, reg.location);
  }

  private dist(d: CountDistributionInput, pointer: string): Distribution {
    if (d.kind === 'lognormal' && !(d.p90 > d.median)) this.err(`${pointer}/p90`, `${pointer}/p90 must be greater than the median, got ${d.p90}: use a p90 above ${d.median}`);
    if (d.kind === 'uniform' && d.max < d.min) this.err(`${pointer}/max`, `${pointer}/max must be >= min, got ${d.max}: use a max of at least ${d.min}`);
    return d;
  }

  private sizeDist(d: SizeDistributionInput, pointer: string): Distribution {
    switch (d.kind) {
      case 'fixed':
        return { kind: 'fixed', value: this.bytes(d.value, `${pointer}/value`) };
      case 'lognormal':
        return this.dist({ kind: 'lognormal', median: this.bytes(d.median, `${pointer}/median`), p90: this.bytes(d.p90, `${pointer}/p90`) }, pointer);
      case 'uniform':
        return this.dist({ kind: 'uniform', min: this.bytes(d.min, `${pointer}/min`), max: this.bytes(d.max, `${pointer}/max`) }, pointer);
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
      for (const pat of [repoPattern, tagPattern]) {
        try {
          new RegExp(`^(?:${pat})$`);
        } catch (e) {
          this.err(`${cp}/filter`, `${cp}/filter must hold valid regular expressions, got ${showValue(c.filter)} (${(e as Error).message}): fix the expression`);
        }
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
        layers: this.dist(img.layers, `${p}/image/layers`),
        layerSize: this.sizeDist(img.layerSize, `${p}/image/layerSize`),
        repositoryScale: this.dist(img.repositoryScale, `${p}/image/repositoryScale`),
        manifestBytes: this.bytes(img.manifestSize, `${p}/image/manifestSize`),
        changedLayersPerPush: this.dist(img.changedLayersPerPush, `${p}/image/changedLayersPerPush`),
        baseLayers: {
          perImage: this.dist(base.perImage, `${p}/image/baseLayers/perImage`),
          pool: base.pool,
          zipf: base.zipf,
          layerSize: this.sizeDist(base.layerSize, `${p}/image/baseLayers/layerSize`),
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

  private replicas(list: readonly ReplicaInput[], pointer: string): SimReplica[] {
    return list.map((r, i) =>
      typeof r === 'string'
        ? { location: this.region(r, `${pointer}/${i}`), globalRouting: true }
        : { location: this.region(r.location, `${pointer}/${i}/location`), globalRouting: r.globalRouting ?? true },
    );
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
          if (e.set.replicas) set.replicas = this.replicas(e.set.replicas, `${p}/set/replicas`);
          out.push({ kind: e.kind, index, startMinute, registries, set });
          break;
        }
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
        case 'pull-availability-at-least':
          return { ...base, value: a.value, ...(a.region ? { region: this.region(a.region, `${p}/region`) } : {}) };
        case 'exposure-at-most':
          if (a.bytes === undefined && a.manifests === undefined) this.err(p, `${p} must set bytes or manifests, got neither: add one`);
          return {
            ...base,
            ...(a.bytes !== undefined ? { bytes: this.bytes(a.bytes, `${p}/bytes`) } : {}),
            ...(a.manifests !== undefined ? { manifests: a.manifests } : {}),
          };
        case 'no-throttling':
          return base;
      }
    });
  }
}
