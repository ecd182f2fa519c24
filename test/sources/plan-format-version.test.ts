/**
 * A plan's `format_version` (issue 17): Terraform's JSON output format tells consumers to reject
 * an unsupported major version (https://developer.hashicorp.com/terraform/internals/json-format).
 * acrkit reads major 1; "99.0" (or "0.1") is an input error naming the file, /format_version, the
 * value and the fix, in check and in review, never read as if it were 1.x.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromPlan, planChanges } from '../../lib/sources/from-plan.js';
import { runCli } from '../support/cli.js';

/** A plan creating one admin-enabled registry, with the given format_version. */
function plan(formatVersion: unknown): Record<string, unknown> {
  const values = { name: 'acrformat', resource_group_name: 'rg', location: 'westeurope', sku: 'Standard', admin_enabled: true, tags: {} };
  return {
    format_version: formatVersion,
    terraform_version: '1.9.8',
    planned_values: { root_module: { resources: [{ address: 'azurerm_container_registry.r', mode: 'managed', type: 'azurerm_container_registry', name: 'r', values, sensitive_values: {} }] } },
    resource_changes: [
      {
        address: 'azurerm_container_registry.r',
        mode: 'managed',
        type: 'azurerm_container_registry',
        name: 'r',
        change: { actions: ['create'], before: null, after: values, after_unknown: { id: true }, before_sensitive: false, after_sensitive: {} },
      },
    ],
  };
}

test.each(['1.0', '1.1', '1.2', '1.17'])('format_version %s is read', (v) => {
  const r = fromPlan(plan(v), 'plan.json');
  expect(r.errors).toEqual([]);
  expect(r.registries.map((x) => x.address)).toEqual(['azurerm_container_registry.r']);
});

test.each([
  ['99.0', 'format 99.x is newer than acrkit reads: upgrade acrkit, or write the plan with a Terraform release whose terraform show -json writes format 1.x'],
  ['2.0', 'format 2.x is newer than acrkit reads: upgrade acrkit, or write the plan with a Terraform release whose terraform show -json writes format 1.x'],
  ['0.1', 'write the plan with terraform show -json from Terraform 1.1 or later'],
  ['1', 'write the plan with terraform show -json from Terraform 1.1 or later'],
  ['1.2; rm -rf /', 'write the plan with terraform show -json from Terraform 1.1 or later'],
])('format_version %j is refused, with nothing read from the plan', (v, fix) => {
  const message = `plan.json#/format_version: format_version must be a 1.x version of Terraform's JSON output format (such as "1.2"), got ${JSON.stringify(v)}: ${fix}.`;
  const r = fromPlan(plan(v), 'plan.json');
  expect(r.registries).toEqual([]);
  expect(r.errors.map((e) => e.message)).toEqual([message]);
  const c = planChanges(plan(v), 'plan.json');
  expect(c.changes).toEqual([]);
  expect(c.errors.map((e) => e.message)).toEqual([message]);
});

test('check and review exit 2 on a format 99 plan and name the file, pointer and value', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'acrkit-format-'));
  writeFileSync(join(cwd, 'plan.json'), JSON.stringify(plan('99.0'), null, 2));
  for (const argv of [['check', 'plan.json'], ['review', '--format', 'text', 'plan.json']]) {
    const r = await runCli(argv, { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toContain(`plan.json#/format_version: format_version must be a 1.x version of Terraform's JSON output format (such as "1.2"), got "99.0"`);
    expect(r.stdout + r.stderr).not.toContain('ACR-SEC-001');
  }
});
