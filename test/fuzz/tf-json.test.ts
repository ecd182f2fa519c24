/**
 * Fuzz: Terraform JSON configuration (cdk.tf.json as cdktf synthesizes it), mutated from a seed
 * written for this test, through `check -` and `review --base <seed> --head -`. The secret is
 * planted where acrkit must never print it: a webhook URI's userinfo and query, a Bearer header,
 * and a value of a resource type acrkit does not model (a Key Vault secret).
 */
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { CANARY, expectNoProblem, FUZZ_TIMEOUT_MS, fuzzParams, jsonMutations, mutateJson, runProblem } from './fuzz.js';

const SEED = {
  '//': { metadata: { backend: 'local', stackName: 'fuzz', version: '0.21.0' }, outputs: {} },
  provider: { azurerm: [{ features: [{}] }] },
  terraform: { required_providers: { azurerm: { source: 'hashicorp/azurerm', version: '4.14.0' } } },
  resource: {
    azurerm_container_registry: {
      registry_A1B2: {
        '//': { metadata: { path: 'fuzz/registry/registry', uniqueId: 'registry_A1B2' } },
        name: 'contosofuzz',
        resource_group_name: 'rg-fuzz',
        location: 'westeurope',
        sku: 'Premium',
        admin_enabled: false,
        public_network_access_enabled: false,
        zone_redundancy_enabled: true,
        georeplications: [{ location: 'northeurope', zone_redundancy_enabled: true }],
        retention_policy_in_days: 7,
        tags: { env: 'prod', team: 'platform' },
      },
    },
    azurerm_container_registry_webhook: {
      hook_C3D4: {
        name: 'hook1',
        registry_name: '${azurerm_container_registry.registry_A1B2.name}',
        resource_group_name: 'rg-fuzz',
        location: 'westeurope',
        service_uri: `https://ci:${CANARY}@hooks.example.com/acr?sig=${CANARY}`,
        actions: ['push'],
        custom_headers: { Authorization: `Bearer ${CANARY}` },
      },
    },
    azurerm_key_vault_secret: { pull_E5F6: { name: 'pull-secret', value: CANARY, key_vault_id: '/subscriptions/x/kv' } },
  },
};
const PROTECT = [
  ['resource', 'azurerm_container_registry_webhook', 'hook_C3D4', 'service_uri'],
  ['resource', 'azurerm_container_registry_webhook', 'hook_C3D4', 'custom_headers'],
  ['resource', 'azurerm_key_vault_secret', 'pull_E5F6', 'value'],
];
/** Outputs may name the webhook's host but never its credentials. */
const SECRETS = [CANARY];

const dir = mkdtempSync(join(tmpdir(), 'acrkit-fuzz-tfjson-'));
writeFileSync(join(dir, 'base.cdk.tf.json'), JSON.stringify(SEED));

test('the seed is read with its registry and does not leak the secret', async () => {
  const r = await runCli(['review', '--base', 'base.cdk.tf.json', '--head', '-', '--format', 'json'], { stdin: JSON.stringify(SEED), cwd: dir });
  expect([0, 1]).toContain(r.code);
  expect(r.stdout).toContain('azurerm_container_registry.registry_A1B2');
  expect(runProblem(r)).toBeUndefined();
});

test(
  'mutated cdk.tf.json: exit 0/1/2, no secret, well-formed Markdown',
  async () => {
    await fc.assert(
      fc.asyncProperty(jsonMutations, fc.boolean(), fc.constantFrom('text', 'json', 'markdown', 'sarif', 'junit', 'github'), async (mutations, asCheck, format) => {
        const text = JSON.stringify(mutateJson(SEED, mutations, PROTECT));
        if (asCheck) {
          const check = await runCli(['check', '-', '--format', format], { stdin: text, cwd: dir });
          expectNoProblem(runProblem(check, { markdown: format === 'markdown', secrets: SECRETS }), text);
          return;
        }
        const review = await runCli(['review', '--base', 'base.cdk.tf.json', '--head', '-'], { stdin: text, cwd: dir });
        expectNoProblem(runProblem(review, { markdown: true, marker: true, secrets: SECRETS }), text);
      }),
      fuzzParams(),
    );
  },
  FUZZ_TIMEOUT_MS,
);
