/**
 * Reads a scenario file and the registries it names (any acrkit input, relative to the
 * scenario's folder) or the inputs given on the command line, then resolves it
 * (lib/sim/scenario/resolve.ts). Every problem is reported at once as {@link InputErrors}.
 */
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { InputError, InputErrors } from '../errors.js';
import type { RegistrySpec } from '../model/registry-spec.js';
import type { ResolvedScenario } from '../sim/scenario/model.js';
import { showValue, parseScenario } from '../sim/scenario/parse.js';
import { inlineSpec, resolveScenarioDocument } from '../sim/scenario/resolve.js';
import type { InlineRegistryInput } from '../sim/scenario/types.js';
import { readInputText } from '../input/read.js';
import { loadInitialExports } from './load-initial.js';
import { appendAll } from '../mutable.js';

/** Options of {@link loadScenario}. */
export interface LoadScenarioOptions {
  /**
   * Working directory for relative paths given on the command line.
   * @default process.cwd()
   */
  readonly cwd?: string;
  /**
   * acrkit inputs that replace the scenario's `registries`.
   * @default - the scenario's own `registries`
   */
  readonly inputs?: readonly string[];
  /**
   * Overrides the scenario's runs.
   * @default - the scenario's `runs`
   */
  readonly runs?: number;
  /**
   * Overrides the scenario's seed.
   * @default - the scenario's `seed`
   */
  readonly seed?: number;
  /**
   * Let the scenario's `registries:` paths point outside the working directory (`--allow-outside`).
   * A scenario comes with a pull request like any other file; by default its paths stay inside
   * the working tree, so it cannot make acrkit read `/etc` or a home folder.
   * @default false
   */
  readonly allowOutside?: boolean;
  /**
   * Whether a cdktf project folder given in {@link inputs} (the command line) is synthesized by
   * running its app (false: `--no-synth`). A folder named by the scenario's `registries:` is never
   * synthesized, whatever this says: a scenario is data.
   * @default true
   */
  readonly allowSynth?: boolean;
}

/** Whether `target` lies inside `root` (or is it). */
function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Reads, validates and resolves a scenario file. Throws {@link InputErrors}. */
export async function loadScenario(path: string, options: LoadScenarioOptions = {}): Promise<ResolvedScenario> {
  const cwd = options.cwd ?? process.cwd();
  const full = resolve(cwd, path);
  let text: string;
  try {
    text = await readInputText(full, { cwd, shown: path, what: 'scenario file', fix: 'check the path' });
  } catch (e) {
    throw new InputErrors([e as InputError]);
  }
  const doc = parseScenario(text, path);
  const errors: InputError[] = [];
  const specs: RegistrySpec[] = [];
  const fromCli = options.inputs !== undefined && options.inputs.length > 0;
  const entries = fromCli ? options.inputs!.map((p) => ({ path: p, base: cwd, index: -1 })) : [];
  const inline: Array<{ value: InlineRegistryInput; index: number }> = [];
  if (!fromCli) {
    (doc.input.registries ?? []).forEach((r, index) => {
      if (typeof r !== 'string') inline.push({ value: r, index });
      else if (options.allowOutside || inside(cwd, resolve(dirname(full), r))) entries.push({ path: r, base: dirname(full), index });
      else {
        const pointer = `/registries/${index}`;
        errors.push(
          new InputError(
            { file: path, line: doc.line(pointer), pointer },
            `a registries path must stay inside the working directory, got ${showValue(r)} (it resolves outside ${cwd}): move the input into the repository, or pass --allow-outside if you trust this scenario.`,
          ),
        );
      }
    });
  }
  if (entries.length) {
    const { loadRegistries } = await import('./load.js');
    for (const e of entries) {
      // Only a path from the command line may run a cdktf app; a scenario is data.
      const synth = e.index < 0 ? { allowSynth: options.allowSynth ?? true, noSynthReason: 'no-synth' as const } : { allowSynth: false, noSynthReason: 'scenario' as const };
      const r = await loadRegistries([e.path], { cwd: e.base, ...synth });
      appendAll(specs, r.registries);
      errors.push(...r.errors);
      if (!r.errors.length && !r.registries.length) {
        const pointer = e.index >= 0 ? `/registries/${e.index}` : undefined;
        errors.push(
          new InputError(
            { file: e.index >= 0 ? path : e.path, line: pointer ? doc.line(pointer) : undefined, pointer },
            `input ${showValue(e.path)} must hold at least one azurerm_container_registry, got none: check the path`,
          ),
        );
      }
    }
  }
  for (const { value, index } of inline) specs.push(inlineSpec(value, doc, index));
  // `initial.from` exports, confined like `registries:` paths (load-initial.ts).
  const initial = await loadInitialExports(doc, { cwd, scenarioPath: full, allowOutside: options.allowOutside });
  errors.push(...initial.errors);
  const result = resolveScenarioDocument(doc, specs, { runs: options.runs, seed: options.seed }, errors, { initialExports: initial.exports });
  return result;
}
