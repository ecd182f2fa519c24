import { Ajv } from 'ajv';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runReview } from '../../lib/workflows/review.js';
import { simulationDelta } from '../../lib/workflows/review-forecast.js';
import { REVIEW_SCHEMA } from '../../lib/review/review-schema.js';
import { toJsonReview } from '../../lib/report/review/json.js';
import { GITHUB_COMMENT_LIMIT, REVIEW_MARKER, renderReviewMarkdown } from '../../lib/report/review/markdown.js';
import { renderReviewText } from '../../lib/report/review/text.js';
import { runCli } from '../support/cli.js';

const cwd = new URL('../fixtures/review/', import.meta.url).pathname;
const pair = (name: string) => ({ base: [`${name}/base`], head: [`${name}/head`] });
const validate = new Ajv({ strict: false, allErrors: true }).compile(REVIEW_SCHEMA);

function checkSchema(json: unknown): void {
  const ok = validate(json);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

describe('acrkit review: fixture pairs', () => {
  test('tier upgrade with replicas added: an update, new Premium findings, cost up by two replica units', async () => {
    const r = await runReview(pair('tier-upgrade'), { cwd });
    expect(r.changes).toHaveLength(1);
    expect(r.changes[0]).toMatchObject({ address: 'azurerm_container_registry.main', action: 'update', destructive: false, irreversible: false });
    expect(r.changes[0]!.attributes.map((a) => a.name)).toEqual(['sku', 'georeplications']);
    expect(r.findings.new.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['ACR-SEC-004', 'ACR-SEC-005', 'ACR-HYG-001']));
    expect(r.findings.fixed.map((f) => f.ruleId)).toEqual(['ACR-HYG-002']);
    expect(r.cost).toMatchObject({ base: 20.01, head: 150.03, delta: 130.02 });
    expect(r.exitCode).toBe(0);
    expect(renderReviewMarkdown(r)).toMatchSnapshot();
    checkSchema(toJsonReview(r));
  });

  test('location change: a replacement, destructive, exit 1 unless destroy is allowed', async () => {
    const r = await runReview(pair('location-change'), { cwd });
    expect(r.changes[0]).toMatchObject({ action: 'replace', destructive: true, irreversible: true });
    expect(r.changes[0]!.reasons[0]!.message).toMatch(/^replacing registry contosoapp \(location westeurope -> northeurope\) deletes it with every image/);
    expect(r.exitCode).toBe(1);
    expect(r.verdict).toBe('❌ 1 change, 1 destructive, 0 new findings, 0 fixed, cost +$0.00/month.');
    const allowed = await runReview(pair('location-change'), { cwd, allowDestroy: true });
    expect(allowed.exitCode).toBe(0);
    expect(allowed.verdict).toContain('1 destructive (allowed)');
    expect(renderReviewMarkdown(r)).toMatchSnapshot();
    checkSchema(toJsonReview(r));
  });

  test('CMK added to an existing registry: Azure rejects it, and it cannot be undone', async () => {
    const r = await runReview(pair('cmk-added'), { cwd });
    const c = r.changes[0]!;
    expect(c).toMatchObject({ action: 'update', destructive: false, irreversible: true });
    expect(c.reasons.map((x) => x.kind)).toEqual(['rejected', 'irreversible']);
    expect(c.reasons[0]!.message).toContain('the key can only be set at creation');
    expect(r.exitCode).toBe(1);
    expect(renderReviewMarkdown(r)).toContain('⛔ rejected by Azure');
    checkSchema(toJsonReview(r));
  });

  test('registry deleted: destructive, its findings fixed, cost down by a Basic unit', async () => {
    const r = await runReview(pair('registry-deleted'), { cwd });
    expect(r.changes).toHaveLength(1);
    expect(r.changes[0]).toMatchObject({ address: 'azurerm_container_registry.legacy', action: 'delete', destructive: true });
    // Provider defaults are left out of a deleted registry's attributes.
    expect(r.changes[0]!.attributes.map((a) => a.name)).toEqual(['name', 'resource_group_name', 'location', 'sku', 'public_network_access_enabled', 'export_policy_enabled']);
    expect(r.changes[0]!.attributes.every((a) => a.after === null)).toBe(true);
    expect(r.cost.delta).toBe(-5.01);
    expect(r.findings.new).toEqual([]);
    expect(r.findings.fixed.length).toBeGreaterThan(0);
    expect(r.exitCode).toBe(1);
    expect(renderReviewMarkdown(r)).toMatchSnapshot();
  });

  test('nothing changed: the comment says so in one line (after the marker)', async () => {
    const r = await runReview(pair('no-change'), { cwd });
    expect(r.changes).toEqual([]);
    expect(r.exitCode).toBe(0);
    expect(renderReviewMarkdown(r)).toBe(`${REVIEW_MARKER}\n✅ acrkit: no registry changes, nothing to review.`);
    checkSchema(toJsonReview(r));
  });

  test('retention turned on: the scenario shows storage falling, same seed on both sides', async () => {
    const r = await runReview(pair('retention-on'), {
      cwd,
      simulate: (base, head) => simulationDelta('scenario.yaml', base, head, { cwd, workers: 0 }),
    });
    const sim = r.simulation!;
    expect(sim).toMatchObject({ scenario: 'scenario.yaml', seed: 7, runs: 2, horizonDays: 180 });
    const stored = sim.rows.find((x) => x.metric === 'stored GiB at horizon (p50)')!;
    expect(stored.head!).toBeLessThan(stored.base! / 2);
    const cost = sim.rows.find((x) => x.metric === 'max monthly cost USD (p50)')!;
    expect(cost.head!).toBeLessThanOrEqual(cost.base!);
    expect(sim.forecast[0]!.base).toHaveLength(180);
    expect(sim.forecast[0]!.head!.at(-1)!).toBeLessThan(sim.forecast[0]!.base!.at(-1)!);
    const md = renderReviewMarkdown(r);
    expect(md).toContain('```mermaid\nxychart-beta');
    expect(md.match(/^ {2}line \[/gm)).toHaveLength(2);
    expect(md).toMatchSnapshot();
    checkSchema(toJsonReview(r));
    expect(renderReviewText(r)).toContain('stored GiB at horizon (p50): ');
  });

  test('a plan alone: resource_changes give the actions, a replace is destructive', async () => {
    const r = await runReview({ plan: '../plan/replace.json' }, { cwd });
    expect(r.inputErrors).toEqual([]);
    const replaced = r.changes.filter((c) => c.action === 'replace');
    expect(replaced.length).toBeGreaterThan(0);
    expect(replaced.every((c) => c.destructive)).toBe(true);
    checkSchema(toJsonReview(r));
  });

  test('an unreadable input is exit 2 with the file named', async () => {
    const r = await runReview({ base: ['missing-dir'], head: ['no-change/head'] }, { cwd });
    expect(r.exitCode).toBe(2);
    expect(r.inputErrors[0]!.message).toMatch(/^missing-dir: /);
    const p = await runReview({ plan: 'tier-upgrade/base/main.tf' }, { cwd });
    expect(p.exitCode).toBe(2);
    expect(p.inputErrors[0]!.message).toMatch(/^tier-upgrade\/base\/main\.tf: plan file must be JSON/);
  });
});

describe('matching by address', () => {
  test('renaming the Terraform resource is a delete and a create, as Terraform would plan it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acrkit-rename-'));
    const tf = readFileSync(join(cwd, 'tier-upgrade/base/main.tf'), 'utf8');
    mkdirSync(join(dir, 'base'));
    mkdirSync(join(dir, 'head'));
    writeFileSync(join(dir, 'base/main.tf'), tf);
    writeFileSync(join(dir, 'head/main.tf'), tf.replace('"azurerm_container_registry" "main"', '"azurerm_container_registry" "app"'));
    const r = await runReview({ base: ['base'], head: ['head'] }, { cwd: dir });
    expect(r.changes.map((c) => [c.address, c.action, c.destructive])).toEqual([
      ['azurerm_container_registry.app', 'create', false],
      ['azurerm_container_registry.main', 'delete', true],
    ]);
    expect(r.exitCode).toBe(1);
  });
});

describe('values not known until apply', () => {
  test('an unknown public access does not make export-off "rejected"; an unknown tier leaves the cost delta unknown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acrkit-unknown-'));
    mkdirSync(join(dir, 'base'));
    mkdirSync(join(dir, 'head'));
    const reg = (extra: string) => `variable "public" { type = bool }
variable "sku" { type = string }
resource "azurerm_container_registry" "main" {
  name                = "contosoapp"
  resource_group_name = "rg-app"
  location            = "westeurope"
${extra}
}
`;
    writeFileSync(join(dir, 'base/main.tf'), reg('  sku = "Premium"\n  public_network_access_enabled = var.public'));
    writeFileSync(join(dir, 'head/main.tf'), reg('  sku = var.sku\n  public_network_access_enabled = var.public\n  export_policy_enabled = false'));
    const r = await runReview({ base: ['base'], head: ['head'] }, { cwd: dir });
    expect(r.changes[0]!.reasons).toEqual([]);
    expect(r.cost.registries[0]).toMatchObject({ base: 50.01, head: null, delta: null });
    expect(r.cost).toMatchObject({ base: 0, head: 0, delta: 0, unknown: 1 });
    expect(r.verdict).toContain('(1 unknown)');
    expect(renderReviewMarkdown(r)).toContain('unknown (tier from a variable)');
    const unknownFinding = r.findings.new.find((f) => f.status === 'unknown');
    expect(unknownFinding).toBeDefined();
    expect(renderReviewText(r)).toContain(`unknown ${unknownFinding!.ruleId}`);
    checkSchema(toJsonReview(r));
  });
});

describe('deleting key material', () => {
  const plan = (identityId: string) => ({
    format_version: '1.2',
    resource_changes: [
      {
        address: 'azurerm_container_registry.main', type: 'azurerm_container_registry', name: 'main', mode: 'managed',
        change: {
          actions: ['no-op'],
          before: { name: 'contosoprod', resource_group_name: 'rg', location: 'westeurope', sku: 'Premium', identity: [{ type: 'UserAssigned', identity_ids: ['/sub/x/userAssignedIdentities/acr'] }], encryption: [{ key_vault_key_id: 'https://kv1.vault.azure.net/keys/acr', identity_client_id: 'c1' }] },
          after: { name: 'contosoprod', resource_group_name: 'rg', location: 'westeurope', sku: 'Premium', identity: [{ type: 'UserAssigned', identity_ids: ['/sub/x/userAssignedIdentities/acr'] }], encryption: [{ key_vault_key_id: 'https://kv1.vault.azure.net/keys/acr', identity_client_id: 'c1' }] },
          after_unknown: {},
        },
      },
      {
        address: 'azurerm_user_assigned_identity.id', type: 'azurerm_user_assigned_identity', name: 'id', mode: 'managed',
        change: { actions: ['delete'], before: { id: identityId, client_id: 'other', name: 'id' }, after: null, after_unknown: {} },
      },
    ],
  });

  test('deleting the identity a registry encrypts with is destructive; an unrelated identity is not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acrkit-keys-'));
    writeFileSync(join(dir, 'linked.json'), JSON.stringify(plan('/sub/x/userAssignedIdentities/acr')));
    writeFileSync(join(dir, 'unrelated.json'), JSON.stringify(plan('/sub/x/userAssignedIdentities/ci')));
    const linked = await runReview({ plan: 'linked.json' }, { cwd: dir });
    expect(linked.changes.map((c) => [c.address, c.action, c.destructive])).toEqual([['azurerm_user_assigned_identity.id', 'delete', true]]);
    expect(linked.changes[0]!.reasons[0]!.message).toContain("makes the registry's encrypted data unreadable");
    const unrelated = await runReview({ plan: 'unrelated.json' }, { cwd: dir });
    expect(unrelated.changes.map((c) => [c.address, c.action, c.destructive])).toEqual([['azurerm_user_assigned_identity.id', 'delete', false]]);
    expect(unrelated.exitCode).toBe(0);
  });
});

describe('review Markdown stays under the GitHub comment limit', () => {
  test('a huge review is truncated with a note', async () => {
    const r = await runReview(pair('registry-deleted'), { cwd });
    const many = { ...r, changes: Array.from({ length: 400 }, (_, i) => ({ ...r.changes[0]!, address: `azurerm_container_registry.r${i}` })) };
    const md = renderReviewMarkdown(many);
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(md.startsWith(REVIEW_MARKER)).toBe(true);
    expect(md).toMatch(/left out to fit a GitHub comment|truncated to fit a GitHub comment/);
    expect(renderReviewMarkdown(r).length).toBeLessThan(GITHUB_COMMENT_LIMIT);
  });
});

describe('acrkit review CLI', () => {
  test('markdown by default, exit codes 0 / 1 / 2', async () => {
    const ok = await runCli(['review', '--base', 'tier-upgrade/base', '--head', 'tier-upgrade/head'], { cwd });
    expect(ok.code).toBe(0);
    expect(ok.stdout.startsWith(REVIEW_MARKER)).toBe(true);
    const destroy = await runCli(['review', '--base', 'location-change/base', '--head', 'location-change/head', '--format', 'json'], { cwd });
    expect(destroy.code).toBe(1);
    checkSchema(JSON.parse(destroy.stdout));
    const allowed = await runCli(['review', '--base', 'location-change/base', '--head', 'location-change/head', '--allow-destroy'], { cwd });
    expect(allowed.code).toBe(0);
    const strict = await runCli(['review', '--base', 'tier-upgrade/base', '--head', 'tier-upgrade/head', '--fail-on', 'warning'], { cwd });
    expect(strict.code).toBe(1);
  });

  test('bad usage is exit 2 with a message', async () => {
    const none = await runCli(['review'], { cwd });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('review needs a plan or both --base and --head, got neither');
    const half = await runCli(['review', '--base', 'a'], { cwd });
    expect(half.stderr).toContain('got only --base');
    const both = await runCli(['review', 'plan.json', '--base', 'a', '--head', 'b'], { cwd });
    expect(both.code).toBe(2);
  });
});
