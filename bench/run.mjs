// `npm run bench`: every benchmark, one after another (after `npm run build`). Not part of
// `npm test`. Each prints its figures as ratios against a baseline measured in the same run, with
// its goal and ok or MISS. BENCH_QUICK=1 cuts sizes and rounds to check the scripts run (its
// figures are not to keep); BENCH_ONLY=check,fleet runs only the benchmarks named.
import { execFileSync } from 'node:child_process';

const benches = [
  ['synth', 'synth: acrkit vs hand-written L1', [process.execPath, ['bench/synth-bench.mjs']]],
  ['check', 'check: 1,000- and 10,000-registry plans vs JSON.parse', [process.execPath, ['bench/check-bench.mjs']]],
  ['check-tf', 'check: 500 .tf files (100 registries over local modules) vs the HCL parse alone', [process.execPath, ['bench/check-tf-bench.mjs']]],
  ['sim', 'simulate: 3.65M pushes, random-draw floor, memory, workers', [process.execPath, ['bench/sim-bench.mjs']]],
  ['fleet', 'fleet: 50 registries x 100 runs, 1 vs 2 workers; 4 shards + merge vs one process', [process.execPath, ['bench/fleet-bench.mjs']]],
];
const only = process.env.BENCH_ONLY?.split(',');
for (const [id, title, [cmd, args]] of benches) {
  if (only && !only.includes(id)) continue;
  console.log(`== ${title}`);
  execFileSync(cmd, args, { stdio: 'inherit' });
  console.log('');
}
