/**
 * JSON Schema validation for every acrkit input that has a schema (the scenario, the policy
 * config): one ajv factory and one translator from ajv's errors to acrkit's messages,
 * `<pointer> <requirement> (rule <keyword>), got <value>: <fix>.`
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import { preview } from '../format/values.js';
import { escapeToken, valueAt } from './pointer.js';

/**
 * SHA-256 of `text` in hex. node:crypto is loaded on the first call: a check without a config
 * or a scenario never needs it.
 */
function sha256Hex(text: string): string {
  const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return createHash('sha256').update(text).digest('hex');
}

/** Options of {@link schemaValidator}. */
export interface SchemaValidatorOptions {
  /**
   * Check `format` keywords (dates) with ajv-formats.
   * @default false
   */
  readonly formats?: boolean;
  /**
   * Use the OpenAPI `discriminator` keyword to pick a `oneOf` branch by `kind`.
   * @default false
   */
  readonly discriminator?: boolean;
  /**
   * Where to look for the precompiled validator of this schema.
   * @default {@link PRECOMPILED_VALIDATORS}
   */
  readonly precompiledDir?: URL;
}

/** A compiled schema check: ajv's errors for a document, none when it is valid. */
export interface SchemaValidator {
  (doc: unknown): readonly ErrorObject[];
  /**
   * The name of its precompiled module: a hash of the schema and the options, so a module built
   * from another version of the schema is never used.
   */
  readonly key: string;
  /** The validator as a standalone CommonJS module (ajv's standalone code), for the build to write. */
  standaloneCode(): string;
}

/**
 * Where the build (`npm run build`, lib/cli/precompile-validators.ts) writes the precompiled
 * validators: `dist/validators/`, seen from this module's place in `dist/lib/input/`.
 */
export const PRECOMPILED_VALIDATORS = new URL('../../validators/', import.meta.url);

/** Bumped when the shape of the precompiled modules changes (it is part of their key). */
const PRECOMPILED_FORMAT = 2;

/** The installed ajv's version (part of a precompiled module's key: its runtime helpers must match). */
function ajvVersion(): string {
  return (createRequire(import.meta.url)('ajv/package.json') as { version: string }).version;
}

/** A new ajv instance set up as every acrkit validator uses it (`source` for standalone code). */
function ajvFor(options: SchemaValidatorOptions, source: boolean): AjvClass {
  const require = createRequire(import.meta.url);
  const { Ajv } = require('ajv') as { Ajv: typeof AjvClass };
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, discriminator: options.discriminator ?? false, ...(source ? { code: { source: true } } : {}) });
  if (options.formats) {
    const plugin = require('ajv-formats') as ((a: AjvClass) => void) & { default?: (a: AjvClass) => void };
    (plugin.default ?? plugin)(ajv);
  }
  return ajv;
}

/**
 * The precompiled validator `key` in `dir`, or undefined when there is none (running from the
 * sources, or a build older than the schema).
 */
export function loadPrecompiledValidator(key: string, dir: URL = PRECOMPILED_VALIDATORS): ValidateFunction | undefined {
  const file = fileURLToPath(new URL(`${key}.cjs`, dir));
  if (!existsSync(file)) return undefined;
  // The module is a factory given this module's require, so ajv's runtime helpers it needs
  // resolve from acrkit's dependencies wherever the module lies.
  const require = createRequire(import.meta.url);
  const loaded = (require(file) as (req: NodeJS.Require) => { default?: ValidateFunction } & ValidateFunction)(require);
  return typeof loaded.default === 'function' ? loaded.default : loaded;
}

/**
 * A validator for `schema`, loaded on first use (a run that never validates never loads ajv):
 * the module `npm run build` precompiled for this schema and these options when there is one
 * (compiling the scenario schema takes about 0.3 s a process, loading its module a few ms),
 * else compiled by ajv. Both give the same errors.
 */
export function schemaValidator(schema: object, options: SchemaValidatorOptions = {}): SchemaValidator {
  let compiled: ValidateFunction | undefined;
  let key: string | undefined;
  const keyOf = (): string => (key ??= sha256Hex(JSON.stringify([PRECOMPILED_FORMAT, ajvVersion(), schema, options.formats ?? false, options.discriminator ?? false])).slice(0, 20));
  const validate = (doc: unknown): readonly ErrorObject[] => {
    compiled ??= loadPrecompiledValidator(keyOf(), options.precompiledDir) ?? ajvFor(options, false).compile(schema);
    return compiled(doc) ? [] : [...(compiled.errors ?? [])];
  };
  return Object.defineProperties(validate, {
    key: { get: keyOf, enumerable: true },
    standaloneCode: {
      value: (): string => {
        const ajv = ajvFor(options, true);
        const require = createRequire(import.meta.url);
        const standalone = (require('ajv/dist/standalone') as { default: (a: AjvClass, v: ValidateFunction) => string }).default;
        const code = standalone(ajv, ajv.compile(schema));
        return `// Generated by lib/cli/precompile-validators.ts from a schema of acrkit (key ${keyOf()}); do not edit.\n'use strict';\nmodule.exports = (require) => {\nconst module = { exports: {} };\n${code}\nreturn module.exports;\n};\n`;
      },
    },
  }) as SchemaValidator;
}

/** One schema violation, ready for an InputError. */
export interface SchemaProblem {
  /** JSON pointer of the value to fix. */
  readonly pointer: string;
  /** `<where> <requirement> (rule <keyword>), got <value>: <fix>.` */
  readonly reason: string;
  /**
   * Whether this is the closing line that counts the problems not listed.
   * @default false
   */
  readonly summary?: boolean;
}

/** How {@link schemaProblems} words the messages of one kind of document. */
export interface SchemaWording {
  /** What the document is called where the pointer is the root, e.g. `the scenario`. */
  readonly subject: string;
  /** Where the schema is, named in the fix of a rule without a specific one. */
  readonly schemaName: string;
  /**
   * Fixes for `pattern` violations, keyed by the start of the pattern.
   * @default - "match <pattern>"
   */
  readonly fixByPattern?: Readonly<Record<string, string>>;
  /**
   * A fix for a value at a pointer, where the rule's generic fix says too little.
   * @default - the rule's generic fix
   */
  readonly fixAt?: (pointer: string, keyword: string) => string | undefined;
}

/**
 * Every violation ajv found in `doc`, one message each (duplicates dropped), worded for the
 * user: for a `oneOf` (a or b), only the branch the value's type picks is reported.
 */
export function schemaProblems(errors: readonly ErrorObject[], doc: unknown, wording: SchemaWording): SchemaProblem[] {
  const seen = new Set<string>();
  const out: SchemaProblem[] = [];
  let more = 0;
  for (const e of relevant(errors)) {
    const p = describe(e, doc, wording);
    if (!p || seen.has(p.reason)) continue;
    seen.add(p.reason);
    if (out.length < MAX_SCHEMA_PROBLEMS) out.push(p);
    else more++;
  }
  if (more) {
    out.push({ pointer: '', summary: true, reason: `${wording.subject} has ${more} more ${more === 1 ? 'problem' : 'problems'} of the same kinds (the first ${MAX_SCHEMA_PROBLEMS} are listed): fix those and run again.` });
  }
  return out;
}

/** How many schema problems are listed one by one; the rest are counted in one line. */
export const MAX_SCHEMA_PROBLEMS = 50;

function describe(e: ErrorObject, doc: unknown, w: SchemaWording): SchemaProblem | undefined {
  const ptr = e.instancePath;
  const where = ptr === '' ? w.subject : ptr;
  const got = (): string => preview(valueAt(doc, ptr));
  const params = e.params as Record<string, unknown>;
  const say = (pointer: string, requirement: string, value: string, fix: string): SchemaProblem => ({
    pointer,
    reason: `${where} ${requirement} (rule ${e.keyword}), got ${value}: ${w.fixAt?.(pointer, e.keyword) ?? fix}.`,
  });
  switch (e.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const at = `${ptr}/${escapeToken(name)}`;
      return say(at, `has no field '${name}'`, preview(valueAt(doc, at)), known.length ? `remove it or use one of ${known.join(', ')}` : 'remove it');
    }
    case 'required':
      return say(ptr, `must have '${String(params.missingProperty)}'`, got(), `add ${String(params.missingProperty)}`);
    case 'enum':
      return say(ptr, `must be one of ${(params.allowedValues as unknown[]).map(preview).join(', ')}`, got(), 'use one of them');
    case 'const':
      return say(ptr, `must be ${preview(params.allowedValue)}`, got(), 'change it');
    case 'pattern': {
      const pattern = String(params.pattern);
      const fix = Object.entries(w.fixByPattern ?? {}).find(([k]) => pattern.startsWith(k))?.[1] ?? `match ${pattern}`;
      return say(ptr, 'must match the expected format', got(), fix);
    }
    case 'format':
      return say(ptr, `must be a ${String(params.format)}`, got(), params.format === 'date' ? 'write it as YYYY-MM-DD' : `write a valid ${String(params.format)}`);
    case 'type':
      return say(ptr, `must be ${String(params.type)}`, got(), `write a ${String(params.type)}`);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return say(ptr, `must be ${String(params.comparison)} ${String(params.limit)}`, got(), `use a value ${String(params.comparison)} ${String(params.limit)}`);
    case 'minItems':
    case 'maxItems':
      return say(ptr, e.message ?? 'has the wrong length', got(), `give ${String(params.limit)} items`);
    case 'minLength':
      return say(ptr, `must be at least ${String(params.limit)} characters`, got(), 'fill it in');
    case 'discriminator': {
      const kinds = ((e.parentSchema as { oneOf?: Array<{ properties?: { kind?: { const?: string } } }> } | undefined)?.oneOf ?? [])
        .map((o) => o.properties?.kind?.const)
        .filter((k): k is string => k !== undefined);
      const at = `${ptr}/kind`;
      return { pointer: at, reason: `${at} must be one of ${kinds.map(preview).join(', ')} (rule discriminator), got ${preview(valueAt(doc, at))}: use one of them.` };
    }
    case 'oneOf':
      return undefined; // reported through its branches (see relevant)
    default:
      return say(ptr, e.message ?? 'is not valid', got(), `fix the value (see ${w.schemaName})`);
  }
}

/** Keeps the errors a user needs: for `oneOf` (a or b), only the branch the value's type picks. */
function relevant(errors: readonly ErrorObject[]): ErrorObject[] {
  const oneOfPaths = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  const out: ErrorObject[] = [];
  // Errors other than oneOf/type, looked up by path, so a document with many problems stays linear.
  const others = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'type');
  for (const p of oneOfPaths) {
    const here = errors.filter((e) => e.instancePath === p && e.keyword === 'type');
    const deeper = others.some((e) => e.instancePath === p || e.instancePath.startsWith(`${p}/`));
    if (!deeper && here.length) {
      const types = [...new Set(here.map((e) => (e.params as { type: string }).type))].join(' or ');
      out.push({ ...here[0]!, params: { type: types } });
    }
  }
  for (const e of errors) {
    if (e.keyword === 'oneOf') continue;
    if (e.keyword === 'type' && oneOfPaths.has(e.instancePath)) continue;
    out.push(e);
  }
  return out;
}
