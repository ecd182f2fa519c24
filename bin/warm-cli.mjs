// Build step (run by bin/bundle-cli.mjs, not shipped): runs the CLI bundle on a few small inputs
// of its own, the way `acrkit check`, `review` and `tiers` run, then writes the V8 code cache of
// what was compiled (dist/lib/cli-bundle/main.cjs.v8cache). Output goes nowhere; a failing run
// fails the build.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const { CLI_BUNDLE, loadCliBundle } = createRequire(import.meta.url)('./acrkit.cjs');

const dir = mkdtempSync(join(tmpdir(), 'acrkit-warm-'));
try {
  const registry = (name, sku, extra = '') => `resource "azurerm_container_registry" "${name}" {
  name                = "warm${name}01"
  resource_group_name = var.resource_group
  location            = "westeurope"
  sku                 = ${sku}
  admin_enabled       = false
${extra}  tags = merge(local.tags, { app = "${name}" })
}
`;
  mkdirSync(join(dir, 'tf/modules/acr'), { recursive: true });
  writeFileSync(join(dir, 'tf/main.tf'), `terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
  }
}

variable "resource_group" {
  type    = string
  default = "rg-warm"
}

variable "sku" {
  type = string
}

locals {
  tags = { env = "prod" }
}

${registry('edge', '"Premium"', '  georeplications {\n    location                = "northeurope"\n    zone_redundancy_enabled = true\n  }\n')}
${registry('team', 'var.sku')}
module "shared" {
  source = "./modules/acr"
  count  = 2
  name   = "warmshared\${count.index}"
}
`);
  writeFileSync(join(dir, 'tf/terraform.tfvars'), 'sku = "Standard"\n');
  writeFileSync(join(dir, 'tf/modules/acr/main.tf'), `variable "name" {
  type = string
}

resource "azurerm_container_registry" "this" {
  name                = var.name
  resource_group_name = "rg-warm"
  location            = "eastus"
  sku                 = "Basic"
}
`);
  const values = (admin) => ({ name: 'warmplan01', resource_group_name: 'rg-warm', location: 'westeurope', sku: 'Standard', admin_enabled: admin, public_network_access_enabled: true, tags: { env: 'prod' } });
  const plan = (admin) => ({
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: { root_module: { resources: [{ address: 'azurerm_container_registry.warm', mode: 'managed', type: 'azurerm_container_registry', name: 'warm', values: values(admin), sensitive_values: {} }] } },
    resource_changes: [{ address: 'azurerm_container_registry.warm', mode: 'managed', type: 'azurerm_container_registry', name: 'warm', change: { actions: ['create'], before: null, after: values(admin), after_unknown: { id: true } } }],
  });
  writeFileSync(join(dir, 'base.json'), JSON.stringify(plan(true)));
  writeFileSync(join(dir, 'head.json'), JSON.stringify(plan(false), null, 2));

  const { main, script } = loadCliBundle({ useCache: false });
  const io = { out: () => {}, err: () => {}, isTTY: false, env: {}, cwd: dir };
  const runs = [
    ['check', 'tf', '--format', 'json'],
    ['check', 'tf'],
    ['check', 'base.json', '--format', 'json'],
    ['check', 'head.json', '--format', 'sarif'],
    ['review', '--base', 'base.json', '--head', 'head.json'],
    ['tiers'],
  ];
  for (const argv of runs) {
    const code = await main(argv, io);
    if (code !== 0 && code !== 1) throw new Error(`acrkit ${argv.join(' ')} exited ${code} in the warm-up`);
  }
  writeFileSync(`${CLI_BUNDLE}.v8cache`, script.createCachedData());
} finally {
  rmSync(dir, { recursive: true, force: true });
}
