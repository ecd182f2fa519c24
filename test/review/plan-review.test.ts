/**
 * `acrkit review` on plans shaped like real ones (issue 20) and never printing a secret
 * (issue 17, "Secrets"): the review covers registries and their companions and counts the
 * rest in one line; sensitive values show as `(sensitive)` in every format; attributes of
 * resource types acrkit does not model are counted, not shown; webhook URIs lose their
 * userinfo and query string everywhere, `check` included.
 */
import { Ajv } from 'ajv';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeSpec } from '../../lib/model/normalize.js';
import { evaluate } from '../../lib/policy/engine.js';
import { REVIEW_SCHEMA } from '../../lib/review/review-schema.js';
import { renderReviewHtml } from '../../lib/report/html/html.js';
import { renderReviewJson, toJsonReview } from '../../lib/report/review/json.js';
import { REVIEW_MARKER, renderReviewMarkdown } from '../../lib/report/review/markdown.js';
import { renderReviewText } from '../../lib/report/review/text.js';
import type { ReviewResult } from '../../lib/review/review-types.js';
import { NO_REGISTRY_SUMMARY, runReview } from '../../lib/workflows/review.js';
import { runCli } from '../support/cli.js';

const cwd = new URL('../fixtures/plan/', import.meta.url).pathname;
const validate = new Ajv({ strict: false, allErrors: true }).compile(REVIEW_SCHEMA);

/** Every value the fixtures mark sensitive (or hide in a URI's userinfo and query string). */
const SECRETS = [
  // azurerm3-modules.json
  'Sql-Adm1n-P@ssw0rd-7731',
  'hook-s3cret-9902',
  'Zm9vYmFyLXNpZw',
  'acrkit-fixture-webhook-token',
  // azurerm4-fleet.json
  'Old-Sql-P@ss-1185',
  'New-Sql-P@ss-2291',
  'Db-Conn-Secret',
  'Legacy-Admin-Pw-00913',
  'Tr1gger-0ld-Pass',
  'legacy-query-secret',
  'QUtTLUNBLUZJWFRVUkU',
  'c3RvcmFnZS1rZXktZml4dHVyZQ',
  // secrets.json
  'secret-owner@contoso.example',
  'Hook-Pass-Before-8812',
  'Hook-Pass-After-9923',
  'QmVmb3JlQ29kZQ',
  'QWZ0ZXJDb2Rl',
  'webhook-bearer-secret-31337',
  'Audit-Pass-5521',
  'audit-apikey-7781',
  'TokenPw-Before-4410-xyz',
  'Admin-Pw-Registry-66120',
  'signingKeyBeforeFixture',
  'signingKeyAfterFixture',
  'BEGIN RSA PRIVATE KEY',
  // no-registry.json
  'Sql-0ld-Adm1n-44120',
  'Sql-N3w-Adm1n-55231',
];

async function allFormats(r: ReviewResult): Promise<Record<string, string>> {
  return { markdown: renderReviewMarkdown(r), json: renderReviewJson(r), text: renderReviewText(r), html: await renderReviewHtml(r) };
}

function leaks(outputs: Record<string, string>): string[] {
  return Object.entries(outputs).flatMap(([format, text]) => SECRETS.filter((s) => text.includes(s)).map((s) => `${format}: ${s}`));
}

function schemaErrors(r: ReviewResult): unknown[] {
  validate(toJsonReview(r));
  return validate.errors ?? [];
}

describe('a review of a plan covers registries and their companions', () => {
  test('azurerm 3.x with modules: registries, webhook, scope map, token, token password and the role assignment on the registry; 7 other resources in one line', async () => {
    const r = await runReview({ plan: 'azurerm3-modules.json' }, { cwd });
    expect(r.inputErrors).toEqual([]);
    expect(r.changes.map((c) => `${c.action} ${c.address}`)).toEqual([
      'create azurerm_container_registry.edge',
      'create azurerm_container_registry.sandbox',
      'create module.registry.azurerm_container_registry.this',
      'create azurerm_role_assignment.aks_pull',
      'create module.registry.azurerm_container_registry_scope_map.pull',
      'create module.registry.azurerm_container_registry_token.ci',
      'create module.registry.azurerm_container_registry_token_password.ci',
      'create module.registry.azurerm_container_registry_webhook.ci',
    ]);
    expect(r).toMatchObject({ registries: 3, otherResources: 7 });
    const md = renderReviewMarkdown(r);
    expect(md).toContain('7 other resources change; not reviewed.');
    for (const other of ['azurerm_kubernetes_cluster', 'azurerm_mssql_server', 'azurerm_key_vault_secret', 'azurerm_log_analytics_workspace', 'data.azurerm']) expect(md).not.toContain(other);
    expect(leaks(await allFormats(r))).toEqual([]);
    expect(schemaErrors(r)).toEqual([]);
  });

  test('create tables: every value that differs from the provider default (false included), the defaults behind a detail', async () => {
    const r = await runReview({ plan: 'azurerm3-modules.json' }, { cwd });
    const sandbox = r.changes.find((c) => c.address === 'azurerm_container_registry.sandbox')!;
    expect(sandbox.attributes.map((a) => `${a.name}=${JSON.stringify(a.after)}`)).toEqual(['name="contososandbox01"', 'resource_group_name="rg-platform"', 'location="westeurope"', 'sku="Basic"', 'admin_enabled=true']);
    expect(sandbox.defaults!.map((a) => a.name)).toEqual(expect.arrayContaining(['export_policy_enabled', 'public_network_access_enabled', 'retention_policy', 'trust_policy']));
    // 3.x names for a 3.x plan.
    const edge = r.changes.find((c) => c.address === 'azurerm_container_registry.edge')!;
    expect(edge.attributes.find((a) => a.name === 'trust_policy')).toMatchObject({ after: { enabled: true } });
    expect([...edge.attributes, ...edge.defaults!].map((a) => a.name)).not.toContain('retention_policy_in_days');
    const md = renderReviewMarkdown(r);
    expect(md).toContain(`<details><summary>${edge.defaults!.length} attributes at the provider default</summary>`);

    // A non-default false is shown; the default true of export is not.
    const dir = mkdtempSync(join(tmpdir(), 'acrkit-defaults-'));
    const plan = {
      format_version: '1.2',
      resource_changes: [
        {
          address: 'azurerm_container_registry.private', mode: 'managed', type: 'azurerm_container_registry', name: 'private',
          change: {
            actions: ['create'], before: null,
            after: { name: 'contosoprivate', resource_group_name: 'rg', location: 'westeurope', sku: 'Premium', public_network_access_enabled: false, export_policy_enabled: true, retention_policy_in_days: 0, trust_policy_enabled: false, admin_enabled: false },
            after_unknown: { id: true, network_rule_set: true, encryption: true },
          },
        },
      ],
      configuration: { root_module: { resources: [{ address: 'azurerm_container_registry.private', mode: 'managed', type: 'azurerm_container_registry', name: 'private', expressions: { public_network_access_enabled: { constant_value: false } } }] } },
    };
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan));
    const p = await runReview({ plan: 'plan.json' }, { cwd: dir });
    const names = p.changes[0]!.attributes.map((a) => a.name);
    expect(names).toContain('public_network_access_enabled');
    expect(names).not.toContain('export_policy_enabled');
    expect(p.changes[0]!.defaults!.map((a) => a.name)).toContain('export_policy_enabled');
    expect(renderReviewText(p)).toMatch(/^ +public_network_access_enabled: false$/m);
  });

  test('azurerm 4.x update: a deleted registry\'s findings are removed with it, companions found through the plan, unmodelled attributes counted', async () => {
    const r = await runReview({ plan: 'azurerm4-fleet.json' }, { cwd });
    expect(r.inputErrors).toEqual([]);
    expect(r.changes.map((c) => `${c.action} ${c.address}`)).toEqual([
      'delete azurerm_container_registry.legacy',
      'create module.acr["dev"].azurerm_container_registry.this',
      'update module.acr["prod"].azurerm_container_registry.this',
      'delete azurerm_container_registry_webhook.legacy_notify',
      'update azurerm_key_vault.platform',
      'create azurerm_private_dns_a_record.acr_data_eastus',
      'create azurerm_role_assignment.acr_crypto',
      'create azurerm_role_assignment.aks_pull_prod',
      'update module.acr["prod"].azurerm_monitor_diagnostic_setting.this[0]',
    ]);
    expect(r.otherResources).toBe(3);
    expect(r.findings.removed!.map((f) => f.address)).toEqual(expect.arrayContaining(['azurerm_container_registry.legacy']));
    expect(r.findings.fixed.every((f) => f.address !== 'azurerm_container_registry.legacy')).toBe(true);
    expect(r.verdict).toBe('fail');
    expect(r.summary).toMatch(/^9 changes, 1 destructive, \d+ new findings?, \d+ fixed, \d+ removed with the registry, cost /);
    // A role assignment is not a type acrkit models: its attributes are counted, never shown.
    const role = r.changes.find((c) => c.address === 'azurerm_role_assignment.aks_pull_prod')!;
    expect(role.attributes).toEqual([]);
    expect(role.hiddenAttributes).toBeGreaterThan(0);
    // The deleted webhook's URI is shown without its user, password and query string.
    const hook = r.changes.find((c) => c.address === 'azurerm_container_registry_webhook.legacy_notify')!;
    expect(hook.attributes.find((a) => a.name === 'service_uri')!.before).toBe('http://hooks.legacy.example/notify');
    const out = await allFormats(r);
    expect(leaks(out)).toEqual([]);
    expect(out.markdown).toContain('**Removed with the registry**');
    expect(out.text).toContain('3 other resources change; not reviewed.');
    expect(schemaErrors(r)).toEqual([]);
  });

  test('a plan without registries says so and exits 0', async () => {
    const r = await runReview({ plan: 'no-registry.json' }, { cwd });
    expect(r).toMatchObject({ exitCode: 0, changes: [], registries: 0, otherResources: 3, verdict: 'pass', summary: NO_REGISTRY_SUMMARY });
    expect(renderReviewMarkdown(r)).toBe(`${REVIEW_MARKER}\n✅ acrkit: no container registry in the plan, nothing to review.\n\n3 other resources change; not reviewed.`);
    expect(leaks(await allFormats(r))).toEqual([]);
    const cli = await runCli(['review', 'no-registry.json'], { cwd });
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('no container registry in the plan');
  });
});

describe('the headline counts findings and unknowns apart', () => {
  test('a customer-managed key from a key created in the same plan is truly unknown: counted as unknown, not as a new finding', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acrkit-unknown-'));
    const plan = {
      format_version: '1.2',
      resource_changes: [
        {
          address: 'azurerm_container_registry.main', mode: 'managed', type: 'azurerm_container_registry', name: 'main',
          change: {
            actions: ['create'], before: null,
            after: {
              name: 'contosomain', resource_group_name: 'rg', location: 'westeurope', sku: 'Premium', public_network_access_enabled: false, export_policy_enabled: false,
              retention_policy_in_days: 7, trust_policy_enabled: false, quarantine_policy_enabled: true, data_endpoint_enabled: true, zone_redundancy_enabled: true,
              encryption: [{ identity_client_id: 'c1' }],
            },
            after_unknown: { id: true, network_rule_set: true, encryption: [{ key_vault_key_id: true }] },
          },
        },
      ],
      configuration: {
        root_module: {
          resources: [
            {
              address: 'azurerm_container_registry.main', mode: 'managed', type: 'azurerm_container_registry', name: 'main',
              expressions: { encryption: [{ identity_client_id: { constant_value: 'c1' }, key_vault_key_id: { references: ['azurerm_key_vault_key.k.id', 'azurerm_key_vault_key.k'] } }] },
            },
          ],
        },
      },
    };
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan));
    const r = await runReview({ plan: 'plan.json' }, { cwd: dir });
    const unknown = r.findings.new.filter((f) => f.status === 'unknown').length;
    const decided = r.findings.new.length - unknown;
    expect(unknown).toBeGreaterThan(0);
    expect(r.summary).toContain(`${decided} new finding${decided === 1 ? '' : 's'}, ${unknown} unknown,`);
    expect(renderReviewMarkdown(r)).toContain(`<summary>Findings: ${decided} new, ${unknown} unknown, 0 fixed`);
  });
});

describe('secrets never reach an output (issue 17)', () => {
  test('review: sensitive values show as (sensitive) and say they changed; unmodelled types are counted; no planted secret in any format', async () => {
    const r = await runReview({ plan: 'secrets.json' }, { cwd });
    expect(r.inputErrors).toEqual([]);
    const reg = r.changes.find((c) => c.address === 'azurerm_container_registry.main')!;
    expect(reg.attributes.find((a) => a.name === 'tags')).toEqual({ name: 'tags', before: '(sensitive)', after: '(sensitive)', sensitive: true });
    const hook = r.changes.find((c) => c.address === 'azurerm_container_registry_webhook.deploy')!;
    expect(hook.attributes).toEqual([{ name: 'service_uri', before: '(sensitive)', after: '(sensitive)', sensitive: true }]);
    const tp = r.changes.find((c) => c.address === 'azurerm_container_registry_token_password.ci')!;
    expect(tp).toMatchObject({ action: 'replace', attributes: [], hiddenAttributes: 1 });
    // The signing key and its Key Vault secret are not registry companions: one count.
    expect(r.otherResources).toBe(1);
    const out = await allFormats(r);
    expect(leaks(out)).toEqual([]);
    expect(out.markdown).toContain('| `tags` | (sensitive) → (sensitive), changed |');
    expect(out.text).toContain('service_uri: (sensitive) -> (sensitive), changed');
    expect(out.html).toContain('(sensitive), changed');
    expect(out.markdown).toContain('got "http://audit.contoso.example/hook"');
    expect(schemaErrors(r)).toEqual([]);
  });

  test('check: no planted secret in any format; the webhook URI without credentials', async () => {
    for (const format of ['text', 'json', 'sarif', 'markdown', 'junit', 'github']) {
      for (const file of ['secrets.json', 'azurerm3-modules.json', 'azurerm4-fleet.json']) {
        const run = await runCli(['check', file, '--format', format], { cwd });
        expect([format, file, run.code === 1 || run.code === 0]).toEqual([format, file, true]);
        expect([format, file, leaks({ stdout: run.stdout, stderr: run.stderr })]).toEqual([format, file, []]);
      }
    }
    const text = await runCli(['check', 'secrets.json'], { cwd });
    expect(text.stdout).toContain('got "http://audit.contoso.example/hook"');
  });

  test('webhook URIs lose userinfo and query string from .tf inputs and from specs built in code too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acrkit-hook-'));
    writeFileSync(
      join(dir, 'main.tf'),
      `resource "azurerm_container_registry" "main" {\n  name                = "contosohook"\n  resource_group_name = "rg"\n  location            = "westeurope"\n  sku                 = "Basic"\n}\n\nresource "azurerm_container_registry_webhook" "ci" {\n  name                = "cihook"\n  registry_name       = azurerm_container_registry.main.name\n  resource_group_name = "rg"\n  location            = "westeurope"\n  service_uri         = "http://ci:Tf-Hook-Pass-1234@ci.contoso.example/hook?token=Tf-Query-Token-5678"\n  actions             = ["push"]\n}\n`,
    );
    for (const format of ['text', 'json', 'sarif']) {
      const run = await runCli(['check', 'main.tf', '--format', format], { cwd: dir });
      expect(run.stdout).toContain('http://ci.contoso.example/hook');
      expect(run.stdout).not.toMatch(/Tf-Hook-Pass-1234|Tf-Query-Token-5678/);
    }
    const spec = normalizeSpec({ address: 'inline.hook', source: { kind: 'inline' }, name: 'contosohook', webhooks: [{ address: 'hook', serviceUri: 'http://u:Inline-Pass-77@hooks.example/x?sig=Inline-Sig-88', actions: ['push'] }] });
    const messages = evaluate([spec]).findings.map((f) => f.message).join('\n');
    expect(messages).toContain("got 'http://hooks.example/x'");
    expect(messages).not.toMatch(/Inline-Pass-77|Inline-Sig-88/);
  });

  test('review through the CLI, every format: no planted secret', async () => {
    for (const format of ['markdown', 'json', 'text', 'html']) {
      for (const file of ['secrets.json', 'azurerm3-modules.json', 'azurerm4-fleet.json', 'no-registry.json']) {
        const run = await runCli(['review', file, '--format', format], { cwd });
        expect([format, file, leaks({ stdout: run.stdout, stderr: run.stderr })]).toEqual([format, file, []]);
      }
    }
  }, 60_000);
});
