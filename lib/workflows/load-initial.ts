/**
 * Reads the Azure CLI exports a scenario's `initial.from` names (relative to the scenario file,
 * inside the working directory unless `--allow-outside`) and parses them
 * (lib/sim/scenario/initial-exports.ts). Every problem is collected as an {@link InputError}:
 * the scenario line of a refused or unreadable path, the export file with its line and JSON
 * pointer for a bad export.
 */
import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { readInputText } from '../input/read.js';
import {
  childPointer,
  parseManifestsExport,
  parseRepositoryListExport,
  parseTagsExport,
  parseUsageExport,
  type AzExports,
  type ExportResult,
  type ManifestExport,
  type TagExport,
  type UsageExport,
} from '../sim/scenario/initial-exports.js';
import { initialEntries } from '../sim/scenario/initial-resolve.js';
import { showValue, type ScenarioDocument } from '../sim/scenario/parse.js';

/** Options of {@link loadInitialExports}. */
export interface LoadInitialOptions {
  /** Working directory (paths must stay inside it). */
  readonly cwd: string;
  /** The scenario file, resolved. */
  readonly scenarioPath: string;
  /**
   * Let the paths point outside the working directory.
   * @default false
   */
  readonly allowOutside?: boolean;
}

function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Whether `target`, with its symbolic links followed, lies inside `root` (links followed too).
 * A path that does not exist yet is left to the read, which reports it.
 */
async function realInside(root: string, target: string): Promise<boolean> {
  let real: string;
  try {
    real = await realpath(target);
  } catch {
    return true;
  }
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch {
    realRoot = root;
  }
  return inside(realRoot, real);
}

/**
 * The parsed exports of every `initial.from` of the scenario, keyed by the pointer of that
 * `from`, and the problems found (none: every file was read and parsed).
 */
export async function loadInitialExports(doc: ScenarioDocument, options: LoadInitialOptions): Promise<{ exports: Map<string, AzExports>; errors: InputError[] }> {
  const exports = new Map<string, AzExports>();
  const errors: InputError[] = [];
  const base = dirname(options.scenarioPath);
  const at = (pointer: string, text: string): InputError => new InputError({ file: doc.file, line: doc.line(pointer), pointer }, text);

  /** Reads and parses one file named at `pointer`; undefined after recording the problem. */
  const one = async <T>(path: string, pointer: string, parse: (text: string, file: string) => ExportResult<T>): Promise<T | undefined> => {
    const full = resolve(base, path);
    if (!options.allowOutside && !inside(options.cwd, full)) {
      errors.push(
        at(
          pointer,
          `an initial export path must stay inside the working directory, got ${showValue(path)} (it resolves outside ${options.cwd}): move the export into the repository, or pass --allow-outside if you trust this scenario.`,
        ),
      );
      return undefined;
    }
    // The lexical check above is not enough: a link inside the tree may point anywhere.
    if (!options.allowOutside && !(await realInside(options.cwd, full))) {
      errors.push(
        at(
          pointer,
          `an initial export path must stay inside the working directory, got ${showValue(path)} (a symbolic link to a path outside ${options.cwd}): copy the export into the repository, or pass --allow-outside if you trust this scenario.`,
        ),
      );
      return undefined;
    }
    const shown = relative(options.cwd, full) || path;
    let text: string;
    try {
      text = await readInputText(full, { cwd: options.cwd, shown, what: 'Azure CLI export', fix: `check ${pointer} in ${doc.file}` });
    } catch (e) {
      errors.push(e instanceof InputError ? e : at(pointer, `${pointer} must name a readable file, got ${showValue(path)}: check the path.`));
      return undefined;
    }
    const r = parse(text, shown);
    errors.push(...r.errors);
    return r.value;
  };

  for (const { input, pointer } of initialEntries(doc.input)) {
    const from = input.from;
    if (!from) continue;
    const p = `${pointer}/from`;
    const files: string[] = [];
    let usage: UsageExport | undefined;
    let repositories: readonly string[] | undefined;
    const manifests: Record<string, readonly ManifestExport[]> = {};
    const tags: Record<string, readonly TagExport[]> = {};
    const before = errors.length;
    if (from.usage !== undefined) {
      files.push(from.usage);
      usage = await one(from.usage, `${p}/usage`, parseUsageExport);
    }
    if (from.repositories !== undefined) {
      files.push(from.repositories);
      repositories = await one(from.repositories, `${p}/repositories`, parseRepositoryListExport);
    }
    for (const [repo, path] of Object.entries(from.manifests ?? {})) {
      files.push(path);
      const v = await one(path, childPointer(`${p}/manifests`, repo), parseManifestsExport);
      if (v) manifests[repo] = v;
    }
    for (const [repo, path] of Object.entries(from.tags ?? {})) {
      files.push(path);
      const v = await one(path, childPointer(`${p}/tags`, repo), parseTagsExport);
      if (v) tags[repo] = v;
    }
    if (errors.length > before) {
      // Reported here: resolving must not add a second error for this `from`.
      exports.set(p, { files, manifests: {}, tags: {}, reported: true });
      continue;
    }
    exports.set(p, { files, ...(usage ? { usage } : {}), ...(repositories ? { repositories } : {}), manifests, tags });
  }
  return { exports, errors };
}
