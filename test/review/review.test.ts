import { Ajv } from 'ajv';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runReview, verdictReasons } from '../../lib/workflows/review.js';
import type { ResourceChange } from '../../lib/review/diff.js';
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
    // On Premium the public-access finding is the error with Premium's fix, not Standard's warning.
    expect(r.findings.fixed.map((f) => f.ruleId)).toEqual(['ACR-SEC-003', 'ACR-RES-007', 'ACR-HYG-002']);
    expect(r.cost).toMatchObject({ base: 20.01, head: 150.03, delta: 130.02 });
    // Premium can restrict the network, so the public registry is now an error: a new one.
    expect(r.findings.new.find((f) => f.ruleId === 'ACR-SEC-003')).toMatchObject({ severity: 'error', status: 'non-compliant' });
    expect(r.exitCode).toBe(1);
    expect(renderReviewMarkdown(r)).toMatchSnapshot();
    checkSchema(toJsonReview(r));
  });

  test('location change: a replacement, destructive, exit 1 unless destroy is allowed', async () => {
    const r = await runReview(pair('location-change'), { cwd });
    expect(r.changes[0]).toMatchObject({ action: 'replace', destructive: true, irreversible: true });
    expect(r.changes[0]!.reasons[0]!.message).toMatch(/^replacing registry contosoapp \(location westeurope -> northeurope\) deletes it with every image/);
    expect(r.exitCode).toBe(1);
    expect(r).toMatchObject({ verdict: 'fail', summary: '1 change, 1 destructive, 0 new findings, 0 fixed, cost +$0.00/month.' });
    expect(r.reasons).toEqual([{ kind: 'destructive', count: 1, fails: true, message: '1 change deletes data: change the plan, or accept it with --allow-destroy.' }]);
    const allowed = await runReview(pair('location-change'), { cwd, allowDestroy: true });
    expect(allowed.exitCode).toBe(0);
    expect(allowed.summary).toContain('1 destructive (allowed)');
    expect(allowed).toMatchObject({ verdict: 'pass', reasons: [{ kind: 'destructive', fails: false }] });
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

  test('registry deleted: destructive, its findings removed with the registry (not fixed), cost down by a Basic unit', async () => {
    const r = await runReview(pair('registry-deleted'), { cwd });
    expect(r.changes).toHaveLength(1);
    expect(r.changes[0]).toMatchObject({ address: 'azurerm_container_registry.legacy', action: 'delete', destructive: true });
    // Provider defaults go behind a detail of their own.
    expect(r.changes[0]!.attributes.map((a) => a.name)).toEqual(['name', 'resource_group_name', 'location', 'sku']);
    expect(r.changes[0]!.defaults!.map((a) => a.name)).toEqual(expect.arrayContaining(['public_network_access_enabled', 'export_policy_enabled', 'admin_enabled']));
    expect(r.changes[0]!.attributes.every((a) => a.after === null)).toBe(true);
    expect(r.cost.delta).toBe(-5.01);
    expect(r.findings.new).toEqual([]);
    expect(r.findings.fixed).toEqual([]);
    expect(r.findings.removed!.length).toBeGreaterThan(0);
    expect(r.findings.removed!.every((f) => f.address === 'azurerm_container_registry.legacy')).toBe(true);
    expect(r.summary).toMatch(/0 fixed, \d+ removed with the registry/);
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
    // Base, head, and the included storage both share (within 10x of the data).
    expect(md.match(/^ {2}line \[/gm)).toHaveLength(3);
    expect(md).toContain('<sub>Lines in order: base; head; included storage (');
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
    expect(p.inputErrors[0]!.message).toMatch(/^tier-upgrade\/base\/main\.tf: plan file must be valid JSON/);
  });
});

describe('a cdktf app whose prod stack adds, removes and changes replicas and whose dev stack moves to Basic', () => {
  test('lists diff element by element, keyed by what identifies an element, in every format', async () => {
    // GIVEN base and head of two stacks (cdk.tf.json), the same logical id in both stacks
    const r = await runReview(pair('replicas'), { cwd });
    // THEN each registry is named by its construct path, the logical id a detail
    expect(r.changes.map((c) => [c.address, c.terraformAddress, c.action])).toEqual([
      ['contoso-dev/registry/registry', 'azurerm_container_registry.registry_71CE07F6', 'update'],
      ['contoso-prod/registry/registry', 'azurerm_container_registry.registry_71CE07F6', 'update'],
    ]);
    const prod = r.changes[1]!;
    const attr = (name: string) => prod.attributes.find((a) => a.name === name)!;
    expect(attr('georeplications').items).toEqual([
      { op: 'remove', key: 'eastus', fields: [] },
      { op: 'add', key: 'southeastasia', fields: [{ name: 'zone_redundancy_enabled', before: null, after: true }] },
      { op: 'change', key: 'northeurope', fields: [{ name: 'zone_redundancy_enabled', before: false, after: true }] },
    ]);
    expect(attr('network_rule_set.ip_rule').items).toEqual([
      { op: 'remove', key: '198.51.100.10/32', fields: [] },
      { op: 'add', key: '192.0.2.0/24', fields: [] },
    ]);
    expect(attr('tags').items).toEqual([
      { op: 'add', key: 'costcenter', fields: [{ name: 'value', before: null, after: '4711' }] },
      { op: 'change', key: 'team', fields: [{ name: 'value', before: 'platform', after: 'platform-eng' }] },
    ]);
    // The whole values stay in the JSON beside the items.
    expect(attr('georeplications').before).toHaveLength(2);
    expect(prod.reasons.map((x) => x.message.split(':')[0])).toEqual([
      'removing the East US replica deletes that region\'s copy, and deletes cannot be recovered (writes not yet replicated from it are lost)',
      'changing zone_redundancy_enabled of the North Europe replica deletes and recreates that replica',
    ]);
    // Findings name the registry as the changes do.
    const findings = [...r.findings.new, ...r.findings.fixed, ...r.findings.unchanged];
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.location.constructPath === 'contoso-dev/registry/registry' || f.location.constructPath === 'contoso-prod/registry/registry')).toBe(true);

    const md = renderReviewMarkdown(r);
    expect(md).toContain('| `georeplications` | - eastus<br>+ southeastasia (zone redundancy on)<br>~ northeurope: zone redundancy off → on |');
    expect(md).toContain('| `network_rule_set.ip_rule` | - 198.51.100.10/32<br>+ 192.0.2.0/24 |');
    expect(md).toContain('| `tags` | + costcenter: 4711<br>~ team: platform → platform-eng |');
    expect(md).not.toContain('[{');
    // The logical id appears only as the detail under each change's heading.
    expect(md.match(/registry_71CE07F6/g)).toHaveLength(2);
    expect(md.match(/<sub>Terraform address: `azurerm_container_registry\.registry_71CE07F6`<\/sub>/g)).toHaveLength(2);
    expect(md).toMatchSnapshot();

    const text = renderReviewText(r);
    expect(text).toContain(['         georeplications:', '           - eastus', '           + southeastasia (zone redundancy on)', '           ~ northeurope: zone redundancy off -> on'].join('\n'));
    expect(text).toContain('  new   warning ACR-SEC-003 contoso-dev/registry/registry: ');
    expect(text.split('\n')[0]).toBe(`FAIL: ${r.summary}`);

    const json = toJsonReview(r);
    checkSchema(json);
    expect(json).toMatchObject({ version: 2, verdict: 'fail', exitCode: 1, reasons: [{ kind: 'destructive', count: 1, fails: true }] });
  });

  test('the forecast: included storage and crossing days per side, assertions on both sides, the difference in words', async () => {
    const r = await runReview(pair('replicas'), { cwd, simulate: (base, head) => simulationDelta('replicas/scenario.yaml', base, head, { cwd, workers: 0 }) });
    const sim = r.simulation!;
    const dev = sim.forecast.find((f) => f.address === 'contoso-dev/registry/registry')!;
    // Standard includes 100 GiB, Basic 10 GiB: head goes over far sooner.
    expect(dev.storage!.base).toMatchObject({ includedGiB: 100, limitGiB: 40 * 1024 });
    expect(dev.storage!.head).toMatchObject({ includedGiB: 10, limitGiB: 40 * 1024 });
    expect(dev.storage!.head!.includedDay).not.toBeNull();
    expect(dev.storage!.base!.includedDay ?? Infinity).toBeGreaterThan(dev.storage!.head!.includedDay!);
    // Assertions carry review names, and the one Basic breaks fails the review.
    const storage = sim.assertions!.find((a) => a.kind === 'storage-below' && a.subject === 'contoso-dev/registry/registry')!;
    expect(storage).toMatchObject({ base: { passed: true }, head: { passed: false }, failing: true });
    expect(r.reasons.map((x) => [x.kind, x.fails])).toEqual([['destructive', true], ['assertion', true]]);
    expect(r.summary).toContain('1 assertion newly failing');
    checkSchema(toJsonReview(r));
    const md = renderReviewMarkdown(r);
    expect(md).toContain(`Head goes over its included storage (10 GiB) on day ${dev.storage!.head!.includedDay}; base `);
    expect(md).toContain('| ❌ storage stays below the included storage');
    // Retention on in prod's head: the lines part, and the sentence says by how much.
    expect(md).toMatch(/Base and head part on day \d+; on day 179 head stores [\d.]+ GiB, base [\d.]+ GiB \(-[\d.]+ GiB, -\d+%\)\./);
  });

  test('no value from an input can add a second review marker or break a table', async () => {
    const r = await runReview(pair('replicas'), { cwd });
    const marker = '<!-- acrkit-review -->';
    const evil = `${marker}\n| x | y |`;
    const prod = r.changes[1]!;
    const nasty = {
      ...r,
      changes: [{ ...prod, address: evil, attributes: prod.attributes.map((a) => ({ ...a, items: a.items?.map((i) => ({ ...i, key: evil })) })) }],
      findings: { ...r.findings, new: r.findings.new.map((f) => ({ ...f, message: evil, location: { ...f.location, constructPath: evil } })) },
    };
    const md = renderReviewMarkdown(nasty);
    expect(md.startsWith(`${REVIEW_MARKER}\n`)).toBe(true);
    expect(md.split(marker)).toHaveLength(2);
    expect(md).not.toMatch(/^\| x \| y \|/m);
  });
});

describe('the verdict', () => {
  const change = (kind: ResourceChange['reasons'][number]['kind'], extra: Partial<ResourceChange> = {}): ResourceChange => ({
    address: `stack/${kind}`, type: 'azurerm_container_registry', action: 'update', destructive: false, irreversible: false, attributes: [], reasons: [{ kind, message: 'm' }], ...extra,
  });
  const inputs = { failingFindings: 0, failOn: 'error' as const, simulation: undefined, inputErrors: 0, allowDestroy: false };

  test('fails on what cannot go through; warns about what can, in a fixed order', () => {
    const reasons = verdictReasons({
      ...inputs,
      failingFindings: 2,
      changes: [change('drift'), change('access-loss'), change('irreversible', { irreversible: true }), change('rejected'), change('destructive', { destructive: true, irreversible: true })],
    });
    expect(reasons.map((x) => [x.kind, x.count, x.fails])).toEqual([
      ['destructive', 1, true],
      ['rejected', 1, true],
      ['finding', 2, true],
      ['access-loss', 1, true],
      ['irreversible', 1, false],
      ['drift', 1, false],
    ]);
    // --allow-access-loss turns the access loss into a warning.
    expect(verdictReasons({ ...inputs, allowAccessLoss: true, changes: [change('access-loss')] }).map((x) => [x.kind, x.fails])).toEqual([['access-loss', false]]);
    expect(reasons[2]!.message).toBe('2 new findings at or above error (--fail-on): fix them, or suppress with a reason.');
  });

  test('--allow-destroy turns a destructive change into a warning; unreadable inputs fail', () => {
    expect(verdictReasons({ ...inputs, allowDestroy: true, changes: [change('destructive', { destructive: true })] })).toEqual([
      { kind: 'destructive', count: 1, fails: false, message: '1 change deletes data, allowed by --allow-destroy.' },
    ]);
    expect(verdictReasons({ ...inputs, inputErrors: 2, changes: [] })).toEqual([{ kind: 'input-error', count: 2, fails: true, message: '2 inputs could not be read: fix them and run the review again.' }]);
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
    expect(r.summary).toContain('(1 unknown)');
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
    // An identity no registry uses is not a companion: counted, not reviewed.
    const unrelated = await runReview({ plan: 'unrelated.json' }, { cwd: dir });
    expect(unrelated.changes).toEqual([]);
    expect(unrelated.otherResources).toBe(1);
    expect(renderReviewMarkdown(unrelated)).toContain('1 other resource changes; not reviewed.');
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
    const ok = await runCli(['review', '--base', 'retention-on/base', '--head', 'retention-on/head'], { cwd });
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

  test('with --out, one verdict line goes to stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acrkit-review-out-'));
    const out = join(dir, 'review.json');
    const run = await runCli(['review', '--base', 'replicas/base', '--head', 'replicas/head', '--format', 'json', '--out', out], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(run.stderr).toBe(`acrkit review: FAIL: ${json.summary} (review written to ${out})\n`);
    const ok = await runCli(['review', '--base', 'no-change/base', '--head', 'no-change/head', '--out', join(dir, 'ok.md')], { cwd });
    expect(ok.code).toBe(0);
    expect(ok.stderr).toBe(`acrkit review: PASS: No registry changes, nothing to review. (review written to ${join(dir, 'ok.md')})\n`);
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
