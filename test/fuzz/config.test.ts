/**
 * Fuzz: acrkit.config.json, mutated from a seed written for this test, through `check` over a
 * plan whose admin password and webhook URI are marked sensitive. Properties: exit 0, 1 or 2;
 * the sensitive value never printed; well-formed Markdown.
 */
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { CANARY, expectNoProblem, FUZZ_TIMEOUT_MS, fuzzParams, jsonMutations, mutateJson, runProblem } from './fuzz.js';

const SEED = {
  $schema: 'https://acrkit.dev/schemas/acrkit.config.json',
  packs: ['security', 'resilience', 'hygiene-cost'],
  failOn: 'warning',
  packOptions: {
    resilience: { productionTagKey: 'env', productionTagValues: ['prod'], productionMinReplicas: 1, allowedLocations: ['westeurope', 'northeurope'] },
    'hygiene-cost': { namePattern: '^contoso[a-z0-9]+$' },
  },
  suppressions: [
    { id: 'ACR-SEC-003', address: 'azurerm_container_registry.acr', reason: 'reached through the corporate proxy only' },
    { id: 'ACR-HYG-001', reason: 'names are fixed by the platform team', file: 'plan.json' },
  ],
};

const values = { name: 'contosocfg', resource_group_name: 'rg-cfg', location: 'westeurope', sku: 'Standard', admin_enabled: true, admin_password: CANARY, public_network_access_enabled: true, tags: { env: 'prod' } };
const hook = { name: 'hook1', registry_name: 'contosocfg', resource_group_name: 'rg-cfg', location: 'westeurope', service_uri: `https://ci:${CANARY}@hooks.example.com/?sig=${CANARY}`, actions: ['push'] };
const PLAN = {
  format_version: '1.2',
  planned_values: {
    root_module: {
      resources: [
        { address: 'azurerm_container_registry.acr', mode: 'managed', type: 'azurerm_container_registry', name: 'acr', values, sensitive_values: { admin_password: true } },
        { address: 'azurerm_container_registry_webhook.hook', mode: 'managed', type: 'azurerm_container_registry_webhook', name: 'hook', values: hook, sensitive_values: { service_uri: true } },
      ],
    },
  },
  resource_changes: [
    { address: 'azurerm_container_registry.acr', mode: 'managed', type: 'azurerm_container_registry', name: 'acr', change: { actions: ['create'], before: null, after: values, after_sensitive: { admin_password: true } } },
    { address: 'azurerm_container_registry_webhook.hook', mode: 'managed', type: 'azurerm_container_registry_webhook', name: 'hook', change: { actions: ['create'], before: null, after: hook, after_sensitive: { service_uri: true } } },
  ],
};

const dir = mkdtempSync(join(tmpdir(), 'acrkit-fuzz-config-'));
writeFileSync(join(dir, 'plan.json'), JSON.stringify(PLAN));
let n = 0;

test('the seed config is valid', async () => {
  writeFileSync(join(dir, 'seed.json'), JSON.stringify(SEED));
  const r = await runCli(['check', 'plan.json', '--config', 'seed.json', '--format', 'json'], { cwd: dir });
  expect([0, 1]).toContain(r.code);
  expect(runProblem(r)).toBeUndefined();
});

test(
  'mutated configs: exit 0/1/2, no secret, well-formed Markdown',
  async () => {
    await fc.assert(
      fc.asyncProperty(jsonMutations, fc.constantFrom('text', 'json', 'markdown', 'sarif', 'junit', 'github'), async (mutations, format) => {
        const text = JSON.stringify(mutateJson(SEED, mutations));
        const file = `c${n++}.json`;
        writeFileSync(join(dir, file), text);
        const r = await runCli(['check', 'plan.json', '--config', file, '--format', format], { cwd: dir });
        expectNoProblem(runProblem(r, { markdown: format === 'markdown' }), text);
      }),
      fuzzParams(),
    );
  },
  FUZZ_TIMEOUT_MS,
);
