/**
 * Detects what each path holds and reads it with the matching source; collects every
 * input error without letting one bad file hide the registries of the others.
 */
import { readdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { RegistrySpec } from '../model/registry-spec.js';
import type { HclFile } from '../sources/from-hcl.js';
import { fromPlan, isPlanJson } from '../sources/from-plan.js';
import { fromTfJson, isTfJson } from '../sources/from-tf-json.js';
import { synthesizeApp } from './synth-app.js';
import type { SourceSuppression } from '../sources/suppression-comments.js';
import { STDIN_NAME, STDIN_PATH, stdinCount } from '../sources/stdin.js';
import { preview } from '../sources/values.js';
import { compareStrings } from '../order.js';
import { tokensOf } from '../input/pointer.js';
import { readInputText } from '../input/read.js';

/** The kind of input a file holds. */
export type InputKind = 'plan' | 'tf-json' | 'hcl';

/** Everything read from the paths: registries, errors and in-source suppressions. */
export interface LoadedInputs {
  /** Registries, in path order. */
  readonly registries: RegistrySpec[];
  /** Input errors. */
  readonly errors: InputError[];
  /** `# acrkit:ignore` comments found in `.tf` files. */
  readonly suppressions: SourceSuppression[];
  /** Files read, with their kind. */
  readonly files: Array<{ readonly file: string; readonly kind: InputKind }>;
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.terraform', 'dist']);

/** Whether a directory entry is an input file when walking folders. */
function kindByName(name: string): InputKind | 'json' | undefined {
  if (name.endsWith('.tf')) return 'hcl';
  if (name.endsWith('.tf.json')) return 'tf-json';
  if (/plan.*\.json$/i.test(name)) return 'json';
  return undefined;
}

async function walk(dir: string, out: string[], errors: InputError[], shown: (p: string) => string): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    errors.push(new InputError({ file: shown(dir) }, `directory must be readable, got ${(e as NodeJS.ErrnoException).code ?? 'an error'}: check the path and its permissions.`));
    return;
  }
  entries.sort((a, b) => compareStrings(a.name, b.name));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) await walk(p, out, errors, shown);
    } else if (e.isFile() && kindByName(e.name)) out.push(p);
  }
}

/** Options of {@link loadInputs}. */
export interface LoadInputsOptions {
  /**
   * Working directory relative paths resolve against.
   * @default process.cwd()
   */
  readonly cwd?: string;
  /**
   * Reads standard input for the path `-` (a plan JSON or a cdk.tf.json, named `<stdin>` in
   * locations). Called at most once, and only when a path is `-`.
   * @default - `-` is an input error that asks for this option
   */
  readonly readStdin?: () => Promise<string>;
}

/** One input file to read: on disk, or standard input. */
type Candidate = { readonly abs: string; readonly explicit: boolean; readonly stdin?: true };

/**
 * Reads every path (files or directories, recursively; `-` for standard input) and returns
 * the registries, input errors and suppression comments. Never throws for bad input.
 *
 * @param paths files or directories, relative to `options.cwd`, or `-`
 */
export async function loadInputs(paths: readonly string[], options?: LoadInputsOptions): Promise<LoadedInputs> {
  const cwd = options?.cwd ?? process.cwd();
  const registries: RegistrySpec[] = [];
  const errors: InputError[] = [];
  const suppressions: SourceSuppression[] = [];
  const files: Array<{ file: string; kind: InputKind }> = [];
  // Show paths the way the user wrote them: relative to cwd when they are below it.
  const shown = (abs: string): string => {
    const rel = abs.startsWith(cwd + '/') ? abs.slice(cwd.length + 1) : abs;
    return rel;
  };

  const candidates: Candidate[] = [];
  const dashes = stdinCount(paths);
  if (dashes > 1) errors.push(new InputError({ file: STDIN_NAME }, `'-' (standard input) must be given at most once, got it ${dashes} times: save all but one input to a file and pass its path.`));
  for (const p of paths) {
    if (p === STDIN_PATH) {
      if (!candidates.some((c) => c.stdin)) candidates.push({ abs: STDIN_NAME, explicit: true, stdin: true });
      continue;
    }
    const abs = resolve(cwd, p);
    let st;
    try {
      st = await stat(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      errors.push(new InputError({ file: p }, `input path must exist, got ${code === 'ENOENT' ? 'no such file or directory' : (code ?? 'an unreadable path')}: check the path (relative paths start at ${cwd}).`));
      continue;
    }
    if (st.isDirectory()) {
      const found: string[] = [];
      // A cdktf project: synthesize its app, then read what it wrote.
      const isApp = await stat(join(abs, 'cdktf.json')).then((x) => x.isFile(), () => false);
      const dir = isApp ? await synthesizeApp(abs, p) : abs;
      if (dir instanceof InputError) {
        errors.push(dir);
        continue;
      }
      await walk(dir, found, errors, shown);
      if (found.length === 0) {
        errors.push(new InputError({ file: p }, `directory must hold .tf, *.tf.json, cdk.tf.json or *plan*.json files, got none: pass a Terraform folder, a cdktf.out folder or a plan JSON file.`));
      }
      for (const f of found) candidates.push({ abs: f, explicit: false });
    } else candidates.push({ abs, explicit: true });
  }

  // .tf files of one directory form one module.
  const hclByDir = new Map<string, HclFile[]>();
  const seen = new Set<string>();
  for (const { abs, explicit, stdin } of candidates) {
    if (seen.has(abs)) continue;
    seen.add(abs);
    if (stdin) {
      const text = await readStdinText(options?.readStdin, errors);
      if (text !== undefined) readJson(STDIN_NAME, text, true, { registries, errors, files });
      continue;
    }
    const file = shown(abs);
    let text: string;
    try {
      text = await readInputText(abs, { cwd: '/', shown: file, what: 'input', fix: 'check the path and its permissions' });
    } catch (e) {
      errors.push(e as InputError);
      continue;
    }
    if (abs.endsWith('.tf')) {
      const dir = dirname(abs);
      const list = hclByDir.get(dir) ?? [];
      list.push({ file, text });
      hclByDir.set(dir, list);
      continue;
    }
    readJson(file, text, explicit, { registries, errors, files });
  }
  if (hclByDir.size) {
    // Loaded only for .tf inputs, so plan and JSON runs never load the HCL reader.
    const { fromHcl } = await import('../sources/from-hcl.js');
    for (const list of hclByDir.values()) {
      const r = await fromHcl(list);
      registries.push(...r.registries);
      errors.push(...r.errors);
      suppressions.push(...r.suppressions);
      for (const f of list) files.push({ file: f.file, kind: 'hcl' });
    }
  }
  return { registries, errors, suppressions, files };
}

/** Where {@link readJson} leaves what it read. */
interface JsonSink {
  readonly registries: RegistrySpec[];
  readonly errors: InputError[];
  readonly files: Array<{ file: string; kind: InputKind }>;
}

/** Parses one JSON input (a plan or a Terraform JSON configuration) named `file`. */
function readJson(file: string, text: string, explicit: boolean, out: JsonSink): void {
  const { registries, errors, files } = out;
  if (file === STDIN_NAME && text.trim() === '') {
    errors.push(new InputError({ file }, `standard input must hold a plan JSON or a cdk.tf.json, got nothing: pipe terraform show -json output or a cdk.tf.json into acrkit, or pass a path instead of '-'.`));
    return;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    errors.push(jsonError(file, text, e, explicit));
    return;
  }
  if (isPlanJson(doc)) {
    const lines = new Lines(text);
    const offsets = planAddressOffsets(text);
    const r = fromPlan(doc, file, { lineOf: (address) => lineAt(lines, offsets.get(address)) });
    registries.push(...r.registries);
    errors.push(...r.errors);
    files.push({ file, kind: 'plan' });
  } else if (isTfJson(doc)) {
    const r = fromTfJson(doc, file);
    const lines = new Lines(text);
    registries.push(...r.registries.map((spec) => atLine(spec, lines, tfJsonOffset(text, spec.source.pointer))));
    errors.push(...r.errors);
    files.push({ file, kind: 'tf-json' });
  } else {
    errors.push(new InputError({ file, pointer: '' }, `input must be a Terraform plan (format_version with planned_values or resource_changes) or a Terraform JSON configuration (resource), got ${preview(doc)}: pass terraform show -json output, a cdk.tf.json or a .tf file.`));
  }
}

/** Reads standard input once; a missing reader or a read failure becomes an input error. */
async function readStdinText(read: (() => Promise<string>) | undefined, errors: InputError[]): Promise<string | undefined> {
  if (!read) {
    errors.push(new InputError({ file: STDIN_NAME }, `'-' (standard input) needs a reader, got no readStdin option: pass options.readStdin, or a file path instead of '-'.`));
    return undefined;
  }
  try {
    return await read();
  } catch (e) {
    errors.push(new InputError({ file: STDIN_NAME }, `standard input must be readable, got ${(e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : 'an error')}: save the input to a file and pass its path.`));
    return undefined;
  }
}

/** Line lookup for one file's text: offsets of every newline, searched by bisection. */
class Lines {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  /** 1-based line of offset `at`. */
  lineOf(at: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

/** The line of `at` (an offset into the file), when known. */
function lineAt(lines: Lines, at: number | undefined): number | undefined {
  return at === undefined || at < 0 ? undefined : lines.lineOf(at);
}

/** Sets `source.line` of a spec when `at` (an offset into the file) is known. */
function atLine(spec: RegistrySpec, lines: Lines, at: number | undefined): RegistrySpec {
  const line = lineAt(lines, at);
  return line === undefined ? spec : { ...spec, source: { ...spec.source, line } };
}

/** Offsets of the first `"address": "<a>"` after `planned_values`, by address (one pass). */
function planAddressOffsets(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const start = text.indexOf('"planned_values"');
  if (start < 0) return out;
  const re = /"address"\s*:\s*"((?:[^"\\]|\\.)*)"/g;
  re.lastIndex = start;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let a: string;
    try {
      a = JSON.parse(`"${m[1]}"`) as string;
    } catch {
      continue;
    }
    if (!out.has(a)) out.set(a, m.index);
  }
  return out;
}

/** Offset of the resource key `"<name>":` under `"resource"` and `"<type>"`, or -1. */
function tfJsonOffset(text: string, pointer: string | undefined): number {
  const [type, name] = tokensOf(pointer ?? '').slice(1, 3);
  if (type === undefined || name === undefined) return -1;
  let at = indexOfKey(text, '"resource"', 0);
  if (at >= 0) at = indexOfKey(text, JSON.stringify(type), at + 1);
  if (at >= 0) at = indexOfKey(text, JSON.stringify(name), at + 1);
  return at;
}

/** Index of `"key"` used as an object key (followed by optional spaces and a colon). */
function indexOfKey(text: string, key: string, from: number): number {
  let i = text.indexOf(key, from);
  while (i >= 0) {
    if (/^\s*:/.test(text.slice(i + key.length, i + key.length + 8))) return i;
    i = text.indexOf(key, i + 1);
  }
  return -1;
}

function jsonError(file: string, text: string, e: unknown, explicit: boolean): InputError {
  const msg = e instanceof Error ? e.message : String(e);
  const pos = /position (\d+)/.exec(msg);
  const lineCol = /line (\d+) column (\d+)/.exec(msg);
  let line: number | undefined;
  if (lineCol) line = Number(lineCol[1]);
  else if (pos) line = text.slice(0, Number(pos[1])).split('\n').length;
  const at = { file, ...(line !== undefined ? { line } : {}) };
  const got = msg.replace(/^JSON\.parse: /, '');
  if (file === STDIN_NAME) return new InputError(at, `standard input must be a plan JSON or a cdk.tf.json, got invalid JSON (${got}): pipe terraform show -json output or a cdk.tf.json, and pass .tf files by path.`);
  const what = explicit ? 'input' : 'file';
  return new InputError(at, `${what} must be valid JSON, got ${got}: fix the JSON or pass a .tf file instead.`);
}
