import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { main } from '../../lib/cli/main.js';
import type { CliIO } from '../../lib/cli/io.js';
import { runCheck } from '../../lib/workflows/check.js';
import { renderJson } from '../../lib/report/check/json.js';
import { renderMarkdown } from '../../lib/report/check/markdown.js';
import { renderSarif } from '../../lib/report/check/sarif.js';
import { renderText } from '../../lib/report/check/text.js';

const root = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');
const require = createRequire(import.meta.url);

function io(cwd = root, env: Record<string, string> = {}): CliIO & { stdout: string; stderr: string } {
  const o = { stdout: '', stderr: '', isTTY: false, env, cwd } as CliIO & { stdout: string; stderr: string };
  (o as { out: (t: string) => void }).out = (t) => (o.stdout += t);
  (o as { err: (t: string) => void }).err = (t) => (o.stderr += t);
  return o;
}

/** A validator for SARIF 2.1.0 logs (the schema @microsoft/jest-sarif ships). */
function sarifValidator(): (log: unknown) => unknown[] {
  // The schema declares draft-04 (`id`); its keywords are the draft-07 subset, so use `$id` and compile with ajv's draft-07.
  const { $schema: draft, id, ...rest } = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;
  expect(draft).toMatch(/json-schema/);
  const ajv = new Ajv({ strict: false, unicodeRegExp: false }); // the schema has a pattern that is invalid with the u flag
  addFormats.default(ajv);
  const validate = ajv.compile({ $id: id, ...rest } as object);
  return (log) => (validate(log) ? [] : [...(validate.errors ?? [])]);
}

describe('reports', () => {
  let run: Awaited<ReturnType<typeof runCheck>>;
  beforeAll(async () => {
    run = await runCheck(['test/fixtures/tf/multi', 'test/fixtures/tf/mixed', 'test/fixtures/plan/replace.json', 'test/fixtures/tfjson'], { cwd: root });
  });

  test('JSON: findings with location and suppression, summary, input errors', () => {
    const doc = JSON.parse(renderJson(run.result)) as { findings: Array<Record<string, unknown>>; summary: Record<string, number>; inputErrors: Array<Record<string, unknown>> };
    const dev = doc.findings.find((f) => f.ruleId === 'ACR-SEC-001' && f.address === 'azurerm_container_registry.dev')!;
    expect(dev).toEqual({
      ruleId: 'ACR-SEC-001', pack: 'security', severity: 'error', status: 'non-compliant', address: 'azurerm_container_registry.dev',
      message: 'admin_enabled must be false, got true: set admin_enabled = false and grant AcrPull/AcrPush to identities instead.',
      location: { file: 'test/fixtures/tf/multi/main.tf', line: 8 }, argument: { name: 'admin_enabled', file: 'test/fixtures/tf/multi/main.tf', line: 13 }, suppressed: true, reason: 'legacy CI pipeline still logs in with the admin user until Q3',
    });
    expect(Object.keys(doc.summary).sort()).toEqual(['error', 'info', 'suppressed', 'unknown', 'warning']);
    expect(doc.summary.suppressed).toBe(1);
    expect(doc.summary.error).toBe(doc.findings.filter((f) => !f.suppressed && f.status !== 'unknown' && f.severity === 'error').length);
    expect(doc.inputErrors.map((e) => e.file)).toEqual(['test/fixtures/tf/mixed/bad.tf', 'test/fixtures/tf/multi/main.tf']);
  });

  test('text: grouped by registry; colour only when asked', () => {
    const plain = renderText(run.result);
    expect(plain).toMatch(/^azurerm_container_registry\.dev {2}test\/fixtures\/tf\/multi\/main\.tf:8\n {2}suppressed ACR-SEC-001 /m);
    expect(plain).not.toMatch(/\u001b\[/);
    expect(renderText(run.result, { color: true })).toMatch(/\u001b\[/);
  });

  test('Markdown: heading, summary, tables per severity, details', () => {
    const md = renderMarkdown(run.result);
    expect(md).toMatch(/^## acrkit policy check\n\n:x: \*\*\d+\*\* errors, \*\*\d+\*\* warnings, .* across \d+ registries\./);
    expect(md).toMatch(/### Errors \(\d+\)\n\n\| Rule \| Registry \| Message \| Location \|/);
    expect(md).toMatch(/### Suppressed \(1\)/);
    expect(md).toMatch(/<details><summary>ACR-SEC-001 AdminUserDisabled: The admin user is enabled.<\/summary>/);
  });

  test('SARIF validates against the 2.1.0 schema, with relative URIs, lines and suppressions', () => {
    const log = JSON.parse(renderSarif(run.result, { cwd: root })) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; properties: Record<string, unknown>; help: { markdown: string } }> } }; results: Array<Record<string, any>> }> };
    expect(sarifValidator()(log)).toEqual([]);
    const { driver } = log.runs[0]!.tool;
    expect(driver.rules.find((r) => r.id === 'ACR-SEC-001')!.properties).toMatchObject({ 'security-severity': '8.0', tags: expect.arrayContaining(['security']) });
    const dev = log.runs[0]!.results.find((r) => r.ruleId === 'ACR-SEC-001' && r.properties.address === 'azurerm_container_registry.dev')!;
    // The result sits on the argument's line (admin_enabled), not the resource's.
    expect(dev.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'test/fixtures/tf/multi/main.tf' }, region: { startLine: 13 } });
    expect(dev.suppressions).toEqual([{ kind: 'inSource', justification: 'legacy CI pipeline still logs in with the admin user until Q3' }]);
  });

  test("SARIF tool.driver names acrkit's version (package.json) and project page", () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    const { driver } = (JSON.parse(renderSarif(run.result, { cwd: root })) as { runs: Array<{ tool: { driver: Record<string, unknown> } }> }).runs[0]!.tool;
    expect(driver).toMatchObject({ name: 'acrkit', version: pkg.version, semanticVersion: pkg.version, informationUri: 'https://www.npmjs.com/package/acrkit' });
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  test('SARIF of standard input (-) validates: results keep the logical location, no artifact URI', async () => {
    const stdin = await runCheck(['-'], { cwd: root, readStdin: async () => readFileSync(join(root, 'test/fixtures/plan/replace.json'), 'utf8') });
    const log = JSON.parse(renderSarif(stdin.result, { cwd: root })) as { runs: Array<{ results: Array<{ locations: Array<Record<string, unknown>> }> }> };
    expect(sarifValidator()(log)).toEqual([]);
    const results = log.runs[0]!.results;
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r.locations[0]!.physicalLocation === undefined && Array.isArray(r.locations[0]!.logicalLocations))).toBe(true);
    const broken = await runCheck(['-'], { cwd: root, readStdin: async () => '{' });
    expect(sarifValidator()(JSON.parse(renderSarif(broken.result, { cwd: root })))).toEqual([]);
  });
});

describe('acrkit check (in process)', () => {
  test('exit 1 on findings at or above --fail-on; 0 with --fail-on never; --pack limits packs; --out writes a file', async () => {
    const a = io();
    expect(await main(['check', 'test/fixtures/tfjson', '--format', 'json'], a)).toBe(0); // the prod stack passes every error rule
    const b = io();
    expect(await main(['check', 'test/fixtures/plan/replace.json', '--pack', 'security', '--pack', 'azure-rules', '--format', 'json'], b)).toBe(1);
    const packs = new Set((JSON.parse(b.stdout) as { findings: Array<{ pack: string }> }).findings.map((f) => f.pack));
    expect([...packs].every((p) => p === 'security' || p === 'azure-rules')).toBe(true);
    expect(await main(['check', 'test/fixtures/plan/replace.json', '--fail-on', 'never'], io())).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'acrkit-out-'));
    const c = io();
    expect(await main(['check', 'test/fixtures/plan/replace.json', '--format', 'sarif', '--out', join(dir, 'r.sarif')], c)).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'r.sarif'), 'utf8')).version).toBe('2.1.0');
  });

  test('exit 2 for bad usage and unreadable input, with the file and the reason, findings still reported', async () => {
    const a = io();
    expect(await main(['check', 'x', '--format', 'yaml'], a)).toBe(2);
    expect(a.stderr).toMatch(/argument 'yaml' is invalid/);
    const p = io();
    expect(await main(['check', 'x', '--pack', 'speed'], p)).toBe(2);
    expect(p.stderr).toMatch(/Allowed choices are security, resilience, hygiene-cost, azure-rules/);
    const b = io();
    expect(await main(['check', 'test/fixtures/tf/mixed', '--format', 'json'], b)).toBe(2);
    expect(b.stderr).toMatch(/test\/fixtures\/tf\/mixed\/bad.tf:1: HCL must parse/);
    expect((JSON.parse(b.stdout) as { findings: Array<{ address: string }> }).findings.some((f) => f.address === 'azurerm_container_registry.good')).toBe(true);
    const c = io();
    expect(await main(['check', 'test/fixtures/plan/replace.json', '--config', 'missing.json'], c)).toBe(2);
    expect(c.stderr).toMatch(/missing.json: config file must exist/);
    expect(c.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('acrkit check never loads cdktf or the provider', () => {
  const hook = join(root, 'test/report/block-provider-hook.mjs');
  const node = (args: string[]): ReturnType<typeof spawnSync> =>
    spawnSync(process.execPath, ['--import', 'tsx', '--import', hook, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });

  test('the hook blocks an import of the constructs (control)', () => {
    const r = node(['-e', "await import('./lib/constructs/registries-of.ts')", '--input-type=module']);
    expect(r.status).not.toBe(0);
    expect(String(r.stderr)).toMatch(/blocked import of (cdktf|@cdktf\/provider-azurerm)/);
  });

  test('the library entry point (acrkit) loads without them', () => {
    const r = node(['-e', "const m = await import('./lib/index.ts'); console.log(typeof m.runCheck, typeof m.runMonteCarlo, typeof m.runReview)", '--input-type=module']);
    expect(String(r.stderr)).toBe('');
    expect(String(r.stdout).trim()).toBe('function function function');
  });

  test('check runs to completion under the hook', () => {
    const r = node(['lib/cli/main-bin.ts', 'check', 'test/fixtures/plan/replace.json', '--format', 'json']);
    expect(String(r.stderr)).toBe('');
    expect(r.status).toBe(1);
    expect((JSON.parse(String(r.stdout)) as { findings: unknown[] }).findings.length).toBeGreaterThan(0);
  });
});
