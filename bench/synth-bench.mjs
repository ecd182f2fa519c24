// Whole-process synth of a 100-registry fleet: acrkit vs hand-written L1 (deep imports) vs
// hand-written L1 (barrel import). Prints median times and the median of per-round ratios.
// Needs `npm run build` first.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, list, median, roundRatio, rounds, timeRounds } from './timing.mjs';

const here = new URL('.', import.meta.url).pathname;
const runs = rounds(7);
const variants = {
  acrkit: [join(here, 'synth/fleet-acrkit.mjs')],
  'L1 deep import': [join(here, 'synth/fleet-l1.mjs'), 'deep'],
  'L1 barrel import': [join(here, 'synth/fleet-l1.mjs'), 'barrel'],
};
const outdirs = {};
const fns = {};
for (const [name, [script, ...args]] of Object.entries(variants)) {
  outdirs[name] = mkdtempSync(join(tmpdir(), 'acrkit-bench-'));
  fns[name] = () => execFileSync(process.execPath, [script, outdirs[name], ...args], { stdio: 'pipe' });
}
const times = timeRounds(runs, fns);
for (const [name, dir] of Object.entries(outdirs)) {
  const json = JSON.parse(readFileSync(join(dir, 'stacks/fleet/cdk.tf.json'), 'utf8'));
  const count = Object.keys(json.resource.azurerm_container_registry).length;
  if (count !== 100) throw new Error(`${name} synthesized ${count} registries, expected 100`);
}
console.log(`synth: 100 Premium registries (2 replicas, private endpoint, diagnostics, lock), whole process, ${runs} interleaved rounds`);
for (const [name, ms] of Object.entries(times)) console.log(`  ${name.padEnd(18)} median ${fmt(median(ms))}`);
const deep = roundRatio(times.acrkit, times['L1 deep import']);
const barrel = roundRatio(times.acrkit, times['L1 barrel import']);
console.log(`  acrkit / L1 deep   ${deep.median.toFixed(2)}x (goal <= 1.15x) ${deep.median <= 1.15 ? 'ok' : 'MISS'}; each round: ${list(deep.each)}`);
console.log(`  acrkit / L1 barrel ${barrel.median.toFixed(2)}x (goal <= 0.30x) ${barrel.median <= 0.3 ? 'ok' : 'MISS'}; each round: ${list(barrel.each)}`);
for (const dir of Object.values(outdirs)) rmSync(dir, { recursive: true, force: true });
