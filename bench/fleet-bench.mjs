/**
 * Fleet benchmarks (not part of `npm test`): `npm run build && node bench/fleet-bench.mjs` (no TypeScript loader in the process or its workers).
 *
 * (a) A fleet of 50 registries (mixed tiers and presets, Premium ones with 1-3 replicas) x 100
 *     runs of a year through the Monte Carlo (dist/lib/sim/montecarlo.js): wall time on 1 worker
 *     thread / on 2. Goal >= 1.7x.
 * (b) The same simulation through the compiled CLI: 4 shards (`simulate --shard i/4 --out`) run one
 *     after another, then `simulate merge --format json`, against one `simulate --format json`
 *     process. Goal: the shards and the merge take at most 5% more than the one process (the
 *     merge's own share is printed too). The merged JSON must equal the one process's, byte for
 *     byte (checked every round).
 * Variants run interleaved and each ratio is taken within a round (bench/README.md: method).
 * BENCH_QUICK=1: 10 registries x 8 runs of 120 days, 2 rounds, to check the script runs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulateRuns } from '../dist/lib/sim/montecarlo.js';
import { scenarioFromObject } from '../dist/lib/sim/scenario/resolve.js';
import { fleetScenario } from './fleet.mjs';
import { QUICK, figure, fmt, median, rounds, verdict } from './timing.mjs';

const REGISTRIES = Number(process.env.FLEET_REGISTRIES ?? (QUICK ? 10 : 50));
const RUNS = Number(process.env.FLEET_RUNS ?? (QUICK ? 8 : 100));
const DAYS = QUICK ? 120 : 365;
const ROUNDS = rounds(3);
const SHARDS = 4;
const root = new URL('../', import.meta.url).pathname;
const input = fleetScenario(REGISTRIES, RUNS, DAYS);
const sc = scenarioFromObject(input);

const now = () => performance.now();
async function timed(f) {
  const t = now();
  await f();
  return now() - t;
}

// FLEET_PARTS=a or =b runs only that part (default both).
const parts = process.env.FLEET_PARTS ?? 'ab';

// (a) 1 worker vs 2 workers, in this process.
console.log(`fleet: ${REGISTRIES} registries (${(input.registries ?? []).filter((r) => typeof r === 'object' && r.tier === 'Premium').length} Premium), ${RUNS} runs of ${DAYS} days, ${ROUNDS} interleaved rounds`);
if (parts.includes('a')) {
  await simulateRuns(sc, { workers: 2, runIndices: [0, 1] }); // warm the file cache and the JIT of this thread
  const speedUps = [];
  const one = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t1 = await timed(() => simulateRuns(sc, { workers: 1 }));
    const t2 = await timed(() => simulateRuns(sc, { workers: 2 }));
    one.push(t1);
    speedUps.push(t1 / t2);
  }
  console.log(`  1 worker: median ${fmt(median(one))}`);
  figure('  (a) Monte Carlo 1 -> 2 workers', speedUps, '>=', 1.7);
}

// (b) 4 shards one after another + merge, against one process, through the compiled CLI.
if (parts.includes('b')) {
  const dir = mkdtempSync(join(tmpdir(), 'acrkit-fleet-bench-'));
  writeFileSync(join(dir, 'fleet.json'), JSON.stringify(input));
  const cli = join(root, 'bin/acrkit.cjs');
  function acrkit(args) {
    const t = now();
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, maxBuffer: 1 << 30 });
    if (r.status !== 0 && r.status !== 1) throw new Error(`acrkit ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
    return now() - t;
  }
  // --allow-large: 100 runs of this fleet are about 150M pushes, over the CLI's default cost limit.
  const common = ['--scenario', 'fleet.json', '--workers', '2', '--allow-large'];
  const overheads = [];
  const mergeShares = [];
  const whole = [];
  for (let i = 0; i < ROUNDS; i++) {
    const single = acrkit(['simulate', ...common, '--format', 'json', '--out', 'one.json']);
    let sharded = 0;
    for (let s = 1; s <= SHARDS; s++) sharded += acrkit(['simulate', ...common, '--shard', `${s}/${SHARDS}`, '--out', `part-${s}.json`]);
    const merge = acrkit(['simulate', 'merge', ...Array.from({ length: SHARDS }, (_, s) => `part-${s + 1}.json`), '--format', 'json', '--out', 'merged.json']);
    if (readFileSync(join(dir, 'merged.json'), 'utf8') !== readFileSync(join(dir, 'one.json'), 'utf8')) throw new Error('the merged JSON differs from the one process: a bug');
    whole.push(single);
    overheads.push(((sharded + merge) / single - 1) * 100);
    mergeShares.push((merge / (sharded + merge)) * 100);
  }
  console.log(`  one process: median ${fmt(median(whole))}; merged JSON byte-identical to it in every round`);
  figure(`  (b) ${SHARDS} shards one after another + merge, over one process`, overheads, '<=', 5, '%', 1);
  // The goal read the other way, the merge step alone as a share of the sharded total, for reference.
  console.log(`      the merge step alone: median ${median(mergeShares).toFixed(1)}% of the sharded total (${verdict(median(mergeShares), '<=', 5)} if the goal means the merge's share; rounds ${mergeShares.map((m) => m.toFixed(1)).join(' ')})`);
  rmSync(dir, { recursive: true, force: true });
}
