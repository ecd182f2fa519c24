/**
 * The installed entry points, as a user runs them on a fresh clone after `npm ci`
 * (npm test builds dist/ first, through its pretest script).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertDistFresh } from '../support/dist.js';

const root = new URL('../../', import.meta.url).pathname;
const env = { ...process.env, CHECKPOINT_DISABLE: '1', NODE_OPTIONS: '' };

test('dist is built and current (npm test runs the build first)', () => {
  expect(existsSync(join(root, 'dist/lib/cli/main.js'))).toBe(true);
  assertDistFresh();
});

test('the acrkit bin (what npx acrkit runs) gives 10/100/500 GiB included storage', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  expect(pkg.bin).toEqual({ acrkit: 'bin/acrkit.cjs' });
  const out = execFileSync(process.execPath, [join(root, pkg.bin.acrkit), 'tiers', '--format', 'json'], { cwd: root, env, encoding: 'utf8' });
  expect(JSON.parse(out).map((t: { includedStorageGiB: number }) => t.includedStorageGiB)).toEqual([10, 100, 500]);
});

test('acrkit --version from the bin (dist/) prints the version in package.json', () => {
  assertDistFresh();
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const out = execFileSync(process.execPath, [join(root, pkg.bin.acrkit), '--version'], { cwd: tmpdir(), env, encoding: 'utf8' });
  expect(out).toBe(`${pkg.version}\n`);
});
