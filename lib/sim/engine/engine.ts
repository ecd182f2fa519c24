/**
 * One deterministic simulation run: every registry, day by day. Order within a day: due
 * configuration changes, pushes (stamped at the start of the day), retention deletes, purge
 * tasks (at their time of day), soft-delete expiry, then the day's figures (storage, cost,
 * availability, throttling).
 */
import type { Tier } from '../../catalog/tiers.js';
import { ignoredSettingText, unsupportedSettings, withoutSetting } from '../../model/features.js';
import { dayCost, maxMonthly, monthlyTotals } from './cost.js';
import {
  evaluateDay,
  exposedPushes,
  regionDown,
  replicaWindows,
  RoutingTable,
  type DayContext,
  type DayDemand,
  type DayLoad,
  type EventSpan,
  type Profile,
  type PullTally,
  type RateLimits,
  type ReplicaWindow,
} from './failover.js';
import { countViolations, firstDayAbove, includedBytes, limitBytes, rateLimits, type CountViolation } from './limits.js';
import { Purger } from './purge.js';
import { Rng } from '../random/random.js';
import type { BlockedAction, DailySeries, OutageResult, RegistryRunResult, RunResult } from '../results/run-result.js';
import type { ResolvedScenario, SimConfigEvent, SimLagEvent, SimRegionEvent, SimRegistry, SimReplica } from '../scenario/model.js';
import type { Workload } from '../scenario/workload-types.js';
import { RegistryStore, type StoreBufferPool } from './store.js';
import { WorkloadDriver, type DayPushes } from './workload.js';
import { sampler } from '../random/distributions.js';

/** Settings in force at some time, after tier checks. */
interface Settings {
  tier: Tier;
  replicas: readonly SimReplica[];
  retentionDays: number;
  softDeleteDays: number;
}

function applies(list: readonly string[] | null, address: string): boolean {
  return list === null || list.includes(address);
}

/** Drops what the tier or combination does not allow, with a warning each. */
function effective(s: Settings, day: number, warnings: string[]): Settings {
  let out = { ...s };
  for (const setting of unsupportedSettings(out, out.tier)) {
    warnings.push(`day ${day}: ${ignoredSettingText(setting, out.tier)}`);
    out = withoutSetting(out, setting);
  }
  if (out.softDeleteDays > 0 && (out.retentionDays > 0 || out.replicas.length > 0)) {
    warnings.push(`day ${day}: soft delete cannot be combined with retention or geo-replication; soft delete ignored`);
    out.softDeleteDays = 0;
  }
  return out;
}

function expectedCapacity(reg: SimRegistry, days: number): { manifests: number; layers: number; refs: number } {
  const w = reg.workload;
  if (!w) return { manifests: 16, layers: 16, refs: 64 };
  const avgRepos = w.repositories.initial + (w.repositories.growthPerMonth * days) / 60;
  const pushes = avgRepos * w.pushes.perRepositoryPerDay * days;
  const layers = Math.max(1, sampler(w.image.layers).mean);
  const changed = Math.max(1, sampler(w.image.changedLayersPerPush).mean);
  const m = Math.ceil(pushes * 1.05 + 4 * Math.sqrt(pushes) + 64);
  return { manifests: m, layers: Math.ceil(m * Math.min(changed, layers) + (avgRepos + 64) * layers + w.image.baseLayers.pool), refs: Math.ceil(m * layers * 1.1) };
}

/** Options of {@link simulateRun} and {@link simulateRegistry}. */
export interface RunOptions {
  /**
   * Arrays to reuse for the registry stores (they go back to the pool when each registry is
   * done). Pass one pool to a sequence of runs in the same thread to touch the memory once.
   * @default - fresh arrays for every store
   */
  readonly buffers?: StoreBufferPool;
}

/** Simulates one registry for one run. */
export function simulateRegistry(sc: ResolvedScenario, reg: SimRegistry, regIndex: number, run: number, options: RunOptions = {}): RegistryRunResult {
  const store = storeFor(reg, sc.horizonDays, options.buffers);
  try {
    const r = new RegistryRun(store, sc, reg, regIndex, run);
    for (let day = 0; day < sc.horizonDays; day++) r.day(day);
    return r.result();
  } finally {
    store.release();
  }
}

/** A registry's empty store, sized for `days` of its workload. */
function storeFor(reg: SimRegistry, days: number, buffers: StoreBufferPool | undefined): RegistryStore {
  return new RegistryStore(reg.workload?.image.manifestBytes ?? 0, { ...expectedCapacity(reg, days), days: days + 400 }, buffers);
}

/** A configuration change and the minute it takes effect (after any home-region outage it waited for). */
interface PendingChange {
  /** Minute it takes effect. */
  readonly at: number;
  /** The change. */
  readonly c: SimConfigEvent;
}

/** What an outage adds up beside its pull tally. */
interface OutageMeta {
  /** Expected manifests pushed to the failed replica within the replication lag before it failed. */
  exposureManifests: number;
  /** Bytes of those manifests. */
  exposureBytes: number;
  /** Whether the failed region is the registry's home. */
  readonly home: boolean;
}

/**
 * One registry's run: the set-up in the constructor, then {@link day} for every day of the horizon,
 * then {@link result}. Its fields are the run's state, and it is the {@link DayContext} that
 * {@link evaluateDay} reads (routing, windows, the day's demand, limits) and adds up into (tallies,
 * load).
 *
 * The day is a method of its own, not the body of a loop in the set-up: V8 optimizes a function
 * once enough of its own code has run, so with the day inline the whole run (set-up and all) was
 * compiled after a run or two, about 150-200 ms of compiler time in every Monte Carlo worker for
 * code that runs once a run; this way only the day is (30-50 ms). Samplers are compiled once per
 * distribution object (random/distributions.ts), so every run calls the same functions.
 */
class RegistryRun implements DayContext {
  /** Routing of the settings in force. */
  table: RoutingTable;
  /** Down and excluded windows of every region the registry ever has. */
  readonly windows: readonly ReplicaWindow[];
  /** The day's demand (set every day, once its pushes are done, before the day is evaluated). */
  demand: DayDemand;
  /** The daily peak window. */
  readonly profile: Profile;
  /** Request limits per replica of the tier in force. */
  limits: RateLimits;
  /** Pulls over the whole run, by client. */
  readonly tally: PullTally;
  /** Outage spans, each with its own tally. */
  readonly spans: readonly EventSpan[];
  /** Throttling over the whole run. */
  readonly load: DayLoad = { throttledMinutes: 0, throttledRequests: 0 };

  private readonly warnings: string[];
  private readonly rng: Rng;
  private readonly w: Workload | null;
  private readonly driver: WorkloadDriver | undefined;
  private readonly purgers: readonly Purger[];
  private readonly regionEvents: readonly SimRegionEvent[];
  private readonly lags: readonly SimLagEvent[];
  private settings: Settings;
  private readonly counts: { readonly webhooks: number; readonly tokens: number; readonly scopeMaps: number; readonly cacheRules: number };
  private readonly violations: CountViolation[];
  private readonly blocked: BlockedAction[] = [];
  /** Configuration changes by the minute they take effect; {@link pi} is the next one due. */
  private readonly pending: readonly PendingChange[];
  private pi = 0;
  /** Client regions, sorted; the tallies and shares are indexed like them. */
  private readonly clients: readonly string[];
  private readonly pullShare: readonly number[];
  private readonly pushShare: readonly number[];
  private readonly outageTallies = new Map<number, PullTally>();
  private readonly outageMeta = new Map<number, OutageMeta>();
  private readonly daily: DailySeries;
  private readonly stored: Float64Array;
  private readonly billableOnce: Float64Array;
  // The tier (and so the allowance and the limit) can change during the run: kept per day.
  private readonly includedOn: Float64Array;
  private readonly limitOn: Float64Array;
  private readonly purge = { runs: 0, blockedRuns: 0, tagsDeleted: 0, manifestsDeleted: 0, taskSeconds: 0 };
  private retentionDeleted = 0;
  private totalPushes = 0;
  private readonly dp: DayPushes = { pushes: 0, writes: 0, reads: 0 };

  constructor(
    private readonly store: RegistryStore,
    private readonly sc: ResolvedScenario,
    private readonly reg: SimRegistry,
    regIndex: number,
    run: number,
  ) {
    const days = sc.horizonDays;
    this.warnings = [...reg.warnings];
    this.rng = Rng.forRun(sc.seed, regIndex, run);
    const w = (this.w = reg.workload);
    this.driver = w ? new WorkloadDriver(w, store, this.rng, sc.startWeekday) : undefined;
    this.purgers = (w?.cleanup ?? []).map((t) => new Purger(t));

    // Region events and control-plane timeline.
    const regionEvents = sc.events.filter((e): e is SimRegionEvent => e.kind !== 'replication-lag' && e.kind !== 'config-change' && applies(e.registries, reg.name));
    const configs = sc.events.filter((e): e is SimConfigEvent => e.kind === 'config-change' && applies(e.registries, reg.name));
    this.regionEvents = regionEvents;
    this.lags = sc.events.filter((e): e is SimLagEvent => e.kind === 'replication-lag' && applies(e.registries, reg.name));

    this.settings = effective({ tier: reg.tier, replicas: reg.replicas, retentionDays: reg.retentionDays, softDeleteDays: reg.softDeleteDays }, 0, this.warnings);
    this.counts = { webhooks: reg.webhooks, tokens: reg.tokens, scopeMaps: reg.scopeMaps, cacheRules: reg.cacheRules };
    this.violations = countViolations(this.settings.tier, this.counts, 0);
    store.setRetention(this.settings.retentionDays);
    store.softDeleteDays = this.settings.softDeleteDays;
    this.limits = rateLimits(this.settings.tier);

    // Every region the registry ever has (for windows), and client regions.
    const allRegions = new Set<string>([reg.location, ...reg.replicas.map((r) => r.location)]);
    for (const c of configs) for (const r of c.set.replicas ?? []) allRegions.add(r.location);
    this.windows = replicaWindows(regionEvents, [...allRegions], sc.failover.delayMinutes, sc.failover.zoneDowntimeMinutes);

    const pending = configs.map((c): PendingChange => {
      let at = c.startMinute;
      let down = this.homeDownAt(at);
      const wasBlocked = down !== undefined;
      while (down) {
        at = down.end;
        down = this.homeDownAt(at);
      }
      if (wasBlocked) this.blocked.push({ minute: c.startMinute, action: 'config-change', detail: `event ${c.index}`, deferredTo: at });
      return { at, c };
    });
    pending.sort((a, b) => a.at - b.at || a.c.index - b.c.index);
    this.pending = pending;

    const clients = [...new Set([...Object.keys(w?.pulls.byRegion ?? { [reg.location]: 1 }), ...Object.keys(w?.pushes.byRegion ?? {})])].sort();
    this.clients = clients;
    this.pullShare = clients.map((c) => w?.pulls.byRegion[c] ?? (w ? 0 : c === reg.location ? 1 : 0));
    this.pushShare = clients.map((c) => w?.pushes.byRegion[c] ?? 0);
    this.table = this.routing(this.settings);

    this.tally = { total: new Float64Array(clients.length), failed: new Float64Array(clients.length) };
    const spans: EventSpan[] = [];
    for (const e of regionEvents) {
      if (!allRegions.has(e.region)) continue;
      const tally: PullTally = { total: new Float64Array(clients.length), failed: new Float64Array(clients.length) };
      this.outageTallies.set(e.index, tally);
      this.outageMeta.set(e.index, { exposureManifests: 0, exposureBytes: 0, home: e.region === reg.location });
      spans.push({ event: e.index, start: e.startMinute, end: e.endMinute, tally });
    }
    this.spans = spans;

    this.daily = {
      taggedBytes: new Float64Array(days),
      untaggedBytes: new Float64Array(days),
      softDeletedBytes: new Float64Array(days),
      billedBytes: new Float64Array(days),
      costUsd: new Float64Array(days),
      pushes: new Float64Array(days),
    };
    this.stored = new Float64Array(days);
    this.billableOnce = new Float64Array(days);
    this.includedOn = new Float64Array(days);
    this.limitOn = new Float64Array(days);
    this.profile = { peakStart: w?.peak.startMinute ?? 0, peakMinutes: w?.peak.minutes ?? 60 };
    this.demand = this.dayDemand(0); // replaced every day before it is read
  }

  /** The home region's down window at minute `t`, if it is down then. */
  private homeDownAt(t: number): ReplicaWindow | undefined {
    return regionDown(this.windows, this.reg.location, t);
  }

  /** The routing table of settings `s`: home first, then its replicas. */
  private routing(s: Settings): RoutingTable {
    const reg = this.reg;
    return new RoutingTable([{ region: reg.location, routing: reg.homeRouting }, ...s.replicas.map((r) => ({ region: r.location, routing: r.globalRouting }))], this.clients);
  }

  /** Simulates `day`: steps 1 to 6 of the module comment, in that order. */
  day(day: number): void {
    const { store, sc, driver, dp } = this;
    // 1. configuration changes due today (deferred ones included).
    while (this.pi < this.pending.length && Math.floor(this.pending[this.pi]!.at / 1440) <= day) this.applyChange(this.pending[this.pi++]!.c, day);
    // 2. pushes, 3. retention, 4. purge, 5. soft-delete expiry.
    if (driver) driver.day(day, dp);
    else {
      dp.pushes = 0;
      dp.writes = 0;
      dp.reads = 0;
    }
    this.totalPushes += dp.pushes;
    const newBytes = store.takeNewBytes();
    this.retentionDeleted += store.runRetention(day);
    const taskSeconds = this.runPurges(day);
    store.expireSoftDeleted(day);

    // 6. figures.
    const settings = this.settings;
    const daily = this.daily;
    daily.taggedBytes[day] = store.taggedBytes;
    daily.untaggedBytes[day] = store.untaggedBytes;
    daily.softDeletedBytes[day] = store.softDeletedBytes;
    daily.pushes[day] = dp.pushes;
    this.stored[day] = store.storedBytes;
    this.billableOnce[day] = store.storedBytes + (sc.assumptions.softDeletedBilled ? store.softDeletedBytes : 0);
    const cost = dayCost(
      { tier: settings.tier, replicas: settings.replicas.length, storedBytes: store.storedBytes, softDeletedBytes: store.softDeletedBytes, taskSeconds },
      sc.assumptions,
    );
    daily.billedBytes[day] = cost.billedBytes;
    this.includedOn[day] = includedBytes(settings.tier) * (sc.assumptions.includedStoragePerReplica ? 1 + settings.replicas.length : 1);
    this.limitOn[day] = limitBytes(settings.tier);
    daily.costUsd[day] = cost.usd;

    this.demand = this.dayDemand(day);
    evaluateDay(this, day);
    this.exposure(day, newBytes);
  }

  /** The demand of `day`, once its pushes are done. */
  private dayDemand(day: number): DayDemand {
    const { w, dp } = this;
    const weekday = (this.sc.startWeekday + day) % 7;
    const meanLayers = this.driver?.meanLayers ?? 0;
    return {
      pulls: w ? w.pulls.perDay * w.pulls.weekly[weekday]! : 0,
      pushes: dp.pushes,
      readsPerPull: w?.pulls.requestsPerPull ?? 3 + meanLayers,
      readsPerPush: dp.pushes ? dp.reads / dp.pushes : 0,
      writesPerPush: dp.pushes ? dp.writes / dp.pushes : 0,
      pullPeak: w?.pulls.peakToMean ?? 1,
      pushPeak: w?.pushes.peakToMean ?? 1,
      pullShare: this.pullShare,
      pushShare: this.pushShare,
    };
  }

  /** Applies configuration change `c` on `day`: new settings (after tier checks), retention, soft delete, routing, limits. */
  private applyChange(c: SimConfigEvent, day: number): void {
    const settings = this.settings;
    const next: Settings = {
      tier: c.set.tier ?? settings.tier,
      replicas: c.set.replicas ?? settings.replicas,
      retentionDays: c.set.retentionDays ?? settings.retentionDays,
      softDeleteDays: c.set.softDeleteDays ?? settings.softDeleteDays,
    };
    const now = (this.settings = effective(next, day, this.warnings));
    this.store.setRetention(now.retentionDays);
    this.store.softDeleteDays = now.softDeleteDays;
    if (c.set.tier) this.violations.push(...countViolations(now.tier, this.counts, day));
    this.table = this.routing(now);
    this.limits = rateLimits(now.tier);
  }

  /** Runs the purge tasks due on `day` (blocked while the home region is down); returns their billed seconds. */
  private runPurges(day: number): number {
    const purge = this.purge;
    let taskSeconds = 0;
    for (const p of this.purgers) {
      if (!p.due(day)) continue;
      const t = day * 1440 + p.task.atMinute;
      if (this.homeDownAt(t)) {
        purge.blockedRuns++;
        this.blocked.push({ minute: t, action: 'purge', detail: p.task.name });
        continue;
      }
      const o = p.run(this.store, this.driver?.repoCount ?? 0, day);
      purge.runs++;
      purge.tagsDeleted += o.tagsDeleted;
      purge.manifestsDeleted += o.manifestsDeleted;
      taskSeconds += p.task.runSeconds;
    }
    purge.taskSeconds += taskSeconds;
    return taskSeconds;
  }

  /**
   * Exposure of the outages starting on `day`: writes within the replication lag before the
   * outage, if other replicas could serve (`newBytes`: bytes the day's pushes stored).
   */
  private exposure(day: number, newBytes: number): void {
    const pushes = this.dp.pushes;
    for (const e of this.regionEvents) {
      if (e.kind === 'replica-routing-disabled' || Math.floor(e.startMinute / 1440) !== day) continue;
      const meta = this.outageMeta.get(e.index);
      if (!meta) continue;
      const win = this.windows.find((x) => x.event === e.index);
      if (!win || win.delay === Number.POSITIVE_INFINITY) continue; // zone outage in an AZ region: no regional loss
      const present = this.table.replicas.some((r) => r.region === e.region);
      if (!present || this.table.replicas.length < 2) continue;
      let lag = this.sc.failover.lagMinutes;
      for (const l of this.lags) if (l.startMinute <= e.startMinute) lag = l.lagMinutes;
      const m = exposedPushes(this, e.region, e.startMinute, lag);
      meta.exposureManifests = m;
      meta.exposureBytes = pushes ? (m * newBytes) / pushes : 0;
    }
  }

  /** Fraction of pulls served by client region, from tally `t` (regions without pulls count as served). */
  private availability(t: PullTally): Record<string, number> {
    const out: Record<string, number> = {};
    this.clients.forEach((c, i) => {
      if (t.total[i]! > 0) out[c] = 1 - t.failed[i]! / t.total[i]!;
      else if ((this.pullShare[i] ?? 0) > 0 || !this.w) out[c] = 1;
    });
    return out;
  }

  /** The run's result, after the last day. */
  result(): RegistryRunResult {
    const { reg, settings, daily, stored, billableOnce } = this;
    const days = this.sc.horizonDays;
    const included = firstDayAbove(daily.billedBytes, this.includedOn);
    const limit = firstDayAbove(stored, this.limitOn);
    const outages: OutageResult[] = [];
    for (const e of this.regionEvents) {
      const tally = this.outageTallies.get(e.index);
      const meta = this.outageMeta.get(e.index);
      if (!tally || !meta) continue;
      outages.push({
        event: e.index,
        kind: e.kind,
        region: e.region,
        startMinute: e.startMinute,
        endMinute: e.endMinute,
        home: meta.home,
        availabilityByRegion: this.availability(tally),
        exposureManifests: meta.exposureManifests,
        exposureBytes: meta.exposureBytes,
      });
    }
    let maxStored = 0;
    let maxBillable = 0;
    for (let d = 0; d < days; d++) {
      maxStored = Math.max(maxStored, stored[d]!);
      maxBillable = Math.max(maxBillable, billableOnce[d]!);
    }
    let total = 0;
    for (let d = 0; d < days; d++) total += daily.costUsd[d]!;
    return {
      address: reg.address,
      name: reg.name,
      tier: settings.tier,
      daily,
      storedBytesAtHorizon: stored[days - 1] ?? 0,
      maxStoredBytes: maxStored,
      maxBillableBytes: maxBillable,
      includedBytes: includedBytes(settings.tier),
      limitBytes: limitBytes(settings.tier),
      firstIncludedExceededDay: included.extrapolated ? null : included.day,
      limitHitDay: limit.day,
      limitHitExtrapolated: limit.extrapolated,
      totalCostUsd: total,
      monthlyCostUsd: monthlyTotals(daily.costUsd),
      maxMonthlyCostUsd: maxMonthly(daily.costUsd),
      throttledMinutes: this.load.throttledMinutes,
      throttledRequests: this.load.throttledRequests,
      availabilityByRegion: this.availability(this.tally),
      outages,
      blocked: this.blocked.sort((a, b) => a.minute - b.minute),
      purge: this.purge,
      retentionDeleted: this.retentionDeleted,
      pushes: this.totalPushes,
      repositories: this.driver?.repoCount ?? 0,
      countViolations: this.violations,
      warnings: [...new Set(this.warnings)],
      draws: this.rng.draws,
      normals: this.rng.normals,
    };
  }
}

/** Runs run number `run` of the scenario: every registry, each on its own random stream. */
export function simulateRun(sc: ResolvedScenario, run: number, options: RunOptions = {}): RunResult {
  return { run, registries: sc.registries.map((reg, i) => simulateRegistry(sc, reg, i, run, options)) };
}
