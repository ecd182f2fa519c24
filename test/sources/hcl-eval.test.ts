/**
 * The HCL parser and evaluator of lib/sources/hcl: Terraform semantics on known values, and
 * the property of issue 13: any expression the evaluator does not understand gives Unknown,
 * never an input error (exit 2), never a literal `${...}` string.
 */
import fc from 'fast-check';
import { isUnknown } from '../../lib/model/unknown.js';
import { evaluate } from '../../lib/sources/hcl/evaluate.js';
import { parseExpression, parseHcl } from '../../lib/sources/hcl/parse.js';
import { firstUnknown } from '../../lib/sources/hcl/value.js';
import { fromHcl } from '../../lib/sources/from-hcl.js';
import { evaluate as evaluatePolicy } from '../../lib/policy/engine.js';

/** Evaluates an expression with no variables known: every name is Unknown. */
function ev(text: string): unknown {
  const { expr, source } = parseExpression(text);
  return evaluate(expr, { source, resolver: { resolve: () => undefined }, names: new Map() });
}

describe('evaluation of known values', () => {
  test.each([
    ['lookup({ a = "Premium" }, "a", "Basic")', 'Premium'],
    ['lookup({ a = "Premium" }, "b", "Basic")', 'Basic'],
    ['merge({ a = 1, b = 2 }, null, { b = 3 })', { a: 1, b: 3 }],
    ['contains(["prod", "dev"], "dev")', true],
    ['coalesce("", null, "x")', 'x'],
    ['try({ a = 1 }.b, "fallback")', 'fallback'],
    ['can({ a = 1 }.b)', false],
    ['length({ a = 1, b = 2 })', 2],
    ['upper("ab") == "AB" && !false || false', true],
    ['1 + 2 * 3 >= 7 ? "yes" : "no"', 'yes'],
    ['"1" == 1', false],
    ['[for s in ["b", "a", "b"] : upper(s) if s != "a"]', ['B', 'B']],
    ['{ for k, v in { x = "1", y = "2" } : v => k }', { '1': 'x', '2': 'y' }],
    ['{ for s in ["a", "ab", "b"] : substr(s, 0, 1) => s... }', { a: ['a', 'ab'], b: ['b'] }],
    ['toset(["b", "a", "b"])', ['a', 'b']],
    ['[{ id = 1 }, { id = 2 }][*].id', [1, 2]],
    ['"acr-${2 + 3}-%{ if true }on%{ else }off%{ endif }"', 'acr-5-on'],
    ['format("%s-%03d", "x", 7)', { unknown: true }], // a width flag: not evaluated, so Unknown
    ['regex("a+", "caab")', { unknown: true }],
    ['timestamp()', { unknown: true }],
    ['"$${literal}"', '${literal}'],
  ])('%s', (text, want) => {
    const v = ev(text);
    if (typeof want === 'object' && want !== null && 'unknown' in want) expect(isUnknown(v)).toBe(true);
    else expect(v).toEqual(want);
  });

  test('an Unknown condition with equal branches is known; identical Unknowns compare equal', () => {
    expect(ev('var.x ? "same" : "same"')).toBe('same');
    expect(ev('var.location == var.location')).toBe(true);
    expect(isUnknown(ev('var.location == var.other'))).toBe(true);
    expect(isUnknown(ev('timestamp() == timestamp()'))).toBe(true); // impure: two different values
    expect(ev('false && var.x')).toBe(false);
    expect(ev('true || var.x')).toBe(true);
  });

  test('arithmetic and comparison agree with JavaScript on integers', () => {
    const leaf = fc.integer({ min: -50, max: 50 }).map(String);
    const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
      e: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.tuple(tie('e'), fc.constantFrom('+', '-', '*'), tie('e')).map(([a, op, b]) => `(${a} ${op} ${b})`)),
    })).e;
    fc.assert(
      fc.property(expr, expr, fc.constantFrom('<', '>', '<=', '>=', '==', '!='), (a, b, op) => {
        const js = new Function(`return (${a}) ${op === '==' ? '===' : op === '!=' ? '!==' : op} (${b});`)() as boolean;
        expect(ev(`${a} ${op} ${b}`)).toBe(js);
      }),
      { numRuns: 200 },
    );
  });
});

describe('syntax errors carry the line, the column and Terraform summary', () => {
  test.each([
    ['resource "a" "b" {\n  name = "x"\n', 1, 'Unclosed configuration block'],
    ['a = 1 b = 2\n', 1, 'Missing newline after argument'],
    ['a = "open\n', 1, 'Invalid multi-line string'],
    ['x {\n  a = [1 2]\n}\n', 2, 'Missing item separator'],
    ['x {\n  a = \n}\n', 2, 'Invalid expression'],
  ])('%j', (text, line, summary) => {
    const p = parseHcl('f.tf', text);
    expect(p.error).toMatchObject({ line, summary });
  });
});

/** Expressions acrkit cannot know: every one of them must be Unknown. */
const opaqueLeaf = fc.constantFrom(
  'var.unset',
  'var.unset.attr',
  'local.not_declared',
  'data.azurerm_client_config.current.tenant_id',
  'azurerm_key_vault_key.cmk.versionless_id',
  'module.missing.registry_id',
  'unknownfn(1, "a")',
  'provider::azurerm::parse_resource_id("x")',
  'templatefile("tags.tpl", {})',
  'file("sku.txt")',
  'path.module',
  'terraform.workspace',
  'timestamp()',
  'each.value',
  'count.index',
  'self.id',
);

const wrappers: ReadonlyArray<(e: string) => string> = [
  (e) => `upper(${e})`,
  (e) => `lower(${e})`,
  (e) => `length(${e})`,
  (e) => `lookup(${e}, "k", "d")`,
  (e) => `lookup({ k = "v" }, ${e}, "d")`,
  (e) => `merge(${e}, { managed_by = "terraform" })`,
  (e) => `contains(${e}, "x")`,
  (e) => `coalesce(${e}, "x")`,
  (e) => `try(${e}, "x")`,
  (e) => `can(${e})`,
  (e) => `(${e}) == "Premium"`,
  (e) => `"Basic" != (${e})`,
  (e) => `!(${e})`,
  (e) => `(${e}) || false`,
  (e) => `true && (${e})`,
  (e) => `(${e}) ? "Premium" : "Basic"`,
  (e) => `(${e}) + 1`,
  (e) => `-(${e})`,
  (e) => `(${e})[0]`,
  (e) => `(${e}).attr`,
  (e) => `(${e})[*].id`,
  (e) => `[for x in ${e} : x]`,
  (e) => `{ for k, v in ${e} : k => v }`,
  (e) => `"\${${e}}-suffix"`,
  (e) => `format("%s", ${e})`,
  (e) => `tostring(${e})`,
  (e) => `jsonencode(${e})`,
  (e) => `join(",", ${e})`,
  (e) => `concat(${e}, ["a"])`,
  (e) => `keys(${e})`,
  (e) => `element(${e}, 0)`,
  (e) => `(${e})`,
];

const opaque: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof({ depthSize: 'small', withCrossShrink: true }, opaqueLeaf, fc.tuple(fc.integer({ min: 0, max: wrappers.length - 1 }), tie('e')).map(([i, e]) => wrappers[i]!(e))),
})).e;

describe('property: an expression acrkit does not understand is Unknown, never an input error', () => {
  test('on its own', () => {
    fc.assert(
      fc.property(opaque, (text) => {
        const v = ev(text);
        expect(isUnknown(v)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  test('as any argument of a registry: no input error (no exit 2), no "${...}" value, findings only', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opaque, { minLength: 8, maxLength: 8 }), async ([name, sku, location, tags, admin, days, replicas, pna]) => {
        const text = `resource "azurerm_container_registry" "r" {
  name                          = ${name}
  resource_group_name           = "rg"
  sku                           = ${sku}
  location                      = ${location}
  tags                          = ${tags}
  admin_enabled                 = ${admin}
  retention_policy_in_days      = ${days}
  public_network_access_enabled = ${pna}

  dynamic "georeplications" {
    for_each = ${replicas}
    content {
      location = georeplications.value
    }
  }
}
`;
        const r = await fromHcl([{ file: 'main.tf', text }]);
        expect(r.errors.map((e) => e.message)).toEqual([]);
        const [spec] = r.registries;
        for (const k of ['name', 'tier', 'location', 'tags', 'adminEnabled', 'retentionDays', 'replicas'] as const) expect(firstUnknown(spec![k])).toBeDefined();
        const report = evaluatePolicy(r.registries);
        expect(report.findings.filter((f) => f.status === 'error')).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});

describe('property: any text as an argument gives registries or input errors with file and line', () => {
  const tokens = fc.constantFrom('var.x', '"s"', '1', '[', ']', '{', '}', '(', ')', ',', '?', ':', '==', '&&', '!', '.', 'for', 'in', '=>', '...', '${', '%{', '<<EOT', '\n', 'null', 'lookup', 'a = 1', '#', '"', '*', '[*]');
  test('token soup never throws', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(tokens, { maxLength: 12 }), fc.string({ maxLength: 10 }), async (soup, noise) => {
        const text = `resource "azurerm_container_registry" "r" {\n  name = "contosoacr"\n  tags = ${soup.join(' ')}${noise}\n  sku = "Premium"\n}\n`;
        const r = await fromHcl([{ file: 'main.tf', text }]);
        for (const e of r.errors) {
          expect(e.name).toBe('InputError');
          expect(e.location.file).toBe('main.tf');
          expect(e.location.line).toBeGreaterThan(0);
        }
        evaluatePolicy(r.registries);
      }),
      { numRuns: 300 },
    );
  });
});

describe('Terraform JSON strings use the same evaluator', () => {
  test('functions and conditionals evaluate; what cannot be known is Unknown, never a literal "${...}" or an input error', async () => {
    const { fromTfJson } = await import('../../lib/sources/from-tf-json.js');
    const doc = {
      variable: { env: { default: 'prod' }, tags: {} },
      resource: {
        azurerm_container_registry: {
          r: {
            name: '${lower("Contoso${upper(var.env)}acr")}',
            resource_group_name: 'rg',
            location: '${var.env == "prod" ? "westeurope" : "northeurope"}',
            sku: '${lookup({ prod = "Premium" }, var.env, "Basic")}',
            tags: '${merge(var.tags, { managed_by = "cdktf" })}',
            admin_enabled: '${data.azurerm_client_config.c.object_id == ""}',
          },
        },
      },
    };
    const r = fromTfJson(doc, 'cdk.tf.json');
    expect(r.errors).toEqual([]);
    const [s] = r.registries;
    expect(s).toMatchObject({ name: 'contosoprodacr', location: 'westeurope', tier: 'Premium' });
    expect(s!.tags).toMatchObject({ unknown: true, reason: 'var.tags has no literal default' });
    expect(isUnknown(s!.adminEnabled)).toBe(true);
  });
});
