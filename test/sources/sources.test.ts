import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { isUnknown } from '../../lib/model/unknown.js';
import { fromPlan, planChanges } from '../../lib/sources/from-plan.js';
import { fromTfJson } from '../../lib/sources/from-tf-json.js';
import { loadRegistries } from '../../lib/workflows/load.js';
import { loadInputs } from '../../lib/workflows/load-inputs.js';
import { evaluate } from '../../lib/policy/engine.js';

const cwd = new URL('../fixtures/', import.meta.url).pathname.replace(/\/$/, '');
const byAddr = <T extends { address: string }>(list: T[], a: string): T => {
  const x = list.find((s) => s.address === a);
  if (!x) throw new Error(`no ${a} in ${list.map((s) => s.address).join(', ')}`);
  return x;
};

describe('.tf files', () => {
  test('multi-registry module: literals, variable defaults, dynamic blocks, count, for_each, companions', async () => {
    const r = await loadInputs(['tf/multi'], { cwd });
    expect(r.errors).toEqual([]);
    expect(r.registries.map((s) => s.address)).toEqual([
      'azurerm_container_registry.dev',
      'azurerm_container_registry.prod',
      'azurerm_container_registry.regional[0]',
      'azurerm_container_registry.regional[1]',
      'azurerm_container_registry.team["alpha"]',
      'azurerm_container_registry.team["beta"]',
    ]);
    const prod = byAddr(r.registries, 'azurerm_container_registry.prod');
    expect(prod.source).toMatchObject({ kind: 'hcl', file: 'tf/multi/main.tf', line: 16 });
    // Every argument keeps its line; a variable's value points at the resource's argument.
    expect(prod.source.arguments).toMatchObject({ sku: { file: 'tf/multi/main.tf', line: 20 }, 'georeplications.0.location': { line: 29 }, 'encryption.0.key_vault_key_id': { line: 35 } });
    expect(prod.tier).toBe('Premium'); // var.sku default
    expect(prod.replicas).toEqual([
      { location: 'eastus', zoneRedundant: true, globalRouting: true },
      { location: 'northeurope', zoneRedundant: true, globalRouting: true },
    ]);
    expect(prod.encryption).toMatchObject({ kind: 'customer-managed', versionless: false, keyVault: { address: 'azurerm_key_vault.kv', purgeProtection: false } });
    expect(isUnknown((prod.encryption as { keyId: unknown }).keyId)).toBe(true);
    expect(prod.network.privateEndpoints).toEqual([{ address: 'azurerm_private_endpoint.prod', dnsZoneGroup: false }]);
    expect(prod.webhooks).toEqual([{ address: 'azurerm_container_registry_webhook.hook', serviceUri: 'http://hooks.example.com/acr', actions: ['push'] }]);
    expect(prod.diagnosticSettings).toHaveLength(1);
    expect(prod.locks).toEqual([{ address: 'azurerm_management_lock.rg', level: 'CanNotDelete' }]); // lock on the resource group
    expect(prod.resourceGroupName).toBe('rg-acr'); // azurerm_resource_group.rg.name holds a literal
    const r0 = byAddr(r.registries, 'azurerm_container_registry.regional[0]');
    expect(r0.name).toBe('acrkitregion0');
    expect(r0.location).toMatchObject({ unknown: true, reason: 'var.location has no default and no value in terraform.tfvars, *.auto.tfvars or --var-file', expression: '${var.location}' });
    expect(byAddr(r.registries, 'azurerm_container_registry.team["beta"]').location).toBe('northeurope');
    expect(r.suppressions.map((s) => [s.ruleId, s.address, s.line])).toContainEqual(['ACR-SEC-001', 'azurerm_container_registry.dev', 7]);
  });

  test('provider 2.x/3.x syntax, where the version constraint allows it', async () => {
    // versions.tf beside each main.tf pins azurerm 3.x and 2.x: their arguments are valid there.
    const r = await loadRegistries(['tf/v3/main.tf', 'tf/v2/main.tf'], { cwd });
    expect(r.errors).toEqual([]);
    const legacy = byAddr(r.registries, 'azurerm_container_registry.legacy');
    expect(legacy).toMatchObject({ location: 'westeurope', retentionDays: 14, trust: true, network: { defaultAction: 'Deny', ipRules: ['203.0.113.0/24'] } });
    expect(legacy.replicas).toEqual([{ location: 'eastus', zoneRedundant: true, globalRouting: false }]);
    expect(byAddr(r.registries, 'azurerm_container_registry.ancient').replicas).toEqual([
      { location: 'eastus', zoneRedundant: false, globalRouting: true },
      { location: 'japaneast', zoneRedundant: false, globalRouting: true },
    ]);
  });

  test('a syntax error is an input error with file and line; the other files still count', async () => {
    const r = await loadRegistries(['tf/mixed'], { cwd });
    expect(r.registries.map((s) => s.address)).toEqual(['azurerm_container_registry.good']);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.location).toEqual({ file: 'tf/mixed/bad.tf', line: 1 });
    expect(r.errors[0]!.reason).toMatch(/HCL must parse, got a syntax error at column \d+: Unclosed configuration block/);
    const single = await loadRegistries(['tf/broken/main.tf', 'nope.tf'], { cwd });
    expect(single.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^nope.tf: input path must exist, got no such file or directory/),
      expect.stringMatching(/^tf\/broken\/main.tf:1: HCL must parse/),
    ]);
  });
});

describe('plan JSON', () => {
  const doc = JSON.parse(readFileSync(`${cwd}/plan/replace.json`, 'utf8')) as unknown;

  test('planned values, child modules, after_unknown, configuration references', async () => {
    const r = await loadRegistries(['plan/replace.json'], { cwd });
    expect(r.errors).toEqual([]);
    const main = byAddr(r.registries, 'azurerm_container_registry.main');
    expect(main.source).toEqual({ kind: 'plan', file: 'plan/replace.json', pointer: '/planned_values/root_module/resources/0', line: 8, azurermMajor: 4 });
    expect(main.tags).toEqual({ env: 'production' });
    const edge = byAddr(r.registries, 'module.edge.azurerm_container_registry.cache[0]');
    expect(edge.adminEnabled).toBe(true);
    expect(edge.locks).toEqual([{ address: 'module.edge.azurerm_management_lock.cache[0]', level: 'CanNotDelete' }]);
  });

  test('planChanges: actions and before/after per change, replace detected', () => {
    const { changes, errors } = planChanges(doc, 'plan.json');
    expect(errors).toEqual([]);
    const main = byAddr(changes, 'azurerm_container_registry.main');
    expect(main.actions).toEqual(['delete', 'create']);
    expect(main.replace).toBe(true);
    expect(main.before?.adminEnabled).toBe(true);
    expect(main.after?.adminEnabled).toBe(false);
    const edge = byAddr(changes, 'module.edge.azurerm_container_registry.cache[0]');
    expect(edge.before).toBeUndefined();
    // after_unknown, but the configuration leaves it out: the provider default.
    expect(edge.after?.network.bypassAzureServices).toBe(true);
    expect(edge.decided).toEqual([{ path: 'network_rule_bypass_option', by: 'configuration' }]);
    expect(byAddr(changes, 'module.edge.azurerm_management_lock.cache[0]').after).toBeUndefined();
  });
});

describe('cdk.tf.json', () => {
  test('construct path from // metadata, pointer and line per registry, companions linked', async () => {
    const r = await loadRegistries(['tfjson'], { cwd });
    expect(r.errors).toEqual([]);
    const [s] = r.registries;
    expect(s!.source).toEqual({ kind: 'cdk-tf-json', file: 'tfjson/prod/cdk.tf.json', pointer: '/resource/azurerm_container_registry/registry_71CE07F6', constructPath: 'fleet-prod/registry/registry', line: 40 });
    expect(s!.encryption).toMatchObject({ kind: 'customer-managed', versionless: true, keyVault: { purgeProtection: true } });
    expect(s!.network.privateEndpoints).toHaveLength(1);
    expect(s!.locks).toHaveLength(1);
    expect(s!.diagnosticSettings).toHaveLength(1);
  });

  test('wrong-typed values are input errors naming the pointer, the rule and the value', () => {
    const r = fromTfJson({ resource: { azurerm_container_registry: { r: { name: 'acrkitbad001', sku: 'Basic', location: 'westeurope', admin_enabled: 'yes' } } } }, 'x.tf.json');
    expect(r.errors.map((e) => e.message)).toEqual([
      'x.tf.json#/resource/azurerm_container_registry/r/admin_enabled: azurerm_container_registry.r: admin_enabled must be true or false, got "yes": set admin_enabled = true or false.',
    ]);
    expect(isUnknown(r.registries[0]!.adminEnabled)).toBe(true);
  });
});

describe('robustness (fast-check)', () => {
  const check = (doc: unknown): void => {
    for (const r of [fromPlan(doc, 'p.json'), fromTfJson(doc, 't.json')]) {
      for (const e of r.errors) expect(e.name).toBe('InputError');
      evaluate(r.registries); // findings, never a throw
    }
    planChanges(doc, 'p.json');
  };

  test('any JSON value as a plan or cdk.tf.json gives findings or InputErrors', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 5 }), check), { numRuns: 150 });
    fc.assert(
      fc.property(fc.record({ format_version: fc.jsonValue({ maxDepth: 1 }), planned_values: fc.jsonValue({ maxDepth: 4 }), resource_changes: fc.jsonValue({ maxDepth: 4 }) }), check),
      { numRuns: 100 },
    );
  });

  test('any mutation of a valid fixture gives findings or InputErrors', () => {
    const plan = JSON.parse(readFileSync(`${cwd}/plan/replace.json`, 'utf8')) as Record<string, unknown>;
    const tfjson = JSON.parse(readFileSync(`${cwd}/tfjson/prod/cdk.tf.json`, 'utf8')) as Record<string, unknown>;
    const paths = (v: unknown, prefix: string[] = [], out: string[][] = []): string[][] => {
      out.push(prefix);
      if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
      return out;
    };
    for (const base of [plan, tfjson]) {
      const all = paths(base).filter((p) => p.length > 0);
      fc.assert(
        fc.property(fc.constantFrom(...all), fc.jsonValue({ maxDepth: 3 }), (path, value) => {
          const copy = structuredClone(base);
          let at = copy as Record<string, unknown>;
          for (const k of path.slice(0, -1)) at = at[k] as Record<string, unknown>;
          at[path[path.length - 1]!] = value;
          check(copy);
        }),
        { numRuns: 200 },
      );
    }
  });
});

describe('companion resource errors point at the companion', () => {
  test('a bad purge_protection_enabled on the Key Vault names the vault file and line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'acrkit-kv-'));
    writeFileSync(
      path.join(dir, 'acr.tf'),
      `resource "azurerm_container_registry" "main" {
  name                = "contosoprod"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Premium"
  encryption {
    key_vault_key_id   = "https://kvcontoso.vault.azure.net/keys/acr"
    identity_client_id = "c1"
  }
}
`,
    );
    writeFileSync(path.join(dir, 'kv.tf'), `# the vault\n\nresource "azurerm_key_vault" "v" {\n  name = "kvcontoso"\n  purge_protection_enabled = "maybe"\n}\n`);
    const r = await loadInputs([dir], { cwd: dir });
    const e = r.errors.find((x) => x.message.includes('purge_protection_enabled'));
    expect(e?.location).toMatchObject({ file: 'kv.tf', line: 5 }); // the argument's line
  });
});

describe('a cdktf project directory is synthesized, as cdktf synth does', () => {
  const root = new URL('../../', import.meta.url).pathname;

  test('its app runs into <dir>/cdktf.out and the stacks are read', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'acrkit-app-'));
    writeFileSync(path.join(dir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: `node ${path.join(root, 'node_modules/tsx/dist/cli.mjs')} ${path.join(root, 'examples/basic-dev/main.ts')}` }));
    const r = await loadInputs(['.'], { cwd: dir });
    expect(r.errors).toEqual([]);
    expect(r.registries.map((s) => [s.source.constructPath, s.tier, s.source.file])).toEqual([
      ['basic-dev/registry/registry', 'Basic', 'cdktf.out/stacks/basic-dev/cdk.tf.json'],
    ]);
  }, 60_000);

  test('an app that fails is an input error naming cdktf.json, the exit code and its output', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'acrkit-app-'));
    writeFileSync(path.join(dir, 'cdktf.json'), JSON.stringify({ app: `node -e "process.stderr.write('replicas need the Premium tier'); process.exit(3)"` }));
    const r = await loadInputs([dir], { cwd: dir });
    expect(r.registries).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.location).toMatchObject({ pointer: '/app' });
    expect(r.errors[0]!.message).toMatch(/cdktf\.json#\/app: the cdktf app must synthesize, got exit code 3; the end of its stderr/);
    expect(r.errors[0]!.message).toContain('replicas need the Premium tier');
  });
});
