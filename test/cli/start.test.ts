import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';

test('acrkit start synthesizes the fleet, summarizes, checks and what-ifs it, and writes the HTML report', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'acrkit-start-'));
  const { code, stdout, stderr } = await runCli(['start', '--runs', '2'], { cwd: dir });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  expect(existsSync(join(dir, 'cdktf.out/stacks/fleet-prod/cdk.tf.json'))).toBe(true);
  const lines = stdout.split('\n');
  expect(lines.find((l) => l.startsWith('fleet-dev/registry'))).toMatch(/Basic\s+westeurope\s+-\s+no\s+off\s+\$5\.01/);
  expect(lines.find((l) => l.startsWith('fleet-staging/registry'))).toMatch(/Standard\s+westeurope\s+-\s+no\s+off\s+\$20\.01/);
  expect(lines.find((l) => l.startsWith('fleet-prod/registry'))).toMatch(/Premium\s+westeurope\s+eastus, southeastasia\s+yes\s+7 days\s+\$150\.03/);
  expect(stdout).toMatch(/^Policy \(acrkit check cdktf\.out\): 0 errors, 5 warnings, 9 info, 0 suppressed, 0 unknown$/m);
  // Basic cannot restrict the network: a warning with the cost of Premium, not an error.
  // Dev and staging keep Azure's legacy permissions mode and ARM-audience tokens: advice at info level (ACR-SEC-017, ACR-SEC-019).
  expect(stdout).toMatch(/^ {2}fleet-dev\/registry: 0 errors, 3 warnings, 3 info .*ACR-SEC-003, ACR-SEC-017, ACR-SEC-019/m);
  // The production profile passes every pack but two pieces of advice at info level.
  expect(stdout).toMatch(/^ {2}fleet-prod\/registry: 0 errors, 0 warnings, 2 info \(ACR-SEC-011, ACR-SEC-012\)$/m);
  expect(stdout).toMatch(/^What-if \(2 runs, seed 42, 365 days\): fleet cost up to \$[\d,.]+ a month/m);
  expect(stdout).toMatch(/^Worst outage exposure: acrkitfleetprod, /m);
  const report = /What-if report \(HTML, opens offline\): (.+)$/m.exec(stdout)![1]!;
  expect(report).toBe(join(dir, 'acrkit-report/what-if.html'));
  expect(readFileSync(report, 'utf8')).toMatch(/^<!doctype html>/i);
}, 60_000);
