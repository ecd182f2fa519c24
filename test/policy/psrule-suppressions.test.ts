/**
 * PSRule for Azure suppressions in the checked folder: the `suppression` option of ps-rule.yaml
 * and suppression groups in .ps-rule/*.Rule.yaml suppress the acrkit rule the parity table maps
 * each PSRule rule to, for the registry with that Azure name, with the reason written next to
 * them. Every file here is written for the test.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCheck, type CheckRun } from '../../lib/workflows/check.js';
import { formatLocation } from '../../lib/input/location.js';

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'acrkit-psrule-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

const registry = (label: string, name: string, extra = ''): string => `
resource "azurerm_container_registry" "${label}" {
  name                = "${name}"
  resource_group_name = "rg-shop"
  location            = "westeurope"
  sku                 = "Premium"
  admin_enabled       = true
${extra}}
`;

const findings = (run: CheckRun, ruleId: string): Array<[string, boolean, string | undefined]> =>
  run.result.report.findings.filter((f) => f.ruleId === ruleId).map((f) => [f.address, f.suppressed, f.reason]);

const warnings = (run: CheckRun): string[] => run.warnings.map((w) => `${formatLocation(w.location)}: ${w.message}`);

test('the suppression option suppresses the mapped rule for the named registry only, with the comment as the reason', async () => {
  write({
    'infra/main.tf': registry('dev', 'crshopdev01') + registry('prod', 'crshopprod01'),
    'ps-rule.yaml': `# PSRule for Azure settings of the shop platform
configuration:
  AZURE_BICEP_FILE_EXPANSION: true
suppression:
  # Build agents in the dev subscription still log in with the admin user (until March)
  Azure.ACR.AdminUser:
  - crshopdev01
  Azure.ACR.Firewall:
    targetName:
    - CRSHOPDEV01 # dev is reached from the office VPN only
  Azure.Storage.SoftDelete:
  - stshopdev01
`,
  });
  const run = await runCheck(['infra'], { cwd: root, packs: ['security'] });
  expect(run.result.inputErrors).toEqual([]);
  expect(run.warnings).toEqual([]);
  expect(findings(run, 'ACR-SEC-001')).toEqual([
    ['azurerm_container_registry.dev', true, 'Build agents in the dev subscription still log in with the admin user (until March) (PSRule Azure.ACR.AdminUser)'],
    ['azurerm_container_registry.prod', false, undefined],
  ]);
  expect(findings(run, 'ACR-SEC-003')).toEqual([
    ['azurerm_container_registry.dev', true, 'dev is reached from the office VPN only (PSRule Azure.ACR.Firewall)'],
    ['azurerm_container_registry.prod', false, undefined],
  ]);
  const dev = run.result.report.findings.find((f) => f.ruleId === 'ACR-SEC-001' && f.suppressed)!;
  expect(dev.suppression).toEqual({ kind: 'external', origin: 'ps-rule.yaml:7' });
  // Still failing: the prod registry's findings are not suppressed.
  expect(run.exitCode).toBe(1);
});

test('an unknown Azure.ACR rule is a warning with a suggestion, not silence; other services are left alone', async () => {
  write({
    'main.tf': registry('dev', 'crshopdev01'),
    'ps-rule.yaml': `suppression:
  Azure.ACR.AdminUsr:
  - crshopdev01
  Azure.KeyVault.PurgeProtect:
  - kv-shop-dev
  AZR-000001:
  - crshopdev01
`,
  });
  const run = await runCheck(['main.tf'], { cwd: root, packs: ['security'] });
  expect(run.exitCode).toBe(1);
  expect(warnings(run)).toEqual([
    "ps-rule.yaml:2: PSRule rule name must be one acrkit maps (see docs/rules.md, \"Parity\"), got 'Azure.ACR.AdminUsr': did you mean 'Azure.ACR.AdminUser'? the suppression is not applied to any acrkit rule.",
    "ps-rule.yaml:6: PSRule rule name must be one acrkit maps (see docs/rules.md, \"Parity\"), got 'AZR-000001': write the rule name (Azure.ACR.<Name>) instead of its reference id; the suppression is not applied to any acrkit rule.",
  ]);
  expect(findings(run, 'ACR-SEC-001')).toEqual([['azurerm_container_registry.dev', false, undefined]]);
});

test('a malformed ps-rule.yaml is an input error at its line with the fix (exit 2)', async () => {
  write({
    'main.tf': registry('dev', 'crshopdev01'),
    'ps-rule.yaml': `suppression:
  Azure.ACR.AdminUser:
    targetName: crshopdev01
    reason: [unclosed
`,
  });
  const run = await runCheck(['.'], { cwd: root });
  expect(run.exitCode).toBe(2);
  expect(run.result.inputErrors!.map((e) => e.message)).toEqual([expect.stringMatching(/^ps-rule\.yaml:[45]: a PSRule options file must be valid YAML, got .+: fix the YAML at this line/)]);

  write({ 'ps-rule.yaml': 'suppression:\n  - Azure.ACR.AdminUser\n' });
  const list = await runCheck(['.'], { cwd: root });
  expect(list.exitCode).toBe(2);
  expect(list.result.inputErrors!.map((e) => e.message)).toEqual([expect.stringMatching(/^ps-rule\.yaml:2: suppression in a PSRule options file must be a map from rule name to target names, got a list: write suppression:/)]);

  write({ 'ps-rule.yaml': 'suppression:\n  Azure.ACR.AdminUser:\n    crshopdev01: true\n' });
  const map = await runCheck(['.'], { cwd: root });
  expect(map.result.inputErrors!.map((e) => e.message)).toEqual([expect.stringMatching(/^ps-rule\.yaml:2: suppression\.Azure\.ACR\.AdminUser in a PSRule options file must list target names, got a map without a targetName list/)]);
});

test('the nearest PSRule folder up to the working directory applies: a sub-project keeps its own ps-rule.yaml', async () => {
  write({
    'ps-rule.yaml': 'suppression:\n  Azure.ACR.AdminUser:\n  - crshopdev01\n  - crteamdev01\n',
    'shop/main.tf': registry('dev', 'crshopdev01'),
    'team/main.tf': registry('dev', 'crteamdev01'),
    'team/ps-rule.yaml': 'suppression:\n  Azure.ACR.ExportPolicy:\n  - crteamdev01\n',
  });
  const run = await runCheck(['shop', 'team'], { cwd: root, packs: ['security'] });
  expect(run.result.inputErrors).toEqual([]);
  const admin = run.result.report.findings.filter((f) => f.ruleId === 'ACR-SEC-001').map((f) => [f.location.file, f.suppressed]);
  // team/ has its own options file: the root one does not reach its registry.
  expect(admin).toEqual([
    ['shop/main.tf', true],
    ['team/main.tf', false],
  ]);
  const exp = run.result.report.findings.filter((f) => f.ruleId === 'ACR-SEC-008').map((f) => [f.location.file, f.suppressed, f.suppression?.origin]);
  expect(exp).toEqual([
    ['shop/main.tf', false, undefined],
    ['team/main.tf', true, 'team/ps-rule.yaml:3'],
  ]);
});

test('suppression groups: the condition on tags decides, the synopsis is the reason, an expired group or one acrkit cannot decide warns', async () => {
  write({
    'main.tf':
      registry('dev', 'crshopdev01', '  tags = { env = "dev" }\n') +
      registry('prod', 'crshopprod01', '  tags = { env = "prod" }\n'),
    '.ps-rule/Shop.Rule.yaml': `---
# Synopsis: Development registries keep the admin user for the legacy build agents
apiVersion: github.com/microsoft/PSRule/v1
kind: SuppressionGroup
metadata:
  name: Local.Shop.DevAdmin
spec:
  rule:
  - Azure.ACR.AdminUser
  if:
    allOf:
    - type: '.'
      equals: Microsoft.ContainerRegistry/registries
    - field: tags.env
      in: [dev, test]
---
# Synopsis: Exports were allowed for the migration
apiVersion: github.com/microsoft/PSRule/v1
kind: SuppressionGroup
metadata:
  name: Local.Shop.Migration
spec:
  expiresOn: 2024-06-30T00:00:00Z
  rule:
  - Azure.ACR.ExportPolicy
  if:
    name: '.'
    startsWith: crshop
---
apiVersion: github.com/microsoft/PSRule/v1
kind: SuppressionGroup
metadata:
  name: Local.Shop.ByAdmin
spec:
  rule:
  - Azure.ACR.Firewall
  if:
    field: properties.adminUserEnabled
    equals: true
---
apiVersion: github.com/microsoft/PSRule/v1
kind: Rule
metadata:
  name: Local.Shop.Tagged
spec:
  condition:
    field: tags.env
    exists: true
`,
  });
  const run = await runCheck(['main.tf'], { cwd: root, packs: ['security'], now: new Date('2026-12-01T00:00:00Z') });
  expect(run.result.inputErrors).toEqual([]);
  expect(findings(run, 'ACR-SEC-001')).toEqual([
    ['azurerm_container_registry.dev', true, 'Development registries keep the admin user for the legacy build agents (PSRule suppression group Local.Shop.DevAdmin)'],
    ['azurerm_container_registry.prod', false, undefined],
  ]);
  expect(findings(run, 'ACR-SEC-008').map((f) => f[1])).toEqual([false, false]);
  expect(findings(run, 'ACR-SEC-003').map((f) => f[1])).toEqual([false, false]);
  expect(warnings(run)).toEqual([
    '.ps-rule/Shop.Rule.yaml:21: suppression group Local.Shop.Migration expired on 2024-06-30T00:00:00.000Z, got a match with azurerm_container_registry.dev: it is not applied; renew spec.expiresOn or fix the finding.',
    expect.stringMatching(/^\.ps-rule\/Shop\.Rule\.yaml:33: cannot decide whether suppression group Local\.Shop\.ByAdmin applies to azurerm_container_registry\.dev: it uses field 'properties\.adminUserEnabled'/),
    '.ps-rule/Shop.Rule.yaml:21: suppression group Local.Shop.Migration expired on 2024-06-30T00:00:00.000Z, got a match with azurerm_container_registry.prod: it is not applied; renew spec.expiresOn or fix the finding.',
    expect.stringMatching(/^\.ps-rule\/Shop\.Rule\.yaml:33: cannot decide whether suppression group Local\.Shop\.ByAdmin applies to azurerm_container_registry\.prod/),
  ]);

  // Before it expires, the migration group applies to both registries.
  const earlier = await runCheck(['main.tf'], { cwd: root, packs: ['security'], now: new Date('2024-06-01T00:00:00Z') });
  expect(findings(earlier, 'ACR-SEC-008').map((f) => [f[1], f[2]])).toEqual([
    [true, 'Exports were allowed for the migration (PSRule suppression group Local.Shop.Migration)'],
    [true, 'Exports were allowed for the migration (PSRule suppression group Local.Shop.Migration)'],
  ]);
});

test('a registry whose name is not known statically is never matched, and says so', async () => {
  write({
    'main.tf': `variable "registry_name" {
  type = string
}
${registry('dev', '${var.registry_name}')}`,
    'ps-rule.yaml': 'suppression:\n  Azure.ACR.AdminUser:\n  - crshopdev01\n',
  });
  const run = await runCheck(['main.tf'], { cwd: root, packs: ['security'] });
  expect(findings(run, 'ACR-SEC-001').map((f) => f[1])).toEqual([false]);
  expect(warnings(run)).toEqual([expect.stringMatching(/^ps-rule\.yaml:3: cannot match PSRule suppression of Azure\.ACR\.AdminUser with azurerm_container_registry\.dev: its name is not known statically/)]);
});

test('a malformed suppression group is an input error at its line', async () => {
  write({
    'main.tf': registry('dev', 'crshopdev01'),
    '.ps-rule/Broken.Rule.yaml': `apiVersion: github.com/microsoft/PSRule/v1
kind: SuppressionGroup
metadata:
  name: Local.Broken
spec:
  rule: Azure.ACR.AdminUser
  if:
    name: '.'
    equals: crshopdev01
`,
  });
  const run = await runCheck(['main.tf'], { cwd: root, packs: ['security'] });
  expect(run.exitCode).toBe(2);
  expect(run.result.inputErrors!.map((e) => e.message)).toEqual([
    '.ps-rule/Broken.Rule.yaml:6: suppression group Local.Broken: spec.rule must be a list of rule names, got "Azure.ACR.AdminUser": write rule: [Azure.ACR.AdminUser].',
  ]);
});

test('through the CLI: the JSON report marks the finding suppressed with the reason; a broken ps-rule.yaml is exit 2', async () => {
  const { runCli } = await import('../support/cli.js');
  write({
    'main.tf': registry('dev', 'crshopdev01'),
    'ps-rule.yaml': 'suppression:\n  Azure.ACR.AdminUser:\n  - crshopdev01 # the legacy build agents until March\n',
  });
  const ok = await runCli(['check', 'main.tf', '--pack', 'security', '--format', 'json'], { cwd: root });
  const admin = (JSON.parse(ok.stdout) as { findings: Array<{ ruleId: string; suppressed: boolean; reason?: string }> }).findings.filter((f) => f.ruleId === 'ACR-SEC-001');
  expect(admin).toEqual([expect.objectContaining({ suppressed: true, reason: 'the legacy build agents until March (PSRule Azure.ACR.AdminUser)' })]);

  // review applies the same suppressions: the admin user finding is suppressed on both sides.
  const review = await runCli(['review', '--base', 'main.tf', '--head', 'main.tf', '--format', 'json'], { cwd: root });
  expect(review.stdout).toContain('the legacy build agents until March (PSRule Azure.ACR.AdminUser)');

  // An unknown rule id is a warning on stderr, whatever the format; the exit code is unchanged.
  write({ 'ps-rule.yaml': 'suppression:\n  Azure.ACR.AdminUsers:\n  - crshopdev01\n' });
  const warned = await runCli(['check', 'main.tf', '--pack', 'security', '--format', 'json'], { cwd: root });
  expect(warned.stderr).toMatch(/^acrkit: warning: ps-rule\.yaml:2: .*Azure\.ACR\.AdminUsers.*Azure\.ACR\.AdminUser/m);

  write({ 'ps-rule.yaml': 'suppression: Azure.ACR.AdminUser\n' });
  const bad = await runCli(['check', 'main.tf', '--format', 'json'], { cwd: root });
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain("acrkit: ps-rule.yaml:1: suppression in a PSRule options file must be a map from rule name to target names, got 'Azure.ACR.AdminUser'");
});

test('suppression groups in JSON files are not read, and a warning says so', async () => {
  write({
    'main.tf': registry('dev', 'crshopdev01'),
    '.ps-rule/Shop.Rule.jsonc': '[\n  {\n    // Synopsis: dev keeps the admin user\n    "apiVersion": "github.com/microsoft/PSRule/v1",\n    "kind": "SuppressionGroup",\n    "metadata": { "name": "Local.Json" },\n    "spec": { "rule": ["Azure.ACR.AdminUser"], "if": { "name": ".", "equals": "crshopdev01" } }\n  }\n]\n',
  });
  const run = await runCheck(['main.tf'], { cwd: root, packs: ['security'] });
  expect(findings(run, 'ACR-SEC-001').map((f) => f[1])).toEqual([false]);
  expect(warnings(run)).toEqual([expect.stringMatching(/^\.ps-rule\/Shop\.Rule\.jsonc: PSRule resources in JSON are not read by acrkit/)]);
});

test('a ps-rule.yaml that links out of the working directory is refused', async () => {
  const { symlinkSync } = await import('node:fs');
  const outside = mkdtempSync(join(tmpdir(), 'acrkit-psrule-outside-'));
  try {
    writeFileSync(join(outside, 'ps-rule.yaml'), 'suppression:\n  Azure.ACR.AdminUser:\n  - crshopdev01\n');
    write({ 'main.tf': registry('dev', 'crshopdev01') });
    symlinkSync(join(outside, 'ps-rule.yaml'), join(root, 'ps-rule.yaml'));
    const run = await runCheck(['main.tf'], { cwd: root, packs: ['security'] });
    expect(run.exitCode).toBe(2);
    expect(run.result.inputErrors!.map((e) => e.message)).toEqual(['ps-rule.yaml: PSRule options file must be inside the working directory, got a symbolic link that points outside it: replace the link with the file, or run from a folder that holds its target.']);
    expect(findings(run, 'ACR-SEC-001').map((f) => f[1])).toEqual([false]);
  } finally {
    rmSync(outside, { recursive: true, force: true });
  }
});

test('hostile PSRule files (an alias bomb, nesting thousands deep) are input errors, never a crash', async () => {
  const bomb = ['apiVersion: github.com/microsoft/PSRule/v1', 'kind: SuppressionGroup', 'metadata:', '  name: Local.Bomb', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 9; i++) bomb.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  bomb.push('spec:', '  rule: [Azure.ACR.AdminUser]', '  if: { name: ".", equals: *a8 }');
  write({ 'main.tf': registry('dev', 'crshopdev01'), '.ps-rule/Bomb.Rule.yaml': `${bomb.join('\n')}\n`, 'ps-rule.yaml': `suppression: ${'['.repeat(5000)}${']'.repeat(5000)}\n` });
  const run = await runCheck(['main.tf'], { cwd: root, packs: ['security'] });
  expect(run.exitCode).toBe(2);
  expect(run.result.inputErrors!.map((e) => e.message)).toEqual([
    expect.stringMatching(/^ps-rule\.yaml:1: .*nest/),
    expect.stringMatching(/^\.ps-rule\/Bomb\.Rule\.yaml:1: a PSRule resource file must be plain YAML, got .*alias/i),
  ]);
});
