/**
 * Bounded cost (issue 17): --workers is capped at the CPU count with a note, --runs above the
 * scenario schema's maximum is a usage error (exit 2) with one clear sentence.
 */
import { availableParallelism } from 'node:os';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { capWorkers, MAX_RUNS } from '../../lib/cli/sim-options.js';
import { SCENARIO_SCHEMA } from '../../lib/sim/scenario/parse.js';
import { runCli } from '../support/cli.js';

function tree(): string {
  const cwd = mkdtempSync(join(tmpdir(), 'acrkit-caps-'));
  writeFileSync(join(cwd, 's.yaml'), `horizon: P2D\nseed: 1\nruns: 1\nregistries:\n  - name: acrcaps\n    tier: Basic\n    location: westeurope\nworkloads:\n  - preset: small-team\n`);
  return cwd;
}

test('MAX_RUNS is the schema maximum', () => {
  expect(MAX_RUNS).toBe((SCENARIO_SCHEMA as { properties: { runs: { maximum: number } } }).properties.runs.maximum);
});

test.each([['simulate'], ['review']])('%s --runs above the maximum exits 2 with one sentence', async (verb) => {
  const cwd = tree();
  const argv = verb === 'simulate' ? ['simulate', '--scenario', 's.yaml', '--runs', String(MAX_RUNS * 10 ** 6)] : ['review', 'plan.json', '--scenario', 's.yaml', '--runs', '1e9'];
  const r = await runCli(argv, { cwd });
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(`--runs must be at most ${MAX_RUNS} (the scenario schema's maximum), got`);
});

test('--workers 1000 is capped at the CPU count with a note', async () => {
  const err: string[] = [];
  expect(capWorkers(1000, { err: (t) => err.push(t) }, 4)).toBe(4);
  expect(err.join('')).toBe('acrkit: --workers 1000 is more than the 4 CPUs here: using 4.\n');
  expect(capWorkers(2, { err: (t) => err.push(t) }, 4)).toBe(2);
  expect(capWorkers(undefined, { err: (t) => err.push(t) }, 4)).toBeUndefined();
  expect(err).toHaveLength(1);
});

test('simulate --workers 1000 runs and says it capped', async () => {
  const cwd = tree();
  const r = await runCli(['simulate', '--scenario', 's.yaml', '--workers', '1000', '--format', 'json'], { cwd });
  expect(r.stderr).toContain(`--workers 1000 is more than the ${availableParallelism()} CPUs here`);
  expect([0, 1]).toContain(r.code);
}, 30_000);
