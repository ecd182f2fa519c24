/**
 * One deterministic simulation run: every registry, day by day. Order within a day: the events
 * due by its start (configuration changes, deferred ones included, workload changes, deletes and
 * untags), pushes (stamped at the start of the day), retention deletes, purge tasks (at their time
 * of day), soft-delete expiry, then the day's figures (storage, cost at the settings in force at
 * the end of the day, availability, throttling). An event at a time of day cuts the day there
 * (events.ts): the pushes of the part before it (its share of the day's push volume) happen with
 * the settings and workload before it, availability and throttling are evaluated part by part
 * with the routing, limits and demand of each.
 */
import type { Tier } from '../../catalog/tiers.js';
import { ignoredSettingText, unsupportedSettings, withoutSetting } from '../../model/features.js';
import { dayCost, maxMonthly, monthlyTotals } from './cost.js';
import {
  emptyTally,
  evaluateDay,
  exposedPushes,
  volumeShare,
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
import { countViolations, EXTRAPOLATION_YEARS, firstDayAbove, includedBytes, limitBytes, maxRatio, rateLimits, storageAllowanceBytes, type CountViolation } from './limits.js';
import { byTime, shareOut, StoreEventRunner, type TimedAction } from './events.js';
import { Purger } from './purge.js';
import { Rng } from '../random/random.js';
import type { BlockedAction, DailySeries, OutageResult, RegistryRunResult, RunResult } from '../results/run-result.js';
import type { ResolvedScenario, SimConfigEvent, SimLagEvent, SimRegionEvent, SimRegistry, SimReplica, SimStoreEvent, SimWorkloadEvent } from '../scenario/model.js';
import type { Workload } from '../scenario/workload-types.js';
import { expectedRefs, RegistryStore, type StoreBufferPool } from './store.js';
import { initialManifestCount, seedStore } from './seed-store.js';
import { changed, WorkloadDriver, type DayPushes } from './workload.js';
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
  return { manifests: m, layers: Math.ceil(m * Math.min(changed, layers) + (avgRepos + 64) * layers + w.image.baseLayers.pool), refs: expectedRefs(m, layers, changed) };
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
  const cap = expectedCapacity(reg, days);
  const seeded = initialManifestCount(reg.initial); // 0 without initial content
  return new RegistryStore(
    reg.workload?.image.manifestBytes ?? 0,
    { manifests: cap.manifests + seeded, layers: cap.layers + seeded, refs: cap.refs + seeded, days: days + 400 },
    buffers,
  );
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
  /** Repositories of the initial content (ids 0 to this minus one; 0 without it). */
  private readonly seededRepos: number;
  private readonly regionEvents: readonly SimRegionEvent[];
  private readonly lags: readonly SimLagEvent[];
  private settings: Settings;
  private readonly counts: { readonly webhooks: number; readonly tokens: number; readonly scopeMaps: number; readonly cacheRules: number };
  private readonly violations: CountViolation[];
  private readonly blocked: BlockedAction[] = [];
  /** Configuration changes, workload changes, deletes and untags by the minute they take effect; {@link ai} is the next one due. */
  private readonly actions: readonly TimedAction[];
  private ai = 0;
  /** Pulls per day in force (workload-change events change it). */
  private pullsPerDay: number;
  /** Minutes where a day with events is cut, its parts' push weights and counts (reused day to day). */
  private readonly cuts: number[] = [];
  private readonly partWeights: number[] = [];
  private readonly partCounts: number[] = [];
  /** Requests of one part's pushes. */
  private readonly partDp: DayPushes = { pushes: 0, writes: 0, reads: 0 };
  /** Manifests untagged or deleted by delete and untag events. */
  private readonly eventManifests = { untagged: 0, deleted: 0 };
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
    const regionEvents = sc.events.filter(
      (e): e is SimRegionEvent => (e.kind === 'region-outage' || e.kind === 'zone-outage' || e.kind === 'replica-routing-disabled') && applies(e.registries, reg.name),
    );
    const configs = sc.events.filter((e): e is SimConfigEvent => e.kind === 'config-change' && applies(e.registries, reg.name));
    this.regionEvents = regionEvents;
    this.lags = sc.events.filter((e): e is SimLagEvent => e.kind === 'replication-lag' && applies(e.registries, reg.name));

    this.settings = effective({ tier: reg.tier, replicas: reg.replicas, retentionDays: reg.retentionDays, softDeleteDays: reg.softDeleteDays }, 0, this.warnings);
    this.counts = { webhooks: reg.webhooks, tokens: reg.tokens, scopeMaps: reg.scopeMaps, cacheRules: reg.cacheRules };
    this.violations = countViolations(this.settings.tier, this.counts, 0);
    store.setRetention(this.settings.retentionDays);
    store.softDeleteDays = this.settings.softDeleteDays;
    // Day 0's content (after retention is set, so retention acts on it from day 0).
    this.seededRepos = reg.initial ? seedStore(store, reg.initial) : 0;
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
    const actions: TimedAction[] = pending.map((x): TimedAction => ({ at: x.at, kind: 'config', event: x.c }));
    for (const e of sc.events) {
      if (!applies(e.registries, reg.name)) continue;
      if (e.kind === 'workload-change') actions.push({ at: e.startMinute, kind: 'workload', event: e as SimWorkloadEvent });
      else if (e.kind === 'delete' || e.kind === 'untag') actions.push({ at: e.startMinute, kind: 'store', event: e as SimStoreEvent, run: new StoreEventRunner(e as SimStoreEvent) });
    }
    actions.sort(byTime);
    this.actions = actions;
    this.pullsPerDay = w?.pulls.perDay ?? 0;

    const clients = [...new Set([...Object.keys(w?.pulls.byRegion ?? { [reg.location]: 1 }), ...Object.keys(w?.pushes.byRegion ?? {})])].sort();
    this.clients = clients;
    this.pullShare = clients.map((c) => w?.pulls.byRegion[c] ?? (w ? 0 : c === reg.location ? 1 : 0));
    this.pushShare = clients.map((c) => w?.pushes.byRegion[c] ?? 0);
    this.table = this.routing(this.settings);

    this.tally = emptyTally(clients.length);
    const spans: EventSpan[] = [];
    for (const e of regionEvents) {
      if (!allRegions.has(e.region)) continue;
      const tally: PullTally = emptyTally(clients.length);
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
      repositories: new Float64Array(days),
      tags: new Float64Array(days),
      manifests: new Float64Array(days),
      maxTagsPerRepository: new Float64Array(days),
      listingRequests: new Float64Array(days),
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
    const { store, sc, driver, dp, actions } = this;
    // 1. events due by the start of the day (deferred configuration changes included).
    const d0 = day * 1440;
    while (this.ai < actions.length && actions[this.ai]!.at <= d0) this.act(actions[this.ai++]!, day);
    // 2. pushes (cut at the events within the day), 3. retention, 4. purge, 5. soft-delete expiry.
    const cut = this.ai < actions.length && actions[this.ai]!.at < d0 + 1440;
    if (cut) this.cutDay(day);
    else if (driver) driver.day(day, dp);
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
    // Counts, from the store's counters (O(1) a day; lib/sim/results/counts.ts sums them up).
    daily.repositories[day] = store.liveRepos;
    daily.tags[day] = store.liveTags;
    daily.manifests[day] = store.liveManifests;
    daily.maxTagsPerRepository[day] = store.maxRepoTags;
    daily.listingRequests[day] = store.listingRequests;
    this.stored[day] = store.storedBytes;
    this.billableOnce[day] = store.storedBytes + (sc.assumptions.softDeletedBilled ? store.softDeletedBytes : 0);
    const cost = dayCost(
      { tier: settings.tier, replicas: settings.replicas.length, storedBytes: store.storedBytes, softDeletedBytes: store.softDeletedBytes, taskSeconds },
      sc.assumptions,
    );
    daily.billedBytes[day] = cost.billedBytes;
    this.includedOn[day] = storageAllowanceBytes(settings.tier, settings.replicas.length, sc.assumptions);
    this.limitOn[day] = limitBytes(settings.tier);
    daily.costUsd[day] = cost.usd;

    if (!cut) {
      this.demand = this.dayDemand(day);
      evaluateDay(this, day);
    }
    this.exposure(day, newBytes);
  }

  /**
   * Pushes of a day with events inside it, part by part (events.ts): one draw of the day's count
   * from the parts' means weighted by their share of the day's push volume, shared out over the
   * parts; after each part its availability and throttling, then the events that end it.
   */
  private cutDay(day: number): void {
    const { driver, dp, actions, cuts, partWeights: weights, partCounts: counts, partDp } = this;
    const d0 = day * 1440;
    const d1 = d0 + 1440;
    cuts.length = 0;
    cuts.push(d0);
    for (let k = this.ai; k < actions.length && actions[k]!.at < d1; k++) if (actions[k]!.at > cuts[cuts.length - 1]!) cuts.push(actions[k]!.at);
    cuts.push(d1);
    const parts = cuts.length - 1;
    const peak = this.w?.pushes.peakToMean ?? 1;
    weights.length = parts;
    counts.length = parts;
    counts.fill(0);
    dp.pushes = 0;
    dp.writes = 0;
    dp.reads = 0;
    if (driver) {
      driver.addRepositories(day);
      if (driver.repoCount > 0) {
        // Preview the pushes per repository of each part (workload changes draw nothing).
        let per = driver.perRepositoryPerDay;
        let same = true;
        for (let p = 0, k = this.ai; p < parts; p++) {
          for (; k < actions.length && actions[k]!.at <= cuts[p]! && p > 0; k++) {
            const a = actions[k]!;
            if (a.kind === 'workload' && a.event.pushes) {
              per = changed(per, a.event.pushes);
              same = false;
            }
          }
          weights[p] = driver.meanPushes(day, per) * volumeShare(this.profile, peak, cuts[p]! - d0, cuts[p + 1]! - d0);
        }
        // Without a change of the push rate, the very draw of a day without events.
        let total = 0;
        for (let p = 0; p < parts; p++) total += weights[p]!;
        const n = driver.drawCount(same ? driver.meanPushes(day) : total);
        shareOut(n, weights, counts);
        dp.pushes = n;
      }
    }
    for (let p = 0; p < parts; p++) {
      partDp.pushes = counts[p]!;
      partDp.writes = 0;
      partDp.reads = 0;
      if (driver && counts[p]! > 0) driver.pushMany(day, counts[p]!, partDp);
      dp.writes += partDp.writes;
      dp.reads += partDp.reads;
      const share = volumeShare(this.profile, peak, cuts[p]! - d0, cuts[p + 1]! - d0);
      this.demand = this.dayDemand(day, partDp, share > 0 ? counts[p]! / share : 0);
      evaluateDay(this, day, cuts[p]!, cuts[p + 1]!);
      while (this.ai < actions.length && actions[this.ai]!.at <= cuts[p + 1]! && actions[this.ai]!.at < d1) this.act(actions[this.ai++]!, day);
    }
  }

  /** Applies a timed action of `day`. */
  private act(a: TimedAction, day: number): void {
    switch (a.kind) {
      case 'config':
        this.applyChange(a.event, day);
        break;
      case 'workload':
        this.driver?.applyChange(a.event, a.at);
        if (a.event.pulls) this.pullsPerDay = changed(this.pullsPerDay, a.event.pulls);
        break;
      case 'store': {
        const o = a.run.run(this.store, Math.max(this.driver?.repoCount ?? 0, this.seededRepos), day, a.at);
        if (a.event.kind === 'delete') this.eventManifests.deleted += o.manifests;
        else this.eventManifests.untagged += o.manifests;
        break;
      }
    }
  }

  /**
   * The demand of `day`, once its pushes are done (`dp`: the pushes of a part of the day, then
   * `pushesPerDay` is their count as a whole day's at the same rate).
   */
  private dayDemand(day: number, dp: DayPushes = this.dp, pushesPerDay = dp.pushes): DayDemand {
    const { w } = this;
    const weekday = (this.sc.startWeekday + day) % 7;
    const meanLayers = this.driver?.meanLayers ?? 0;
    return {
      pulls: w ? this.pullsPerDay * w.pulls.weekly[weekday]! : 0,
      pushes: pushesPerDay,
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
      const o = p.run(this.store, Math.max(this.driver?.repoCount ?? 0, this.seededRepos), day);
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

  /** Fraction of pushes that succeeded by client region, from tally `t` (regions that push; without pushes they count as served). */
  private pushAvailability(t: PullTally): Record<string, number> {
    const out: Record<string, number> = {};
    this.clients.forEach((c, i) => {
      if (t.pushTotal[i]! > 0) out[c] = 1 - t.pushFailed[i]! / t.pushTotal[i]!;
      else if ((this.pushShare[i] ?? 0) > 0) out[c] = 1;
    });
    return out;
  }

  /** Pushes failed in tally `t`, every client region. */
  private static failed(t: PullTally): number {
    let n = 0;
    for (let i = 0; i < t.pushFailed.length; i++) n += t.pushFailed[i]!;
    return n;
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
        pushAvailabilityByRegion: this.pushAvailability(tally),
        failedPushes: RegistryRun.failed(tally),
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
    // Last line: scenarios are bounded at resolve time (scenario/bounds.ts); a non-finite figure here is a bug.
    if (!Number.isFinite(total + maxStored + maxBillable)) {
      throw new Error(`simulator produced a non-finite figure for registry ${reg.name} (cost ${total}, stored ${maxStored}, billable ${maxBillable} bytes)`);
    }
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
      limitHitBeyondYears: limit.beyond ? EXTRAPOLATION_YEARS : null,
      maxIncludedUse: maxRatio(daily.billedBytes, this.includedOn),
      maxLimitUse: maxRatio(stored, this.limitOn),
      billedAllowanceBytes: storageAllowanceBytes(settings.tier, settings.replicas.length, this.sc.assumptions),
      totalCostUsd: total,
      monthlyCostUsd: monthlyTotals(daily.costUsd),
      maxMonthlyCostUsd: maxMonthly(daily.costUsd),
      throttledMinutes: this.load.throttledMinutes,
      throttledRequests: this.load.throttledRequests,
      availabilityByRegion: this.availability(this.tally),
      pushAvailabilityByRegion: this.pushAvailability(this.tally),
      failedPushes: RegistryRun.failed(this.tally),
      eventManifests: { ...this.eventManifests },
      outages,
      blocked: this.blocked.sort((a, b) => a.minute - b.minute),
      purge: this.purge,
      retentionDeleted: this.retentionDeleted,
      pushes: this.totalPushes,
      repositories: Math.max(this.driver?.repoCount ?? 0, this.seededRepos),
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
