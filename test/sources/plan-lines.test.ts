/**
 * The line of each registry read from a plan (lib/workflows/load-inputs.ts): a plan on one line
 * (as terraform show -json writes it) puts every registry on line 1 without a scan; any other
 * plan is scanned for `"address": "<registry>"` after `planned_values` (whitespace and escapes as
 * JSON allows them), the first occurrence of each address giving its line.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInputs } from '../../lib/workflows/load-inputs.js';

/** A plan of `n` registries in planned_values and resource_changes. */
function plan(n: number): Record<string, unknown> {
  const resources = Array.from({ length: n }, (_, i) => ({
    address: `module.m${i % 2}.azurerm_container_registry.r${i}`,
    mode: 'managed',
    type: 'azurerm_container_registry',
    name: `r${i}`,
    values: { name: `acrlines${String(i).padStart(4, '0')}`, resource_group_name: 'rg', location: 'westeurope', sku: 'Basic' },
    sensitive_values: {},
  }));
  return {
    format_version: '1.2',
    resource_changes: resources.map((r) => ({ address: r.address, module_address: r.address.split('.').slice(0, 2).join('.'), mode: 'managed', type: r.type, name: r.name, change: { actions: ['create'], before: null, after: r.values, after_unknown: { id: true } } })),
    planned_values: { root_module: { child_modules: [0, 1].map((m) => ({ address: `module.m${m}`, resources: resources.filter((r) => r.address.startsWith(`module.m${m}.`)) })) } },
  };
}

/** The lines of the registries `loadInputs` reads from `text`, by address. */
async function lines(text: string): Promise<Record<string, number | undefined>> {
  const dir = mkdtempSync(join(tmpdir(), 'acrkit-lines-'));
  writeFileSync(join(dir, 'plan.json'), text);
  const r = await loadInputs(['plan.json'], { cwd: dir });
  expect(r.errors).toEqual([]);
  return Object.fromEntries(r.registries.map((s) => [s.address, s.source.line]));
}

/** What the regular expression the scan stands for finds: the line of each address's first `"address": "..."` after planned_values. */
function expected(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  const re = /"address"\s*:\s*"([^"\\]*(?:\\.[^"\\]*)*)"/g;
  re.lastIndex = text.indexOf('"planned_values"');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const a = JSON.parse(`"${m[1]}"`) as string;
    if (a.includes('azurerm_container_registry') && !(a in out)) out[a] = text.slice(0, m.index).split('\n').length;
  }
  return out;
}

describe('registry lines in a plan', () => {
  test('one line: every registry on line 1', async () => {
    const got = await lines(JSON.stringify(plan(5)));
    expect(Object.values(got)).toEqual([1, 1, 1, 1, 1]);
  });

  test('indented, with odd whitespace, escaped addresses and a decoy key before planned_values', async () => {
    const doc = { decoy: { address: 5, other: '"address": "module.m0.azurerm_container_registry.r0"' }, ...plan(6) };
    const pretty = JSON.stringify(doc, null, 2);
    const odd = JSON.stringify(doc, null, '\t')
      .replace(/"address": /g, '"address" :\r\n \t')
      .replace(/"module\.m1\./g, '"module\\u002em1.')
      .replace(/azurerm_container_registry\.r2"/g, 'azurerm_container_registry\\u002er2"');
    for (const text of [pretty, odd]) {
      const got = await lines(text);
      expect(Object.keys(got)).toHaveLength(6);
      expect(got).toEqual(expected(text));
      expect(new Set(Object.values(got)).size).toBe(6);
    }
  });
});
