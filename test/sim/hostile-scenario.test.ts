/**
 * Scenarios arrive with pull requests: a YAML alias bomb or a file nested thousands of levels
 * deep is an input error (exit 2) found quickly, never a crash or an exhausted machine.
 */
import { parseScenario } from '../../lib/sim/scenario/parse.js';
import { nestingDepth } from '../../lib/input/depth.js';

function errorOf(text: string): string {
  try {
    parseScenario(text, 's.yaml');
  } catch (e) {
    expect((e as Error).name).toBe('InputErrors');
    return (e as Error).message;
  }
  throw new Error('expected an input error');
}

test('a billion-laughs alias bomb stops at the alias limit', () => {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 10; i++) {
    const prev = String.fromCharCode(96 + i);
    lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  expect(errorOf(lines.join('\n'))).toBe('s.yaml: scenario must be plain YAML or JSON, got aliases that expand beyond what a scenario needs: write the values out instead of through deep nesting or aliases.');
});

test.each([
  ['flow sequences', '['.repeat(100_000) + ']'.repeat(100_000)],
  ['JSON objects', '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000)],
])('%s nested thousands deep are refused before parsing', (_, text) => {
  expect(errorOf(text)).toBe('s.yaml: scenario must nest at most 256 levels of [ and {, got more: write the values out flat.');
});

test('block YAML nested thousands deep is an input error, not a stack overflow', () => {
  const text = Array.from({ length: 3_000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n';
  expect(errorOf(text)).toMatch(/^s\.yaml(:\d+)?: scenario must /);
});

test('nestingDepth ignores brackets inside strings and counts real ones', () => {
  expect(nestingDepth('{"a": "[[[[", "b": [[1]]}')).toBe(3);
  expect(nestingDepth("x: '{{{'")).toBe(0);
});

test.each([
  ['an apostrophe in a comment', "# the team's registries\nregistries: " + '['.repeat(5_000) + ']'.repeat(5_000) + "\n# ends here, doesn't it\n"],
  ['an apostrophe in a plain scalar', "name: don't\nregistries: " + '['.repeat(5_000) + ']'.repeat(5_000) + "\nnote: it's done\n"],
  ['a quote in a comment after a number', 'runs: 5 # seed: "\nregistries: ' + '['.repeat(5_000) + ']'.repeat(5_000) + '\n# "\n'],
  ['a quote in a block scalar', 'name: |\n  "\nregistries: ' + '['.repeat(5_000) + ']'.repeat(5_000) + '\nnote: >-\n  "\n'],
  ['a quote in a block scalar after a number', 'runs: 5\nnotes:\n  - |\n    "\nregistries: ' + '['.repeat(5_000) + ']'.repeat(5_000) + '\nend: |\n  "\n'],
])('nesting after %s is still refused before parsing', (_, text) => {
  expect(errorOf(text)).toBe('s.yaml: scenario must nest at most 256 levels of [ and {, got more: write the values out flat.');
});

test('as YAML, quotes open strings only where a scalar starts, and comments hold no brackets', () => {
  expect(nestingDepth("a: 'it''s [[[ here'\nb: [1]", 256, 'yaml')).toBe(1);
  expect(nestingDepth('a: "say \\"[[\\""\nb: [[1]]', 256, 'yaml')).toBe(2);
  expect(nestingDepth('# [[[[ a comment\nb: [1] # {{{{\nc: x#[', 256, 'yaml')).toBe(1);
  expect(nestingDepth("name: don't [x]\n", 256, 'yaml')).toBe(1);
  expect(nestingDepth("- 'x'\n- ['a', \"b\", {c: 'd'}]", 256, 'yaml')).toBe(2);
  // A block scalar's lines are text, to the first line indented no more than its key.
  expect(nestingDepth('a: |\n  [[[ "x\n\n  y]\nb: [[1]]\n', 256, 'yaml')).toBe(2);
  expect(nestingDepth('- >+2 # folded\n   {{{\n- [1]\n', 256, 'yaml')).toBe(1);
  expect(nestingDepth('a: x > y [1]\nb: "|" [[2]]\n', 256, 'yaml')).toBe(2);
});

test('40,000 unknown keys: the first 50 problems and a count, in linear time', () => {
  const text = `horizon: P5D\n${Array.from({ length: 40_000 }, (_, i) => `u${i}: 1`).join('\n')}\n`;
  const lines = errorOf(text).split('\n');
  expect(lines).toHaveLength(51);
  expect(lines[0]).toMatch(/^s\.yaml:2#\/u0: the scenario has no field 'u0'/);
  expect(lines[50]).toBe('s.yaml: the scenario has 39950 more problems of the same kinds (the first 50 are listed): fix those and run again.');
});

test('counts far beyond what Azure or the cost model allow are refused at parse time, before anything is allocated', () => {
  const text = [
    'horizon: P365D',
    'registries:',
    '  - { name: contosoprod, location: westeurope, tier: Premium, webhooks: 100000000, tokens: 1e9 }',
    'workloads:',
    '  - pushes: { perRepositoryPerDay: 920902874 }',
    '    tags: { perRepository: 1e9 }',
    '    image: { baseLayers: { pool: 1e8 } }',
    '',
  ].join('\n');
  const lines = errorOf(text).split('\n');
  expect(lines.map((l) => l.replace(/ \(rule maximum.*$/, ''))).toEqual([
    's.yaml:3#/registries/0/webhooks: /registries/0/webhooks must be <= 500',
    's.yaml:3#/registries/0/tokens: /registries/0/tokens must be <= 50000',
    's.yaml:5#/workloads/0/pushes/perRepositoryPerDay: /workloads/0/pushes/perRepositoryPerDay must be <= 1440',
    's.yaml:6#/workloads/0/tags/perRepository: /workloads/0/tags/perRepository must be <= 1000',
    's.yaml:7#/workloads/0/image/baseLayers/pool: /workloads/0/image/baseLayers/pool must be <= 100000',
  ]);
});
