/**
 * Plans as Terraform writes them (issue 20): computed blocks in after_unknown decided by the
 * tier or the configuration, module calls and outputs, the azurerm version from
 * provider_config or the attributes present, and sensitive values masked. Fixtures under
 * test/fixtures/plan/ were written for these tests from Terraform's documented JSON format.
 */
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isUnknown } from '../../lib/model/unknown.js';
import { evaluate } from '../../lib/policy/engine.js';
import type { Finding } from '../../lib/policy/finding.js';
import { fromPlan, planChanges } from '../../lib/sources/from-plan.js';
import { decideRegistryUnknowns } from '../../lib/sources/plan-decide.js';
import { scrubber, sensitiveStrings, SENSITIVE_REASON } from '../../lib/sources/plan-sensitive.js';
import { inProviderNames, majorFromConstraint, majorFromProviderConfig, majorFromRegistryValues } from '../../lib/sources/provider-version.js';
import { loadInputs } from '../../lib/workflows/load-inputs.js';

const dir = new URL('../fixtures/plan/', import.meta.url).pathname;
const load = (name: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as Record<string, unknown>;
const V3 = 'azurerm3-modules.json';
const V4 = 'azurerm4-fleet.json';

function findingsOf(doc: unknown, file: string): Map<string, Finding[]> {
  const r = fromPlan(doc, file);
  expect(r.errors).toEqual([]);
  const out = new Map<string, Finding[]>();
  for (const f of evaluate(r.registries).findings) out.set(f.address, [...(out.get(f.address) ?? []), f]);
  for (const s of r.registries) if (!out.has(s.address)) out.set(s.address, []);
  return out;
}

describe('values known only after apply that the tier or the configuration decides', () => {
  test('azurerm 3.x: computed network_rule_set, encryption, retention_policy and trust_policy leave no unknown on Basic, Standard or Premium', () => {
    const doc = load(V3);
    const byRegistry = findingsOf(doc, V3);
    expect([...byRegistry.keys()].sort()).toEqual(['azurerm_container_registry.edge', 'azurerm_container_registry.sandbox', 'module.registry.azurerm_container_registry.this']);
    for (const [address, list] of byRegistry) expect([address, list.filter((f) => f.status === 'unknown').map((f) => f.ruleId)]).toEqual([address, []]);
    // The public Standard registry is decided: the public-access rule reports it, never "unknown".
    const standard = byRegistry.get('module.registry.azurerm_container_registry.this')!;
    expect(standard.find((f) => f.ruleId === 'ACR-SEC-003')).toMatchObject({ status: 'non-compliant' });
    // Premium: the user wrote no network_rule_set, so the provider's default (Allow) applies.
    const edge = byRegistry.get('azurerm_container_registry.edge')!;
    expect(edge.find((f) => f.ruleId === 'ACR-SEC-003')).toMatchObject({ status: 'non-compliant', severity: 'error' });
  });

  test('what decided each value is recorded per change: the tier on Basic and Standard, the configuration on Premium', () => {
    const { changes } = planChanges(load(V3), V3);
    const decided = (a: string) => changes.find((c) => c.address === a)!.decided!.map((d) => `${d.path}:${d.by}`).sort();
    expect(decided('module.registry.azurerm_container_registry.this')).toEqual(['encryption:tier', 'network_rule_set:tier', 'retention_policy:tier', 'trust_policy:tier']);
    expect(decided('azurerm_container_registry.edge')).toEqual(['encryption:configuration', 'network_rule_set:configuration', 'retention_policy:configuration']);
  });

  test('azurerm 4.x: a public Standard registry created in a for_each module gets the same findings as the same registry written in .tf', async () => {
    const plan = findingsOf(load(V4), V4).get('module.acr["dev"].azurerm_container_registry.this')!;
    const tfDir = mkdtempSync(path.join(tmpdir(), 'acrkit-parity-'));
    writeFileSync(
      path.join(tfDir, 'main.tf'),
      `resource "azurerm_container_registry" "this" {\n  name                = "contosodev"\n  resource_group_name = "rg-acr"\n  location            = "westeurope"\n  sku                 = "Standard"\n  tags                = { env = "dev" }\n}\n`,
    );
    const tf = await loadInputs([tfDir], { cwd: tfDir });
    expect(tf.errors).toEqual([]);
    const key = (f: Finding) => `${f.ruleId} ${f.status} ${f.severity} ${f.message}`;
    expect(plan.map(key).sort()).toEqual(evaluate(tf.registries).findings.map(key).sort());
    expect(plan.some((f) => f.status === 'unknown')).toBe(false);
  });

  test('decideRegistryUnknowns: tier, configuration, an update keeps its value, a value set from a new resource stays unknown', () => {
    const base = { name: 'contosoapp01', sku: 'Standard', public_network_access_enabled: true };
    // Standard cannot have network rules or a customer-managed key, whatever the configuration says.
    const tier = decideRegistryUnknowns({ values: base, afterUnknown: { id: true, network_rule_set: true, encryption: true }, expressions: { encryption: [{ key_vault_key_id: { references: ['azurerm_key_vault_key.k.id'] } }] } });
    expect(tier.values).toMatchObject({ network_rule_set: [], encryption: [] });
    expect(tier.afterUnknown).toEqual({ id: true });
    // Premium: the configuration leaves network_rule_set out (default) but sets encryption from a key created in the same plan.
    const premium = decideRegistryUnknowns({
      values: { ...base, sku: 'Premium' },
      afterUnknown: { network_rule_set: true, encryption: true },
      expressions: { name: { constant_value: 'contosoapp01' }, encryption: [{ key_vault_key_id: { references: ['azurerm_key_vault_key.k.id'] } }] },
    });
    expect(premium.values.network_rule_set).toEqual([]);
    expect(premium.afterUnknown).toEqual({ encryption: true });
    // An update keeps what the registry has when the configuration does not say.
    const update = decideRegistryUnknowns({
      values: { ...base, sku: 'Premium' },
      afterUnknown: { network_rule_set: true },
      expressions: {},
      before: { network_rule_set: [{ default_action: 'Deny', ip_rule: [{ action: 'Allow', ip_range: '203.0.113.0/24' }] }] },
    });
    expect(update.values.network_rule_set).toEqual([{ default_action: 'Deny', ip_rule: [{ action: 'Allow', ip_range: '203.0.113.0/24' }] }]);
    // A block that is written decides its unwritten arguments one by one.
    const nested = decideRegistryUnknowns({
      values: { ...base, sku: 'Premium', network_rule_set: [{ default_action: 'Deny' }] },
      afterUnknown: { network_rule_set: [{ ip_rule: true }] },
      expressions: { network_rule_set: [{ default_action: { constant_value: 'Deny' } }] },
    });
    expect(nested.values.network_rule_set).toEqual([{ default_action: 'Deny', ip_rule: [] }]);
    expect(nested.decided).toEqual([{ path: 'network_rule_set.0.ip_rule', by: 'configuration' }]);
    // No configuration and a tier that allows the feature: still unknown.
    const none = decideRegistryUnknowns({ values: { ...base, sku: 'Premium' }, afterUnknown: { network_rule_set: true } });
    expect(none.afterUnknown).toEqual({ network_rule_set: true });
  });

  test('a plan without a configuration section: the tier alone decides, Premium stays unknown', () => {
    const plan = {
      format_version: '1.2',
      resource_changes: ['Standard', 'Premium'].map((sku) => ({
        address: `azurerm_container_registry.${sku.toLowerCase()}`, mode: 'managed', type: 'azurerm_container_registry', name: sku.toLowerCase(),
        change: { actions: ['create'], before: null, after: { name: `contoso${sku.toLowerCase()}`, sku, location: 'westeurope', resource_group_name: 'rg', public_network_access_enabled: true, retention_policy_in_days: 0 }, after_unknown: { id: true, network_rule_set: true } },
      })),
    };
    const r = fromPlan(plan, 'p.json');
    const [std, prem] = r.registries;
    expect(std!.network.defaultAction).toBe('Allow');
    expect(isUnknown(prem!.network.defaultAction)).toBe(true);
  });
});

describe('the azurerm version the plan was made with', () => {
  test('version constraints that pin one major', () => {
    expect(majorFromConstraint('~> 3.110')).toBe(3);
    expect(majorFromConstraint('>= 3.0, < 4.0')).toBe(3);
    expect(majorFromConstraint('>= 4.0.0, < 5.0.0')).toBe(4);
    expect(majorFromConstraint('4.12.0')).toBe(4);
    expect(majorFromConstraint('= 3.117.1')).toBe(3);
    expect(majorFromConstraint('~> 4.20, != 4.21.0')).toBe(4);
    expect(majorFromConstraint('>= 3.0')).toBeUndefined();
    expect(majorFromConstraint('~> 3')).toBeUndefined();
    expect(majorFromConstraint('< 4.1')).toBeUndefined();
    expect(majorFromConstraint('nonsense')).toBeUndefined();
  });

  test('provider_config (every azurerm configuration intersected) and the arguments a registry has', () => {
    expect(majorFromProviderConfig(load(V3).configuration)).toBe(3);
    expect(majorFromProviderConfig(load(V4).configuration)).toBe(4);
    expect(majorFromProviderConfig({ provider_config: { azurerm: { name: 'azurerm', version_constraint: '>= 3.0' }, 'module.a:azurerm': { name: 'azurerm', version_constraint: '< 4.0' } } })).toBe(3);
    expect(majorFromProviderConfig({ provider_config: { tls: { name: 'tls', version_constraint: '~> 4.0' } } })).toBeUndefined();
    expect(majorFromRegistryValues({ retention_policy_in_days: 0 })).toBe(4);
    expect(majorFromRegistryValues({ retention_policy: [], trust_policy: [] })).toBe(3);
    expect(majorFromRegistryValues({ encryption: [{ enabled: false }] })).toBe(3);
    expect(majorFromRegistryValues({ georeplication_locations: [] })).toBe(2);
    expect(majorFromRegistryValues({ sku: 'Basic' })).toBeUndefined();
  });

  test('a 3.x plan gets messages in 3.x names: retention_policy and trust_policy blocks, never the 4.x arguments', () => {
    const r = fromPlan(load(V3), V3);
    expect(r.registries.every((s) => s.source.azurermMajor === 3)).toBe(true);
    const messages = evaluate(r.registries).findings.map((f) => f.message);
    expect(messages.join('\n')).not.toMatch(/retention_policy_in_days|trust_policy_enabled/);
    expect(messages).toContain('retention_policy.days must be 1-365 on Premium, got none: set retention_policy { enabled = true, days = 7 }.');
    expect(messages.find((m) => m.startsWith('trust_policy.enabled must be false'))).toContain('remove the trust_policy block');
    expect(fromPlan(load(V4), V4).registries.every((s) => s.source.azurermMajor === 4)).toBe(true);
  });

  test('inProviderNames rewrites only for 2.x/3.x', () => {
    const m = 'retention_policy_in_days = 30 needs the Premium tier, got sku "Basic": set sku = "Premium" or remove retention_policy_in_days.';
    expect(inProviderNames(m, 4)).toBe(m);
    expect(inProviderNames(m, undefined)).toBe(m);
    expect(inProviderNames(m, 3)).toBe('retention_policy { enabled = true, days = 30 } needs the Premium tier, got sku "Basic": set sku = "Premium" or remove the retention_policy block.');
    expect(inProviderNames('trust_policy_enabled needs the Premium tier: set trust_policy_enabled = false.', 3)).toBe('trust_policy.enabled needs the Premium tier: set trust_policy { enabled = false }.');
  });
});

describe('which resources belong to a registry', () => {
  test('azurerm 4.x: companions through module outputs, module inputs, count instances, known ids and names; the rest is other', () => {
    const { changes } = planChanges(load(V4), V4);
    const prod = 'module.acr["prod"].azurerm_container_registry.this';
    const scope = Object.fromEntries(changes.filter((c) => !c.data).map((c) => [c.address, c.registries ?? []]));
    expect(scope).toEqual({
      'azurerm_container_registry.legacy': ['azurerm_container_registry.legacy'],
      // Deleted with no configuration left: linked by registry_name and resource group.
      'azurerm_container_registry_webhook.legacy_notify': ['azurerm_container_registry.legacy'],
      // The vault holding the key the registry encrypts with (dynamic block: by the key id).
      'azurerm_key_vault.platform': [prod],
      'azurerm_key_vault_key.acr_cmk': [prod],
      'azurerm_key_vault_secret.db_conn': [],
      'azurerm_kubernetes_cluster.main': [],
      'azurerm_mssql_server.main': [],
      'azurerm_private_dns_a_record.acr_data_eastus': [prod],
      'azurerm_private_dns_zone.acr': [prod],
      // Lets the registry's identity read its key.
      'azurerm_role_assignment.acr_crypto': [prod],
      // scope = module.acr["prod"].registry_id: followed through the module's output.
      'azurerm_role_assignment.aks_pull_prod': [prod],
      'azurerm_storage_account.logs': [],
      'azurerm_user_assigned_identity.acr_cmk': [prod],
      'module.acr["dev"].azurerm_container_registry.this': ['module.acr["dev"].azurerm_container_registry.this'],
      [prod]: [prod],
      'module.acr["prod"].azurerm_management_lock.this[0]': [prod],
      'module.acr["prod"].azurerm_monitor_diagnostic_setting.this[0]': [prod],
      'module.acr["prod"].azurerm_private_endpoint.this[0]': [prod],
    });
  });

  test('azurerm 3.x: a token password through its token, a role assignment through a module output, a Key Vault secret holding the admin password is not a companion', () => {
    const { changes } = planChanges(load(V3), V3);
    const reg = 'module.registry.azurerm_container_registry.this';
    const of = (a: string) => changes.find((c) => c.address === a)!.registries ?? [];
    expect(of('module.registry.azurerm_container_registry_token_password.ci')).toEqual([reg]);
    expect(of('azurerm_role_assignment.aks_pull')).toEqual([reg]);
    expect(of('azurerm_key_vault_secret.acr_admin')).toEqual([]);
    expect(of('azurerm_kubernetes_cluster.aks')).toEqual([]);
    expect(changes.find((c) => c.address === 'data.azurerm_subnet.aks')).toMatchObject({ data: true });
  });
});

describe('sensitive values', () => {
  test('every sensitive value of the plan is found: resource values, sensitive variables, outputs', () => {
    const secrets = sensitiveStrings(load('secrets.json'));
    expect(secrets).toEqual(
      expect.arrayContaining([
        'alice.secret-owner@contoso.example',
        'bob.secret-owner@contoso.example',
        'Bearer webhook-bearer-secret-31337',
        'TokenPw-Before-4410-xyz',
        'Admin-Pw-Registry-66120',
        'https://deploy-bot:Hook-Pass-After-9923@hooks.contoso.example/acr?code=QWZ0ZXJDb2Rl',
      ]),
    );
    expect(secrets.some((s) => s.startsWith('-----BEGIN RSA PRIVATE KEY-----'))).toBe(true);
    expect(sensitiveStrings(load(V3))).toEqual(expect.arrayContaining(['Sql-Adm1n-P@ssw0rd-7731', 'Bearer eyJhbGciOiJIUzI1NiJ9.acrkit-fixture-webhook-token']));
  });

  test('the scrubber replaces a secret as written, JSON-escaped, and cut short by a preview', () => {
    const scrub = scrubber(['Sql-Adm1n-P@ssw0rd-7731', 'line one\nline "two"', 'abc']);
    expect(scrub('password Sql-Adm1n-P@ssw0rd-7731 here')).toBe('password (sensitive) here');
    expect(scrub('got "line one\\nline \\"two\\"": fix it')).toBe('got "(sensitive)": fix it');
    expect(scrub('got "Sql-Adm1n-P@ss...')).toBe('got "(sensitive)...');
    expect(scrub('abc and abcdef')).toBe('(sensitive) and abcdef');
    expect(scrubber([])('unchanged')).toBe('unchanged');
  });

  test('sensitive values are masked before anything reads them: a tag shows (sensitive), a webhook URI keeps only its scheme', () => {
    const r = fromPlan(load('secrets.json'), 'secrets.json');
    expect(r.errors).toEqual([]);
    const [s] = r.registries;
    expect(s!.tags).toEqual({ env: 'production', owner: '(sensitive)' });
    expect(s!.webhooks.map((w) => [w.address, w.serviceUri])).toEqual([
      ['azurerm_container_registry_webhook.audit', 'http://audit.contoso.example/hook'],
      ['azurerm_container_registry_webhook.deploy', 'https://(sensitive)'],
    ]);
    const { changes } = planChanges(load('secrets.json'), 'secrets.json');
    const tp = changes.find((c) => c.address === 'azurerm_container_registry_token_password.ci')!;
    expect(tp.sensitiveChanged).toEqual(['password1']);
    expect(JSON.stringify(tp)).not.toContain('TokenPw-Before-4410-xyz');
    expect((tp.beforeValues!.password1 as unknown as { reason: string }).reason).toBe(SENSITIVE_REASON);
  });

  test('an input error never quotes a sensitive value, even one copied into an attribute that is not marked', () => {
    const secret = 'Copied-Secret-Value-0042';
    const plan = {
      format_version: '1.2',
      variables: { pw: { value: secret } },
      configuration: { root_module: { variables: { pw: { sensitive: true } } } },
      resource_changes: [
        {
          address: 'azurerm_container_registry.main', mode: 'managed', type: 'azurerm_container_registry', name: 'main',
          change: { actions: ['create'], before: null, after: { name: 'contosomain', sku: 'Basic', location: 'westeurope', resource_group_name: 'rg', admin_enabled: secret }, after_unknown: {} },
        },
      ],
    };
    const r = fromPlan(plan, 'p.json');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.message).toContain('admin_enabled must be true or false, got "(sensitive)"');
    expect(r.errors[0]!.message).not.toContain(secret);
    const c = planChanges(plan, 'p.json');
    expect(c.errors.map((e) => e.message).join('\n')).not.toContain(secret);
  });
});

describe('robustness', () => {
  test('any mutation of the new fixtures gives registries, changes or InputErrors, never a throw, and no sensitive value in an error', () => {
    for (const name of [V3, V4, 'secrets.json']) {
      const base = load(name);
      const paths = (v: unknown, prefix: string[] = [], out: string[][] = []): string[][] => {
        out.push(prefix);
        if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
        return out;
      };
      const all = paths(base).filter((p) => p.length > 0);
      fc.assert(
        fc.property(fc.constantFrom(...all), fc.jsonValue({ maxDepth: 3 }), (p, value) => {
          const copy = structuredClone(base);
          let at = copy as Record<string, unknown>;
          for (const k of p.slice(0, -1)) at = at[k] as Record<string, unknown>;
          at[p[p.length - 1]!] = value;
          const r = fromPlan(copy, name);
          evaluate(r.registries);
          const c = planChanges(copy, name);
          const secrets = sensitiveStrings(copy).filter((x) => x.length >= 8);
          for (const e of [...r.errors, ...c.errors]) {
            expect(e.name).toBe('InputError');
            for (const x of secrets) expect(e.message).not.toContain(x);
          }
        }),
        { numRuns: 60 },
      );
    }
  });
});

describe('a hostile plan', () => {
  test('a "__proto__" key in a registry\'s values stays a key: the copies made while reading never take it as a prototype', () => {
    const values = {
      name: 'protoacr01',
      resource_group_name: 'rg-proto',
      location: 'westeurope',
      sku: 'Premium',
      admin_enabled: false,
      public_network_access_enabled: false,
      retention_policy_in_days: 7,
    };
    // JSON.parse makes "__proto__" an own key; a copy made by assignment would make it the
    // prototype, and anonymous_pull_enabled (not written) would read true through it.
    const text = JSON.stringify({
      format_version: '1.2',
      planned_values: { root_module: { resources: [{ address: 'azurerm_container_registry.r', mode: 'managed', type: 'azurerm_container_registry', name: 'r', values, sensitive_values: {} }] } },
      resource_changes: [{ address: 'azurerm_container_registry.r', mode: 'managed', type: 'azurerm_container_registry', name: 'r', change: { actions: ['create'], before: null, after: values, after_unknown: { id: true, login_server: true } } }],
    }).replaceAll('"retention_policy_in_days":7', '"retention_policy_in_days":7,"__proto__":{"anonymous_pull_enabled":true,"admin_enabled":true}');
    const doc = JSON.parse(text) as { planned_values: { root_module: { resources: Array<{ values: object }> } } };
    expect(Object.prototype.hasOwnProperty.call(doc.planned_values.root_module.resources[0]!.values, '__proto__')).toBe(true);
    const r = fromPlan(doc, 'proto.json');
    expect(r.errors).toEqual([]);
    expect(r.registries.map((s) => [s.anonymousPull, s.adminEnabled, isUnknown(s.tier) ? 'unknown' : s.tier])).toEqual([[false, false, 'Premium']]);
    expect(evaluate(r.registries).findings.filter((f) => f.ruleId === 'ACR-SEC-001' || f.ruleId === 'ACR-SEC-002')).toEqual([]);
  });
});
