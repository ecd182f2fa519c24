/**
 * `acrkit.config.json`: packs, failOn, pack options and suppressions, checked against
 * {@link CONFIG_SCHEMA} with ajv. Errors name the file, the JSON pointer, the rule broken
 * and the value seen.
 */
import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ErrorObject } from 'ajv';
import { InputError, InputErrors } from '../errors.js';
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

let validator: ReturnType<AjvClass['compile']> | undefined;
function validate(doc: unknown): ErrorObject[] {
  if (!validator) {
    // Loaded on first use: runs without a config file never pay for ajv.
    const { Ajv } = createRequire(import.meta.url)('ajv') as { Ajv: typeof AjvClass };
    validator = new Ajv({ allErrors: true, strict: false }).compile(CONFIG_SCHEMA);
  }
  return validator(doc) ? [] : [...(validator.errors ?? [])];
}

function valueAt(doc: unknown, pointer: string): unknown {
  let v = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const k = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? 'nothing' : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Turns one ajv error into a user message: `<pointer> <rule>, got <value>: <fix>.` */
function describe(e: ErrorObject, doc: unknown): { pointer: string; reason: string } {
  const pointer = e.instancePath;
  const where = pointer || '(top level)';
  const got = show(valueAt(doc, pointer));
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return { pointer: `${pointer}/${String(p.additionalProperty)}`, reason: `${where} must not have property '${String(p.additionalProperty)}' (rule additionalProperties), got ${show(valueAt(doc, `${pointer}/${String(p.additionalProperty)}`))}: remove it or check its spelling.` };
    case 'enum':
      return { pointer, reason: `${where} must be one of ${(p.allowedValues as unknown[]).map((x) => JSON.stringify(x)).join(', ')} (rule enum), got ${got}: use one of those values.` };
    case 'required':
      return { pointer, reason: `${where} must have property '${String(p.missingProperty)}' (rule required), got ${got}: add it.` };
    case 'minLength':
      return { pointer, reason: `${where} must be at least ${String(p.limit)} characters (rule minLength), got ${got}: ${pointer.endsWith('/reason') ? 'say why the finding is accepted' : 'fill it in'}.` };
    default:
      return { pointer, reason: `${where} ${e.message ?? 'is invalid'} (rule ${e.keyword}), got ${got}: fix the value (see lib/policy/config-schema.ts).` };
  }
}

/** Validates a parsed config document; throws {@link InputErrors} listing every problem. */
export function parseConfig(doc: unknown, file: string): PolicyConfig {
  const errors = validate(doc).map((e) => {
    const d = describe(e, doc);
    return new InputError({ file, pointer: d.pointer }, d.reason);
  });
  if (errors.length) throw new InputErrors(errors);
  const c = doc as { packs?: PackName[]; failOn?: FailOn; packOptions?: PackOptions; suppressions?: Array<{ id: string; reason: string; address?: string }> };
  const suppressions: Suppression[] = [];
  const problems: InputError[] = [];
  (c.suppressions ?? []).forEach((s, i) => {
    const problem = suppressionProblem(s);
    if (problem) problems.push(new InputError({ file, pointer: `/suppressions/${i}` }, problem));
    else suppressions.push({ id: s.id, reason: s.reason, ...(s.address ? { address: s.address } : {}), kind: 'external', origin: file });
  });
  if (problems.length) throw new InputErrors(problems);
  return {
    file,
    ...(c.packs ? { packs: c.packs } : {}),
    ...(c.failOn ? { failOn: c.failOn } : {}),
    ...(c.packOptions ? { packOptions: c.packOptions } : {}),
    suppressions,
  };
}
