/**
 * Nesting bombs (issue 17): a plan JSON, cdk.tf.json, ARM template, .tfvars.json or .tf file
 * nested thousands of levels deep is an input error (exit 2) naming the file and the reason,
 * never a stack overflow (exit 70), and never hides the findings of the other inputs. Every
 * file here is hostile and written for this test.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { MAX_NESTING, nestingDepth, nestingError, tooDeepAt } from '../../lib/input/depth.js';
import { loadInputs } from '../../lib/workflows/load-inputs.js';
import { runCli } from '../support/cli.js';

const DEPTH = 8000;
const deep = (open: string, close: string): string => open.repeat(DEPTH) + close.repeat(DEPTH);
const DEEP = deep('[', ']');

/** A plan whose registry has nested sensitive values: the sensitive-value walk recursed per level. */
function deepPlan(): string {
  const values = { name: 'acrdeep', resource_group_name: 'rg', location: 'westeurope', sku: 'Premium', admin_enabled: false, tags: { team: 'x' } };
  const plan = {
    format_version: '1.2',
    terraform_version: '1.9.5',
    planned_values: {
      root_module: {
        resources: [
          { address: 'azurerm_container_registry.deep', mode: 'managed', type: 'azurerm_container_registry', name: 'deep', values, sensitive_values: { tags: 'DEEP' } },
        ],
      },
    },
    resource_changes: [
      {
        address: 'azurerm_container_registry.deep',
        mode: 'managed',
        type: 'azurerm_container_registry',
        name: 'deep',
        change: { actions: ['create'], before: null, after: values, after_unknown: {}, before_sensitive: false, after_sensitive: { tags: 'DEEP' } },
      },
    ],
  };
  return JSON.stringify(plan, null, 2).split('"DEEP"').join(DEEP);
}

/** A folder with three nesting bombs and one good .tf file with an admin-enabled registry. */
function tree(): string {
  const cwd = mkdtempSync(join(tmpdir(), 'acrkit-deep-'));
  writeFileSync(join(cwd, 'deep-plan.json'), deepPlan());
  writeFileSync(join(cwd, 'deep.cdk.tf.json'), `{"resource":{"azurerm_container_registry":{"r":{"name":"acrdeep","resource_group_name":"rg","location":"westeurope","sku":"Basic","tags":${DEEP}}}}}`);
  writeFileSync(
    join(cwd, 'deep-arm.json'),
    `{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","contentVersion":"1.0.0.0","resources":[{"type":"Microsoft.ContainerRegistry/registries","apiVersion":"2023-07-01","name":"acrarm","location":"westeurope","sku":{"name":"Premium"},"tags":${DEEP},"properties":{}}]}`,
  );
  mkdirSync(join(cwd, 'good'));
  writeFileSync(
    join(cwd, 'good', 'main.tf'),
    'resource "azurerm_container_registry" "good" {\n  name                = "acrgood"\n  resource_group_name = "rg"\n  location            = "westeurope"\n  sku                 = "Basic"\n  admin_enabled       = true\n}\n',
  );
  return cwd;
}

test('tooDeepAt finds the bracket past the limit, outside strings only', () => {
  expect(tooDeepAt('{"a": "[[[[[[", "b": [[1]]}', 3)).toBe(-1);
  expect(tooDeepAt('[[[[1]]]]', 3)).toBe(3);
  expect(tooDeepAt(`"${'['.repeat(1000)}"`)).toBe(-1);
  expect(tooDeepAt('['.repeat(MAX_NESTING) + ']'.repeat(MAX_NESTING))).toBe(-1);
  expect(tooDeepAt('['.repeat(MAX_NESTING + 1))).toBe(MAX_NESTING);
  const e = nestingError(`{\n"a":\n${DEEP}}`, { shown: 'x.json', what: 'input', fix: 'flatten it' });
  expect(e?.location).toEqual({ file: 'x.json', line: 3 });
  expect(e?.reason).toContain(`must nest at most ${MAX_NESTING} levels of [ and {, got deeper`);
});

test('runs of numbers are skipped to the next bracket or quote, and the depth is what a character-by-character count gives', () => {
  expect(tooDeepAt('[1,2,[3,[4]],5e-3,"[[",[6]]', 2)).toBe(8);
  expect(nestingDepth('{"a":[12345,[678,[9]],0.5],"b":-1}')).toBe(4);
  expect(nestingDepth(`[${'1,'.repeat(100_000)}[[[2]]]]`)).toBe(4);
  // Against a plain count on generated JSON: strings with brackets, quotes and backslashes, and numbers.
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 12 }), fc.boolean(), (v, pretty) => {
      const text = JSON.stringify(v, null, pretty ? 2 : 0);
      expect(nestingDepth(text, 10_000)).toBe(plainDepth(v));
    }),
    { numRuns: 400, seed: 16 },
  );
});

/** The nesting of a parsed value: an array or object is one level more than its deepest child. */
function plainDepth(v: unknown): number {
  if (v === null || typeof v !== 'object') return 0;
  const children = Object.values(v as object);
  return 1 + Math.max(0, ...children.map(plainDepth));
}

test('check: each deep JSON input is an input error with its file, and the other findings are still reported', async () => {
  const cwd = tree();
  const r = await runCli(['check', '--format', 'json', 'deep-plan.json', 'deep.cdk.tf.json', 'deep-arm.json', 'good'], { cwd });
  expect(r.stderr).not.toContain('internal error');
  expect(r.code).toBe(2);
  const out = JSON.parse(r.stdout) as { inputErrors?: Array<{ location: { file: string }; reason: string }>; registries?: Array<{ address: string; findings: Array<{ ruleId: string }> }> };
  const text = JSON.stringify(out);
  for (const f of ['deep-plan.json', 'deep.cdk.tf.json', 'deep-arm.json']) expect(text).toMatch(new RegExp(`${f.replace(/\./g, '\\.')}[^"]*"[^}]*must nest at most 256 levels`));
  // The good file is still checked.
  expect(text).toContain('azurerm_container_registry.good');
  expect(text).toContain('ACR-SEC-001');
});

test('loadInputs: deep JSON from standard input is an input error, never a throw', async () => {
  const r = await loadInputs(['-'], { cwd: tmpdir(), readStdin: async () => deepPlan() });
  expect(r.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^<stdin>:\d+: input must nest at most 256 levels/)]);
});

test('a deep .tfvars.json is an input error at its file', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'acrkit-deep-'));
  writeFileSync(join(cwd, 'main.tf'), 'variable "x" {}\nresource "azurerm_container_registry" "r" {\n  name = "acrvar"\n  resource_group_name = "rg"\n  location = "westeurope"\n  sku = "Basic"\n  tags = { x = jsonencode(var.x) }\n}\n');
  writeFileSync(join(cwd, 'terraform.tfvars.json'), `{"x": ${DEEP}}`);
  const r = await loadInputs(['.'], { cwd });
  expect(r.errors.map((e) => e.message)).toContain(`terraform.tfvars.json:1: a .tfvars.json file must nest at most 256 levels of [ and {, got deeper (a Terraform plan nests about 12): write the values out flat.`);
});

test.each([
  ['brackets', `locals {\n  x = ${DEEP}\n}\n`, 2],
  ['parentheses', `locals {\n  x = ${deep('(', ')').replace(')', '1)')}\n}\n`, 2],
  ['unary minus', `locals {\n  x = ${'-'.repeat(DEPTH)}1\n}\n`, 2],
  ['interpolations', `locals {\n  x = ${'"${'.repeat(3000)}1${'}"'.repeat(3000)}\n}\n`, 2],
  ['blocks', `${'dynamic {\n'.repeat(DEPTH)}${'}\n'.repeat(DEPTH)}`, MAX_NESTING + 1],
])('a .tf file nested deep with %s is a syntax error at its line, and other files are still read', async (_, text, line) => {
  const cwd = tree();
  writeFileSync(join(cwd, 'good', 'deep.tf'), text);
  const r = await loadInputs(['good'], { cwd });
  expect(r.errors.map((e) => e.message)).toEqual([expect.stringMatching(new RegExp(`^good/deep\\.tf:${line}: HCL must parse, got a syntax error at column \\d+: Nesting too deep`))]);
  expect(r.errors[0]!.message).not.toContain('terraform validate shows the same error');
  expect(r.registries.map((x) => x.address)).toEqual(['azurerm_container_registry.good']);
});

test('review: a deep plan is an input error at its file, never exit 70, and quotes none of it', async () => {
  const cwd = tree();
  const r = await runCli(['review', '--format', 'json', 'deep-plan.json'], { cwd });
  expect(r.stderr).not.toContain('internal error');
  expect(r.code).toBe(2);
  expect(r.stdout + r.stderr).toMatch(/deep-plan\.json:\d+: plan file must nest at most 256 levels/);
  writeFileSync(join(cwd, 'bad-plan.json'), 'root:$6$saltsalt$hash:19000:0:99999:7:::\n');
  const bad = await runCli(['review', 'bad-plan.json'], { cwd });
  expect(bad.code).toBe(2);
  expect(bad.stdout + bad.stderr).toMatch(/bad-plan\.json(:1)?: plan file must be valid JSON/);
  expect(bad.stdout + bad.stderr).not.toContain('saltsalt');
});

test('a config file or a simulation part that is not JSON is named, never quoted', async () => {
  const cwd = tree();
  writeFileSync(join(cwd, 'acrkit.config.json'), 'token=SECRETVALUE-do-not-print\n');
  const config = await runCli(['check', 'good'], { cwd });
  expect(config.code).toBe(2);
  expect(config.stdout + config.stderr).toMatch(/acrkit\.config\.json(:1)?: config file must be valid JSON/);
  expect(config.stdout + config.stderr).not.toContain('SECRETVALUE');
  writeFileSync(join(cwd, 'part-1.json'), 'SECRETVALUE-do-not-print\n');
  const part = await runCli(['simulate', 'merge', 'part-1.json'], { cwd });
  expect(part.code).toBe(2);
  expect(part.stdout + part.stderr).toMatch(/part-1\.json(:1)?: simulation part must be valid JSON/);
  expect(part.stdout + part.stderr).not.toContain('SECRETVALUE');
});
