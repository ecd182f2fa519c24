/**
 * `acrkit.config.json`: packs, failOn, pack options and suppressions, checked against
 * {@link CONFIG_SCHEMA} with ajv. Errors name the file, the JSON pointer, the rule broken
 * and the value seen.
 */
import { InputError, InputErrors } from '../errors.js';
import { schemaProblems, schemaValidator, type SchemaWording } from '../input/schema.js';
import { CONFIG_SCHEMA } from './config-schema.js';
import type { FailOn } from './finding.js';
import type { PackName, PackOptions } from './rule.js';
import { suppressionProblem, type Suppression } from './suppressions.js';

/** The default config file name, looked up in the working directory. */
export const CONFIG_FILE = 'acrkit.config.json';

/** A loaded configuration. */
export interface PolicyConfig {
  /** The file it came from. */
  readonly file: string;
  /**
   * Packs to run.
   * @default - every pack
   */
  readonly packs?: readonly PackName[];
  /**
   * Failure threshold.
   * @default 'error'
   */
  readonly failOn?: FailOn;
  /**
   * Pack options.
   * @default {}
   */
  readonly packOptions?: PackOptions;
  /** Suppressions (kind `external`). */
  readonly suppressions: readonly Suppression[];
}

/** The policy config schema's validator (precompiled by the build). */
export const CONFIG_VALIDATOR = schemaValidator(CONFIG_SCHEMA);

const WORDING: SchemaWording = {
  subject: '(top level)',
  schemaName: 'lib/policy/config-schema.ts',
  fixAt: (pointer, keyword) => (keyword === 'minLength' && pointer.endsWith('/reason') ? 'say why the finding is accepted' : undefined),
};

/** Validates a parsed config document; throws {@link InputErrors} listing every problem. */
export function parseConfig(doc: unknown, file: string): PolicyConfig {
  const errors = schemaProblems(CONFIG_VALIDATOR(doc), doc, WORDING).map((d) => new InputError({ file, pointer: d.pointer }, d.reason));
  if (errors.length) throw new InputErrors(errors);
  const c = doc as { packs?: PackName[]; failOn?: FailOn; packOptions?: PackOptions; suppressions?: Array<{ id: string; reason: string; address?: string; stack?: string; file?: string }> };
  const suppressions: Suppression[] = [];
  const problems: InputError[] = [];
  (c.suppressions ?? []).forEach((s, i) => {
    const problem = suppressionProblem(s);
    if (problem) problems.push(new InputError({ file, pointer: `/suppressions/${i}` }, problem));
    else suppressions.push({ id: s.id, reason: s.reason, ...(s.address ? { address: s.address } : {}), ...(s.stack ? { stack: s.stack } : {}), ...(s.file ? { file: s.file } : {}), kind: 'external', origin: file, pointer: `/suppressions/${i}` });
  });
  const pattern = c.packOptions?.['hygiene-cost']?.namePattern;
  if (pattern !== undefined) {
    try {
      new RegExp(pattern);
    } catch (e) {
      problems.push(new InputError({ file, pointer: '/packOptions/hygiene-cost/namePattern' }, `namePattern must be a JavaScript regular expression, got ${JSON.stringify(pattern)} (${(e as Error).message}): fix the expression, e.g. "^cr[a-z0-9]+$".`));
    }
  }
  if (problems.length) throw new InputErrors(problems);
  return {
    file,
    ...(c.packs ? { packs: c.packs } : {}),
    ...(c.failOn ? { failOn: c.failOn } : {}),
    ...(c.packOptions ? { packOptions: c.packOptions } : {}),
    suppressions,
  };
}
