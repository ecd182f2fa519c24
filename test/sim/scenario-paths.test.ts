/**
 * A scenario's `registries:` paths stay inside the working directory unless the user says
 * otherwise: a scenario from a pull request cannot make acrkit read files elsewhere.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../../lib/workflows/load-scenario.js';
import { runCli } from '../support/cli.js';

const fixtures = new URL('../fixtures/sim/', import.meta.url).pathname;

function layout(registries: string[]): { cwd: string } {
  const top = mkdtempSync(join(tmpdir(), 'acrkit-paths-'));
  const cwd = join(top, 'repo');
  mkdirSync(join(cwd, 'sim'), { recursive: true });
  cpSync(join(fixtures, 'fleet-dev.cdk.tf.json'), join(top, 'outside.cdk.tf.json'));
  cpSync(join(fixtures, 'fleet-dev.cdk.tf.json'), join(cwd, 'inside.cdk.tf.json'));
  writeFileSync(join(cwd, 'sim/s.yaml'), `horizon: P5D\nseed: 1\nruns: 1\nregistries:\n${registries.map((r) => `  - ${JSON.stringify(r)}`).join('\n')}\nworkloads:\n  - preset: small-team\n`);
  return { cwd };
}

test('a path relative to the scenario inside the working tree is read', async () => {
  const { cwd } = layout(['../inside.cdk.tf.json']);
  const sc = await loadScenario('sim/s.yaml', { cwd });
  expect(sc.registries.map((r) => r.name)).toEqual(['acrkitfleetdev']);
});

test.each([['../../outside.cdk.tf.json'], ['/etc/passwd']])('%s is refused with the line and the flag to allow it', async (path) => {
  const { cwd } = layout([path]);
  const r = await runCli(['simulate', '--scenario', 'sim/s.yaml', '--workers', '0'], { cwd });
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(`sim/s.yaml:5#/registries/0: a registries path must stay inside the working directory, got ${JSON.stringify(path)}`);
  expect(r.stderr).toContain('pass --allow-outside if you trust this scenario');
  expect(r.stderr).not.toMatch(/root:x:0/);
});

test('--allow-outside reads it', async () => {
  const { cwd } = layout(['../../outside.cdk.tf.json']);
  const r = await runCli(['simulate', '--scenario', 'sim/s.yaml', '--workers', '0', '--allow-outside', '--format', 'json'], { cwd });
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout).registries[0].name).toBe('acrkitfleetdev');
});
