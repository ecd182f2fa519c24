/**
 * Seeds (issue 17): the random streams take a 32-bit seed, so seeds 2^32 apart used to give the
 * same runs. A seed above 2^32 - 1 is now refused everywhere it can enter: `--seed`, the
 * scenario's `seed`, and Rng.forRun itself; every seed in range has its own streams.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import schema from '../../lib/sim/scenario/scenario.schema.json' with { type: 'json' };
import { integerAtLeast } from '../../lib/cli/options.js';
import { MAX_SEED, Rng } from '../../lib/sim/random/random.js';
import { runCli } from '../support/cli.js';

const draws = (seed: number): number[] => {
  const r = Rng.forRun(seed, 0, 0);
  return Array.from({ length: 4 }, () => r.next32());
};

test('two seeds differing only above bit 32 are refused, never aliased', () => {
  expect(MAX_SEED).toBe(2 ** 32 - 1);
  expect(() => Rng.forRun(1 + 2 ** 32, 0, 0)).toThrow(`seed must be an integer from 0 to ${MAX_SEED}, got ${1 + 2 ** 32}`);
  expect(() => Rng.forRun(2 ** 53, 0, 0)).toThrow(RangeError);
  expect(() => Rng.forRun(-1, 0, 0)).toThrow(RangeError);
  expect(() => Rng.forRun(1.5, 0, 0)).toThrow(RangeError);
  // In range, the high bits matter: seeds differing only in bit 31 (or bit 0) differ.
  expect(draws(2 ** 31 + 1)).not.toEqual(draws(1));
  expect(draws(MAX_SEED)).not.toEqual(draws(MAX_SEED - 1));
  expect(draws(MAX_SEED)).toEqual(draws(MAX_SEED));
});

test("the scenario schema's seed maximum is the RNG's", () => {
  expect((schema as { properties: { seed: { maximum: number } } }).properties.seed.maximum).toBe(MAX_SEED);
});

test('--seed takes 0 to 2^32 - 1 and refuses larger seeds with the reason', () => {
  const seed = integerAtLeast('--seed', 0);
  expect(seed('0')).toBe(0);
  expect(seed(String(MAX_SEED))).toBe(MAX_SEED);
  expect(() => seed('4294967297')).toThrow("--seed must be an integer from 0 to 4294967295 (a larger seed would repeat the runs of a smaller one), got '4294967297'.");
  expect(() => seed('1e300')).toThrow('--seed must be an integer from 0 to 4294967295');
  // Other integer options are held to exact integers.
  expect(() => integerAtLeast('--horizon-days', 1)('9007199254740993')).toThrow(`--horizon-days must be an integer from 1 to ${Number.MAX_SAFE_INTEGER}, got '9007199254740993'.`);
});

describe('the CLI', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'acrkit-seed-'));
  writeFileSync(join(cwd, 's.yaml'), 'horizon: P2D\nseed: 1\nruns: 1\nregistries:\n  - name: acrseed\n    tier: Basic\n    location: westeurope\nworkloads:\n  - preset: small-team\n');
  writeFileSync(join(cwd, 'big.yaml'), 'horizon: P2D\nseed: 4294967297\nruns: 1\nregistries:\n  - name: acrseed\n    tier: Basic\n    location: westeurope\nworkloads:\n  - preset: small-team\n');

  test.each([['simulate', '--scenario', 's.yaml', '--workers', '0'], ['review', '--scenario', 's.yaml', '--base', 's.yaml', '--head', 's.yaml']])('%s --seed 2^32 + 1 is a usage error (exit 2)', async (...argv) => {
    const r = await runCli([...argv, '--seed', String(2 ** 32 + 1)], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--seed must be an integer from 0 to 4294967295 (a larger seed would repeat the runs of a smaller one)');
  });

  test('simulate --seed 2^32 - 1 runs; a scenario seed above it is an input error at /seed', async () => {
    const ok = await runCli(['simulate', '--scenario', 's.yaml', '--workers', '0', '--format', 'json', '--seed', String(MAX_SEED)], { cwd });
    expect(ok.stderr).not.toContain('seed');
    expect([0, 1]).toContain(ok.code);
    const big = await runCli(['simulate', '--scenario', 'big.yaml', '--workers', '0'], { cwd });
    expect(big.code).toBe(2);
    expect(big.stderr).toMatch(/big\.yaml:2#\/seed: .*4294967295/);
  });
});
