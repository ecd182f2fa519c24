/**
 * The syntax tree the HCL parser builds, pinned where its fast paths could drift: binary
 * operators by precedence (left-associative), the line of every attribute and block, attributes
 * set twice in short and long bodies, plain strings and object keys.
 */
import type { Expr } from '../../lib/sources/hcl/ast.js';
import { parseExpression, parseHcl } from '../../lib/sources/hcl/parse.js';

/** An expression as a parenthesised string: `(a - b) - c`. */
function shape(e: Expr): string {
  switch (e.kind) {
    case 'binary':
      return `(${shape(e.left)} ${e.op} ${shape(e.right)})`;
    case 'unary':
      return `${e.op}${shape(e.operand)}`;
    case 'name':
      return e.name;
    case 'literal':
      return JSON.stringify(e.value);
    case 'attr':
      return `${shape(e.target)}.${e.name}`;
    case 'conditional':
      return `(${shape(e.test)} ? ${shape(e.then)} : ${shape(e.else)})`;
    default:
      return e.kind;
  }
}

test('binary operators group by precedence, left to right within a level', () => {
  const cases: Array<[string, string]> = [
    ['a - b - c', '((a - b) - c)'],
    ['a * b + c', '((a * b) + c)'],
    ['a + b * c', '(a + (b * c))'],
    ['a || b && c == d < e + f * g', '(a || (b && (c == (d < (e + (f * g))))))'],
    ['a * b - c < d != e && f || g', '((((((a * b) - c) < d) != e) && f) || g)'],
    ['a <= b >= c > d < e', '((((a <= b) >= c) > d) < e)'],
    ['a / b % c * d', '(((a / b) % c) * d)'],
    ['!a == -b', '(!a == -b)'],
    ['a ? b + c : d || e', '(a ? (b + c) : (d || e))'],
    ['x.y + 1 - -2', '((x.y + 1) - -2)'],
  ];
  for (const [text, want] of cases) expect(shape(parseExpression(text).expr)).toBe(want);
  // Offsets: each binary node spans its operands.
  const { expr } = parseExpression('a + b * c');
  expect(expr).toMatchObject({ kind: 'binary', start: 0, end: 9, right: { kind: 'binary', start: 4, end: 9 } });
});

test('a division is not a comment, and a comment ends the operands', () => {
  expect(shape(parseExpression('a / b').expr)).toBe('(a / b)');
  expect(shape(parseExpression('a /* c */ + b').expr)).toBe('(a + b)');
  const item = parseHcl('f.tf', 'x = a // c\n').body.items[0];
  expect(item?.kind === 'attribute' ? shape(item.expr) : undefined).toBe('a');
});

test('every attribute and block has the line of its name, nested or not', () => {
  const text = ['# top', 'resource "t" "a" {', '  x = 1', '', '  inner {', '    y = "s"', '  }', '  z = [', '    1,', '  ]', '}', 'w = 2', ''].join('\n');
  const p = parseHcl('f.tf', text);
  expect(p.error).toBeUndefined();
  const lines: Array<[string, number]> = [];
  const walk = (items: typeof p.body.items): void => {
    for (const i of items) {
      lines.push([i.kind === 'attribute' ? i.name : i.type, i.line]);
      if (i.kind === 'block') walk(i.body.items);
    }
  };
  walk(p.body.items);
  expect(lines).toEqual([
    ['resource', 2],
    ['x', 3],
    ['inner', 5],
    ['y', 6],
    ['z', 8],
    ['w', 12],
  ]);
});

test('an attribute set twice is reported with its first line, in short and long bodies', () => {
  const attrs = (n: number): string[] => Array.from({ length: n }, (_, i) => `  a${i} = ${i}`);
  for (const n of [2, 15, 16, 17, 40]) {
    const body = [...attrs(n), '  a0 = "again"', `  a${n - 1} = "again"`, '  a0 = "third"'];
    const p = parseHcl('f.tf', `b {\n${body.join('\n')}\n}\n`);
    expect(p.redefined).toEqual([
      { name: 'a0', line: n + 2, first: 2 },
      { name: `a${n - 1}`, line: n + 3, first: n + 1 },
      { name: 'a0', line: n + 4, first: 2 },
    ]);
  }
  expect(parseHcl('f.tf', 'a = 1\nb { a = 2 }\n').redefined).toEqual([]);
});

test('plain strings, templates and object keys', () => {
  expect(parseExpression('"plain"').expr).toEqual({ kind: 'literal', value: 'plain', start: 0, end: 7 });
  expect(parseExpression('""').expr).toEqual({ kind: 'literal', value: '', start: 0, end: 2 });
  expect(parseExpression('"a\\nb"').expr).toMatchObject({ kind: 'literal', value: 'a\nb' });
  expect(parseExpression('"$5 and 100%"').expr).toMatchObject({ kind: 'literal', value: '$5 and 100%' });
  expect(parseExpression('"x-${y}-x"').expr).toMatchObject({ kind: 'template', parts: [{ kind: 'text', value: 'x-' }, { kind: 'interp' }, { kind: 'text', value: '-x' }] });
  const obj = parseExpression('{ a = 1, b: 2, (c) = 3, d == e = 4 }').expr;
  expect(obj.kind === 'object' ? obj.items.map((i) => i.key.kind) : []).toEqual(['literal', 'literal', 'paren', 'binary']);
  expect(() => parseExpression('"unterminated')).toThrow('Unterminated template string');
});
