/**
 * The layers of lib/, top to bottom: an import runs only downwards, never sideways between
 * siblings, and no two files import each other (directly or through a longer cycle). Read from
 * the source text (static imports, `export ... from` and dynamic `import()`), type-only imports
 * included: a type that points upwards couples the layers just the same.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const LIB = join(dirname(fileURLToPath(import.meta.url)), '../lib');

/**
 * Each layer with its rank; a file may import files of a lower rank and of its own layer.
 * Siblings share a rank but not a layer, so they cannot import each other.
 */
const LAYERS: ReadonlyArray<readonly [layer: string, rank: number]> = [
  ['index.ts', 10], // the package's public entry: re-exports every layer
  ['cli', 9],
  ['workflows', 8],
  ['report', 7],
  ['review', 6], // compares what policy and sim produce for base and head
  ['constructs', 6], // its Aspect runs the policy engine over the construct tree
  ['policy', 5],
  ['sim', 5],
  ['sources', 4],
  ['model', 3],
  ['catalog', 2],
  ['base', 1], // the files and folders of BASE: no lib/ imports but each other's
];

/** The base layer: errors, display helpers, ordering, input plumbing and package facts. */
const BASE: ReadonlySet<string> = new Set(['errors.ts', 'format', 'input', 'order.ts', 'mutable.ts', 'version.ts', 'peers.ts']);

/** Every .ts file under lib/, as paths relative to lib/. */
function sources(dir = LIB): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [relative(LIB, p)] : [];
  });
}

/** The layer a lib/-relative path belongs to: its first path segment, or `base`. */
function layerOf(path: string): string {
  const first = path.split('/')[0]!;
  return BASE.has(first) ? 'base' : first;
}

function rankOf(layer: string): number {
  const found = LAYERS.find(([name]) => name === layer);
  if (!found) throw new Error(`lib/${layer} must be in the layer table of test/layers.test.ts, got a folder or file it does not list: add it with its rank.`);
  return found[1];
}

/** What `file` imports by relative specifier, resolved to lib/-relative .ts paths (`../x` leaves lib/). */
function relativeImportsOf(file: string): string[] {
  const text = readFileSync(join(LIB, file), 'utf8');
  const specs = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
  return specs.map((s) => normalize(join(dirname(file), s)).replace(/\.js$/, '.ts')).filter((p) => p.endsWith('.ts'));
}

const files = sources();
const imports = new Map(files.map((f) => [f, relativeImportsOf(f)]));
const graph = new Map([...imports].map(([f, deps]) => [f, deps.filter((d) => !d.startsWith('..'))]));

test('lib/ imports nothing outside it but the fleet example that acrkit start synthesizes (shipped in the package)', () => {
  const outside = [...imports].flatMap(([f, deps]) => deps.filter((d) => d.startsWith('..')).map((d) => `lib/${f} -> ${join('lib', d)}`));
  expect(outside).toEqual(['lib/cli/commands/start.ts -> examples/fleet/main.ts']);
});

test('every folder and top-level file of lib/ has a place in the layers', () => {
  for (const f of files) expect(() => rankOf(layerOf(f))).not.toThrow();
});

/** Imports in `g` that run sideways or upwards, one line each. */
function against(g: ReadonlyMap<string, readonly string[]>): string[] {
  const found: string[] = [];
  for (const [file, deps] of g) {
    const from = layerOf(file);
    for (const dep of deps) {
      const to = layerOf(dep);
      if (to !== from && rankOf(to) >= rankOf(from)) found.push(`lib/${file} imports lib/${dep} (${from} -> ${to})`);
    }
  }
  return found;
}

test('imports run only downwards (or within a layer): no exceptions', () => {
  expect(against(graph)).toEqual([]);
});

test('no import cycles between files', () => {
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string): void => {
    state.set(f, 'open');
    stack.push(f);
    for (const d of graph.get(f) ?? []) {
      if (state.get(d) === 'open') cycles.push([...stack.slice(stack.indexOf(d)), d].map((x) => `lib/${x}`).join(' -> '));
      else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of files) if (!state.has(f)) visit(f);
  expect(cycles).toEqual([]);
});

test('only lib/constructs imports cdktf, constructs or the azurerm provider', () => {
  const offenders = files.filter(
    (f) => layerOf(f) !== 'constructs' && /(from|import\()\s*'(cdktf|constructs|@cdktf\/provider-azurerm)(\/[^']*)?'/.test(readFileSync(join(LIB, f), 'utf8')),
  );
  // cli/commands/start.ts builds the fleet example's App: the one exception, loaded on demand.
  expect(offenders).toEqual(['cli/commands/start.ts']);
});

test('the test sees a planted upward import (control)', () => {
  const planted = new Map(graph);
  planted.set('catalog/tiers.ts', [...(graph.get('catalog/tiers.ts') ?? []), 'policy/rule.ts']);
  planted.set('sim/pool.ts', [...(graph.get('sim/pool.ts') ?? []), 'policy/rule.ts']);
  expect(against(planted).filter((l) => /policy\/rule/.test(l))).toEqual([
    'lib/catalog/tiers.ts imports lib/policy/rule.ts (catalog -> policy)',
    'lib/sim/pool.ts imports lib/policy/rule.ts (sim -> policy)',
  ]);
});

test('only workflows (and the CLI, and the base) touch the file system or start processes', () => {
  const readers = files.filter((f) => /from '(node:)?(fs|fs\/promises|child_process)'/.test(readFileSync(join(LIB, f), 'utf8')));
  expect(readers.filter((f) => !['workflows', 'cli', 'base'].includes(layerOf(f)))).toEqual([]);
});
