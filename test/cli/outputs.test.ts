/**
 * Where the CLI writes: `--out` is written whole or not at all, never over an input, and a path
 * it cannot write is exit 2 with a sentence (never 70 and a stack trace); a closed stdout pipe
 * ends the process quietly.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { assertDistFresh } from '../support/dist.js';

const root = new URL('../../', import.meta.url).pathname;
const plan = join(root, 'test/fixtures/plan/replace.json');

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'acrkit-out-'));
}

test('--out writes the report and leaves no temporary file', async () => {
  const d = dir();
  const r = await runCli(['check', plan, '--format', 'json', '--out', 'reports/check.json'], { cwd: d });
  expect(r.code).toBe(1);
  expect(JSON.parse(readFileSync(join(d, 'reports/check.json'), 'utf8')).findings.length).toBeGreaterThan(0);
  expect(readdirSync(join(d, 'reports'))).toEqual(['check.json']);
});

test('--out equal to an input is refused and the input is left as it was', async () => {
  const d = dir();
  const copy = join(d, 'plan.json');
  writeFileSync(copy, readFileSync(plan));
  const r = await runCli(['check', 'plan.json', '--format', 'json', '--out', './plan.json'], { cwd: d });
  expect(r.code).toBe(2);
  expect(r.stderr).toBe('acrkit: --out must not be one of the inputs, got ./plan.json, which the run reads: write the report to another file.\n');
  expect(readFileSync(copy, 'utf8')).toBe(readFileSync(plan, 'utf8'));
});

test.each([
  ['a directory', (d: string) => (mkdirSync(join(d, 'out')), 'out'), /got out: a directory; choose another path\.\n$/],
  ['a path under a file', (d: string) => (writeFileSync(join(d, 'file'), 'x'), 'file/report.json'), /got file\/report.json: a path through a file \(ENOTDIR\); choose another path\.\n$/],
])('--out to %s: exit 2 with the path and the reason', async (_, make, reason) => {
  const d = dir();
  const out = make(d);
  const r = await runCli(['check', plan, '--format', 'json', '--out', out], { cwd: d });
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^acrkit: --out must be a file acrkit can write, /);
  expect(r.stderr).toMatch(reason);
  expect(r.stderr).not.toMatch(/\n\s+at /);
});

test('--out to a device is refused before anything is written (/dev/full stays a device)', async () => {
  const r = await runCli(['check', plan, '--format', 'json', '--out', '/dev/full']);
  expect(r.code).toBe(2);
  expect(r.stderr).toBe('acrkit: --out must be a file acrkit can write, got /dev/full: not a regular file (a device or a pipe); choose another path.\n');
});

test('a closed stdout pipe ends the CLI quietly (no EPIPE stack trace)', () => {
  assertDistFresh();
  const r = spawnSync('bash', ['-c', `node ${join(root, 'bin/acrkit.cjs')} tiers --format json | head -c 1 >/dev/null; echo "rc=\${PIPESTATUS[0]}" >&2`], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  expect(r.stderr).not.toMatch(/EPIPE|Error/);
  expect(r.stderr).toMatch(/rc=0/);
});

test('start in a folder it cannot write: exit 2 naming the path, not an internal error', async () => {
  const d = dir();
  writeFileSync(join(d, 'acrkit-report'), 'a file where the report folder would go');
  const r = await runCli(['start', '--runs', '1', '--report', 'acrkit-report/what-if.html'], { cwd: d });
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^acrkit: .*acrkit-report.* must be usable, got .*\((ENOTDIR|EEXIST)\): check the path and its permissions\.\n$/m);
  expect(r.stderr).not.toMatch(/internal error/);
}, 60_000);
