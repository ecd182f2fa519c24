/**
 * loadRegistries: turns the paths a user gives (`acrkit check <paths...>`) into
 * RegistrySpecs, whatever each path holds: a cdktf.out or stacks directory, a folder of
 * `.tf` files, a `*.tf.json` / `cdk.tf.json`, a `terraform show -json` plan, or a `.tf` file.
 */
import type { InputError } from '../errors.js';
import type { RegistrySpec } from '../model/registry-spec.js';
import { loadInputs, type LoadInputsOptions } from './load-inputs.js';

/** What {@link loadRegistries} found. */
export interface LoadResult {
  /** Every registry read, in path order. */
  registries: RegistrySpec[];
  /** Every input that could not be read or understood; one bad file never hides the others. */
  errors: InputError[];
}

/**
 * Reads every path and returns its registries and the input errors found.
 * Never throws for a user's input: unreadable or malformed files come back as `errors`.
 *
 * @param paths files or directories; relative paths resolve against `options.cwd`
 * @param options.cwd working directory (default: `process.cwd()`)
 * @param options.allowSynth whether a cdktf project folder is synthesized by running its app
 *   (default: true; pass false for paths that come from a scenario or a config file)
 * @param options.noSynthReason why synthesis is refused, for the message (default: 'no-synth')
 */
export async function loadRegistries(paths: string[], options?: Pick<LoadInputsOptions, 'cwd' | 'allowSynth' | 'noSynthReason'>): Promise<LoadResult> {
  const r = await loadInputs(paths, options);
  return { registries: r.registries, errors: r.errors };
}
