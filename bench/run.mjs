// `npm run bench`: every benchmark, one after another. Not part of `npm test`.
import { execFileSync } from 'node:child_process';

const benches = [['node', ['bench/synth-bench.mjs']]];
for (const [cmd, args] of benches) {
  execFileSync(cmd === 'node' ? process.execPath : cmd, args, { stdio: 'inherit' });
  console.log('');
}
