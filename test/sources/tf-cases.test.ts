/**
 * The .tf evaluation corpus (issue 13, "Terraform (.tf) evaluation"): one folder per case under
 * test/fixtures/tf/cases, written for these tests. Each case states the registries it must
 * give, the input errors (file, line, message), the findings that must and must not appear
 * (with the argument line they point at) and the exit code of `acrkit check`.
 */
import { isUnknown } from '../../lib/model/unknown.js';
import type { RegistrySpec } from '../../lib/model/registry-spec.js';
import type { Finding } from '../../lib/policy/finding.js';
import { runCheck } from '../../lib/workflows/check.js';
import { loadInputs } from '../../lib/workflows/load-inputs.js';

const CASES = new URL('../fixtures/tf/cases/', import.meta.url).pathname;

/** Every string value in `v` outside Unknowns (whose expression keeps the text as written). */
function knownStrings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (isUnknown(v) || typeof v !== 'object' || v === null) return [];
  return Object.values(v).flatMap(knownStrings);
}

async function run(name: string, paths: string[] = ['.'], varFiles: string[] = []) {
  const cwd = `${CASES}${name}`;
  const loaded = await loadInputs(paths, { cwd, varFiles });
  const check = await runCheck(paths, { cwd, varFiles });
  const reg = (address: string): RegistrySpec => {
    const found = loaded.registries.filter((s) => s.address === address);
    if (found.length !== 1) throw new Error(`expected one ${address}, got ${found.length} in ${loaded.registries.map((s) => s.address).join(', ')}`);
    return found[0]!;
  };
  const errors = (check.result.inputErrors ?? []).map((e) => `${e.location.file}:${e.location.line ?? ''} ${e.reason}`).sort();
  const findings = (ruleId: string, address?: string): Finding[] => check.result.report.findings.filter((f) => f.ruleId === ruleId && (address === undefined || f.address === address));
  return { loaded, check, reg, errors, findings, exitCode: check.exitCode };
}

describe('same-module values', () => {
  test('resource attributes holding literals, locals, variable defaults of any file; identical expressions on both sides', async () => {
    const r = await run('same-module');
    expect(r.errors).toEqual([]);
    const main = r.reg('azurerm_container_registry.main');
    expect(main).toMatchObject({
      name: 'contosoprodacr', // "${local.prefix}${var.environment}acr", default in variables.tf
      resourceGroupName: 'rg-contoso-prod', // azurerm_resource_group.main.name holds a template of literals
      location: 'westeurope', // azurerm_resource_group.main.location holds a literal
      tier: 'Premium', // local.tier
      adminEnabled: true, // var.admin_enabled default
      tags: { team: 'platform', env: 'prod' },
    });
    // A replica at the resource group's location is in the home region.
    const home = r.findings('ACR-AZ-001', 'azurerm_container_registry.main');
    expect(home).toEqual([expect.objectContaining({ status: 'non-compliant', message: expect.stringMatching(/^georeplications\[1\]\.location must differ from location, got "westeurope"/) })]);
    expect(home[0]!.argument).toEqual({ name: 'georeplications[1].location', file: 'main.tf', line: 37 });
    // var.region has no value, but the replica is at the same var.region: the home region whatever it is.
    const shared = r.reg('azurerm_container_registry.shared');
    expect(shared.location).toMatchObject({ unknown: true, expression: '${var.region}' });
    const same = r.findings('ACR-AZ-001', 'azurerm_container_registry.shared');
    expect(same).toEqual([expect.objectContaining({ status: 'non-compliant', message: expect.stringContaining('got the same expression as location (${var.region})') })]);
    expect(same[0]!.argument).toMatchObject({ file: 'main.tf', line: 49 });
    // Findings point at the argument's line; the registry keeps its own.
    const admin = r.findings('ACR-SEC-001', 'azurerm_container_registry.main')[0]!;
    expect(admin.location).toMatchObject({ file: 'main.tf', line: 24 });
    expect(admin.argument).toEqual({ name: 'admin_enabled', file: 'main.tf', line: 29 });
    expect(r.exitCode).toBe(1);
  });

  test('terraform.tfvars < terraform.tfvars.json < *.auto.tfvars(.json) by name < --var-file in order', async () => {
    const auto = await run('tfvars');
    expect(auto.errors).toEqual([]);
    const app = auto.reg('azurerm_container_registry.app');
    // location from terraform.tfvars; sku: Standard (tfvars), Basic (tfvars.json), Premium (10-team.auto.tfvars) wins;
    // admin_enabled "true" from 20-ops.auto.tfvars.json, converted to the variable's bool type.
    expect(app).toMatchObject({ location: 'westeurope', tier: 'Premium', adminEnabled: true });
    expect(app.source.arguments).toMatchObject({ sku: { file: '10-team.auto.tfvars', line: 2 }, location: { file: 'terraform.tfvars', line: 1 } });
    expect(auto.findings('ACR-SEC-001')[0]!.argument).toEqual({ name: 'admin_enabled', file: '20-ops.auto.tfvars.json', line: 2 });

    const cli = await run('tfvars', ['.'], ['prod.tfvars', 'dr.tfvars']);
    expect(cli.errors).toEqual([]);
    // The later --var-file wins; what it does not set stays as before.
    expect(cli.reg('azurerm_container_registry.app')).toMatchObject({ location: 'swedencentral', tier: 'Standard', adminEnabled: true });
    expect(cli.reg('azurerm_container_registry.app').source.arguments).toMatchObject({ location: { file: 'dr.tfvars', line: 1 } });

    const missing = await run('tfvars', ['.'], ['nope.tfvars']);
    expect(missing.errors).toEqual([expect.stringMatching(/^nope\.tfvars: variable definitions file must be a readable file, got no such file/)]);
    expect(missing.exitCode).toBe(2);
  });

  test('a named .tf file is read with the rest of its folder, but only its registries are reported', async () => {
    const r = await run('explicit-file', ['main.tf']);
    expect(r.errors).toEqual([]);
    expect(r.loaded.registries.map((s) => s.address)).toEqual(['azurerm_container_registry.named']);
    // var.sku default and the resource group come from other.tf.
    expect(r.reg('azurerm_container_registry.named')).toMatchObject({ tier: 'Standard', location: 'northeurope', resourceGroupName: 'rg-named' });
    expect(r.findings('ACR-SEC-001')).toEqual([]); // other.tf's admin user is not this check's question
    expect(r.exitCode).toBe(0);
  });
});

describe('expressions', () => {
  test('conditionals, operators, lookup, merge, contains, lower/upper, try, coalesce, for, optional attributes, dynamic blocks', async () => {
    const r = await run('expressions');
    expect(r.errors).toEqual([]);
    expect(r.reg('azurerm_container_registry.expr')).toMatchObject({
      name: 'contosoprodacr', // lower(format("%s%sacr", "Contoso", upper(var.env)))
      location: 'westeurope', // coalesce("", "WestEurope")
      tier: 'Premium', // lookup(local.skus, var.env, "Standard")
      adminEnabled: false, // !var.replicate && local.premium
      network: { publicAccess: false }, // local.premium && contains([...], var.env) ? false : true
      exportEnabled: false, // var.env != "prod"
      retentionDays: 7, // optional(number, 7) of an object variable
      zoneRedundancy: true, // length(...) > 0 || false
      quarantine: true, // try(var.settings.missing, true)
      tags: { cost_center: '42', env: 'prod', replicas: '1' }, // merge(map(string) variable, {...})
      // for expression over a known list: lower, distinct, filter; dynamic block with its key.
      replicas: [{ location: 'eastus', zoneRedundant: true, globalRouting: true }],
    });
    // The guarded dynamic block renders nothing on Basic: no tier violation.
    expect(r.reg('azurerm_container_registry.guarded')).toMatchObject({ tier: 'Basic', replicas: [] });
    expect(r.findings('ACR-AZ-001')).toEqual([]);
    expect(r.exitCode).toBe(0);
  });

  test('expressions that cannot be known are Unknown: no literal ${...}, no false bad-sku or bad-region errors, no exit 2', async () => {
    const r = await run('unknown-expressions');
    expect(r.errors).toEqual([]);
    const acr = r.reg('azurerm_container_registry.acr');
    for (const k of ['name', 'location', 'tier', 'tags', 'adminEnabled', 'replicas'] as const) expect(isUnknown(acr[k])).toBe(true);
    expect(acr.tags).toMatchObject({ expression: '${merge(var.tags, { managed_by = "terraform" })}' });
    const odd = r.reg('azurerm_container_registry.odd');
    for (const k of ['resourceGroupName', 'location', 'tier', 'tags', 'adminEnabled', 'retentionDays', 'quarantine', 'exportEnabled'] as const) expect(isUnknown(odd[k])).toBe(true);
    expect(odd.name).toBe('contosooddacr');
    // Nothing claims a bad sku, region or tier feature: only "cannot check" findings.
    expect(r.findings('ACR-AZ-001').filter((f) => f.status !== 'unknown')).toEqual([]);
    expect(r.loaded.registries.flatMap((s) => knownStrings(s)).filter((x) => x.includes('${'))).toEqual([]); // no value is a literal "${...}" string
    expect(r.exitCode).not.toBe(2);
  });
});

describe('module calls with local sources', () => {
  test("a registry in ./modules/acr is checked with its caller's values, at module.x addresses", async () => {
    const r = await run('module-local');
    expect(r.errors).toEqual([]);
    expect(r.loaded.registries.map((s) => s.address)).toEqual([
      'module.acr.azurerm_container_registry.this',
      'module.edge[0].azurerm_container_registry.this',
      'module.edge[1].azurerm_container_registry.this',
    ]);
    const acr = r.reg('module.acr.azurerm_container_registry.this');
    expect(acr).toMatchObject({ name: 'contosoprodacr', resourceGroupName: 'rg-contosoprodacr', location: 'westeurope', tier: 'Basic', tags: { env: 'prod' } });
    expect(acr.replicas).toEqual([{ location: 'northeurope', zoneRedundant: false, globalRouting: true }]);
    expect(acr.source).toMatchObject({ file: 'modules/acr/main.tf', line: 6 });
    // The root's private endpoint targets module.acr.id: the output leads to the registry.
    expect(acr.network.privateEndpoints).toEqual([{ address: 'azurerm_private_endpoint.acr', dnsZoneGroup: false }]);
    // count over a list variable, count.index in the caller's arguments, the module's sku default.
    expect(r.reg('module.edge[1].azurerm_container_registry.this')).toMatchObject({ name: 'contosoedge1acr', location: 'westus3', tier: 'Premium' });
    // The tier violation points at the caller's argument that passes the replicas in.
    const geo = r.findings('ACR-AZ-001', 'module.acr.azurerm_container_registry.this').find((f) => f.message.startsWith('georeplications need'));
    expect(geo?.argument).toEqual({ name: 'georeplications', file: 'main.tf', line: 6 });
    expect(r.exitCode).toBe(1);
  });

  test('two roots that call one module folder: each root is checked, the module is not a root of its own', async () => {
    const walked = await run('shared-module');
    const named = await run('shared-module', ['envs/dev', 'envs/prod']);
    for (const r of [walked, named]) {
      expect(r.errors).toEqual([]);
      expect(r.loaded.registries.map((s) => [s.address, s.name, s.tier])).toEqual([
        ['module.registry.azurerm_container_registry.this', 'contosodevacr', 'Basic'],
        ['module.registry.azurerm_container_registry.this', 'contosoprodacr', 'Premium'],
      ]);
    }
  });
});

describe('which folders are root modules', () => {
  test('a folder a comment names as a module source is still a root module', async () => {
    const r = await run('comment-source');
    expect(r.loaded.registries.map((s) => [s.address, s.name])).toEqual([
      ['azurerm_container_registry.app', 'contosoappacr'],
      ['azurerm_container_registry.legacy', 'contosolegacyacr'],
    ]);
  });

  test('a folder among the inputs that a module from outside them calls is no root of its own', async () => {
    const r = await run('callback-module', ['envs']);
    expect(r.errors).toEqual([]);
    expect(r.loaded.registries.map((s) => [s.address, s.name])).toEqual([
      ['module.registry.azurerm_container_registry.this', 'contosodevacr'],
      ['module.registry.module.cache.azurerm_container_registry.shared', 'contosodevacrcache'],
    ]);
    expect(r.loaded.files.map((f) => f.file)).toEqual(['envs/dev/main.tf', 'envs/shared/main.tf', 'modules/registry/main.tf']);
  });
});

describe('what terraform validate rejects, at the line', () => {
  test('top-level backend, removed 3.0/4.0 arguments with their replacement, blocks as arguments, counted references, a vault as the key', async () => {
    const r = await run('validate-4x');
    expect(r.errors).toEqual([
      expect.stringMatching(/^main\.tf:1 block type "backend" is not allowed at the top level .*: move it into terraform \{ backend "azurerm" \{ \.\.\. \} \}\.$/),
      expect.stringMatching(/^main\.tf:20 azurerm_container_registry\.legacy: georeplication_locations was removed in azurerm 3\.0, .*no azurerm version constraint.*: write one georeplications \{ location = "<region>" \} block per replica instead\.$/),
      expect.stringMatching(/^main\.tf:22 azurerm_container_registry\.legacy: retention_policy was removed in azurerm 4\.0, got a retention_policy block .*: write retention_policy_in_days = 14 instead\.$/),
      expect.stringMatching(/^main\.tf:27 azurerm_container_registry\.legacy: trust_policy was removed in azurerm 4\.0, .*: write trust_policy_enabled = true instead/),
      expect.stringMatching(/^main\.tf:32 azurerm_container_registry\.legacy: encryption\.enabled was removed in azurerm 4\.0, .*: remove enabled: the encryption block alone turns customer-managed keys on/),
      expect.stringMatching(/^main\.tf:33 azurerm_container_registry\.legacy: encryption\.key_vault_key_id must be the id of a Key Vault key, got azurerm_key_vault\.kv\.id \(a vault, not a key\): point it at azurerm_key_vault_key\.<name>\.versionless_id\.$/),
      expect.stringMatching(/^main\.tf:40 azurerm_container_registry\.legacy: network_rule_set\.virtual_network was removed in azurerm 4\.0, .*: remove the virtual_network rules: reach the registry through an azurerm_private_endpoint/),
      expect.stringMatching(/^main\.tf:53 azurerm_container_registry\.attrs: network_rule_set is a block, got network_rule_set = \{ \.\.\. \} \(an argument\): write network_rule_set \{ \.\.\. \} without "="/),
      expect.stringMatching(/^main\.tf:57 azurerm_container_registry\.attrs: identity is a block, got identity = \[ \.\.\. \] \(an argument\): write identity \{ \.\.\. \} without "="\.$/),
      expect.stringMatching(/^main\.tf:76 a reference to azurerm_container_registry\.fleet \(it has count\) must name an instance, got azurerm_container_registry\.fleet\.id: write azurerm_container_registry\.fleet\[0\]\.id/),
    ]);
    expect(r.exitCode).toBe(2);
    // The registries are still read and checked.
    expect(r.reg('azurerm_container_registry.legacy')).toMatchObject({ retentionDays: 14, trust: true });
  });

  test('a constraint that keeps azurerm below 4.0 accepts the 3.x blocks; georeplication_locations (removed in 3.0) is still an error', async () => {
    const r = await run('validate-3x');
    expect(r.errors).toEqual([expect.stringMatching(/^main\.tf:6 azurerm_container_registry\.v3: georeplication_locations was removed in azurerm 3\.0, got georeplication_locations = \.\.\. with azurerm version ">= 3\.90, < 4\.0"/)]);
    expect(r.reg('azurerm_container_registry.v3')).toMatchObject({ retentionDays: 30, trust: false, network: { defaultAction: 'Deny' } });
  });

  test('a module two roots call: its structure reported once, its removed arguments for the root whose azurerm version removed them', async () => {
    const r = await run('shared-module-versions');
    // In report order (not sorted): envs/dev (azurerm 3.x) checks the module first, envs/prod (4.x) adds what 4.0 removed.
    expect((r.check.result.inputErrors ?? []).map((e) => `${e.location.file}:${e.location.line} ${e.reason}`)).toEqual([
      expect.stringMatching(/^modules\/registry\/main\.tf:33 a reference to azurerm_private_endpoint\.this \(it has count\) must name an instance/),
      expect.stringMatching(/^modules\/registry\/main\.tf:11 azurerm_container_registry\.this: retention_policy was removed in azurerm 4\.0, got a retention_policy block with azurerm version ">= 4\.0": write retention_policy_in_days = 14 instead\.$/),
    ]);
    expect(r.loaded.registries.map((s) => s.name)).toEqual(['contosodevacr', 'contosoprodacr']);
  });

  test('.terraform.lock.hcl decides: azurerm 3.117.1 locked under ">= 3.0" accepts retention_policy {}', async () => {
    const r = await run('lockfile');
    expect(r.errors).toEqual([]);
    expect(r.reg('azurerm_container_registry.locked')).toMatchObject({ retentionDays: 7, source: { azurermMajor: 3 } });
  });
});
