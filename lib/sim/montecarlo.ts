/**
 * Monte Carlo over runs, in worker threads. Run i always uses the same random streams
 * (random.ts), and results are aggregated in run order, so the result is identical bit for bit
 * whatever the number of workers. Workers take the next task as they finish one (a fast worker
 * is not left idle while a slow one still has a queue); a task is a run, or with few runs for the
 * workers a chunk of a run's registries (units.ts), so that no worker idles long at the end.
 */
import { availableParallelism } from 'node:os';
import { evaluateAssertions } from './results/assertions.js';
import { maxMonthly } from './engine/cost.js';
import { simulateRun } from './engine/engine.js';
import type { RegistryRunResult, RunResult } from './results/run-result.js';
import type { ResolvedScenario } from './scenario/model.js';
import type { RegistrySummary, SimulationResult } from './results/result.js';
import { summarize, summarizeSeries, type Summary } from './results/stats.js';
import { summarizeCounts } from './results/counts.js';
import { pullPool, throwIfInterrupted, type WorkerEntry } from './pool.js';
import { StoreBufferPool } from './engine/store.js';
import type { WorkerInput, WorkerReply } from './worker.js';
import { chunksPerRun, workUnit } from './units.js';

/** Options of {@link runMonteCarlo}. */
export interface MonteCarloOptions {
  /**
   * Worker threads; 0 runs in this thread.
   * @default - min(runs, available parallelism), or 0 for a single run
   */
  readonly workers?: number;
  /**
   * Called after each finished run with (done, total).
   * @default - no progress reports
   */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * The runs to simulate (a shard: lib/sim/results/partial.ts), each in 0..runs-1, no repeats.
   * Only {@link simulateRuns} reads it.
   * @default - every run, 0..runs-1
   */
  readonly runIndices?: readonly number[];
  /**
   * Stops the runs: the workers are terminated and the call rejects with a
   * SimulationInterruptedError (lib/sim/errors.ts). In this thread (`workers: 0`) it is checked
   * between runs.
   * @default - runs to the end
   */
  readonly signal?: AbortSignal;
}

/** The default worker count for `runs` runs. */
export function defaultWorkers(runs: number): number {
  return runs <= 1 ? 0 : Math.max(1, Math.min(runs, availableParallelism()));
}

/**
 * How to start a worker: the compiled `worker.js` next to this file, or, when running from
 * TypeScript source (tsx, ts-jest), a bootstrap that registers tsx's loader and imports `worker.ts`.
 */
function workerEntry(): WorkerEntry {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return { entry: new URL('./worker.js', here), eval: false };
  const target = new URL('./worker.ts', here).href;
  const code = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(target)}); });`;
  return { entry: code, eval: true };
}

/**
 * Simulates runs 0..runs-1, or only {@link MonteCarloOptions.runIndices}, and returns each run's
 * result in that order.
 */
export async function simulateRuns(sc: ResolvedScenario, options: MonteCarloOptions = {}): Promise<RunResult[]> {
  const indices = options.runIndices;
  const runs = indices ? indices.length : sc.runs;
  const runAt = (k: number): number => (indices ? indices[k]! : k);
  const workers = Math.min(options.workers ?? defaultWorkers(runs), runs);
  const results: RunResult[] = new Array<RunResult>(runs);
  let done = 0;
  if (workers <= 0) {
    const buffers = new StoreBufferPool();
    for (let k = 0; k < runs; k++) {
      if (options.signal) await new Promise((r) => setImmediate(r)); // let a signal handler run
      throwIfInterrupted(options.signal);
      results[k] = simulateRun(sc, runAt(k), { buffers });
      options.onProgress?.(++done, runs);
    }
    return results;
  }
  const registries = sc.registries.length;
  const chunks = chunksPerRun(runs, registries, workers);
  const workerData: WorkerInput = { scenario: sc, ...(indices ? { runIndices: indices } : {}), ...(chunks > 1 ? { chunks } : {}) };
  const pending = new Array<number>(runs).fill(registries);
  const taskName = (k: number): string => {
    const u = workUnit(k, chunks, registries);
    return chunks === 1 ? `run ${runAt(u.position)}` : `run ${runAt(u.position)} (registries ${u.from + 1}-${u.to} of ${registries})`;
  };
  await pullPool<WorkerReply>(workerEntry(), workerData, runs * chunks, workers, (m) => {
    const run = (results[m.position] ??= { run: m.run, registries: new Array(registries) });
    const regs = run.registries as RegistryRunResult[];
    m.registries.forEach((r, k) => (regs[m.from + k] = r));
    pending[m.position]! -= m.registries.length;
    if (pending[m.position] === 0) options.onProgress?.(++done, runs);
  }, { signal: options.signal, taskName });
  return results;
}

/** Simulates the scenario's runs and aggregates them: percentiles of every output, assertions. */
export async function runMonteCarlo(sc: ResolvedScenario, options: MonteCarloOptions = {}): Promise<SimulationResult> {
  return aggregate(sc, await simulateRuns(sc, options));
}

function byKey<T>(runs: readonly T[], keys: (t: T) => readonly string[]): string[] {
  const s = new Set<string>();
  for (const r of runs) for (const k of keys(r)) s.add(k);
  return [...s].sort();
}

/** Aggregates run results (in run order) into a {@link SimulationResult}. */
export function aggregate(sc: ResolvedScenario, runs: readonly RunResult[]): SimulationResult {
  const registries: RegistrySummary[] = sc.registries.map((reg, i) => {
    const rr = runs.map((r) => r.registries[i]!);
    const first = rr[0]!;
    const s = (f: (x: (typeof rr)[number]) => number | null): Summary => summarize(rr.map(f));
    const regions = byKey(rr, (x) => Object.keys(x.availabilityByRegion));
    return {
      address: reg.address,
      name: reg.name,
      tier: reg.tier,
      tierAtHorizon: first.tier,
      home: reg.location,
      replicas: reg.replicas.map((r) => r.location),
      includedBytes: first.includedBytes,
      limitBytes: first.limitBytes,
      metrics: {
        storedBytesAtHorizon: s((x) => x.storedBytesAtHorizon),
        maxStoredBytes: s((x) => x.maxStoredBytes),
        maxBillableBytes: s((x) => x.maxBillableBytes),
        billedBytesAtHorizon: s((x) => x.daily.billedBytes[x.daily.billedBytes.length - 1] ?? 0),
        totalCostUsd: s((x) => x.totalCostUsd),
        maxMonthlyCostUsd: s((x) => x.maxMonthlyCostUsd),
        throttledMinutes: s((x) => x.throttledMinutes),
        throttledRequests: s((x) => x.throttledRequests),
        pushes: s((x) => x.pushes),
        repositories: s((x) => x.repositories),
        retentionDeleted: s((x) => x.retentionDeleted),
        firstIncludedExceededDay: s((x) => x.firstIncludedExceededDay),
        limitHitDay: s((x) => x.limitHitDay),
        maxIncludedUse: s((x) => x.maxIncludedUse),
        maxLimitUse: s((x) => x.maxLimitUse),
        failedPushes: s((x) => x.failedPushes),
      },
      limitHitExtrapolated: rr.some((x) => x.limitHitExtrapolated),
      limitHitBeyondYears: rr.find((x) => x.limitHitBeyondYears !== null)?.limitHitBeyondYears ?? null,
      billedAllowanceBytes: first.billedAllowanceBytes,
      monthlyCostUsd: first.monthlyCostUsd.map((_, m) => s((x) => x.monthlyCostUsd[m] ?? 0)),
      availabilityByRegion: Object.fromEntries(regions.map((c) => [c, s((x) => x.availabilityByRegion[c] ?? 1)])),
      pushAvailabilityByRegion: Object.fromEntries(byKey(rr, (x) => Object.keys(x.pushAvailabilityByRegion)).map((c) => [c, s((x) => x.pushAvailabilityByRegion[c] ?? 1)])),
      outages: first.outages.map((o, k) => ({
        event: o.event,
        kind: o.kind,
        region: o.region,
        startMinute: o.startMinute,
        endMinute: o.endMinute,
        home: o.home,
        availabilityByRegion: Object.fromEntries(Object.keys(o.availabilityByRegion).map((c) => [c, s((x) => x.outages[k]!.availabilityByRegion[c] ?? 1)])),
        pushAvailabilityByRegion: Object.fromEntries(Object.keys(o.pushAvailabilityByRegion).map((c) => [c, s((x) => x.outages[k]!.pushAvailabilityByRegion[c] ?? 1)])),
        failedPushes: s((x) => x.outages[k]!.failedPushes),
        exposureManifests: s((x) => x.outages[k]!.exposureManifests),
        exposureBytes: s((x) => x.outages[k]!.exposureBytes),
      })),
      blocked: first.blocked,
      purge: {
        runs: first.purge.runs,
        blockedRuns: first.purge.blockedRuns,
        tagsDeleted: s((x) => x.purge.tagsDeleted),
        manifestsDeleted: s((x) => x.purge.manifestsDeleted),
      },
      countViolations: first.countViolations,
      warnings: first.warnings,
      ...(reg.assumptions?.length ? { assumptions: reg.assumptions } : {}),
      counts: summarizeCounts(sc, reg, rr),
      daily: {
        taggedBytes: summarizeSeries(rr.map((x) => x.daily.taggedBytes)),
        untaggedBytes: summarizeSeries(rr.map((x) => x.daily.untaggedBytes)),
        softDeletedBytes: summarizeSeries(rr.map((x) => x.daily.softDeletedBytes)),
        billedBytes: summarizeSeries(rr.map((x) => x.daily.billedBytes)),
        costUsd: summarizeSeries(rr.map((x) => x.daily.costUsd)),
      },
    };
  });
  const fleetDaily = runs.map((r) => {
    const d = new Float64Array(sc.horizonDays);
    for (const x of r.registries) for (let k = 0; k < d.length; k++) d[k]! += x.daily.costUsd[k]!;
    return d;
  });
  const fleet = {
    maxMonthlyCostUsd: summarize(fleetDaily.map((d) => maxMonthly(d))),
    totalCostUsd: summarize(runs.map((r) => r.registries.reduce((a, x) => a + x.totalCostUsd, 0))),
    storedBytesAtHorizon: summarize(runs.map((r) => r.registries.reduce((a, x) => a + x.storedBytesAtHorizon, 0))),
  };
  const base = {
    scenario: sc.name,
    file: sc.file,
    seed: sc.seed,
    runs: runs.length,
    horizonDays: sc.horizonDays,
    assumptions: sc.assumptions,
    failover: sc.failover,
    registries,
    fleet,
  };
  const assertions = evaluateAssertions(sc, base);
  return { ...base, assertions, passed: assertions.every((a) => a.passed) };
}
