// `npm run bench`: every benchmark, one after another (after `npm run build`). Not part of
// `npm test`. Each prints its figures as ratios against a baseline measured in the same run.
import { execFileSync } from 'node:child_process';

const tsx = new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url).pathname;
const benches = [
  ['synth: acrkit vs hand-written L1', [process.execPath, ['bench/synth-bench.mjs']]],
  ['check: 1,000-registry plan vs JSON.parse', [process.execPath, ['bench/check-bench.mjs']]],
  ['simulate: 3.65M pushes, random-draw floor, memory, workers', [process.execPath, [tsx, 'bench/sim-bench.ts']]],
];
for (const [title, [cmd, args]] of benches) {
  console.log(`== ${title}`);
  execFileSync(cmd, args, { stdio: 'inherit' });
  console.log('');
}
