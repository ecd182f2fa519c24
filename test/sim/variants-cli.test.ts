import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../lib/cli/main.js';
import type { CliIO } from '../../lib/cli/io.js';
import type { ComparisonResult } from '../../lib/sim/variants/compare.js';
import { compareScenarioVariants } from '../../lib/workflows/variants.js';
import { UsageError } from '../../lib/errors.js';

const fixtures = fileURLToPath(new URL('../fixtures/sim/', import.meta.url));

function io(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), isTTY: false, env: {}, cwd: fixtures };
}

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const x = io();
  const code = await main(['simulate', '--scenario', 'variants.yaml', '--workers', '0', ...args], x);
  return { code, out: x.stdout.join(''), err: x.stderr.join('') };
}

describe('acrkit simulate with variants', () => {
  test('text: figures, paired deltas, the recommendation; names from the scenario shown escaped', async () => {
    const r = await run();
    expect(r.code).toBe(0);
    expect(r.out).toContain('acrkit simulate: retention choice, variants side by side');
    expect(r.out).toMatch(/^Variant +Settings +Stored at horizon +Max monthly cost +Total cost +First day over included/m);
    expect(r.out).toContain('standard <img src=x> | *now* (baseline)');
    expect(r.out).toContain('Paired difference from standard <img src=x> | *now* (median, p10-p90 over runs)');
    expect(r.out).toMatch(/Recommended: standard <img src=x> \| \*now\*, the cheapest variant that passes every assertion/);
    expect(r.out).toContain('premium retention 30 \\x1B[31mred');
    expect(r.out).not.toContain('\x1b');
  });

  test('markdown: tables with every name escaped; json: the comparison', async () => {
    const md = await run('--format', 'markdown');
    expect(md.out).toContain('## acrkit simulate: retention choice, variants side by side');
    expect(md.out).toContain('| standard \\<img src=x\\> \\| \\*now\\* (baseline) |');
    expect(md.out).not.toMatch(/[^\\]<img/);
    const json = await run('--format', 'json');
    const c = JSON.parse(json.out) as ComparisonResult;
    expect(c).toMatchObject({ kind: 'variant-comparison', runs: 3, seed: 3, horizonDays: 40, passed: true });
    expect(c.variants.map((v) => [v.name, v.passed, v.sameDraws])).toEqual([
      ['standard <img src=x> | *now*', true, true],
      ['premium retention 7', false, true],
      ['premium retention 30 \x1b[31mred', false, true],
    ]);
    expect(c.variants[1]!.deltas!.storedBytesAtHorizon!.p50).toBeLessThan(0);
  });

  test('--vary replaces the scenario variants; no variant passing exits 1 naming the failures', async () => {
    const r = await run('--vary', 'tier=Premium', '--vary', 'retentionDays=0,7', '--format', 'json');
    const c = JSON.parse(r.out) as ComparisonResult;
    expect(c.variants.map((v) => v.name)).toEqual(['tier=Premium, retentionDays=0', 'tier=Premium, retentionDays=7']);
    expect(c.recommendation.text).toMatch(/^No variant passes every assertion: tier=Premium, retentionDays=0 fails monthly cost of the fleet below \$45 \(fleet\) \| /);
    expect(r.code).toBe(1);
  });

  test('a bad --vary is a usage error (exit 2) naming the key and the fix', async () => {
    const r = await run('--vary', 'retention=7');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--vary must be key=value,value with a key from tier, retentionDays, softDeleteDays, replicas, got "retention=7": e.g. --vary retentionDays=0,7,30.');
    const s = await run('--vary', 'tier=Gold');
    expect(s.code).toBe(2);
    expect(s.err).toContain('--vary tier must list tiers from Basic, Standard, Premium, got "Gold"');
    const out = await run('--out', join(mkdtempSync(join(tmpdir(), 'acrkit-variants-')), 'variants.md'), '--format', 'markdown');
    expect(out.code).toBe(0);
    expect(out.err).toMatch(/^acrkit: Recommended: standard <img src=x> \| \*now\*, the cheapest/);
    const shard = await run('--shard', '1/2');
    expect(shard.code).toBe(2);
    expect(shard.err).toContain('got 3 variants');
  });

  test('html: a line per variant in each series chart, names escaped', async () => {
    const r = await run('--format', 'html');
    expect(r.code).toBe(0);
    expect(r.out).toContain('<h1>acrkit simulate: retention choice, variants side by side</h1>');
    expect(r.out).not.toContain('<img src=x>');
    expect(r.out).toContain('standard &lt;img src=x&gt; | *now*');
    expect(r.out).toContain('premium retention 30 \\x1B[31mred');
    expect(r.out).not.toContain('\x1b');
    for (const id of ['variants-stored', 'variants-billed', 'variants-cost']) {
      const fig = r.out.slice(r.out.indexOf(`id="fig-${id}"`));
      const svg = fig.slice(0, fig.indexOf('</svg>'));
      // A line mark split by variant renders one mark group (with its path) per variant.
      expect(svg.match(/class="mark-line role-mark variant_line_marks"[^>]*><path /g)).toHaveLength(3);
    }
    expect(r.out).toContain('id="fig-variants-storedBytesAtHorizon"');
  }, 120000);

  test('library: compareScenarioVariants takes --vary values, and refuses a scenario without variants', async () => {
    const c = await compareScenarioVariants('variants.yaml', { cwd: fixtures, workers: 0, runs: 2, vary: ['retentionDays=0,30', 'tier=Premium'] });
    expect(c.variants.map((v) => v.name)).toEqual(['retentionDays=0, tier=Premium', 'retentionDays=30, tier=Premium']);
    expect(c.runs).toBe(2);
    await expect(compareScenarioVariants('inline.json', { cwd: fixtures, workers: 0 })).rejects.toThrow(UsageError);
  });
});
