/**
 * Fuzz: Terraform plan JSON (`terraform show -json`), mutated from a seed written for this
 * test, through `check -` and `review -`. A password, a sensitive tag and a webhook URI marked
 * sensitive carry the planted secret; mutations never unmark them (but may copy them
 * elsewhere in the plan: a value marked sensitive anywhere is never printed).
 */
import fc from 'fast-check';
import { runCli } from '../support/cli.js';
import { CANARY, expectNoProblem, FUZZ_TIMEOUT_MS, fuzzParams, jsonMutations, mutateJson, runProblem } from './fuzz.js';

const registry = (sku: string, tags: Record<string, string>) => ({
  admin_enabled: true,
  admin_password: `pw-${CANARY}`,
  admin_username: 'contosofuzz',
  anonymous_pull_enabled: false,
  georeplications: sku === 'Premium' ? [{ location: 'northeurope', zone_redundancy_enabled: true, regional_endpoint_enabled: false, tags: {} }] : [],
  location: 'westeurope',
  name: 'contosofuzz',
  network_rule_set: [],
  public_network_access_enabled: true,
  resource_group_name: 'rg-fuzz',
  retention_policy_in_days: 7,
  sku,
  tags,
  zone_redundancy_enabled: false,
});
const webhook = { name: 'hook1', registry_name: 'contosofuzz', resource_group_name: 'rg-fuzz', location: 'westeurope', service_uri: `https://ci:${CANARY}@hooks.example.com/acr?sig=${CANARY}`, actions: ['push'], status: 'enabled', scope: 'app:*', custom_headers: { Authorization: `Bearer ${CANARY}` } };
const sensitiveRegistry = { admin_password: true, tags: { secret: true } };
const sensitiveWebhook = { service_uri: true, custom_headers: true };

const SEED = {
  format_version: '1.2',
  terraform_version: '1.9.5',
  planned_values: {
    root_module: {
      resources: [
        { address: 'azurerm_container_registry.acr', mode: 'managed', type: 'azurerm_container_registry', name: 'acr', provider_name: 'registry.terraform.io/hashicorp/azurerm', values: registry('Premium', { env: 'prod', secret: CANARY }), sensitive_values: sensitiveRegistry },
        { address: 'azurerm_container_registry_webhook.hook', mode: 'managed', type: 'azurerm_container_registry_webhook', name: 'hook', provider_name: 'registry.terraform.io/hashicorp/azurerm', values: webhook, sensitive_values: sensitiveWebhook },
      ],
    },
  },
  resource_changes: [
    {
      address: 'azurerm_container_registry.acr',
      mode: 'managed',
      type: 'azurerm_container_registry',
      name: 'acr',
      provider_name: 'registry.terraform.io/hashicorp/azurerm',
      change: { actions: ['update'], before: registry('Standard', { env: 'dev', secret: CANARY }), after: registry('Premium', { env: 'prod', secret: CANARY }), after_unknown: {}, before_sensitive: sensitiveRegistry, after_sensitive: sensitiveRegistry },
    },
    {
      address: 'azurerm_container_registry_webhook.hook',
      mode: 'managed',
      type: 'azurerm_container_registry_webhook',
      name: 'hook',
      provider_name: 'registry.terraform.io/hashicorp/azurerm',
      change: { actions: ['create'], before: null, after: webhook, after_unknown: {}, before_sensitive: false, after_sensitive: sensitiveWebhook },
    },
    {
      address: 'azurerm_key_vault_secret.s',
      mode: 'managed',
      type: 'azurerm_key_vault_secret',
      name: 's',
      provider_name: 'registry.terraform.io/hashicorp/azurerm',
      change: { actions: ['create'], before: null, after: { name: 'pull-secret', value: CANARY, key_vault_id: '/subscriptions/x/kv' }, after_unknown: {}, before_sensitive: false, after_sensitive: { value: true } },
    },
  ],
  configuration: { root_module: { resources: [{ address: 'azurerm_container_registry.acr', type: 'azurerm_container_registry', name: 'acr', expressions: { sku: { constant_value: 'Premium' } } }] } },
};

/** Paths holding the planted secret or its sensitivity marks: never mutated. */
const PROTECT = [
  ['planned_values', 'root_module', 'resources', 0, 'values', 'admin_password'],
  ['planned_values', 'root_module', 'resources', 0, 'values', 'tags', 'secret'],
  ['planned_values', 'root_module', 'resources', 0, 'sensitive_values'],
  ['planned_values', 'root_module', 'resources', 1, 'values', 'service_uri'],
  ['planned_values', 'root_module', 'resources', 1, 'values', 'custom_headers'],
  ['planned_values', 'root_module', 'resources', 1, 'sensitive_values'],
  ...[0, 1, 2].flatMap((i) => [
    ['resource_changes', i, 'change', 'before_sensitive'],
    ['resource_changes', i, 'change', 'after_sensitive'],
  ]),
  ['resource_changes', 0, 'change', 'before', 'admin_password'],
  ['resource_changes', 0, 'change', 'before', 'tags', 'secret'],
  ['resource_changes', 0, 'change', 'after', 'admin_password'],
  ['resource_changes', 0, 'change', 'after', 'tags', 'secret'],
  ['resource_changes', 1, 'change', 'after', 'service_uri'],
  ['resource_changes', 1, 'change', 'after', 'custom_headers'],
  ['resource_changes', 2, 'change', 'after', 'value'],
];

const CHECK_FORMATS = ['text', 'json', 'markdown', 'sarif', 'junit', 'github'] as const;
const REVIEW_FORMATS = ['markdown', 'json', 'text'] as const;

test('the seed is a plan acrkit reads, and it does not leak the secret', async () => {
  const r = await runCli(['review', '-'], { stdin: JSON.stringify(SEED) });
  expect([0, 1]).toContain(r.code);
  expect(r.stdout).toContain('contosofuzz');
  expect(runProblem(r, { markdown: true, marker: true })).toBeUndefined();
});

test(
  'mutated plans: exit 0/1/2, no secret, well-formed Markdown (check - and review -)',
  async () => {
    await fc.assert(
      fc.asyncProperty(jsonMutations, fc.boolean(), fc.constantFrom(...CHECK_FORMATS), fc.constantFrom(...REVIEW_FORMATS), async (mutations, asCheck, checkFormat, reviewFormat) => {
        const text = JSON.stringify(mutateJson(SEED, mutations, PROTECT, { copySecrets: true }));
        // One run per case (check or review) keeps `npm test` fast.
        if (asCheck) {
          const check = await runCli(['check', '-', '--format', checkFormat], { stdin: text });
          expectNoProblem(runProblem(check, { markdown: checkFormat === 'markdown' }), text);
          return;
        }
        const review = await runCli(['review', '-', '--format', reviewFormat], { stdin: text });
        expectNoProblem(runProblem(review, { markdown: reviewFormat === 'markdown', marker: true }), text);
      }),
      fuzzParams(),
    );
  },
  FUZZ_TIMEOUT_MS,
);

/** Found by this fuzzer: a plan whose before side holds a tier that is not one (exit 70 before the fix). */
test('review of a plan whose before side has sku "*" exits 0, 1 or 2 and leaves the cost delta unknown', async () => {
  const doc = structuredClone(SEED) as typeof SEED;
  (doc.resource_changes[0]!.change.before as { sku: string }).sku = '*';
  const r = await runCli(['review', '-', '--format', 'json'], { stdin: JSON.stringify(doc) });
  expect(runProblem(r)).toBeUndefined();
});

/** Found by this fuzzer: check printed a sensitive value copied into a replica location (not scrubbed before the fix). */
test.each([['text'], ['json'], ['sarif'], ['markdown']])('check --format %s never prints a sensitive value copied elsewhere in the plan', async (format) => {
  const values = { name: 'contosofuzz', resource_group_name: 'rg', location: 'westeurope', sku: 'Premium', georeplications: [{ location: CANARY }], tags: { secret: CANARY } };
  const doc = { format_version: '1.2', planned_values: { root_module: { resources: [{ address: 'azurerm_container_registry.acr', mode: 'managed', type: 'azurerm_container_registry', name: 'acr', values, sensitive_values: { tags: { secret: true } } }] } } };
  const r = await runCli(['check', '-', '--format', format], { stdin: JSON.stringify(doc) });
  expect(r.code).toBe(1);
  expect(r.stdout).toContain('(sensitive)');
  expect(runProblem(r, { markdown: format === 'markdown' })).toBeUndefined();
});

/** Found by this fuzzer at 10,000 cases: a resource address holding a sensitive value was printed by check (before the fix). */
test.each([['github'], ['sarif'], ['text']])('check --format %s scrubs a sensitive value used as an address', async (format) => {
  const doc = structuredClone(SEED) as unknown as { planned_values: { root_module: { resources: Array<{ address: string }> } } };
  doc.planned_values.root_module.resources[0]!.address = `Bearer ${CANARY}`;
  const r = await runCli(['check', '-', '--format', format], { stdin: JSON.stringify(doc) });
  expect(runProblem(r)).toBeUndefined();
});
