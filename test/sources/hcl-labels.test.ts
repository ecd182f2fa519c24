/**
 * Blocks with the wrong number of labels (issue 17): Terraform rejects `resource "type" { }` and
 * `resource "type" "a" "b" { }`; acrkit reported "0 registries" and exit 0 (or checked the
 * three-label block as a registry). Each is an input error at its line, with the fix.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInputs } from '../../lib/workflows/load-inputs.js';
import { runCli } from '../support/cli.js';

const BODY = '  name                = "acrlabels"\n  resource_group_name = "rg"\n  location            = "westeurope"\n  sku                 = "Premium"\n';

function folder(text: string): string {
  const cwd = mkdtempSync(join(tmpdir(), 'acrkit-labels-'));
  writeFileSync(join(cwd, 'main.tf'), text);
  return cwd;
}

test('a resource with one label is an input error at its line, exit 2', async () => {
  const cwd = folder(`# registry\n\nresource "azurerm_container_registry" {\n${BODY}}\n`);
  const r = await runCli(['check', 'main.tf'], { cwd });
  expect(r.code).toBe(2);
  expect(r.stdout).toContain(
    'input error main.tf:3: resource blocks must have 2 labels (type, name), got resource "azurerm_container_registry" { ... } (Terraform: Missing name for resource): write resource "azurerm_container_registry" "<name>" { ... }.',
  );
});

test('a resource with three labels is an input error and is not checked as a registry', async () => {
  const cwd = folder(`resource "azurerm_container_registry" "main" "extra" {\n${BODY}}\n`);
  const r = await loadInputs(['.'], { cwd });
  expect(r.registries).toEqual([]);
  expect(r.errors.map((e) => e.message)).toEqual([
    'main.tf:1: resource blocks must have 2 labels (type, name), got resource "azurerm_container_registry" "main" "extra" { ... } (Terraform: Extraneous label for resource): remove "extra" (write resource "azurerm_container_registry" "main" { ... }).',
  ]);
});

test('other top-level blocks are held to their labels too, and well-formed files stay clean', async () => {
  const cwd = folder(
    [
      'variable {\n  default = 1\n}',
      'locals "x" {\n  a = 1\n}',
      'data "azurerm_client_config" {\n}',
      'output "a" "b" {\n  value = 1\n}',
      `resource "azurerm_container_registry" "ok" {\n${BODY}}`,
      'moved {\n  from = azurerm_container_registry.old\n  to   = azurerm_container_registry.ok\n}',
      '',
    ].join('\n'),
  );
  const r = await loadInputs(['.'], { cwd });
  expect(r.registries.map((x) => x.address)).toEqual(['azurerm_container_registry.ok']);
  expect(r.errors.map((e) => e.message)).toEqual([
    'main.tf:1: variable blocks must have 1 label (name), got variable { ... } (Terraform: Missing name for variable): write variable "<name>" { ... }.',
    'main.tf:4: locals blocks take no labels, got locals "x" { ... } (Terraform: Extraneous label for locals): remove "x".',
    'main.tf:7: data blocks must have 2 labels (type, name), got data "azurerm_client_config" { ... } (Terraform: Missing name for data): write data "azurerm_client_config" "<name>" { ... }.',
    'main.tf:9: output blocks must have 1 label (name), got output "a" "b" { ... } (Terraform: Extraneous label for output): remove "b" (write output "a" { ... }).',
  ]);
  const clean = await loadInputs(['.'], { cwd: folder(`resource "azurerm_container_registry" "ok" {\n${BODY}}\n`) });
  expect(clean.errors).toEqual([]);
});
