import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';

describe('acrkit tiers', () => {
  test('--format json: included storage 10/100/500 GiB, limits, prices and features', async () => {
    const { code, stdout } = await runCli(['tiers', '--format', 'json']);
    expect(code).toBe(0);
    const tiers = JSON.parse(stdout);
    expect(tiers.map((t: any) => [t.name, t.includedStorageGiB, t.storageLimitTiB, t.dailyPriceUsd])).toEqual([
      ['Basic', 10, 40, 0.167],
      ['Standard', 100, 40, 0.667],
      ['Premium', 500, 100, 1.667],
    ]);
    expect(tiers[2].features).toEqual(expect.arrayContaining(['geoReplication', 'customerManagedKey', 'retentionPolicy']));
    expect(tiers[0].features).not.toContain('geoReplication');
  });

  test('text and markdown tables', async () => {
    const text = await runCli(['tiers']);
    expect(text.stdout).toMatch(/^Tier\s+Included\s+Limit/);
    expect(text.stdout).toContain('Premium   500 GiB');
    const md = await runCli(['tiers', '--format', 'markdown']);
    expect(md.stdout).toContain('| Tier | Included | Limit |');
  });

  test('--out writes a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acrkit-tiers-'));
    const { code, stdout } = await runCli(['tiers', '--format', 'json', '--out', 'out/tiers.json'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'out/tiers.json'), 'utf8'))).toHaveLength(3);
  });

  test('bad usage exits 2 with a message', async () => {
    const bad = await runCli(['tiers', '--format', 'yaml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/argument 'yaml' is invalid. Allowed choices are text, json, markdown/);
    const unknownVerb = await runCli(['frobnicate']);
    expect(unknownVerb.code).toBe(2);
    expect(unknownVerb.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  test('--help and --version exit 0', async () => {
    expect((await runCli(['--help'])).code).toBe(0);
    const v = await runCli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
