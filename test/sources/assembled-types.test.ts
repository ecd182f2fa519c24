import { readFileSync } from 'node:fs';
import { ASSEMBLED_TYPES, COMPANION_TYPES, REGISTRY_TYPE, ROLE_ASSIGNMENT_TYPE } from '../../lib/sources/assemble.js';

// The .tf reader evaluates only ASSEMBLED_TYPES and assemble links only COMPANION_TYPES: a
// companion type read in assemble's switch but missing from the set would silently drop out.
test('every companion type assemble reads is in COMPANION_TYPES and ASSEMBLED_TYPES', () => {
  const text = readFileSync(new URL('../../lib/sources/assemble.ts', import.meta.url), 'utf8');
  const cases = [...text.matchAll(/case '([a-z_]+)':/g)].map((m) => m[1]!);
  expect(text).toContain('case ROLE_ASSIGNMENT_TYPE:');
  expect(cases).toContain('azurerm_private_endpoint');
  for (const type of [...cases, ROLE_ASSIGNMENT_TYPE]) {
    expect([type, COMPANION_TYPES.has(type)]).toEqual([type, true]);
    expect([type, ASSEMBLED_TYPES.has(type)]).toEqual([type, true]);
  }
  for (const type of [REGISTRY_TYPE, 'azurerm_resource_group', 'azurerm_key_vault_key', 'azurerm_key_vault']) expect(ASSEMBLED_TYPES.has(type)).toBe(true);
  // Every type assemble names by its full string is covered.
  for (const m of text.matchAll(/'(azurerm_[a-z_]+|azapi_[a-z_]+)'/g)) expect([m[1], ASSEMBLED_TYPES.has(m[1]!)]).toEqual([m[1], true]);
});
