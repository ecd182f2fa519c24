/**
 * Fuzz: `.tf` files, mutated as text from a seed module written for this test (variables,
 * locals, a registry with dynamic blocks, a webhook, a heredoc, suppression comments), through
 * `check <dir>` and `review --base <seed dir> --head <dir>`. The secret is planted in a webhook
 * URI's userinfo and query, a Bearer header and a Key Vault secret (a type acrkit does not
 * model); the mutations never touch those lines.
 */
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { CANARY, expectNoProblem, FUZZ_TIMEOUT_MS, fuzzParams, mutateText, runProblem, textMutations } from './fuzz.js';

const MAIN = `variable "sku" {
  type    = string
  default = "Premium"
}

variable "replicas" {
  type    = list(string)
  default = ["northeurope", "eastus"]
}

locals {
  name = "contoso\${var.sku == "Premium" ? "prod" : "dev"}"
  tags = { env = "prod", team = "platform" }
}

# acrkit:ignore ACR-HYG-001 reason: names are fixed by the platform team
resource "azurerm_container_registry" "acr" {
  name                          = local.name
  resource_group_name           = "rg-fuzz"
  location                      = "westeurope"
  sku                           = var.sku
  admin_enabled                 = false
  public_network_access_enabled = false
  retention_policy_in_days      = 7
  tags                          = local.tags

  dynamic "georeplications" {
    for_each = toset(var.replicas)
    content {
      location                = georeplications.value
      zone_redundancy_enabled = true
    }
  }

  network_rule_set {
    default_action = "Deny"
  }
}
`;
/** Never mutated: the lines that carry the secret. */
const SECRETS_TF = `resource "azurerm_container_registry_webhook" "hook" {
  name                = "hook1"
  registry_name       = azurerm_container_registry.acr.name
  resource_group_name = "rg-fuzz"
  location            = "westeurope"
  service_uri         = "https://ci:${CANARY}@hooks.example.com/acr?sig=${CANARY}"
  actions             = ["push"]
  custom_headers      = { Authorization = "Bearer ${CANARY}" }
}

resource "azurerm_key_vault_secret" "pull" {
  name         = "pull-secret"
  value        = "${CANARY}"
  key_vault_id = "/subscriptions/x/kv"
  description  = <<EOT
not a comment:
# acrkit:ignore ACR-SEC-001 reason: inside a heredoc
EOT
}
`;

const root = mkdtempSync(join(tmpdir(), 'acrkit-fuzz-hcl-'));
mkdirSync(join(root, 'base'));
writeFileSync(join(root, 'base/main.tf'), MAIN);
writeFileSync(join(root, 'base/secrets.tf'), SECRETS_TF);
mkdirSync(join(root, 'head'));
writeFileSync(join(root, 'head/secrets.tf'), SECRETS_TF);

test('the seed module is read with its registry and does not leak the secret', async () => {
  const r = await runCli(['check', 'base', '--format', 'json'], { cwd: root });
  expect([0, 1]).toContain(r.code);
  expect(r.stdout).toContain('azurerm_container_registry.acr');
  expect(runProblem(r)).toBeUndefined();
});

test(
  'mutated .tf modules: exit 0/1/2, no secret, well-formed Markdown',
  async () => {
    await fc.assert(
      fc.asyncProperty(textMutations, fc.boolean(), fc.constantFrom('text', 'json', 'markdown', 'sarif', 'junit', 'github'), async (mutations, asCheck, format) => {
        const text = mutateText(MAIN, mutations);
        const dir = join(root, 'head');
        writeFileSync(join(dir, 'main.tf'), text);
        if (asCheck) {
          const check = await runCli(['check', dir, '--format', format], { cwd: root });
          expectNoProblem(runProblem(check, { markdown: format === 'markdown' }), text);
          return;
        }
        const review = await runCli(['review', '--base', 'base', '--head', dir], { cwd: root });
        expectNoProblem(runProblem(review, { markdown: true, marker: true }), text);
      }),
      fuzzParams(),
    );
  },
  FUZZ_TIMEOUT_MS,
);

/** Found by this fuzzer at 10,000 cases: a stray `constructor` token before a block in a resource was exit 70 (before the fix). */
test('a resource body with a stray `constructor` before a dynamic block exits 0, 1 or 2', async () => {
  mkdirSync(join(root, 'ctor'));
  writeFileSync(join(root, 'ctor/main.tf'), MAIN.replace('  dynamic "georeplications"', 'constructor  dynamic "georeplications"'));
  const r = await runCli(['check', 'ctor', '--format', 'github'], { cwd: root });
  expect(runProblem(r)).toBeUndefined();
});
