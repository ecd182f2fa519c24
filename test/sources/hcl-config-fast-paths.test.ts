/**
 * The shortcuts of the .tf reader on a monorepo: resources listed only when something reads
 * them, the azurerm major written into a resource as it is built, version ranges intersected once
 * per constraint list, version checks made once per module and range, a module source called
 * again in a folder read once. Each gives what the long way gives.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromHcl, fromHclConfig, parseHclFile, type ParsedHclFile } from '../../lib/sources/from-hcl.js';
import { allResourceInstances, ConfigEvaluation, HclModule, ModuleInstance, rawResource } from '../../lib/sources/hcl/module.js';
import { parseHcl } from '../../lib/sources/hcl/parse.js';
import { azurermVersions } from '../../lib/sources/hcl/provider-constraint.js';
import { commentsFor, mayHoldSuppressions } from '../../lib/sources/suppression-comments.js';
import { loadInputs } from '../../lib/workflows/load-inputs.js';

const MAIN = `
resource "azurerm_storage_account" "a" {
  name = "a"
}

resource "azurerm_container_registry" "main" {
  name                = "contosoacr"
  resource_group_name = azurerm_resource_group.rg.name
  location            = "westeurope"
  sku                 = "Premium"
}

resource "azurerm_storage_account" "counted" {
  count = 2
  name  = "s\${count.index}"
}

resource "azurerm_resource_group" "rg" {
  name     = "rg"
  location = "westeurope"
}
`;

function rootOf(text: string): ModuleInstance {
  const module = new HclModule('.', [{ parsed: parseHcl('main.tf', text), context: false }]);
  return new ModuleInstance(new ConfigEvaluation(() => undefined), module, '');
}

describe('resource instances', () => {
  test('with a filter: the instances of the resources it accepts, in the order of the whole list', () => {
    const all = allResourceInstances(rootOf(MAIN)).map((x) => x.res.address);
    const some = allResourceInstances(rootOf(MAIN), [], (d) => d.type !== 'azurerm_storage_account' || d.count !== undefined).map((x) => x.res.address);
    expect(all).toEqual(['azurerm_storage_account.a', 'azurerm_container_registry.main', 'azurerm_storage_account.counted[0]', 'azurerm_storage_account.counted[1]', 'azurerm_resource_group.rg']);
    expect(some).toEqual(all.filter((a) => a !== 'azurerm_storage_account.a'));
  });

  test('a resource with the azurerm major is the resource with it added to its source, keys in the same order', () => {
    const top = rootOf(MAIN);
    const { instance, res } = allResourceInstances(top, [], (d) => d.type === 'azurerm_container_registry')[0]!;
    const plain = rawResource(instance, res);
    const withMajor = rawResource(instance, res, 4);
    expect(JSON.stringify(withMajor)).toBe(JSON.stringify({ ...plain, source: { ...plain.source, azurermMajor: 4 } }));
    expect(plain.source.azurermMajor).toBeUndefined();
    expect(plain.refs).toEqual({ resource_group_name: ['azurerm_resource_group.rg.name'] });
  });
});

describe('suppression comments', () => {
  test('a text without either marker holds none; one with a marker may', () => {
    expect(mayHoldSuppressions(MAIN)).toBe(false);
    expect(commentsFor(MAIN, 2)).toEqual([]);
    expect(mayHoldSuppressions('# acrkit:ignore ACR-SEC-001 reason')).toBe(true);
    expect(mayHoldSuppressions('#checkov:skip=CKV_AZURE_137:reason')).toBe(true);
  });

  test('a resource no rule reads still gets its suppressions, per instance', async () => {
    const text = `# acrkit:ignore ACR-SEC-001 legacy storage\nresource "azurerm_storage_account" "a" {\n  count = 2\n  name  = "a"\n}\n`;
    const r = await fromHcl([
      { file: 'main.tf', text: MAIN },
      { file: 'storage.tf', text },
    ]);
    expect(r.suppressions.map((s) => [s.address, s.file, s.line, s.ruleId])).toEqual([
      ['azurerm_storage_account.a[0]', 'storage.tf', 1, 'ACR-SEC-001'],
      ['azurerm_storage_account.a[1]', 'storage.tf', 1, 'ACR-SEC-001'],
    ]);
  });
});

describe('azurerm versions', () => {
  const moduleWith = (constraint: string): HclModule =>
    new HclModule(constraint, [{ parsed: parseHcl('versions.tf', `terraform {\n  required_providers {\n    azurerm = {\n      source  = "hashicorp/azurerm"\n      version = "${constraint}"\n    }\n  }\n}\n`), context: false }]);

  test('the same constraints give the same range; others their own', () => {
    const a = azurermVersions([moduleWith('~> 3.110')]);
    const b = azurermVersions([moduleWith('~> 3.110')]);
    const c = azurermVersions([moduleWith('~> 3.110'), moduleWith('< 3.115')]);
    expect(b).toBe(a);
    expect(a).toEqual({ low: [3, 110, 0], high: [4, 0, 0], upperIncluded: false, from: 'azurerm version "~> 3.110"' });
    expect(c).toEqual({ low: [3, 110, 0], high: [3, 115, 0], upperIncluded: false, from: 'azurerm version "~> 3.110" and "< 3.115"' });
    expect(azurermVersions([])).toEqual({ low: [0, 0, 0], upperIncluded: false, from: 'no azurerm version constraint (terraform init installs the newest)' });
  });
});

describe('a module many roots call', () => {
  const module = `resource "azurerm_container_registry" "this" {\n  name                     = "acr"\n  resource_group_name      = "rg"\n  location                 = "westeurope"\n  sku                      = "Premium"\n  georeplication_locations = ["northeurope"]\n}\n`;
  const root = (version: string): string =>
    `terraform {\n  required_providers {\n    azurerm = {\n      source  = "hashicorp/azurerm"\n      version = "${version}"\n    }\n  }\n}\n\nmodule "acr" {\n  source = "../modules/acr"\n}\n`;
  const parsed = (file: string, text: string): ParsedHclFile => parseHclFile({ file, text });

  test('a removed argument is reported once per azurerm range, whichever roots share it', () => {
    const modules = new Map<string, ParsedHclFile[]>([
      ['a', [parsed('a/main.tf', root('~> 3.0'))]],
      ['b', [parsed('b/main.tf', root('~> 3.0'))]],
      ['c', [parsed('c/main.tf', root('>= 2.0, < 4.0'))]],
      ['m', [parsed('modules/acr/main.tf', module)]],
    ]);
    const children = new Map(['a', 'b', 'c'].map((k) => [`${k}\u0000../modules/acr`, 'm']));
    const r = fromHclConfig({ modules, roots: [{ module: 'a' }, { module: 'b' }, { module: 'c' }], children });
    const removed = r.errors.filter((e) => e.reason.includes('georeplication_locations was removed'));
    expect(removed.map((e) => e.reason.match(/with (.*?):/)?.[1])).toEqual(['azurerm version "~> 3.0"', 'azurerm version ">= 2.0, < 4.0"']);
    expect(r.registries.map((s) => s.address)).toEqual(['module.acr.azurerm_container_registry.this', 'module.acr.azurerm_container_registry.this', 'module.acr.azurerm_container_registry.this']);
  });
});

describe('reading a monorepo folder', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'acrkit-fast-paths-'));
    const put = (path: string, text: string): void => {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    put('modules/acr/main.tf', `variable "name" {\n  type = string\n}\n\nresource "azurerm_container_registry" "this" {\n  name                = var.name\n  resource_group_name = "rg"\n  location            = "westeurope"\n  sku                 = "Standard"\n}\n`);
    put('stack/main.tf', `module "a" {\n  source = "../modules/acr"\n  name   = "acra"\n}\n\nmodule "b" {\n  source = "../modules/acr"\n  name   = "acrb"\n}\n`);
    put('stack/.hidden/ignored.tf', 'not read');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a module source called twice is read once; the folder named any way gives the same files', async () => {
    const ways = ['stack', 'stack/', './stack/../stack', `${dir}/stack`];
    const results = await Promise.all(ways.map((p) => loadInputs([p], { cwd: dir })));
    for (const r of results) {
      expect(r.errors).toEqual([]);
      expect(r.files).toEqual([
        { file: 'stack/main.tf', kind: 'hcl' },
        { file: 'modules/acr/main.tf', kind: 'hcl' },
      ]);
      expect(r.registries.map((s) => [s.address, s.name])).toEqual([
        ['module.a.azurerm_container_registry.this', 'acra'],
        ['module.b.azurerm_container_registry.this', 'acrb'],
      ]);
    }
  });
});
