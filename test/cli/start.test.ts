import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';

test('acrkit start synthesizes the fleet and prints one line per registry', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'acrkit-start-'));
  const { code, stdout, stderr } = await runCli(['start'], { cwd: dir });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  expect(existsSync(join(dir, 'cdktf.out/stacks/fleet-prod/cdk.tf.json'))).toBe(true);
  const lines = stdout.split('\n');
  expect(lines.find((l) => l.startsWith('fleet-dev/registry'))).toMatch(/Basic\s+westeurope\s+-\s+no\s+off\s+\$5\.01/);
  expect(lines.find((l) => l.startsWith('fleet-staging/registry'))).toMatch(/Standard\s+westeurope\s+-\s+no\s+off\s+\$20\.01/);
  expect(lines.find((l) => l.startsWith('fleet-prod/registry'))).toMatch(/Premium\s+westeurope\s+eastus, southeastasia\s+yes\s+7 days\s+\$150\.03/);
});
