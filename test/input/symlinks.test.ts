/**
 * Symbolic links among the inputs (issue 17): a linked `.tf` file or folder is read, not skipped
 * silently; a loop of links never hangs; a link that is broken, loops or points outside the
 * working directory and the folder named is an input error, so a pull request cannot make acrkit
 * read (and quote) a file elsewhere on the machine. Every tree here is written for this test.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInputs } from '../../lib/workflows/load-inputs.js';
import { runCli } from '../support/cli.js';

const registry = (name: string, extra = ''): string =>
  `resource "azurerm_container_registry" "${name}" {\n  name                = "acr${name}"\n  resource_group_name = "rg"\n  location            = "westeurope"\n  sku                 = "Basic"\n${extra}}\n`;

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'acrkit-links-'));
}

test('a symlinked .tf file and a symlinked folder are read', async () => {
  const cwd = dir();
  mkdirSync(join(cwd, 'shared'));
  writeFileSync(join(cwd, 'shared', 'registry.tf'), registry('shared'));
  mkdirSync(join(cwd, 'infra', 'prod'), { recursive: true });
  writeFileSync(join(cwd, 'infra', 'prod', 'main.tf'), registry('prod'));
  symlinkSync('../../shared/registry.tf', join(cwd, 'infra', 'prod', 'registry.tf'));
  symlinkSync('../shared', join(cwd, 'infra', 'common'));
  const r = await loadInputs(['infra'], { cwd });
  expect(r.errors.map((e) => e.message)).toEqual([]);
  expect(r.files.map((f) => f.file).sort()).toEqual(['infra/common/registry.tf', 'infra/prod/main.tf', 'infra/prod/registry.tf']);
  expect(r.registries.map((x) => `${x.address} ${x.source.file}`).sort()).toEqual([
    'azurerm_container_registry.prod infra/prod/main.tf',
    'azurerm_container_registry.shared infra/common/registry.tf',
    'azurerm_container_registry.shared infra/prod/registry.tf',
  ]);
});

test('a symlinked .tf file beside a named file and in a local module is read', async () => {
  const cwd = dir();
  mkdirSync(join(cwd, 'mod'));
  writeFileSync(join(cwd, 'real-variables.tf'), 'variable "tier" {\n  default = "Premium"\n}\n');
  symlinkSync('../real-variables.tf', join(cwd, 'mod', 'variables.tf'));
  writeFileSync(join(cwd, 'mod', 'main.tf'), 'variable "name" {}\nresource "azurerm_container_registry" "m" {\n  name = var.name\n  resource_group_name = "rg"\n  location = "westeurope"\n  sku = var.tier\n}\n');
  mkdirSync(join(cwd, 'root'));
  writeFileSync(join(cwd, 'root', 'main.tf'), 'module "acr" {\n  source = "../mod"\n  name   = "acrmodule"\n}\n');
  const viaModule = await loadInputs(['root'], { cwd });
  expect(viaModule.errors.map((e) => e.message)).toEqual([]);
  expect(viaModule.registries.map((x) => [x.address, x.tier])).toEqual([['module.acr.azurerm_container_registry.m', 'Premium']]);
  writeFileSync(join(cwd, 'mod', 'terraform.tfvars'), 'name = "acrnamed"\n');
  const named = await loadInputs(['mod/main.tf'], { cwd });
  expect(named.errors.map((e) => e.message)).toEqual([]);
  expect(named.registries.map((x) => [x.address, x.tier])).toEqual([['azurerm_container_registry.m', 'Premium']]);
});

test('link loops never hang: a folder reached twice is walked once, a file loop is an input error', async () => {
  const cwd = dir();
  mkdirSync(join(cwd, 'a', 'b'), { recursive: true });
  writeFileSync(join(cwd, 'a', 'main.tf'), registry('loop'));
  symlinkSync('..', join(cwd, 'a', 'b', 'up'));
  symlinkSync('../b', join(cwd, 'a', 'b', 'self'));
  symlinkSync('y.tf', join(cwd, 'a', 'x.tf'));
  symlinkSync('x.tf', join(cwd, 'a', 'y.tf'));
  const r = await loadInputs(['a'], { cwd });
  expect(r.registries.map((x) => x.address)).toEqual(['azurerm_container_registry.loop']);
  expect(r.errors.map((e) => e.message)).toEqual([
    'a/x.tf: a symbolic link among the inputs must point to a file or folder inside the working directory or the folder named, got a link to a symbolic link loop (ELOOP): fix or remove the link.',
    'a/y.tf: a symbolic link among the inputs must point to a file or folder inside the working directory or the folder named, got a link to a symbolic link loop (ELOOP): fix or remove the link.',
  ]);
});

test('a link out of the tree is refused and its target never quoted; a broken link is reported', async () => {
  const outside = dir();
  writeFileSync(join(outside, 'shadow'), 'root:$6$canarysalt$canaryhash:19000:0:99999:7:::\n');
  writeFileSync(join(outside, 'secret.tf'), registry('stolen'));
  const cwd = dir();
  writeFileSync(join(cwd, 'main.tf'), registry('home', '  admin_enabled       = true\n'));
  symlinkSync(join(outside, 'shadow'), join(cwd, 'evil-plan.json'));
  symlinkSync(join(outside, 'secret.tf'), join(cwd, 'secret.tf'));
  symlinkSync(join(outside, 'shadow'), join(cwd, 'terraform.tfvars'));
  symlinkSync(outside, join(cwd, 'elsewhere'));
  symlinkSync('missing.tf', join(cwd, 'broken.tf'));
  const r = await runCli(['check', '.'], { cwd });
  expect(r.code).toBe(2);
  expect(r.stdout + r.stderr).not.toContain('canary');
  expect(r.stdout + r.stderr).not.toContain('stolen');
  const refused = 'a symbolic link among the inputs must point to a file or folder inside the working directory or the folder named, got a link to a path outside them';
  for (const f of ['evil-plan.json', 'secret.tf', 'terraform.tfvars', 'elsewhere']) expect(r.stdout).toContain(`input error ${f}: ${refused}`);
  expect(r.stdout).toContain('input error broken.tf: a symbolic link among the inputs must point to a file or folder inside the working directory or the folder named, got a link to no such file (ENOENT): fix or remove the link.');
  // The registry of the folder is still checked.
  expect(r.stdout).toContain('azurerm_container_registry.home');
  expect(r.stdout).toContain('ACR-SEC-001');
});

test('a JSON syntax error never quotes the start of the file', async () => {
  const cwd = dir();
  writeFileSync(join(cwd, 'x-plan.json'), 'password=canary-hunter2\n');
  const r = await loadInputs(['x-plan.json'], { cwd });
  expect(r.errors.map((e) => e.message)).toEqual(["x-plan.json: input must be valid JSON, got Unexpected token 'p' (not valid JSON): fix the JSON or pass a .tf file instead."]);
});

test('parseInputJson: nesting and syntax errors name the file and never quote the text', async () => {
  const { parseInputJson, jsonSyntaxMessage } = await import('../../lib/input/json.js');
  const ctx = { shown: 'plan.json', what: 'plan file', fix: 'pass terraform show -json output' };
  expect(parseInputJson('{"a": [1]}', ctx)).toEqual({ a: [1] });
  expect(() => parseInputJson('root:$6$canary:19000', ctx)).toThrow("plan.json: plan file must be valid JSON, got Unexpected token 'r' (not valid JSON): pass terraform show -json output.");
  expect(() => parseInputJson('{\n"a": 1,\n}', ctx)).toThrow(/^plan\.json:3: plan file must be valid JSON/);
  expect(() => parseInputJson(`${'['.repeat(300)}${']'.repeat(300)}`, ctx)).toThrow('plan.json:1: plan file must nest at most 256 levels');
  let caught: unknown;
  try {
    JSON.parse('"canary-secret-value');
  } catch (e) {
    caught = e;
  }
  expect(jsonSyntaxMessage(caught)).not.toContain('canary');
});
