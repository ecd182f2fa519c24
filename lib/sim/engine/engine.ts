/**
 * One deterministic simulation run: every registry, day by day. Order within a day: due
 * configuration changes, pushes (stamped at the start of the day), retention deletes, purge
 * tasks (at their time of day), soft-delete expiry, then the day's figures (storage, cost,
 * availability, throttling).
 */
import type { Tier } from '../../catalog/tiers.js';
import { tierSupports } from '../../catalog/tiers.js';
import { dayCost, maxMonthly, monthlyTotals } from './cost.js';
import { evaluateDay, exposedPushes, regionDown, replicaWindows, RoutingTable, type DayDemand, type EventSpan, type PullTally, type ReplicaWindow } from './failover.js';
import { countViolations, firstDayAbove, includedBytes, limitBytes, rateLimits, type CountViolation } from './limits.js';
import { Purger } from './purge.js';
import { Rng } from '../random/random.js';
import type { BlockedAction, OutageResult, RegistryRunResult, RunResult } from '../results/run-result.js';
import type { ResolvedScenario, SimConfigEvent, SimRegionEvent, SimRegistry, SimReplica } from '../scenario/model.js';
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
  const out = { ...s };
  if (out.replicas.length && !tierSupports(out.tier, 'geoReplication')) {
    warnings.push(`day ${day}: ${out.tier} does not support geo-replication; replicas ignored`);
    out.replicas = [];
  }
  if (out.retentionDays > 0 && !tierSupports(out.tier, 'retentionPolicy')) {
    warnings.push(`day ${day}: ${out.tier} does not support the retention policy; retention ignored`);
    out.retentionDays = 0;
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
    return simulateRegistryOn(store, sc, reg, regIndex, run);
  } finally {
    store.release();
  }
}

/** A registry's empty store, sized for `days` of its workload. */
function storeFor(reg: SimRegistry, days: number, buffers: StoreBufferPool | undefined): RegistryStore {
  return new RegistryStore(reg.workload?.image.manifestBytes ?? 0, { ...expectedCapacity(reg, days), days: days + 400 }, buffers);
}

function simulateRegistryOn(store: RegistryStore, sc: ResolvedScenario, reg: SimRegistry, regIndex: number, run: number): RegistryRunResult {
  const days = sc.horizonDays;
  const warnings: string[] = [...reg.warnings];
  const rng = Rng.forRun(sc.seed, regIndex, run);
  const w = reg.workload;
  const driver = w ? new WorkloadDriver(w, store, rng, sc.startWeekday) : undefined;
  const purgers = (w?.cleanup ?? []).map((t) => new Purger(t));

  // Region events and control-plane timeline.
  const regionEvents = sc.events.filter((e): e is SimRegionEvent => e.kind !== 'replication-lag' && e.kind !== 'config-change' && applies(e.registries, reg.name));
  const configs = sc.events.filter((e): e is SimConfigEvent => e.kind === 'config-change' && applies(e.registries, reg.name));
  const lags = sc.events.filter((e) => e.kind === 'replication-lag' && applies(e.registries, reg.name));

  let settings = effective({ tier: reg.tier, replicas: reg.replicas, retentionDays: reg.retentionDays, softDeleteDays: reg.softDeleteDays }, 0, warnings);
  const counts = { webhooks: reg.webhooks, tokens: reg.tokens, scopeMaps: reg.scopeMaps, cacheRules: reg.cacheRules };
  const violations: CountViolation[] = countViolations(settings.tier, counts, 0);
  store.setRetention(settings.retentionDays);
  store.softDeleteDays = settings.softDeleteDays;

  // Every region the registry ever has (for windows), and client regions.
  const allRegions = new Set<string>([reg.location, ...reg.replicas.map((r) => r.location)]);
  for (const c of configs) for (const r of c.set.replicas ?? []) allRegions.add(r.location);
  const windows: ReplicaWindow[] = replicaWindows(regionEvents, [...allRegions], sc.failover.delayMinutes, sc.failover.zoneDowntimeMinutes);
  const homeDownAt = (t: number): ReplicaWindow | undefined => regionDown(windows, reg.location, t);

  const blocked: BlockedAction[] = [];
  const pending = configs.map((c) => {
    let at = c.startMinute;
    let down = homeDownAt(at);
    const wasBlocked = down !== undefined;
    while (down) {
      at = down.end;
      down = homeDownAt(at);
    }
    if (wasBlocked) blocked.push({ minute: c.startMinute, action: 'config-change', detail: `event ${c.index}`, deferredTo: at });
    return { at, c };
  });
  pending.sort((a, b) => a.at - b.at || a.c.index - b.c.index);

  const clients = [...new Set([...Object.keys(w?.pulls.byRegion ?? { [reg.location]: 1 }), ...Object.keys(w?.pushes.byRegion ?? {})])].sort();
  const pullShare = clients.map((c) => w?.pulls.byRegion[c] ?? (w ? 0 : c === reg.location ? 1 : 0));
  const pushShare = clients.map((c) => w?.pushes.byRegion[c] ?? 0);
  const makeTable = (s: Settings): RoutingTable =>
    new RoutingTable([{ region: reg.location, routing: reg.homeRouting }, ...s.replicas.map((r) => ({ region: r.location, routing: r.globalRouting }))], clients);
  let table = makeTable(settings);

  const tally: PullTally = { total: new Float64Array(clients.length), failed: new Float64Array(clients.length) };
  const outageTallies = new Map<number, PullTally>();
  const outageMeta = new Map<number, { exposureManifests: number; exposureBytes: number; home: boolean }>();
  for (const e of regionEvents) {
    if (!allRegions.has(e.region)) continue;
    outageTallies.set(e.index, { total: new Float64Array(clients.length), failed: new Float64Array(clients.length) });
    outageMeta.set(e.index, { exposureManifests: 0, exposureBytes: 0, home: e.region === reg.location });
  }

  const spans: EventSpan[] = regionEvents
    .filter((e) => outageTallies.has(e.index))
    .map((e) => ({ event: e.index, start: e.startMinute, end: e.endMinute, tally: outageTallies.get(e.index)! }));

  const daily = {
    taggedBytes: new Float64Array(days),
    untaggedBytes: new Float64Array(days),
    softDeletedBytes: new Float64Array(days),
    billedBytes: new Float64Array(days),
    costUsd: new Float64Array(days),
    pushes: new Float64Array(days),
  };
  const stored = new Float64Array(days);
  const billableOnce = new Float64Array(days);
  const load = { throttledMinutes: 0, throttledRequests: 0 };
  const purge = { runs: 0, blockedRuns: 0, tagsDeleted: 0, manifestsDeleted: 0, taskSeconds: 0 };
  let retentionDeleted = 0;
  let totalPushes = 0;
  // The tier (and so the allowance and the limit) can change during the run: keep them per day.
  const includedOn = new Float64Array(days);
  const limitOn = new Float64Array(days);
  const dp: DayPushes = { pushes: 0, writes: 0, reads: 0 };
  let pi = 0;

  // One day, as a function of its own rather than the body of the loop below: V8 optimizes a
  // function once enough of its own code has run, so with the day inline this whole function (set-up
  // and all) was compiled after a run or two, about 150-200 ms of compiler time in every Monte Carlo
  // worker for code that runs once a run; now only the day is (30-50 ms).
  const simulateDay = (day: number): void => {
    // 1. configuration changes due today (deferred ones included).
    while (pi < pending.length && Math.floor(pending[pi]!.at / 1440) <= day) {
      const { c } = pending[pi++]!;
      const next: Settings = {
        tier: c.set.tier ?? settings.tier,
        replicas: c.set.replicas ?? settings.replicas,
        retentionDays: c.set.retentionDays ?? settings.retentionDays,
        softDeleteDays: c.set.softDeleteDays ?? settings.softDeleteDays,
      };
      settings = effective(next, day, warnings);
      store.setRetention(settings.retentionDays);
      store.softDeleteDays = settings.softDeleteDays;
      if (c.set.tier) violations.push(...countViolations(settings.tier, counts, day));
      table = makeTable(settings);
    }
    // 2. pushes, 3. retention, 4. purge, 5. soft-delete expiry.
    if (driver) driver.day(day, dp);
    else {
      dp.pushes = 0;
      dp.writes = 0;
      dp.reads = 0;
    }
    totalPushes += dp.pushes;
    const newBytes = store.takeNewBytes();
    retentionDeleted += store.runRetention(day);
    let taskSeconds = 0;
    for (const p of purgers) {
      if (!p.due(day)) continue;
      const t = day * 1440 + p.task.atMinute;
      if (homeDownAt(t)) {
        purge.blockedRuns++;
        blocked.push({ minute: t, action: 'purge', detail: p.task.name });
        continue;
      }
      const o = p.run(store, driver?.repoCount ?? 0, day);
      purge.runs++;
      purge.tagsDeleted += o.tagsDeleted;
      purge.manifestsDeleted += o.manifestsDeleted;
      taskSeconds += p.task.runSeconds;
    }
    purge.taskSeconds += taskSeconds;
    store.expireSoftDeleted(day);

    // 6. figures.
    daily.taggedBytes[day] = store.taggedBytes;
    daily.untaggedBytes[day] = store.untaggedBytes;
    daily.softDeletedBytes[day] = store.softDeletedBytes;
    daily.pushes[day] = dp.pushes;
    stored[day] = store.storedBytes;
    billableOnce[day] = store.storedBytes + (sc.assumptions.softDeletedBilled ? store.softDeletedBytes : 0);
    const cost = dayCost(
      { tier: settings.tier, replicas: settings.replicas.length, storedBytes: store.storedBytes, softDeletedBytes: store.softDeletedBytes, taskSeconds },
      sc.assumptions,
    );
    daily.billedBytes[day] = cost.billedBytes;
    includedOn[day] = includedBytes(settings.tier) * (sc.assumptions.includedStoragePerReplica ? 1 + settings.replicas.length : 1);
    limitOn[day] = limitBytes(settings.tier);
    daily.costUsd[day] = cost.usd;

    const weekday = (sc.startWeekday + day) % 7;
    const meanLayers = driver?.meanLayers ?? 0;
    const demand: DayDemand = {
      pulls: w ? w.pulls.perDay * w.pulls.weekly[weekday]! : 0,
      pushes: dp.pushes,
      readsPerPull: w?.pulls.requestsPerPull ?? 3 + meanLayers,
      readsPerPush: dp.pushes ? dp.reads / dp.pushes : 0,
      writesPerPush: dp.pushes ? dp.writes / dp.pushes : 0,
      pullPeak: w?.pulls.peakToMean ?? 1,
      pushPeak: w?.pushes.peakToMean ?? 1,
      pullShare,
      pushShare,
    };
    const profile = { peakStart: w?.peak.startMinute ?? 0, peakMinutes: w?.peak.minutes ?? 60 };
    evaluateDay(day, table, windows, demand, profile, rateLimits(settings.tier), tally, spans, load);

    // Exposure of outages starting today: writes within the lag before the outage, if others could serve.
    for (const e of regionEvents) {
      if (e.kind === 'replica-routing-disabled' || Math.floor(e.startMinute / 1440) !== day || !outageMeta.has(e.index)) continue;
      const win = windows.find((x) => x.event === e.index);
      if (!win || win.delay === Number.POSITIVE_INFINITY) continue; // zone outage in an AZ region: no regional loss
      const present = table.replicas.some((r) => r.region === e.region);
      if (!present || table.replicas.length < 2) continue;
      let lag = sc.failover.lagMinutes;
      for (const l of lags) if (l.kind === 'replication-lag' && l.startMinute <= e.startMinute) lag = l.lagMinutes;
      const m = exposedPushes(table, windows, e.region, e.startMinute, lag, dp.pushes, demand.pushPeak, pushShare, profile);
      const meta = outageMeta.get(e.index)!;
      meta.exposureManifests = m;
      meta.exposureBytes = dp.pushes ? (m * newBytes) / dp.pushes : 0;
    }
  };
  for (let day = 0; day < days; day++) simulateDay(day);

  const included = firstDayAbove(daily.billedBytes, includedOn);
  const limit = firstDayAbove(stored, limitOn);
  const availability = (t: PullTally): Record<string, number> => {
    const out: Record<string, number> = {};
    clients.forEach((c, i) => {
      if (t.total[i]! > 0) out[c] = 1 - t.failed[i]! / t.total[i]!;
      else if ((pullShare[i] ?? 0) > 0 || !w) out[c] = 1;
    });
    return out;
  };
  const outages: OutageResult[] = regionEvents
    .filter((e) => outageTallies.has(e.index))
    .map((e) => ({
      event: e.index,
      kind: e.kind,
      region: e.region,
      startMinute: e.startMinute,
      endMinute: e.endMinute,
      home: outageMeta.get(e.index)!.home,
      availabilityByRegion: availability(outageTallies.get(e.index)!),
      exposureManifests: outageMeta.get(e.index)!.exposureManifests,
      exposureBytes: outageMeta.get(e.index)!.exposureBytes,
    }));
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
    throttledMinutes: load.throttledMinutes,
    throttledRequests: load.throttledRequests,
    availabilityByRegion: availability(tally),
    outages,
    blocked: blocked.sort((a, b) => a.minute - b.minute),
    purge,
    retentionDeleted,
    pushes: totalPushes,
    repositories: driver?.repoCount ?? 0,
    countViolations: violations,
    warnings: [...new Set(warnings)],
    draws: rng.draws,
    normals: rng.normals,
  };
}

/** Runs run number `run` of the scenario: every registry, each on its own random stream. */
export function simulateRun(sc: ResolvedScenario, run: number, options: RunOptions = {}): RunResult {
  return { run, registries: sc.registries.map((reg, i) => simulateRegistry(sc, reg, i, run, options)) };
}
