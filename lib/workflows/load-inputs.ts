/**
 * Detects what each path holds and reads it with the matching source; collects every
 * input error without letting one bad file hide the registries of the others.
 */
import { closeSync, openSync, readdirSync, readSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../errors.js';
import type { RegistrySpec } from '../model/registry-spec.js';
import type { HclFile, HclRoot, LocalModuleSource, ParsedHclFile, VarFile } from '../sources/from-hcl.js';
import type { SourceSuppression } from '../sources/suppression-comments.js';
import { STDIN_NAME, STDIN_PATH, stdinCount } from '../sources/stdin.js';
import { isPlainObject, preview } from '../sources/values.js';
import { sensitiveStrings } from '../sources/plan-sensitive.js';
import { compareStrings } from '../order.js';
import { tokensOf } from '../input/pointer.js';
import { errnoText, readInputTextSync } from '../input/read.js';
import { nestingError } from '../input/depth.js';
import { jsonErrorLine, jsonSyntaxMessage } from '../input/json.js';
import { appendAll } from '../mutable.js';
import { ARM_HEAD_BYTES, headNamesArmSchema } from '../sources/arm/sniff.js';

/** The kind of input a file holds. */
export type InputKind = 'plan' | 'tf-json' | 'hcl' | 'arm';

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
  /**
   * Values the plans among the inputs mark sensitive: a copy of one anywhere else in an output
   * (a finding's message, an error) must be scrubbed (see `scrubber` in plan-sensitive.ts).
   * @default []
   */
  readonly sensitive?: string[];
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.terraform', 'dist']);

/** Whether a directory entry is an input file when walking folders. */
function kindByName(name: string): InputKind | 'json' | undefined {
  if (name.endsWith('.tf')) return 'hcl';
  if (/\.tfvars(\.json)?$/.test(name)) return undefined; // read with its root module
  if (name.endsWith('.tf.json')) return 'tf-json';
  if (/plan.*\.json$/i.test(name)) return 'json';
  return undefined;
}

/** Whether `target` is `root` or lies below it. */
function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * What a folder entry is: a file, a folder, or (undefined) neither. A symbolic link is followed
 * only when its target lies inside one of `roots` (the working directory, the folder named): a
 * pull request cannot make acrkit read a file elsewhere on the machine through a link. A link that
 * is broken, loops or leaves the roots is an input error when it would have been read (`wanted`).
 */
function entryKind(
  path: string,
  entry: Dirent,
  ctx: { readonly roots: readonly string[]; readonly errors: InputError[]; readonly shown: (p: string) => string },
  wanted: (kind: 'file' | 'dir') => boolean,
): 'file' | 'dir' | undefined {
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'dir';
  if (!entry.isSymbolicLink()) return undefined;
  const refuse = (got: string, fix: string): undefined => {
    ctx.errors.push(new InputError({ file: ctx.shown(path) }, `a symbolic link among the inputs must point to a file or folder inside ${ctx.roots.length > 1 ? 'the working directory or the folder named' : 'the working directory'}, got ${got}: ${fix}.`));
    return undefined;
  };
  let real: string;
  try {
    real = realpathSync.native(path);
  } catch (e) {
    return wanted('file') ? refuse(`a link to ${errnoText(e)}`, 'fix or remove the link') : undefined;
  }
  let st;
  try {
    st = statSync(real);
  } catch (e) {
    return wanted('file') ? refuse(`a link to ${errnoText(e)}`, 'fix or remove the link') : undefined;
  }
  const kind = st.isDirectory() ? 'dir' : 'file';
  if (!wanted(kind)) return undefined;
  if (!ctx.roots.some((r) => inside(r, real))) return refuse('a link to a path outside them', "copy the file into the folder, or pass the link's target on the command line if you trust it");
  return kind;
}

/** State of one folder walk: where links may point, and the folders (real paths) walked already. */
interface WalkContext {
  readonly roots: readonly string[];
  readonly visited: Set<string>;
  readonly errors: InputError[];
  readonly shown: (p: string) => string;
}

/**
 * Collects the input files below `dir` (sorted by name, folder by folder), following symbolic
 * links inside the roots; a folder reached twice (a link loop, or two links to one folder) is
 * walked once.
 */
function walk(dir: string, out: string[], ctx: WalkContext): void {
  const { errors, shown } = ctx;
  let real: string;
  let entries;
  try {
    // Synchronous, as the reads that follow: a monorepo has hundreds of entries, and an
    // asynchronous call costs a thread-pool round trip each.
    real = realpathSync.native(dir);
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    errors.push(new InputError({ file: shown(dir) }, `directory must be readable, got ${(e as NodeJS.ErrnoException).code ?? 'an error'}: check the path and its permissions.`));
    return;
  }
  if (ctx.visited.has(real)) return;
  ctx.visited.add(real);
  entries.sort((a, b) => compareStrings(a.name, b.name));
  // `join(dir, name)` of each entry, the folder normalized once: an entry's name is one plain
  // path segment, so joining a one-letter name and dropping the letter gives the same prefix.
  const base = join(dir, 'x').slice(0, -1);
  for (const e of entries) {
    const p = base + e.name;
    const walkable = !SKIP_DIRS.has(e.name) && !e.name.startsWith('.');
    // Plain files and folders need no look at their target (entryKind's first answers).
    const kind = e.isFile() ? 'file' : e.isDirectory() ? 'dir' : entryKind(p, e, ctx, (k) => (k === 'dir' ? walkable : kindByName(e.name) !== undefined));
    if (kind === 'dir' && walkable) walk(p, out, ctx);
    else if (kind === 'file' && (kindByName(e.name) || (e.isFile() && isArmTemplateFile(p, e.name)))) out.push(p);
  }
}

/**
 * Whether a plain `.json` file a walk meets, not otherwise an input by its name, is an ARM
 * template: its first bytes name the template schema (lib/sources/arm/sniff.ts). A file that
 * cannot be read is not one (it is not an input the user named).
 */
function isArmTemplateFile(path: string, name: string): boolean {
  if (!name.endsWith('.json') || /\.tfvars\.json$/.test(name)) return false;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(ARM_HEAD_BYTES);
    const n = readSync(fd, head, 0, ARM_HEAD_BYTES, 0);
    return headNamesArmSchema(head.toString('utf8', 0, n));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
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
  /**
   * Variable definitions files (`--var-file`, relative to `cwd`) for the root modules of `.tf`
   * inputs, applied in order after `terraform.tfvars` and `*.auto.tfvars`, as Terraform does.
   * @default []
   */
  readonly varFiles?: readonly string[];
  /**
   * Whether a cdktf project folder (one with cdktf.json) among `paths` is synthesized by running
   * its `app`. Running it runs the folder's code: true only for paths the user named on the
   * command line without `--no-synth`; false for paths from a scenario or a config file (data
   * never runs code). When false, such a folder is an input error that asks for `cdktf.out`.
   * @default true
   */
  readonly allowSynth?: boolean;
  /**
   * Why synthesis is refused when {@link allowSynth} is false, for the error message:
   * `'scenario'` (the path came from a data file) or `'no-synth'` (the user gave `--no-synth`).
   * @default 'no-synth'
   */
  readonly noSynthReason?: 'scenario' | 'no-synth';
}

/** One input file to read: on disk, or standard input. */
type Candidate = { readonly abs: string; readonly explicit: boolean; readonly stdin?: true };

/** Whether a file name is a variable definitions file Terraform loads by itself (`terraform.tfvars`, `*.auto.tfvars`, and their `.json`). */
function isAutoVarFile(name: string): boolean {
  return name === 'terraform.tfvars' || name === 'terraform.tfvars.json' || /\.auto\.tfvars(\.json)?$/.test(name);
}

/** Terraform's order of the automatic variable files of a folder: terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) by name. */
function autoVarFileOrder(a: string, b: string): number {
  const rank = (n: string): number => (n === 'terraform.tfvars' ? 0 : n === 'terraform.tfvars.json' ? 1 : 2);
  return rank(a) - rank(b) || compareStrings(a, b);
}

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
  const sensitive: string[] = [];
  const cwdReal = realOr(cwd);
  // Show paths the way the user wrote them: relative to cwd when they are below it.
  const shown = (abs: string): string => {
    const rel = abs.startsWith(cwd + '/') ? abs.slice(cwd.length + 1) : abs;
    return rel;
  };

  const candidates: Candidate[] = [];
  // Folders the user named: a root module even when another module calls it.
  const hclDirsGiven = new Set<string>();
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
      const synth = isApp ? await import('./synth-app.js') : undefined;
      const dir = !synth ? abs : options?.allowSynth === false ? synth.noSynthError(p, options.noSynthReason ?? 'no-synth') : await synth.synthesizeApp(abs, p);
      if (dir instanceof InputError) {
        errors.push(dir);
        continue;
      }
      const roots = [cwdReal, realOr(dir)];
      walk(dir, found, { roots, visited: new Set(), errors, shown });
      if (found.length === 0) {
        errors.push(new InputError({ file: p }, `directory must hold .tf, *.tf.json, cdk.tf.json, *plan*.json or ARM template files, got none: pass a Terraform folder, a cdktf.out folder, a plan JSON file or an ARM template.`));
      }
      for (const f of found) candidates.push({ abs: f, explicit: false });
    } else if (/\.tfvars(\.json)?$/.test(abs)) {
      errors.push(new InputError({ file: p }, `a variable definitions file must be given with --var-file, got it as an input path: run acrkit with --var-file ${p} and the folder of .tf files as the input.`));
    } else candidates.push({ abs, explicit: true });
    if (st.isDirectory()) hclDirsGiven.add(abs);
  }

  // .tf files of one directory form one module.
  const hclByDir = new Map<string, { files: HclFile[]; walked: boolean }>();
  const seen = new Set<string>();
  for (const { abs, explicit, stdin } of candidates) {
    if (seen.has(abs)) continue;
    seen.add(abs);
    if (stdin) {
      const text = await readStdinText(options?.readStdin, errors);
      if (text !== undefined) await readJson(STDIN_NAME, text, true, { registries, errors, files, sensitive });
      continue;
    }
    const file = shown(abs);
    let text: string;
    try {
      // Read synchronously: what follows (parsing) is synchronous anyway, and an asynchronous
      // read costs five thread-pool round trips a file (stat, open, fstat, read, close), about
      // 0.1 s of a check of 500 .tf files.
      text = readInputTextSync(abs, { cwd: '/', shown: file, what: 'input', fix: 'check the path and its permissions' });
    } catch (e) {
      errors.push(e as InputError);
      continue;
    }
    if (abs.endsWith('.tf')) {
      const dir = dirname(abs);
      const group = hclByDir.get(dir) ?? { files: [], walked: false };
      group.files.push({ file, text });
      if (!explicit) group.walked = true;
      hclByDir.set(dir, group);
      continue;
    }
    await readJson(file, text, explicit, { registries, errors, files, sensitive });
  }
  if (hclByDir.size) {
    const r = await loadHcl(hclByDir, hclDirsGiven, { cwd, cwdReal, shown, varFiles: options?.varFiles ?? [] });
    appendAll(registries, r.registries);
    errors.push(...r.errors);
    appendAll(suppressions, r.suppressions);
    appendAll(files, r.files);
  }
  return { registries, errors, suppressions, files, sensitive };
}

/** The real path of `path`, or `path` itself when it has none (it does not exist). */
function realOr(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return path;
  }
}

/** Where links in a module folder may point: inside the working directory or the folder itself. */
function rootsOf(dir: string, cwdReal: string): string[] {
  return [cwdReal, realOr(dir)];
}

/**
 * The names of the files of a folder that `want` accepts, sorted by name (undefined when the
 * folder cannot be listed); symbolic links followed as {@link entryKind} does.
 */
function filesIn(dir: string, want: (name: string) => boolean, ctx: { readonly cwdReal: string; readonly errors: InputError[]; readonly shown: (p: string) => string }): string[] | undefined {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  let roots: string[] | undefined;
  const out: string[] = [];
  for (const e of entries) {
    if (!want(e.name)) continue;
    // The folder's real path only when a link needs it (most folders have none).
    roots ??= e.isSymbolicLink() ? rootsOf(dir, ctx.cwdReal) : undefined;
    if (entryKind(join(dir, e.name), e, { roots: roots ?? [], errors: ctx.errors, shown: ctx.shown }, (k) => k === 'file') === 'file') out.push(e.name);
  }
  return out.sort(compareStrings);
}

/** The `.tf` files of a folder, sorted by name (undefined when it cannot be listed). */
function tfFilesIn(dir: string, ctx: { readonly cwdReal: string; readonly errors: InputError[]; readonly shown: (p: string) => string }): string[] | undefined {
  return filesIn(dir, (n) => n.endsWith('.tf'), ctx);
}

/** Reads a file as text, or records an input error and returns undefined. */
function readText(abs: string, shownName: string, errors: InputError[], what: string, fix: string): string | undefined {
  try {
    return readInputTextSync(abs, { cwd: '/', shown: shownName, what, fix });
  } catch (e) {
    errors.push(e as InputError);
    return undefined;
  }
}

/**
 * Reads the `.tf` inputs: each folder is a module, parsed once (a file beside a named file is
 * read for its values); local child modules are read from disk; each root module gets its
 * `terraform.tfvars`, `*.auto.tfvars`, the `--var-file` files and `.terraform.lock.hcl`.
 */
async function loadHcl(
  hclByDir: ReadonlyMap<string, { files: HclFile[]; walked: boolean }>,
  dirsGiven: ReadonlySet<string>,
  opts: { cwd: string; cwdReal: string; shown: (abs: string) => string; varFiles: readonly string[] },
): Promise<{ registries: RegistrySpec[]; errors: InputError[]; suppressions: SourceSuppression[]; files: Array<{ file: string; kind: InputKind }> }> {
  // Loaded only for .tf inputs, so plan and JSON runs never load the HCL reader.
  const { childKey, fromHclConfig, localModuleSources, parseHclFile } = await import('../sources/from-hcl.js');
  const errors: InputError[] = [];
  const files: Array<{ file: string; kind: InputKind }> = [];
  const modules = new Map<string, ParsedHclFile[]>();
  for (const [dir, group] of hclByDir) {
    const list = [...group.files];
    for (const f of list) files.push({ file: f.file, kind: 'hcl' });
    if (!group.walked) {
      // Only some files named: the others of the folder are the same module (variables, locals, vaults).
      const named = new Set(list.map((f) => basename(f.file)));
      for (const name of tfFilesIn(dir, { cwdReal: opts.cwdReal, errors, shown: opts.shown }) ?? []) {
        if (named.has(name)) continue;
        const abs = join(dir, name);
        const text = readText(abs, opts.shown(abs), [], 'file', 'check its permissions');
        if (text !== undefined) list.push({ file: opts.shown(abs), text, context: true });
      }
    }
    modules.set(dir, list.map(parseHclFile));
  }
  // Local child modules, read once each.
  const children = new Map<string, string>();
  const called = new Set<string>();
  const queue = [...modules.keys()];
  while (queue.length) {
    const dir = queue.shift()!;
    for (const src of localModuleSources(modules.get(dir)!) as LocalModuleSource[]) {
      // A source a folder calls again (five registries from one module) is resolved and read already.
      const key = childKey(dir, src.source);
      if (children.has(key)) continue;
      const child = resolve(dir, src.source);
      children.set(key, child);
      called.add(child);
      if (modules.has(child)) continue;
      const names = tfFilesIn(child, { cwdReal: opts.cwdReal, errors, shown: opts.shown });
      if (!names || names.length === 0) {
        errors.push(new InputError({ file: src.file, line: src.line }, `module source must be a folder of .tf files, got ${JSON.stringify(src.source)} (${names ? 'a folder without .tf files' : 'no such folder'}): fix the path (relative to the folder of ${basename(src.file)}).`));
        modules.set(child, []);
        continue;
      }
      const list: ParsedHclFile[] = [];
      for (const name of names) {
        const abs = join(child, name);
        const text = readText(abs, opts.shown(abs), errors, 'module file', 'check its permissions');
        if (text === undefined) continue;
        list.push(parseHclFile({ file: opts.shown(abs), text }));
        files.push({ file: opts.shown(abs), kind: 'hcl' });
      }
      modules.set(child, list);
      queue.push(child);
    }
  }
  // --var-file files, read once for every root.
  const cliVars: VarFile[] = [];
  for (const v of opts.varFiles) {
    const abs = resolve(opts.cwd, v);
    const text = readText(abs, opts.shown(abs), errors, 'variable definitions file', 'check --var-file');
    if (text !== undefined) cliVars.push({ file: opts.shown(abs), text });
  }
  // The root modules' own files; each root's errors are kept in root order.
  const rootDirs = [...hclByDir.keys()].filter((dir) => !called.has(dir) || dirsGiven.has(dir));
  const found = rootDirs.map((dir) => rootFiles(dir, opts));
  const roots: HclRoot[] = [];
  for (const [i, dir] of rootDirs.entries()) {
    const { auto, lockText, errors: rootErrors } = found[i]!;
    errors.push(...rootErrors);
    const lockAbs = join(dir, '.terraform.lock.hcl');
    roots.push({ module: dir, varFiles: [...auto, ...cliVars], ...(lockText !== undefined ? { lockFile: { file: opts.shown(lockAbs), text: lockText } } : {}) });
  }
  const r = fromHclConfig({ modules, roots, children });
  return { registries: r.registries, errors: [...errors, ...r.errors], suppressions: r.suppressions, files };
}

/**
 * A root module folder's `terraform.tfvars` and `*.auto.tfvars` files (in Terraform's order) and
 * its `.terraform.lock.hcl` (when it lies inside the roots links may point to), with the errors
 * met reading them.
 */
function rootFiles(dir: string, opts: { cwdReal: string; shown: (abs: string) => string }): { auto: VarFile[]; lockText: string | undefined; errors: InputError[] } {
  const errors: InputError[] = [];
  const auto: VarFile[] = [];
  // No listing, no automatic variable files (the folder's files were read already).
  const names = (filesIn(dir, isAutoVarFile, { cwdReal: opts.cwdReal, errors, shown: opts.shown }) ?? []).sort(autoVarFileOrder);
  for (const name of names) {
    const abs = join(dir, name);
    const text = readText(abs, opts.shown(abs), errors, 'variable definitions file', 'check its permissions');
    if (text !== undefined) auto.push({ file: opts.shown(abs), text });
  }
  const lockAbs = join(dir, '.terraform.lock.hcl');
  let lockReal: string | undefined;
  try {
    // Most folders have no lock file: a missing one is found without an exception (no real path either).
    lockReal = statSync(lockAbs, { throwIfNoEntry: false }) ? realpathSync.native(lockAbs) : undefined;
  } catch {
    lockReal = undefined;
  }
  let lockText: string | undefined;
  if (lockReal !== undefined && rootsOf(dir, opts.cwdReal).some((r) => inside(r, lockReal))) {
    let isFile = false;
    try {
      isFile = statSync(lockReal).isFile();
    } catch {
      isFile = false;
    }
    if (isFile) lockText = readText(lockAbs, opts.shown(lockAbs), [], 'lock file', 'check its permissions');
  }
  return { auto, lockText, errors };
}

/** The readers of JSON inputs other than plans: Terraform JSON, ARM. */
type OtherJsonReaders = typeof import('../sources/from-tf-json.js') & typeof import('../sources/from-arm.js');

let planReaderLoaded: Promise<typeof import('../sources/from-plan.js')> | undefined;
let otherReadersLoaded: Promise<OtherJsonReaders> | undefined;

/**
 * The plan reader, loaded on first use like the HCL reader: a run over `.tf` files never loads
 * it (loading a module costs about a millisecond).
 */
function planReader(): Promise<typeof import('../sources/from-plan.js')> {
  planReaderLoaded ??= import('../sources/from-plan.js');
  return planReaderLoaded;
}

/**
 * The Terraform JSON and ARM readers, loaded only for a JSON input that is no plan: they bring
 * the expression evaluator and the HCL parser (a dozen modules) that a plan never needs.
 */
function otherJsonReaders(): Promise<OtherJsonReaders> {
  otherReadersLoaded ??= Promise.all([import('../sources/from-tf-json.js'), import('../sources/from-arm.js')]).then(([tfJson, arm]) => ({ ...tfJson, ...arm }));
  return otherReadersLoaded;
}

/** Where {@link readJson} leaves what it read. */
interface JsonSink {
  readonly registries: RegistrySpec[];
  readonly errors: InputError[];
  readonly files: Array<{ file: string; kind: InputKind }>;
  readonly sensitive: string[];
}

/** Parses one JSON input (a plan, a Terraform JSON configuration or an ARM document) named `file`. */
async function readJson(file: string, text: string, explicit: boolean, out: JsonSink): Promise<void> {
  const { registries, errors, files } = out;
  if (file === STDIN_NAME && text.trim() === '') {
    errors.push(new InputError({ file }, `standard input must hold a plan JSON or a cdk.tf.json, got nothing: pipe terraform show -json output or a cdk.tf.json into acrkit, or pass a path instead of '-'.`));
    return;
  }
  // Before parsing: the readers below recurse once per level of [ and {.
  const deep = nestingError(text, { shown: file, what: explicit ? 'input' : 'file', fix: 'pass the plan, cdk.tf.json or ARM template as Terraform, cdktf or az wrote it' });
  if (deep) {
    errors.push(deep);
    return;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    errors.push(jsonError(file, text, e, explicit));
    return;
  }
  const { fromPlan, isPlanJson } = await planReader();
  if (isPlanJson(doc)) {
    const lines = new Lines(text);
    // A plan on one line (terraform show -json writes it so): the registries, all read from
    // planned_values when it is an object, are each found after its key, so on line 1; the
    // text is not scanned for them (tens of thousands of addresses in a large plan).
    const oneLine = lines.count === 1 && isPlainObject(doc) && isPlainObject(doc.planned_values);
    const offsetOf = oneLine ? undefined : planAddressOffsets(text);
    const r = fromPlan(doc, file, { lineOf: offsetOf ? (address) => lineAt(lines, offsetOf(address)) : () => 1 });
    appendAll(out.sensitive, sensitiveStrings(doc));
    appendAll(registries, r.registries);
    errors.push(...r.errors);
    files.push({ file, kind: 'plan' });
    return;
  }
  const { fromTfJson, isTfJson, fromArm, isArmJson } = await otherJsonReaders();
  if (isTfJson(doc)) {
    const r = fromTfJson(doc, file);
    const lines = new Lines(text);
    registries.push(...r.registries.map((spec) => atLine(spec, lines, tfJsonOffset(text, spec.source.pointer))));
    errors.push(...r.errors);
    files.push({ file, kind: 'tf-json' });
  } else if (isArmJson(doc)) {
    // An ARM template, az bicep build output, or a live export (az acr show, az resource list).
    const r = fromArm(doc, file);
    appendAll(registries, r.registries);
    errors.push(...r.errors);
    files.push({ file, kind: 'arm' });
  } else {
    errors.push(new InputError({ file, pointer: '' }, `input must be a Terraform plan (format_version with planned_values or resource_changes), a Terraform JSON configuration (resource), an ARM template or an az export (az acr show), got ${preview(doc)}: pass terraform show -json output, a cdk.tf.json, a .tf file, an ARM template or az acr show output.`));
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
  /** Number of lines. */
  get count(): number {
    return this.starts.length;
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

/**
 * The offset of the first `"address": "<a>"` after `planned_values`, by address (undefined when
 * there is none). The text is scanned once, lazily: only as far as the address asked for, so
 * registries asked for in plan order stop the scan at the last of them (the `resource_changes`
 * and `configuration` after `planned_values`, two thirds of a plan, are rarely scanned).
 */
function planAddressOffsets(text: string): (address: string) => number | undefined {
  const out = new Map<string, number>();
  const start = text.indexOf('"planned_values"');
  if (start < 0) return () => undefined;
  // A JSON string, its loop unrolled (`[^"\\]*(?:\\.[^"\\]*)*` matches what `(?:[^"\\]|\\.)*`
  // does, with one step a run of plain characters instead of one a character: twice as fast).
  const re = /"address"\s*:\s*"([^"\\]*(?:\\.[^"\\]*)*)"/g;
  re.lastIndex = start;
  let done = false;
  return (address) => {
    const known = out.get(address);
    if (known !== undefined || done) return known;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      // Without an escape or a control character the JSON string is its own value: most
      // addresses are, and a plan has one per resource (tens of thousands).
      let a = m[1]!;
      if (/[\\\u0000-\u001f]/.test(a)) {
        try {
          a = JSON.parse(`"${a}"`) as string;
        } catch {
          continue;
        }
      }
      if (out.has(a)) continue;
      out.set(a, m.index);
      if (a === address) return m.index;
    }
    done = true;
    return undefined;
  };
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
  const line = jsonErrorLine(text, e);
  const at = { file, ...(line !== undefined ? { line } : {}) };
  // V8 quotes the start of the text: a file that is no input (a stray secret) is never quoted.
  const got = jsonSyntaxMessage(e);
  if (file === STDIN_NAME) return new InputError(at, `standard input must be a plan JSON or a cdk.tf.json, got invalid JSON (${got}): pipe terraform show -json output or a cdk.tf.json, and pass .tf files by path.`);
  const what = explicit ? 'input' : 'file';
  return new InputError(at, `${what} must be valid JSON, got ${got}: fix the JSON or pass a .tf file instead.`);
}
