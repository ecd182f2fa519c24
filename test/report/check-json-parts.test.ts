/**
 * The JSON report of `acrkit check` is written in parts (a few dozen findings each) so that a
 * plan of thousands of registries never becomes one string of tens of megabytes; the bytes must
 * be exactly those of `JSON.stringify(report, null, 2)` followed by a newline, on stdout and in
 * `--out`, whatever the number of findings.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../lib/cli/main.js';
import type { CliIO } from '../../lib/cli/io.js';
import { JSON_PART_FINDINGS, renderJson, renderJsonParts, toJsonReport } from '../../lib/report/check/json.js';
import { runCheck } from '../../lib/workflows/check.js';

const root = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');

const REGIONS = ['westeurope', 'northeurope', 'eastus2', 'swedencentral', 'japaneast'];
const TIERS = ['Basic', 'Standard', 'Premium'];

/**
 * A plan as `terraform show -json` writes it for a fleet of `n` registries in two module
 * instances: every tier, replicas, private endpoints linked through the configuration, values
 * known only after apply, a sensitive tag, an admin user here and there, and names and tags with
 * characters outside ASCII (the output is compared byte for byte).
 */
function fleetPlan(n: number): Record<string, unknown> {
  const planned: Array<Record<string, unknown>> = [];
  const changes: Array<Record<string, unknown>> = [];
  const configured: Record<string, Array<Record<string, unknown>>> = { east: [], west: [] };
  for (let i = 0; i < n; i++) {
    const mod = i % 2 === 0 ? 'east' : 'west';
    const sku = TIERS[i % 3]!;
    const premium = sku === 'Premium';
    const address = `module.${mod}.azurerm_container_registry.r${i}`;
    const values = {
      name: `contosoacr${String(i).padStart(3, '0')}`,
      resource_group_name: `rg-plattform-${mod}`,
      location: REGIONS[i % REGIONS.length],
      sku,
      admin_enabled: i % 4 === 1,
      anonymous_pull_enabled: false,
      export_policy_enabled: !premium,
      public_network_access_enabled: !premium || i % 5 === 0,
      network_rule_bypass_option: 'AzureServices',
      retention_policy_in_days: premium ? 14 : 0,
      zone_redundancy_enabled: premium && i % 2 === 0,
      trust_policy_enabled: false,
      quarantine_policy_enabled: false,
      data_endpoint_enabled: premium,
      georeplications: premium ? [{ location: REGIONS[(i + 1) % REGIONS.length], zone_redundancy_enabled: true, regional_endpoint_enabled: true, tags: {} }] : [],
      network_rule_set: [],
      encryption: [],
      tags: { owner: i % 3 === 0 ? 'Jürgen Müller' : 'équipe-plateforme', 'cost-center': `cc-${1000 + i}`, ticket: `OPS-${4000 + i}` },
    };
    planned.push({
      address,
      mode: 'managed',
      type: 'azurerm_container_registry',
      name: `r${i}`,
      provider_name: 'registry.terraform.io/hashicorp/azurerm',
      schema_version: 2,
      values,
      sensitive_values: i % 7 === 3 ? { georeplications: [], network_rule_set: [], encryption: [], tags: { ticket: true } } : { georeplications: [], network_rule_set: [], encryption: [], tags: {} },
    });
    changes.push({
      address,
      module_address: `module.${mod}`,
      mode: 'managed',
      type: 'azurerm_container_registry',
      name: `r${i}`,
      provider_name: 'registry.terraform.io/hashicorp/azurerm',
      change: { actions: ['create'], before: null, after: values, after_unknown: { id: true, login_server: true, admin_password: true, admin_username: true, identity: [] } },
    });
    configured[mod]!.push({
      address: `azurerm_container_registry.r${i}`,
      mode: 'managed',
      type: 'azurerm_container_registry',
      name: `r${i}`,
      provider_config_key: 'azurerm',
      expressions: { name: { constant_value: values.name }, sku: { constant_value: sku }, location: { references: ['var.location'] } },
    });
    if (premium) {
      const pe = `module.${mod}.azurerm_private_endpoint.pe${i}`;
      planned.push({
        address: pe,
        mode: 'managed',
        type: 'azurerm_private_endpoint',
        name: `pe${i}`,
        values: { name: `pe-contosoacr${i}`, location: values.location, private_service_connection: [{ name: 'registry', is_manual_connection: false, subresource_names: ['registry'] }], private_dns_zone_group: [] },
        sensitive_values: {},
      });
      configured[mod]!.push({
        address: `azurerm_private_endpoint.pe${i}`,
        mode: 'managed',
        type: 'azurerm_private_endpoint',
        name: `pe${i}`,
        expressions: { private_service_connection: [{ private_connection_resource_id: { references: [`azurerm_container_registry.r${i}.id`, `azurerm_container_registry.r${i}`] } }] },
      });
    }
  }
  const modules = ['east', 'west'].map((m) => ({ address: `module.${m}`, resources: planned.filter((r) => (r.address as string).startsWith(`module.${m}.`)) }));
  return {
    format_version: '1.2',
    terraform_version: '1.9.5',
    planned_values: { root_module: { resources: [], child_modules: modules } },
    resource_changes: changes,
    configuration: {
      provider_config: { azurerm: { name: 'azurerm', full_name: 'registry.terraform.io/hashicorp/azurerm', version_constraint: '~> 4.0' } },
      root_module: { module_calls: Object.fromEntries(['east', 'west'].map((m) => [m, { source: './modules/registry', module: { resources: configured[m] } }])) },
    },
  };
}

/** A plan file of `n` registries in a fresh folder: the folder and the file name. */
function planFile(n: number): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'acrkit-parts-'));
  // A name outside ASCII: every finding's location holds it, so the output has multi-byte characters.
  writeFileSync(join(dir, 'tfplan-prüfung.json'), JSON.stringify(fleetPlan(n), null, 2));
  return { dir, file: 'tfplan-prüfung.json' };
}

/** Fake streams that keep every write apart, and when each was made relative to `drained`. */
function io(cwd: string, drained?: () => Promise<void> | undefined): CliIO & { writes: string[]; stderr: string } {
  const o = { writes: [] as string[], stderr: '', isTTY: false, env: {}, cwd } as CliIO & { writes: string[]; stderr: string };
  (o as { out: (t: string) => void }).out = (t) => o.writes.push(t);
  (o as { err: (t: string) => void }).err = (t) => (o.stderr += t);
  if (drained) (o as { drained?: () => Promise<void> | undefined }).drained = drained;
  return o;
}

describe('the JSON report in parts', () => {
  test('a fleet plan: the parts joined are JSON.stringify of the report, whatever the part size', async () => {
    const { dir, file } = planFile(60);
    const run = await runCheck([file], { cwd: dir });
    const findings = run.result.report.findings.length;
    // Enough findings for several parts of the size the CLI writes.
    expect(findings).toBeGreaterThan(3 * JSON_PART_FINDINGS);
    const whole = JSON.stringify(toJsonReport(run.result), null, 2);
    expect(whole).toMatch(/"file": "tfplan-prüfung\.json"/);
    // Each finding points at the line of its registry in planned_values (found by a lazy scan).
    const text = readFileSync(join(dir, file), 'utf8');
    const start = text.indexOf('"planned_values"');
    for (const f of run.result.report.findings) {
      const at = text.indexOf(`"address": "${f.address}"`, start);
      expect([f.address, f.location.line]).toEqual([f.address, text.slice(0, at).split('\n').length]);
    }
    expect(renderJson(run.result)).toBe(whole);
    for (const size of [1, 2, 5, JSON_PART_FINDINGS - 1, JSON_PART_FINDINGS, findings - 1, findings, findings + 1]) {
      const parts = [...renderJsonParts(run.result, size)];
      expect(parts.length).toBe(Math.ceil(findings / size) + 1);
      expect(parts.join('')).toBe(whole);
    }
  });

  test('no findings, input errors, suppressed findings: the same bytes as JSON.stringify', async () => {
    for (const paths of [['test/fixtures/plan/no-registry.json'], ['test/fixtures/tf/multi', 'test/fixtures/tf/mixed', 'test/fixtures/plan/replace.json', 'test/fixtures/plan/secrets.json']]) {
      const run = await runCheck(paths, { cwd: root });
      const whole = JSON.stringify(toJsonReport(run.result), null, 2);
      for (const size of [1, 3, JSON_PART_FINDINGS]) expect([...renderJsonParts(run.result, size)].join('')).toBe(whole);
    }
    const empty = await runCheck(['test/fixtures/plan/no-registry.json'], { cwd: root });
    expect(empty.result.report.findings).toEqual([]);
    expect([...renderJsonParts(empty.result)]).toEqual([JSON.stringify(toJsonReport(empty.result), null, 2)]);
  });

  test('acrkit check --format json writes the parts one by one, a newline last: stdout is JSON.stringify of the report', async () => {
    const { dir, file } = planFile(60);
    const expected = `${JSON.stringify(toJsonReport((await runCheck([file], { cwd: dir })).result), null, 2)}\n`;
    const c = io(dir);
    expect(await main(['check', file, '--format', 'json'], c)).toBe(1);
    expect(c.writes.length).toBeGreaterThan(3);
    expect(Math.max(...c.writes.map((w) => w.length))).toBeLessThan(expected.length / 3);
    expect(c.writes.join('')).toBe(expected);
    expect(c.writes.at(-1)).toBe('\n');
  });

  test('a part is written only once standard output has drained what came before', async () => {
    const { dir, file } = planFile(30);
    const events: string[] = [];
    let pending = 0;
    const c = io(dir, () => {
      pending++;
      events.push('wait');
      return new Promise<void>((done) =>
        setTimeout(() => {
          pending--;
          events.push('drained');
          done();
        }, 1),
      );
    });
    const out = c.out;
    (c as { out: (t: string) => void }).out = (t) => {
      // Never a write while a wait is pending.
      expect(pending).toBe(0);
      events.push('write');
      out(t);
    };
    expect(await main(['check', file, '--format', 'json'], c)).toBe(1);
    expect(events.filter((e) => e === 'write').length).toBe(c.writes.length);
    expect(events.filter((e) => e === 'wait').length).toBe(c.writes.length - 1);
    expect(JSON.parse(c.writes.join('')).findings.length).toBeGreaterThan(JSON_PART_FINDINGS);
  });

  test('--out FILE holds the same bytes as stdout, replaced whole, with no temporary file left', async () => {
    const { dir, file } = planFile(60);
    const stdout = io(dir);
    await main(['check', file, '--format', 'json'], stdout);
    writeFileSync(join(dir, 'report.json'), 'an older report\n');
    const c = io(dir);
    expect(await main(['check', file, '--format', 'json', '--out', 'report.json'], c)).toBe(1);
    expect(c.writes).toEqual([]);
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe(stdout.writes.join(''));
    expect(readdirSync(dir).sort()).toEqual(['report.json', 'tfplan-prüfung.json']);
  });
});
