import { fileURLToPath } from 'node:url';
import { main } from '../../lib/cli/main.js';
import type { CliIO } from '../../lib/cli/io.js';
import type { SimulationResult } from '../../lib/sim/results/result.js';
import { headline } from '../../lib/report/simulation/headline.js';

const fixtures = fileURLToPath(new URL('../fixtures/sim/', import.meta.url));

function io(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), isTTY: false, env: {}, cwd: fixtures };
}

describe('acrkit simulate', () => {
  test('JSON output carries seed and runs; a failed assertion exits 1', async () => {
    const x = io();
    const code = await main(['simulate', '--scenario', 'inline.json', '--runs', '3', '--seed', '9', '--workers', '0', '--format', 'json'], x);
    const r = JSON.parse(x.stdout.join('')) as SimulationResult;
    expect(code).toBe(1); // monthly cost below $1 cannot hold for a Premium registry
    expect(r).toMatchObject({ seed: 9, runs: 3, horizonDays: 10, passed: false });
    expect(r.assertions[0]).toMatchObject({ kind: 'monthly-cost-below', subject: 'fleet', threshold: 1, passed: false, where: 'inline.json:7' });
    expect(r.registries[0]!.daily.costUsd.p50).toHaveLength(10);
    expect(headline(r)).toMatch(/^What-if \(3 runs, seed 9, 10 days\): fleet cost up to \$/);
  });

  test('bad scenario: exit 2 with file:line', async () => {
    const x = io();
    expect(await main(['simulate', '--scenario', 'bad-field.yaml'], x)).toBe(2);
    expect(x.stderr.join('')).toContain('bad-field.yaml:9#/workloads/0/pushes/perRepoPerDay');
  });

  test('text and markdown reports', async () => {
    const x = io();
    expect(await main(['simulate', '--scenario', 'inline.json', '--workers', '0', '--format', 'markdown'], x)).toBe(1);
    expect(x.stdout.join('')).toContain('## acrkit simulate: inline.json');
    expect(x.stdout.join('')).toContain('| FAIL | fleet |');
  });
});
