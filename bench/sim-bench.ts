/**
 * Simulator benchmark (not part of `npm test`): `npm run build && npx tsx bench/sim-bench.ts`
 * (it measures the compiled simulator in dist/, as the CLI runs it).
 *
 * 1. One run of 1 year, 1,000 repositories, 10,000 pushes a day (3.65M pushes): pushes per
 *    second, the ratio to drawing the same random numbers alone (same process), peak memory.
 * 2. Monte Carlo speed-up from 1 to 2 worker threads on a smaller scenario.
 * Goals: >= 1M pushes/s, <= 5x the draws alone, <= 1 GiB peak, speed-up >= 1.7x.
 */
import { resourceUsage } from 'node:process';
import { simulateRun } from '../dist/lib/sim/engine.js';
import { simulateRuns } from '../dist/lib/sim/montecarlo.js';
import { Rng } from '../dist/lib/sim/random.js';
import { scenarioFromObject } from '../dist/lib/sim/scenario.js';
import type { ScenarioInput } from '../dist/lib/sim/scenario-types.js';

function scenarioInput(pushesPerDay: number, runs: number): ScenarioInput {
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

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

const sc = scenarioFromObject(scenarioInput(10_000, 1));
simulateRun({ ...sc, horizonDays: 30 }, 0); // warm up the JIT
const t0 = performance.now();
const run = simulateRun(sc, 0);
const simMs = performance.now() - t0;
const reg = run.registries[0]!;
peakRss = Math.max(peakRss, process.memoryUsage().rss);

// Baseline A: the same number of raw 32-bit draws, through the same generator class.
const rng = Rng.forRun(1, 0, 0);
const t1 = performance.now();
let sink = 0;
for (let i = 0; i < reg.draws; i++) sink ^= rng.next32();
const drawMs = performance.now() - t1;
// Baseline B: the same variates: as many lognormals (normal + exp) as the run drew, and the
// remaining 53-bit uniforms (two raw draws each), so the raw draw count matches too.
const rngB = Rng.forRun(1, 0, 1);
const t2 = performance.now();
let acc = 0;
for (let i = 0; i < reg.normals; i++) acc += Math.exp(0.5 + 1.2 * rngB.normal());
const left = (reg.draws - rngB.draws) / 2;
for (let i = 0; i < left; i++) acc += rngB.uniform();
const variateMs = performance.now() - t2;

clearInterval(sampler);
const maxRssKiB = resourceUsage().maxRSS;
console.log(`single run: ${reg.pushes.toLocaleString('en-US')} pushes in ${(simMs / 1000).toFixed(2)} s = ${Math.round(reg.pushes / (simMs / 1000)).toLocaleString('en-US')} pushes/s`);
console.log(`raw draws alone: ${reg.draws.toLocaleString('en-US')} 32-bit draws in ${(drawMs / 1000).toFixed(3)} s; simulation / raw draws = ${(simMs / drawMs).toFixed(2)}x (sink ${sink & 1})`);
console.log(`same variates alone: ${reg.normals.toLocaleString('en-US')} lognormals + uniforms (${rngB.draws.toLocaleString('en-US')} draws) in ${(variateMs / 1000).toFixed(3)} s; simulation / variates = ${(simMs / variateMs).toFixed(2)}x (goal <= 5x; checksum ${acc > 0 ? 'ok' : 'zero'})`);
console.log(`peak memory: rss sampled ${(peakRss / 2 ** 20).toFixed(0)} MiB, maxRSS ${(maxRssKiB / 1024).toFixed(0)} MiB`);
console.log(`stored at horizon: ${(reg.storedBytesAtHorizon / 2 ** 30).toFixed(1)} GiB, billed ${(reg.daily.billedBytes[364]! / 2 ** 30).toFixed(1)} GiB`);

// Monte Carlo speed-up 1 -> 2 workers (each worker pays its start-up once).
const mc = scenarioFromObject(scenarioInput(5_000, 8));
const time = async (workers: number): Promise<number> => {
  const t = performance.now();
  await simulateRuns(mc, { workers });
  return performance.now() - t;
};
await time(2); // warm the file cache
// Interleaved repetitions, medians: one pair of timings swings by tens of percent here.
const reps = Number(process.env.BENCH_RUNS ?? 3);
const oneWorker: number[] = [];
const twoWorkers: number[] = [];
for (let i = 0; i < reps; i++) {
  oneWorker.push(await time(1));
  twoWorkers.push(await time(2));
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const w1 = median(oneWorker);
const w2 = median(twoWorkers);
console.log(`Monte Carlo 8 runs x 1.8M pushes, median of ${reps} interleaved: 1 worker ${(w1 / 1000).toFixed(2)} s, 2 workers ${(w2 / 1000).toFixed(2)} s, speed-up ${(w1 / w2).toFixed(2)}x (goal >= 1.7x)`);
