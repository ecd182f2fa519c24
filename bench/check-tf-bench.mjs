// Benchmark (not part of npm test): `acrkit check` of a monorepo of 500 .tf files, one process,
// against a process that only reads and parses the same files with acrkit's HCL parser (the
// floor: every file must be parsed). 100 registries are spread over 20 stacks, each calling a
// local registry module five times (and a network module), beside stacks' other resources.
// Goal <= 1.5x, the median of per-round ratios, with ok or MISS. Needs `npm run build` first.
// BENCH_QUICK=1: 2 rounds.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { figure, median, rounds } from './timing.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = rounds(7);
const STACKS = 20;
const PER_STACK = 5;
const FILES = 500;
const regions = ['westeurope', 'northeurope', 'eastus', 'westus2', 'southeastasia', 'japaneast'];
const tiers = ['Basic', 'Standard', 'Premium', 'Premium', 'Standard'];

const dir = mkdtempSync(join(tmpdir(), 'acrkit-tf-bench-'));
const files = new Map();
const put = (path, text) => files.set(path, text);

// The local modules.
put('modules/registry/versions.tf', `terraform {\n  required_version = ">= 1.6"\n  required_providers {\n    azurerm = {\n      source  = "hashicorp/azurerm"\n      version = "~> 3.110"\n    }\n  }\n}\n`);
put('modules/registry/variables.tf', ['name', 'resource_group_name', 'location', 'sku'].map((v) => `variable "${v}" {\n  type = string\n}\n`).join('\n') + `\nvariable "replicas" {\n  type    = list(string)\n  default = []\n}\n\nvariable "subnet_id" {\n  type    = string\n  default = null\n}\n\nvariable "tags" {\n  type    = map(string)\n  default = {}\n}\n`);
put('modules/registry/main.tf', `resource "azurerm_container_registry" "this" {
  name                          = var.name
  resource_group_name           = var.resource_group_name
  location                      = var.location
  sku                           = var.sku
  admin_enabled                 = false
  public_network_access_enabled = var.sku != "Premium"
  zone_redundancy_enabled       = var.sku == "Premium"
  retention_policy_in_days      = var.sku == "Premium" ? 7 : null

  dynamic "georeplications" {
    for_each = var.replicas
    content {
      location                = georeplications.value
      zone_redundancy_enabled = true
    }
  }

  tags = merge(var.tags, { managed_by = "terraform" })
}

resource "azurerm_private_endpoint" "this" {
  count               = var.sku == "Premium" && var.subnet_id != null ? 1 : 0
  name                = "\${var.name}-pe"
  resource_group_name = var.resource_group_name
  location            = var.location
  subnet_id           = var.subnet_id

  private_service_connection {
    name                           = "\${var.name}-psc"
    private_connection_resource_id = azurerm_container_registry.this.id
    subresource_names              = ["registry"]
    is_manual_connection           = false
  }
}
`);
put('modules/registry/outputs.tf', `output "id" {\n  value = azurerm_container_registry.this.id\n}\n\noutput "login_server" {\n  value = azurerm_container_registry.this.login_server\n}\n`);
put('modules/network/variables.tf', `variable "name" {\n  type = string\n}\n\nvariable "resource_group_name" {\n  type = string\n}\n\nvariable "location" {\n  type = string\n}\n\nvariable "address_space" {\n  type    = list(string)\n  default = ["10.0.0.0/16"]\n}\n`);
put('modules/network/main.tf', `resource "azurerm_virtual_network" "this" {\n  name                = var.name\n  resource_group_name = var.resource_group_name\n  location            = var.location\n  address_space       = var.address_space\n}\n\nresource "azurerm_subnet" "endpoints" {\n  name                 = "endpoints"\n  resource_group_name  = var.resource_group_name\n  virtual_network_name = azurerm_virtual_network.this.name\n  address_prefixes     = [cidrsubnet(var.address_space[0], 8, 1)]\n}\n`);
put('modules/network/outputs.tf', `output "subnet_id" {\n  value = azurerm_subnet.endpoints.id\n}\n`);

// The stacks: the registries, and as many other files as make 500 in all.
const fixed = 7; // files per stack below, before the others
const others = Math.floor((FILES - files.size - STACKS * fixed) / STACKS);
let extra = FILES - files.size - STACKS * (fixed + others);
for (let s = 0; s < STACKS; s++) {
  const stack = `stacks/team-${String(s).padStart(2, '0')}`;
  const location = regions[s % regions.length];
  put(`${stack}/versions.tf`, `terraform {\n  required_version = ">= 1.6"\n  required_providers {\n    azurerm = {\n      source  = "hashicorp/azurerm"\n      version = "~> 3.110"\n    }\n  }\n}\n`);
  put(`${stack}/providers.tf`, `provider "azurerm" {\n  features {}\n}\n`);
  put(`${stack}/variables.tf`, `variable "location" {\n  type    = string\n  default = "${location}"\n}\n\nvariable "team" {\n  type    = string\n  default = "team${s}"\n}\n`);
  put(`${stack}/locals.tf`, `locals {\n  tags = {\n    team        = var.team\n    cost_center = "cc-${1000 + s}"\n    env         = "${s % 3 === 0 ? 'prod' : 'dev'}"\n  }\n  rg = azurerm_resource_group.this.name\n}\n`);
  put(`${stack}/main.tf`, `resource "azurerm_resource_group" "this" {\n  name     = "rg-\${var.team}"\n  location = var.location\n  tags     = local.tags\n}\n\nmodule "network" {\n  source              = "../../modules/network"\n  name                = "vnet-\${var.team}"\n  resource_group_name = local.rg\n  location            = var.location\n}\n`);
  const calls = [];
  for (let k = 0; k < PER_STACK; k++) {
    const i = s * PER_STACK + k;
    const sku = tiers[i % tiers.length];
    const replicas = sku === 'Premium' ? [regions[(s + 1) % regions.length], regions[(s + 3) % regions.length]].filter((r) => r !== location) : [];
    calls.push(`module "acr_${k}" {\n  source              = "../../modules/registry"\n  name                = "contoso\${var.team}acr${k}"\n  resource_group_name = local.rg\n  location            = var.location\n  sku                 = "${sku}"\n  replicas            = ${JSON.stringify(replicas)}\n  subnet_id           = module.network.subnet_id\n  tags                = local.tags\n}\n`);
  }
  put(`${stack}/registries.tf`, calls.join('\n'));
  put(`${stack}/outputs.tf`, Array.from({ length: PER_STACK }, (_, k) => `output "acr_${k}_login_server" {\n  value = module.acr_${k}.login_server\n}\n`).join('\n'));
  const n = others + (extra-- > 0 ? 1 : 0);
  for (let o = 0; o < n; o++) {
    const name = `svc${o}`;
    put(
      `${stack}/app-${String(o).padStart(2, '0')}.tf`,
      `# Service ${o} of \${var.team}: storage, a key vault and a log workspace.\nresource "azurerm_storage_account" "${name}" {\n  name                     = "st\${var.team}${o}"\n  resource_group_name      = local.rg\n  location                 = var.location\n  account_tier             = "Standard"\n  account_replication_type = "${o % 2 ? 'ZRS' : 'LRS'}"\n  min_tls_version          = "TLS1_2"\n  tags                     = merge(local.tags, { service = "${name}" })\n}\n\nresource "azurerm_key_vault" "${name}" {\n  name                       = "kv-\${var.team}-${o}"\n  resource_group_name        = local.rg\n  location                   = var.location\n  tenant_id                  = "00000000-0000-0000-0000-000000000000"\n  sku_name                   = "standard"\n  purge_protection_enabled   = true\n  soft_delete_retention_days = ${7 + (o % 4) * 7}\n}\n\nresource "azurerm_log_analytics_workspace" "${name}" {\n  name                = "log-\${var.team}-${o}"\n  resource_group_name = local.rg\n  location            = var.location\n  sku                 = "PerGB2018"\n  retention_in_days   = ${30 + o}\n}\n`,
    );
  }
}
for (const [path, text] of files) {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}
if (files.size !== FILES) throw new Error(`generated ${files.size} .tf files, expected ${FILES}`);

const floorCode = `
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHcl } from ${JSON.stringify(join(root, 'dist/lib/sources/hcl/parse.js'))};
let n = 0;
const walk = (d) => { for (const e of readdirSync(d, { withFileTypes: true })) { const p = join(d, e.name); if (e.isDirectory()) walk(p); else if (e.name.endsWith('.tf')) { parseHcl(p, readFileSync(p, 'utf8')); n++; } } };
walk(${JSON.stringify(dir)});
process.stdout.write(String(n));`;

function time(args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NODE_OPTIONS: '' } });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`exit ${r.status}: ${r.stderr}`);
  return { ms, out: r.stdout };
}
const check = [join(root, 'bin/acrkit.cjs'), 'check', '.', '--format', 'json'];
const warm = time(check); // warm the disk cache
const report = JSON.parse(warm.out);
const parsed = Number(time(['--input-type=module', '-e', floorCode]).out);
if (parsed !== FILES) throw new Error(`the floor parsed ${parsed} files, expected ${FILES}`);
const checks = [];
const floors = [];
for (let i = 0; i < RUNS; i++) {
  checks.push(time(check).ms);
  floors.push(time(['--input-type=module', '-e', floorCode]).ms);
}
console.log(`monorepo: ${FILES} .tf files in ${readdirSync(join(dir, 'stacks')).length} stacks and 2 local modules, ${STACKS * PER_STACK} registries; ${RUNS} interleaved rounds`);
console.log(`  acrkit check . --format json: median ${median(checks).toFixed(0)} ms (${report.findings?.length ?? 0} findings)`);
console.log(`  read + parse the same files:  median ${median(floors).toFixed(0)} ms`);
figure('  check / HCL parse alone', checks.map((c, i) => c / floors[i]), '<=', 1.5);
if (process.env.KEEP_TF) console.log(`  kept: ${dir}`);
else rmSync(dir, { recursive: true, force: true });
