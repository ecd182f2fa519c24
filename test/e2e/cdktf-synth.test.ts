/**
 * `npx cdktf synth` (what the README and cdktf.json promise) through the real cdktf CLI: slow
 * (the CLI starts several processes), so it runs in `npm run test:e2e`, which CI runs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const env = { ...process.env, CHECKPOINT_DISABLE: '1', NODE_OPTIONS: '' };

test('npx cdktf synth writes cdktf.out/stacks/*/cdk.tf.json with azurerm_container_registry resources', () => {
  const out = mkdtempSync(join(tmpdir(), 'acrkit-cdktf-'));
  execFileSync('npx', ['--no-install', 'cdktf', 'synth', '--output', out], { cwd: root, env, encoding: 'utf8', stdio: 'pipe' });
  const stacks = readdirSync(join(out, 'stacks')).sort();
  expect(stacks).toEqual(['fleet-dev', 'fleet-prod', 'fleet-staging']);
  for (const s of stacks) {
    const json = JSON.parse(readFileSync(join(out, 'stacks', s, 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(json.resource.azurerm_container_registry)).toHaveLength(1);
  }
}, 60_000);
