/**
 * Simulator benchmark (not part of `npm test`): `npm run build && node bench/sim-bench.mjs`
 * (it measures the compiled simulator in dist/, as the CLI runs it, with no TypeScript loader in the
 * process: tsx's loader alone adds about 35 MiB of memory and runs in every worker thread).
 *
 * 1. One run of 1 year, 1,000 repositories, 10,000 pushes a day (3.65M pushes): pushes per
 *    second, the ratio to drawing the same random numbers alone (same process), peak memory.
 * 2. Monte Carlo speed-up from 1 to 2 worker threads on a smaller scenario, next to a reference
 *    measured alongside it: the same pool (lib/sim/pool.ts) running compute-only tasks as long as
 *    a run (bench/compute-worker.mjs), which shows what a second thread gives work that shares
 *    nothing on the machine at that moment.
 * Goals: >= 1M pushes/s, <= 5x the variates alone, peak RSS <= 400 MiB, speed-up >= 1.7x; each
 * printed with ok or MISS. Also printed: bytes of memory per stored manifest (peak RSS over the
 * RSS before the run, per manifest stored at the peak). BENCH_QUICK=1: 1,000 pushes a day, 2
 * rounds (checks that the script runs; no figure to keep).
 *
 * Timings on the shared 2-core machine CI uses swing by tens of percent from one minute to the
 * next, so every figure is a median over repetitions that run the variants back to back, and
 * every ratio is taken within one repetition. BENCH_SINGLE and BENCH_RUNS set the repetitions.
 */
import { resourceUsage } from 'node:process';
import { simulateRun } from '../dist/lib/sim/engine/engine.js';
import { simulateRuns } from '../dist/lib/sim/montecarlo.js';
import { pullPool } from '../dist/lib/sim/pool.js';
import { Rng } from '../dist/lib/sim/random/random.js';
import { scenarioFromObject } from '../dist/lib/sim/scenario/resolve.js';
import { variates } from './compute-worker.mjs';
import { QUICK, figure, list as each, fmt, median, rounds, verdict } from './timing.mjs';

/** The scenario (ScenarioInput) of one busy registry. */
function scenarioInput(pushesPerDay, runs) {
  return {
    name: 'bench',
    horizon: 'P365D',
    seed: 1,
    runs,
    registries: [{ name: 'bench', tier: 'Premium', location: 'westeurope', replicas: ['eastus', 'southeastasia'], retentionDays: 7 }],
    workloads: [
      {
        preset: 'docker-hub-2017',
        repositories: { initial: 1000, growthPerMonth: 0 },
        pushes: { perRepositoryPerDay: pushesPerDay / 1000, weekly: [1, 1, 1, 1, 1, 1, 1], byRegion: { westeurope: 0.7, eastus: 0.3 } },
        tags: { strategy: 'unique', perRepository: 1 },
        pulls: { perDay: 500_000, byRegion: { westeurope: 0.5, eastus: 0.3, southeastasia: 0.2 } },
      },
    ],
    events: [{ kind: 'region-outage', region: 'eastus', at: 'P100D', duration: 'PT6H' }],
  };
}

const timed = (f) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};
const timedAsync = async (f) => {
  const t = performance.now();
  await f();
  return performance.now() - t;
};

// 1. Single run, with its two baselines in the same repetition: A, the same number of raw 32-bit
// draws through the same generator class; B, the same variates: as many lognormals (normal + exp)
// as the run drew, and the remaining 53-bit uniforms (two raw draws each), so the raw draw count
// matches too. Peak memory is read during the first repetition (later ones leave garbage behind).
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const PUSHES_PER_DAY = QUICK ? 1_000 : 10_000;
const sc = scenarioFromObject(scenarioInput(PUSHES_PER_DAY, 1));
simulateRun({ ...sc, horizonDays: 30 }, 0); // warm up the JIT
const rssBefore = process.memoryUsage().rss;
let reg;
const simMs = [];
const drawRatios = [];
const variateRatios = [];
const variateTimes = [];
let firstPeak = 0;
let maxRssKiB = 0;
let sink = 0;
for (let i = 0; i < Number(process.env.BENCH_SINGLE ?? (QUICK ? 2 : 3)); i++) {
  const ms = timed(() => (reg = simulateRun(sc, 0).registries[0]));
  if (i === 0) {
    clearInterval(sampler);
    firstPeak = Math.max(peakRss, process.memoryUsage().rss);
    maxRssKiB = resourceUsage().maxRSS;
  }
  const draws = timed(() => {
    const rng = Rng.forRun(1, 0, 0);
    for (let k = 0; k < reg.draws; k++) sink ^= rng.next32();
  });
  const vms = timed(() => (sink += variates(1, reg.normals, (reg.draws - 2 * reg.normals) / 2) > 0 ? 1 : 0));
  simMs.push(ms);
  drawRatios.push(ms / draws);
  variateRatios.push(ms / vms);
  variateTimes.push(vms);
}
const sim = median(simMs);
const variateMs = median(variateTimes);
const pushesPerSecond = simMs.map((ms) => reg.pushes / (ms / 1000) / 1e6);
console.log(`single run: ${reg.pushes.toLocaleString('en-US')} pushes in ${(sim / 1000).toFixed(2)} s (median of ${simMs.length})`);
figure('  pushes per second, millions', pushesPerSecond, '>=', 1, 'M');
console.log(`  simulation / the same number of raw 32-bit draws (${reg.draws.toLocaleString('en-US')}): ${median(drawRatios).toFixed(2)}x (each: ${each(drawRatios)}; sink ${sink & 1})`);
figure(`  simulation / the same variates (${reg.normals.toLocaleString('en-US')} lognormals + uniforms)`, variateRatios, '<=', 5);
const peakMiB = Math.max(firstPeak, maxRssKiB * 1024) / 2 ** 20;
console.log(`  peak memory of one run: rss sampled ${(firstPeak / 2 ** 20).toFixed(0)} MiB, maxRSS ${(maxRssKiB / 1024).toFixed(0)} MiB (goal <= 400 MiB) ${verdict(peakMiB, '<=', 400)}`);
const daily = reg.daily;
const manifests = daily.manifests ? Math.max(...daily.manifests) : reg.pushes;
console.log(`  memory per stored manifest: ${((Math.max(firstPeak, maxRssKiB * 1024) - rssBefore) / manifests).toFixed(0)} bytes (peak RSS over the RSS before the run, per manifest at the most stored: ${manifests.toLocaleString('en-US')}${daily.manifests ? '' : ', counted as pushes'})`);
console.log(`  stored at horizon: ${(reg.storedBytesAtHorizon / 2 ** 30).toFixed(1)} GiB, billed ${(reg.daily.billedBytes[364] / 2 ** 30).toFixed(1)} GiB`);

// 2. Monte Carlo 1 -> 2 workers (each worker pays its start-up once), and the reference: the same
// pull-one-task-at-a-time pool (pullPool) running compute-only tasks that last about as long as
// one Monte Carlo run (half the pushes of the run above) does in this thread.
const mc = scenarioFromObject(scenarioInput(PUSHES_PER_DAY / 2, 8));
const runMs = sim / 2;
const task = { normals: Math.round((reg.normals / 2) * (runMs / variateMs)), uniforms: Math.round(((reg.draws - 2 * reg.normals) / 4) * (runMs / variateMs)) };
const simulateWith = async (workers) => void (await simulateRuns(mc, { workers }));
const computeEntry = { entry: new URL('./compute-worker.mjs', import.meta.url), eval: false };
const computeWith = (workers) => pullPool(computeEntry, task, mc.runs, workers, () => {});
await simulateWith(2); // warm the file cache
await computeWith(2);
const ratios = { simulation: [], compute: [] };
const oneWorker = [];
// CPU the process spends beside the one worker's thread while it runs 8 runs: V8's compiler and GC
// threads (the worker's optimizing compiles) and the main thread. With one worker it runs on the
// idle second core for free; with two workers there is no idle core, so it is time taken from them.
const beside = [];
for (let i = 0; i < rounds(10); i++) {
  const cpu = process.cpuUsage();
  const s1 = await timedAsync(() => simulateWith(1));
  const used = process.cpuUsage(cpu);
  beside.push((used.user + used.system) / 1000 - s1);
  ratios.simulation.push(s1 / (await timedAsync(() => simulateWith(2))));
  oneWorker.push(s1);
  const c1 = await timedAsync(() => computeWith(1));
  ratios.compute.push(c1 / (await timedAsync(() => computeWith(2))));
}
console.log(`Monte Carlo ${mc.runs} runs x ${(PUSHES_PER_DAY * 365 / 2 / 1e6).toFixed(2)}M pushes (1 worker ${(median(oneWorker) / 1000).toFixed(2)} s)`);
figure('  speed-up 1 -> 2 workers', ratios.simulation, '>=', 1.7);
console.log(`  CPU beside the worker thread in the 1-worker Monte Carlo (compiler, GC, main thread): ${fmt(median(beside))} (each: ${beside.map((b) => fmt(b)).join(' ')})`);
console.log(`  reference: ${mc.runs} compute-only tasks as long as a run (the run's random variates), same pool, 1 -> 2 workers: ${median(ratios.compute).toFixed(2)}x (each: ${each(ratios.compute)}; sink ${sink & 1})`);
