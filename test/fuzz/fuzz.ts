/**
 * Shared pieces of the parser fuzz suites (issue 17): mutations of realistic seed documents,
 * hostile values, and the properties every CLI run must keep (exit 0, 1 or 2; no planted
 * secret in any output; one review marker; Markdown tables with the header's column count).
 * `FUZZ_RUNS` sets the cases per parser (default 100 in `npm test`; `npm run fuzz` runs 10,000).
 */
import fc from 'fast-check';
import type { CliRun } from '../support/cli.js';

/** Cases per property. */
export const FUZZ_RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 100) || 100);

/** Time budget of one fuzz test, generous for `npm run fuzz`. */
export const FUZZ_TIMEOUT_MS = Math.max(60_000, FUZZ_RUNS * 200);

/** fast-check parameters: seeded by FUZZ_SEED when given, so a failure replays. */
export function fuzzParams(): fc.Parameters<unknown> {
  const seed = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : undefined;
  return { numRuns: FUZZ_RUNS, ...(seed !== undefined ? { seed } : {}), endOnFailure: true };
}

/** The secret planted in every input; it must never appear in any output. */
export const CANARY = 'Zq7canarySecret9Xw';

/** Strings that break naive renderers: Markdown, HTML, terminals, YAML, JSON pointers. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  'a|b|c',
  '`x``y`',
  '```\n# heading\n```',
  '\n| fake | row |\n|---|---|\n| 1 | 2 |',
  '<!-- acrkit-review -->',
  '<img src="https://evil.example/x.png">',
  '<script>alert(1)</script>',
  '[click](javascript:alert(1))',
  '@octocat please look',
  '\u001b[31mred\u001b[0m\u001b]0;title\u0007',
  '\r\nCR LF',
  'é ü 中文 🚀',
  '\u202eRTL',
  '\u0000nul',
  '${var.x}',
  '[parameters(\'x\')]',
  '*',
  '/subscriptions/x/resourceGroups/y/providers/Microsoft.ContainerRegistry/registries/z',
  '__proto__',
  'constructor',
  '../../../../etc/passwd',
  'a'.repeat(300),
  'Premium',
  'Basic',
  'westeurope',
  'nowhere',
  'true',
  '1e9',
];

/** Hostile scalar and structured values. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(...HOSTILE_STRINGS),
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 1e9, -1e9, 1e308, 2 ** 53, 365, 366, 91, [], {}, [null], { '': 1 }),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.jsonValue({ maxDepth: 2 }),
);

/** One edit of a JSON tree: replace, delete, wrap in an array, or copy a value elsewhere. */
export type JsonMutation = { readonly at: number; readonly op: 'replace' | 'delete' | 'wrap' | 'copy' | 'add'; readonly value: unknown; readonly from: number; readonly key: string };

/** A list of JSON mutations. */
export const jsonMutations: fc.Arbitrary<JsonMutation[]> = fc.array(
  fc.record({
    at: fc.nat(),
    op: fc.constantFrom<JsonMutation['op']>('replace', 'replace', 'delete', 'wrap', 'copy', 'add'),
    value: hostileValue,
    from: fc.nat(),
    key: fc.constantFrom('name', 'sku', 'location', 'tags', 'x', '__proto__', 'type', 'resources', 'change', 'after', 'a|b'),
  }),
  { minLength: 1, maxLength: 6 },
);

type Path = Array<string | number>;

function pathsOf(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) pathsOf((v as Record<string, unknown>)[k], [...at, k], out);
  return out;
}

function getAt(v: unknown, p: Path): unknown {
  return p.reduce<unknown>((x, k) => (x as Record<string | number, unknown>)[k], v);
}

function setAt(root: unknown, p: Path, value: unknown, del = false): unknown {
  if (p.length === 0) return value;
  const parent = getAt(root, p.slice(0, -1)) as Record<string | number, unknown>;
  const k = p[p.length - 1]!;
  if (del) {
    if (Array.isArray(parent)) parent.splice(k as number, 1);
    else delete parent[k];
  } else Object.defineProperty(parent, k, { value, enumerable: true, writable: true, configurable: true });
  return root;
}

const isPrefix = (a: Path, b: Path): boolean => a.length <= b.length && a.every((x, i) => x === b[i]);

/**
 * Applies mutations to a copy of `seed`. Paths in `protect` (and their ancestors and
 * descendants) are left alone, so a planted secret stays marked sensitive; the secret is copied
 * elsewhere only with `copySecrets` (plans: a value marked sensitive anywhere is never printed).
 */
export function mutateJson(seed: unknown, mutations: readonly JsonMutation[], protect: readonly Path[] = [], options: { copySecrets?: boolean } = {}): unknown {
  let doc = structuredClone(seed);
  for (const m of mutations) {
    // Protected: the given paths, and any sensitivity mark (array indices shift as the document
    // is mutated, so the marks are also protected by name).
    const paths = pathsOf(doc).filter((p) => !protect.some((q) => isPrefix(p, q) || isPrefix(q, p)) && !p.some((k) => typeof k === 'string' && /sensitive/i.test(k)));
    if (!paths.length) continue;
    const p = paths[m.at % paths.length]!;
    const current = getAt(doc, p);
    // Reshaping a value that holds the secret (wrapping it, adding beside it) would change what it is, not hide it.
    if ((m.op === 'wrap' || m.op === 'add') && JSON.stringify(current ?? null).includes(CANARY)) continue;
    switch (m.op) {
      case 'replace':
        doc = setAt(doc, p, structuredClone(m.value));
        break;
      case 'delete':
        if (p.length) doc = setAt(doc, p, undefined, true);
        break;
      case 'wrap':
        doc = setAt(doc, p, [current]);
        break;
      case 'copy': {
        // Copying the secret to an unmarked place is fair only where a mark anywhere counts (plans).
        const all = pathsOf(doc);
        const value = getAt(doc, all[m.from % all.length]!);
        if (options.copySecrets || !JSON.stringify(value ?? null).includes(CANARY)) doc = setAt(doc, p, structuredClone(value));
        break;
      }
      case 'add':
        if (current && typeof current === 'object' && !Array.isArray(current)) setAt(doc, [...p, m.key], structuredClone(m.value));
        else if (Array.isArray(current)) current.push(structuredClone(m.value));
        break;
    }
  }
  return doc;
}

/** One edit of a text: insert a hostile string, delete or duplicate a range. */
export type TextMutation = { readonly at: number; readonly len: number; readonly op: 'insert' | 'delete' | 'dup' | 'replace'; readonly text: string };

/** A list of text mutations. */
export const textMutations: fc.Arbitrary<TextMutation[]> = fc.array(
  fc.record({
    at: fc.nat(),
    len: fc.nat({ max: 40 }),
    op: fc.constantFrom<TextMutation['op']>('insert', 'delete', 'dup', 'replace'),
    text: fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.constantFrom('{', '}', '"', '=', '[', ']', '\n', '#', '<<EOF\n', '\nEOF\n', ':', '- ', '&a', '*a', '!!binary', '${', '%{'), fc.string({ maxLength: 8 })),
  }),
  { minLength: 1, maxLength: 5 },
);

/** Applies text mutations; `protect` substrings are restored if a mutation cut into them. */
export function mutateText(seed: string, mutations: readonly TextMutation[]): string {
  let s = seed;
  for (const m of mutations) {
    const at = s.length ? m.at % (s.length + 1) : 0;
    if (m.op === 'insert') s = s.slice(0, at) + m.text + s.slice(at);
    else if (m.op === 'delete') s = s.slice(0, at) + s.slice(at + m.len);
    else if (m.op === 'dup') s = s.slice(0, at + m.len) + s.slice(at, at + m.len) + s.slice(at + m.len);
    else s = s.slice(0, at) + m.text + s.slice(at + m.len);
  }
  return s;
}

/** Why a Markdown document breaks the rules, or undefined: one marker (when `marker`), tables with the header's column count. */
export function markdownProblem(md: string, marker: boolean): string | undefined {
  if (marker) {
    const n = md.split('<!-- acrkit-review -->').length - 1;
    if (n !== 1) return `review marker must appear once, got ${n}`;
  }
  let fence = false;
  let columns: number | undefined;
  for (const line of md.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    if (fence) continue;
    if (!line.startsWith('|')) {
      columns = undefined;
      continue;
    }
    const cells = cellCount(line);
    if (columns === undefined) columns = cells;
    else if (cells !== columns) return `table row must have ${columns} cells, got ${cells}: ${JSON.stringify(line.slice(0, 200))}`;
  }
  return undefined;
}

/** Cells of a GitHub Markdown table row: pipes not escaped with a backslash, outer ones excluded. */
function cellCount(line: string): number {
  let pipes = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '|') pipes++;
  }
  return line.trimEnd().endsWith('|') && !line.trimEnd().endsWith('\\|') ? pipes - 1 : pipes;
}

/** Asserts the properties every run keeps; returns a description of the first broken one. */
export function runProblem(r: CliRun, opts: { markdown?: boolean; marker?: boolean; secrets?: readonly string[] } = {}): string | undefined {
  if (![0, 1, 2].includes(r.code)) return `exit code must be 0, 1 or 2, got ${r.code}: ${r.stderr.slice(0, 600)}`;
  for (const s of opts.secrets ?? [CANARY]) if ((r.stdout + r.stderr).includes(s)) return `output must not contain the planted secret ${s}`;
  if (opts.markdown && r.stdout) return markdownProblem(r.stdout, opts.marker ?? false);
  return undefined;
}

/** Throws with the problem and the input, for fast-check to shrink and report. */
export function expectNoProblem(problem: string | undefined, input: string): void {
  if (problem) throw new Error(`${problem}\n--- input ---\n${input.slice(0, 3000)}`);
}
