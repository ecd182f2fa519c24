/**
 * Every source fills the model's "network rule set present" field (`network.ruleSet`) and the
 * azurerm 3.x virtual network rules: .tf, cdk.tf.json, plan JSON, ARM templates and live
 * exports. Through `acrkit check`: a Premium registry with a network_rule_set, even one that
 * only says Allow, is never advised down to a tier azurerm refuses the block on. Every input is
 * written for the test (the plan starts from a fixture of this repository).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadInputs } from '../../lib/workflows/load-inputs.js';
import { runCheck } from '../../lib/workflows/check.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'acrkit-nrs-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

const provider = (version: string): string => `terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "${version}"
    }
  }
}
`;

const tf = (sku: string, body: string): string => `${provider('~> 4.40')}
resource "azurerm_container_registry" "main" {
  name                = "crshop01"
  resource_group_name = "rg-shop"
  location            = "westeurope"
  sku                 = "${sku}"
${body}}
`;

async function network(path: string): Promise<unknown> {
  const loaded = await loadInputs([path], { cwd: root });
  expect(loaded.errors.map((e) => e.message)).toEqual([]);
  return loaded.registries.map((r) => ({ ruleSet: r.network.ruleSet, vnets: r.network.virtualNetworkRules }));
}

describe('.tf', () => {
  test('a block with only default_action = "Allow" is a rule set; none and [] are not', async () => {
    write({
      'allow/main.tf': tf('Premium', '  network_rule_set {\n    default_action = "Allow"\n  }\n'),
      'none/main.tf': tf('Premium', ''),
      'empty/main.tf': tf('Premium', '  network_rule_set = []\n'),
    });
    expect(await network('allow')).toEqual([{ ruleSet: true, vnets: [] }]);
    expect(await network('none')).toEqual([{ ruleSet: false, vnets: [] }]);
    expect(await network('empty')).toEqual([{ ruleSet: false, vnets: [] }]);
  });

  test('right-size advice: Premium with an Allow-only block keeps Premium, without it could be Basic', async () => {
    write({
      'allow/main.tf': tf('Premium', '  network_rule_set {\n    default_action = "Allow"\n  }\n'),
      'none/main.tf': tf('Premium', ''),
    });
    const advice = async (dir: string): Promise<string[]> =>
      (await runCheck([dir], { cwd: root, packs: ['hygiene-cost'] })).result.report.findings.filter((f) => f.ruleId === 'ACR-HYG-002').map((f) => f.message);
    expect(await advice('allow')).toEqual([]);
    expect(await advice('none')).toEqual([expect.stringMatching(/^sku "Premium" could be "Basic"/)]);
  });

  test('on Standard, an Allow-only block is an error at the block with the fix', async () => {
    write({ 'main.tf': tf('Standard', '  network_rule_set {\n    default_action = "Allow"\n  }\n') });
    const run = await runCheck(['main.tf'], { cwd: root, packs: ['azure-rules'] });
    const f = run.result.report.findings.filter((x) => x.ruleId === 'ACR-AZ-001');
    expect(f.map((x) => x.message)).toEqual([
      'network_rule_set needs the Premium tier, got sku "Standard": set sku = "Premium" or remove the network_rule_set block (network_rule_set = [] when moving an existing registry down from Premium).',
    ]);
    expect(f[0]!.argument).toMatchObject({ name: 'network_rule_set', line: 15 });
  });

  test('a dynamic block that renders only on Premium is no rule set on Standard', async () => {
    write({
      'main.tf': `${provider('~> 4.40')}
variable "sku" {
  type    = string
  default = "Standard"
}

resource "azurerm_container_registry" "main" {
  name                = "crshop01"
  resource_group_name = "rg-shop"
  location            = "westeurope"
  sku                 = var.sku

  dynamic "network_rule_set" {
    for_each = var.sku == "Premium" ? [1] : []
    content {
      default_action = "Allow"
    }
  }
}
`,
    });
    expect(await network('main.tf')).toEqual([{ ruleSet: false, vnets: [] }]);
  });

  test('azurerm 3.x virtual_network rules under Allow: a warning that they do nothing, with the 4.x fix', async () => {
    write({
      'main.tf': `${provider('~> 3.110')}
resource "azurerm_subnet" "build" {
  name                 = "snet-build"
  resource_group_name  = "rg-shop"
  virtual_network_name = "vnet-shop"
  address_prefixes     = ["10.20.1.0/24"]
  service_endpoints    = ["Microsoft.ContainerRegistry"]
}

resource "azurerm_container_registry" "main" {
  name                = "crshop01"
  resource_group_name = "rg-shop"
  location            = "westeurope"
  sku                 = "Premium"

  network_rule_set {
    default_action = "Allow"

    virtual_network {
      action    = "Allow"
      subnet_id = azurerm_subnet.build.id
    }
  }
}
`,
    });
    expect(await network('main.tf')).toEqual([{ ruleSet: true, vnets: ['${azurerm_subnet.build.id}'] }]);
    const run = await runCheck(['main.tf'], { cwd: root, packs: ['security'] });
    const vnet = run.result.report.findings.filter((f) => f.ruleId === 'ACR-SEC-020');
    expect(vnet.map((f) => [f.severity, f.message])).toEqual([
      [
        'warning',
        'network_rule_set.virtual_network has no effect under default_action = "Allow", got 1 rule and "Allow": every network can reach the registry; set default_action = "Deny" for the rules to count, and since azurerm 4.0 (which removed virtual_network) reach the registry through an azurerm_private_endpoint, or allow public ranges with ip_rule under default_action = "Deny".',
      ],
    ]);
  });
});

test('cdk.tf.json: the synthesized block counts', async () => {
  const doc = {
    '//': { metadata: { backend: 'local', stackName: 'shop', version: '0.21.0' } },
    provider: { azurerm: [{ features: [{}] }] },
    resource: {
      azurerm_container_registry: {
        registry_AB12CD34: {
          '//': { metadata: { path: 'shop/registry/registry', uniqueId: 'registry_AB12CD34' } },
          name: 'crshop01',
          resource_group_name: 'rg-shop',
          location: 'westeurope',
          sku: 'Standard',
          network_rule_set: [{ default_action: 'Allow', ip_rule: [] }],
        },
      },
    },
  };
  write({ 'cdktf.out/stacks/shop/cdk.tf.json': JSON.stringify(doc, null, 2) });
  expect(await network('cdktf.out/stacks/shop/cdk.tf.json')).toEqual([{ ruleSet: true, vnets: [] }]);
});

test('plan JSON: the planned block counts, an empty list does not', async () => {
  const fixture = readFileSync(new URL('../fixtures/plan/azurerm4-fleet.json', import.meta.url), 'utf8');
  // Every registry the plan keeps or creates gets `value` as its planned network_rule_set,
  // known at plan time (the tier does not decide a known value).
  const withRuleSet = (value: unknown): string => {
    const doc = JSON.parse(fixture) as unknown;
    const visit = (x: unknown): void => {
      if (Array.isArray(x)) return x.forEach(visit);
      if (typeof x !== 'object' || x === null) return;
      const o = x as Record<string, unknown>;
      if (o.type === 'azurerm_container_registry') {
        const values = o.values as Record<string, unknown> | undefined;
        if (values) values.network_rule_set = value;
        const change = o.change as { after: Record<string, unknown> | null; after_unknown: Record<string, unknown> } | undefined;
        if (change?.after) {
          change.after.network_rule_set = value;
          change.after_unknown.network_rule_set = false;
        }
      }
      Object.values(o).forEach(visit);
    };
    visit(doc);
    return JSON.stringify(doc);
  };
  write({ 'allow/plan.json': withRuleSet([{ default_action: 'Allow', ip_rule: [] }]), 'empty/plan.json': withRuleSet([]) });
  const all = (v: unknown): boolean[] => (v as Array<{ ruleSet: boolean }>).map((x) => x.ruleSet);
  const allow = all(await network('allow/plan.json'));
  expect(allow.length).toBeGreaterThan(1);
  expect(new Set(allow)).toEqual(new Set([true]));
  expect(new Set(all(await network('empty/plan.json')))).toEqual(new Set([false]));
});

describe('ARM', () => {
  const template = (sku: string, networkRuleSet: unknown): string =>
    JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      resources: [
        {
          type: 'Microsoft.ContainerRegistry/registries',
          apiVersion: '2023-07-01',
          name: 'crshop01',
          location: 'westeurope',
          sku: { name: sku },
          properties: { adminUserEnabled: false, ...(networkRuleSet === undefined ? {} : { networkRuleSet }) },
        },
      ],
    });

  test('a template asks for a rule set when it writes networkRuleSet; service-endpoint rules are read', async () => {
    write({
      'allow/azuredeploy.json': template('Premium', { defaultAction: 'Allow' }),
      'none/azuredeploy.json': template('Premium', undefined),
      'vnet/azuredeploy.json': template('Premium', { defaultAction: 'Allow', virtualNetworkRules: [{ action: 'Allow', id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/build' }] }),
    });
    expect(await network('allow/azuredeploy.json')).toEqual([{ ruleSet: true, vnets: [] }]);
    expect(await network('none/azuredeploy.json')).toEqual([{ ruleSet: false, vnets: [] }]);
    expect(await network('vnet/azuredeploy.json')).toEqual([{ ruleSet: true, vnets: ['/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/build'] }]);
  });

  test('a live export: the default Azure reports for Premium is no setting, rules are', async () => {
    const show = JSON.parse(readFileSync(new URL('../fixtures/arm/acr-show.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    expect(show.networkRuleSet).toEqual({ defaultAction: 'Allow', ipRules: [] });
    write({ 'default/acr-show.json': JSON.stringify(show) });
    write({ 'rules/acr-show.json': JSON.stringify({ ...show, networkRuleSet: { defaultAction: 'Deny', ipRules: [{ action: 'Allow', value: '203.0.113.0/24' }] } }) });
    expect(await network('default/acr-show.json')).toEqual([{ ruleSet: false, vnets: [] }]);
    expect(await network('rules/acr-show.json')).toEqual([{ ruleSet: true, vnets: [] }]);
  });
});
