/**
 * Fuzz: ARM JSON (a template as `az bicep build` writes it, and an `az acr show` export),
 * mutated from seeds written for this test, through `check -` and `review --base <seed> --head -`.
 * The secret is planted in a webhook's serviceUri (userinfo and query) and custom headers,
 * and in a Key Vault secret's value (a type acrkit does not model).
 */
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { CANARY, expectNoProblem, FUZZ_TIMEOUT_MS, fuzzParams, jsonMutations, mutateJson, runProblem } from './fuzz.js';

const TEMPLATE = {
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  contentVersion: '1.0.0.0',
  parameters: { registryName: { type: 'string', defaultValue: 'contosoarmfuzz' }, location: { type: 'string', defaultValue: 'westeurope' } },
  variables: { hookName: "[format('{0}hook', parameters('registryName'))]" },
  resources: [
    {
      type: 'Microsoft.ContainerRegistry/registries',
      apiVersion: '2023-07-01',
      name: "[parameters('registryName')]",
      location: "[parameters('location')]",
      sku: { name: 'Premium' },
      tags: { env: 'prod' },
      properties: { adminUserEnabled: false, publicNetworkAccess: 'Disabled', zoneRedundancy: 'Enabled', policies: { retentionPolicy: { days: 7, status: 'enabled' } } },
    },
    {
      type: 'Microsoft.ContainerRegistry/registries/replications',
      apiVersion: '2023-07-01',
      name: "[format('{0}/{1}', parameters('registryName'), 'northeurope')]",
      location: 'northeurope',
      properties: { zoneRedundancy: 'Enabled' },
      dependsOn: ["[resourceId('Microsoft.ContainerRegistry/registries', parameters('registryName'))]"],
    },
    {
      type: 'Microsoft.ContainerRegistry/registries/webhooks',
      apiVersion: '2023-07-01',
      name: "[format('{0}/{1}', parameters('registryName'), variables('hookName'))]",
      location: "[parameters('location')]",
      properties: { serviceUri: `https://ci:${CANARY}@hooks.example.com/acr?sig=${CANARY}`, customHeaders: { Authorization: `Bearer ${CANARY}` }, actions: ['push'], status: 'enabled' },
    },
    { type: 'Microsoft.KeyVault/vaults/secrets', apiVersion: '2023-07-01', name: 'kv/pull', properties: { value: CANARY } },
  ],
};
const TEMPLATE_PROTECT = [
  ['resources', 2, 'properties', 'serviceUri'],
  ['resources', 2, 'properties', 'customHeaders'],
  ['resources', 3, 'properties', 'value'],
];
const SHOW = {
  id: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-fuzz/providers/Microsoft.ContainerRegistry/registries/contososhow',
  name: 'contososhow',
  type: 'Microsoft.ContainerRegistry/registries',
  location: 'westeurope',
  sku: { name: 'Standard', tier: 'Standard' },
  tags: { env: 'dev' },
  adminUserEnabled: true,
  anonymousPullEnabled: false,
  dataEndpointEnabled: false,
  loginServer: 'contososhow.azurecr.io',
  publicNetworkAccess: 'Enabled',
  networkRuleBypassOptions: 'AzureServices',
  zoneRedundancy: 'Disabled',
  policies: { retentionPolicy: { days: 7, status: 'disabled' }, softDeletePolicy: { retentionDays: 7, status: 'disabled' }, trustPolicy: { status: 'disabled', type: 'Notary' }, exportPolicy: { status: 'enabled' } },
  encryption: { status: 'disabled' },
};

const dir = mkdtempSync(join(tmpdir(), 'acrkit-fuzz-arm-'));
writeFileSync(join(dir, 'base.json'), JSON.stringify(TEMPLATE));

test.each([['template'], ['az acr show']])('the %s seed is read and does not leak the secret', async (kind) => {
  const r = await runCli(['check', '-', '--format', 'json'], { stdin: JSON.stringify(kind === 'template' ? TEMPLATE : SHOW), cwd: dir });
  expect([0, 1]).toContain(r.code);
  expect(r.stdout).toContain(kind === 'template' ? 'contosoarmfuzz' : 'contososhow');
  expect(runProblem(r)).toBeUndefined();
});

test(
  'mutated ARM templates and az exports: exit 0/1/2, no secret, well-formed Markdown',
  async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), jsonMutations, fc.boolean(), fc.constantFrom('text', 'json', 'markdown', 'sarif', 'junit', 'github'), async (template, mutations, asCheck, format) => {
        const text = JSON.stringify(template ? mutateJson(TEMPLATE, mutations, TEMPLATE_PROTECT) : mutateJson(SHOW, mutations));
        if (asCheck) {
          const check = await runCli(['check', '-', '--format', format], { stdin: text, cwd: dir });
          expectNoProblem(runProblem(check, { markdown: format === 'markdown' }), text);
          return;
        }
        const review = await runCli(['review', '--base', 'base.json', '--head', '-'], { stdin: text, cwd: dir });
        expectNoProblem(runProblem(review, { markdown: true, marker: true }), text);
      }),
      fuzzParams(),
    );
  },
  FUZZ_TIMEOUT_MS,
);

/** Found by this fuzzer: a serviceUri of the wrong type was quoted with its credentials in the input error (before the fix). */
test('a webhook serviceUri given as an array is an input error without its userinfo or query', async () => {
  const doc = structuredClone(TEMPLATE);
  (doc.resources[2]!.properties as { serviceUri: unknown }).serviceUri = [`https://ci:${CANARY}@hooks.example.com/acr?sig=${CANARY}`];
  const r = await runCli(['check', '-', '--format', 'json'], { stdin: JSON.stringify(doc), cwd: dir });
  expect(r.code).toBe(2);
  expect(r.stdout).toContain('properties.serviceUri must be a string, got [\\"https://hooks.example.com/acr\\"]');
  expect(runProblem(r)).toBeUndefined();
});
