/**
 * Value helpers shared by every source: Unknown-preserving coercion of Terraform values
 * into model types, block access that accepts both list and object renderings, and
 * reference extraction from `${...}` expressions.
 */
import { InputError } from '../errors.js';
import { isUnknown, unknown, type Maybe } from '../model/unknown.js';
import type { Mutable } from '../mutable.js';
import type { ArgumentLocation } from '../model/registry-spec.js';
import { preview } from '../format/values.js';

/** Values quoted in messages: the one preview, re-exported for the sources. */
export { preview };

/**
 * Where the argument at `path` is written (`georeplications[0].location`,
 * `encryption.key_vault_key_id`, `network_rule_set.ip_rule.0.ip_range`): the argument itself,
 * else its nearest enclosing block that is written. Paths may leave out the `.0` of a block
 * that appears once. `undefined` when nothing of it is written.
 */
export function argumentAt(args: Readonly<Record<string, ArgumentLocation>> | undefined, path: string): ArgumentLocation | undefined {
  if (!args) return undefined;
  for (const candidate of argumentCandidates(path)) {
    if (Object.hasOwn(args, candidate)) return args[candidate];
  }
  return undefined;
}

/** {@link argumentCandidates} by path. */
const CANDIDATES = new Map<string, readonly string[]>();

/**
 * The keys {@link argumentAt} tries for `path`, in order, cached by path: rules ask about the
 * same few dozen paths for every registry of a large input.
 */
export function argumentCandidates(path: string): readonly string[] {
  const cached = CANDIDATES.get(path);
  if (cached) return cached;
  const segs = path
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/\["([^"]*)"\]/g, '.$1')
    .split('.')
    .filter((x) => x !== '');
  const out: string[] = [];
  for (let n = segs.length; n > 0; n--) {
    const head = segs.slice(0, n);
    // The same path with `.0` after each block name written without an index.
    const indexed = head.flatMap((x, i) => (i < head.length - 1 && !/^\d+$/.test(x) && !/^\d+$/.test(head[i + 1]!) ? [x, '0'] : [x]));
    out.push(head.join('.'), indexed.join('.'));
  }
  // Paths come from rules and inputs: bound the cache so a hostile input cannot grow it without end.
  if (CANDIDATES.size >= 4096) CANDIDATES.clear();
  CANDIDATES.set(path, out);
  return out;
}

/** Where a value sits, for error messages. */
export interface ValueSite {
  /** File the value was read from. */
  readonly file: string;
  /**
   * 1-based line of the enclosing resource.
   * @default - not known
   */
  readonly line?: number;
  /**
   * JSON pointer of the enclosing resource.
   * @default - not known
   */
  readonly pointer?: string;
  /** Terraform address of the enclosing resource. */
  readonly address: string;
  /**
   * Where each argument is written (`.tf` inputs): a problem points at its argument's line.
   * @default - the resource's line
   */
  readonly arguments?: Readonly<Record<string, ArgumentLocation>>;
  /** Sink for problems found. */
  readonly errors: InputError[];
}

/** Records an invalid value (rule broken, value seen, fix) and returns an Unknown in its place. */
export function invalid<T>(site: ValueSite, attribute: string, rule: string, v: unknown, fix: string): Maybe<T> {
  const ptr = site.pointer !== undefined ? `${site.pointer}/${attribute.replace(/\./g, '/')}` : undefined;
  const at = argumentAt(site.arguments, attribute);
  site.errors.push(
    new InputError(
      at ?? { file: site.file, ...(site.line !== undefined ? { line: site.line } : {}), ...(ptr !== undefined ? { pointer: ptr } : {}) },
      `${site.address}: ${attribute} ${rule}, got ${preview(v)}: ${fix}.`,
    ),
  );
  return unknown(`${attribute} has an invalid value`);
}


/** A boolean, accepting Terraform's "true"/"false" strings; `undefined` when absent. */
export function asBool(v: unknown, site: ValueSite, attribute: string): Maybe<boolean> | undefined {
  if (v === undefined || v === null) return undefined;
  if (isUnknown(v) || typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  return invalid(site, attribute, 'must be true or false', v, `set ${attribute} = true or false`);
}

/** A string (numbers and booleans converted as Terraform does); `undefined` when absent. */
export function asString(v: unknown, site: ValueSite, attribute: string): Maybe<string> | undefined {
  if (v === undefined || v === null) return undefined;
  if (isUnknown(v) || typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return invalid(site, attribute, 'must be a string', v, `set ${attribute} to a quoted string`);
}

/** A number, accepting numeric strings; `undefined` when absent. */
export function asNumber(v: unknown, site: ValueSite, attribute: string): Maybe<number> | undefined {
  if (v === undefined || v === null) return undefined;
  if (isUnknown(v)) return v;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return invalid(site, attribute, 'must be a number', v, `set ${attribute} to a whole number`);
}

/** A list of strings; `undefined` when absent. */
export function asStringList(v: unknown, site: ValueSite, attribute: string): Maybe<readonly string[]> | undefined {
  if (v === undefined || v === null) return undefined;
  if (isUnknown(v)) return v;
  if (!Array.isArray(v)) return invalid(site, attribute, 'must be a list of strings', v, `write ${attribute} = ["..."]`);
  const out: string[] = [];
  for (const [i, x] of v.entries()) {
    if (isUnknown(x)) return unknown(`${attribute}[${i}] is not known statically`, x.expression);
    const s = asString(x, site, `${attribute}.${i}`);
    if (s === undefined || isUnknown(s)) return s ?? unknown(`${attribute}[${i}] is null`);
    out.push(s);
  }
  return out;
}

/** A map of strings (tags); `undefined` when absent. */
export function asStringMap(v: unknown, site: ValueSite, attribute: string): Maybe<Readonly<Record<string, string>>> | undefined {
  if (v === undefined || v === null) return undefined;
  if (isUnknown(v)) return v;
  if (Array.isArray(v) && v.length === 1 && isPlainObject(v[0])) v = v[0];
  if (!isPlainObject(v)) return invalid(site, attribute, 'must be a map of strings', v, `write ${attribute} = { key = "value" }`);
  const out: Record<string, string> = {};
  for (const k of Object.keys(v)) {
    const x = v[k];
    if (isUnknown(x)) return unknown(`${attribute}.${k} is not known statically`, x.expression);
    const s = asString(x, site, `${attribute}.${k}`);
    if (s === undefined) continue;
    if (isUnknown(s)) return s;
    out[k] = s;
  }
  return out;
}

/** Whether `v` is a non-null, non-array object that is not {@link Unknown}. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isUnknown(v);
}

/**
 * A nested block that may be written as a list of one (Terraform JSON, HCL) or as an object
 * (cdktf renders some single blocks that way). `undefined` when absent or an empty list.
 */
export function block(v: unknown, site: ValueSite, attribute: string): Maybe<Record<string, unknown>> | undefined {
  if (v === undefined || v === null) return undefined;
  if (isUnknown(v)) return v;
  if (Array.isArray(v)) {
    if (v.length === 0) return undefined;
    return block(v[0], site, attribute);
  }
  if (isPlainObject(v)) return v;
  return invalid(site, attribute, 'must be a block', v, `write ${attribute} { ... }`);
}

/** Repeated blocks (list or single object). `undefined` when absent. */
export function blocks(v: unknown, site: ValueSite, attribute: string): Maybe<Array<Record<string, unknown>>> | undefined {
  if (v === undefined || v === null) return undefined;
  if (isUnknown(v)) return v;
  const list = Array.isArray(v) ? v : [v];
  const out: Array<Record<string, unknown>> = [];
  for (let i = 0; i < list.length; i++) {
    const x: unknown = list[i];
    if (isUnknown(x)) return unknown(`${attribute}[${i}] is not known statically`, x.expression);
    if (!isPlainObject(x)) return invalid(site, `${attribute}.${i}`, 'must be a block', x, `write ${attribute} { ... }`);
    out.push(x);
  }
  return out;
}

/** One reference found in an expression, e.g. `azurerm_key_vault_key.k.versionless_id`. */
export interface Reference {
  /** Resource type. */
  readonly type: string;
  /** Resource name. */
  readonly name: string;
  /**
   * Module path written before it, e.g. `module.acr` or `module.acr[0]` (absolute references
   * of `.tf` inputs).
   * @default - none
   */
  readonly module?: string;
  /**
   * Instance key as written, e.g. `[0]` or `["a"]`.
   * @default - none
   */
  readonly index?: string;
  /**
   * Attribute read from it.
   * @default - the whole resource
   */
  readonly attribute?: string;
}

const REF_RE = /(?<![\w.])((?:module\.[A-Za-z_][\w-]*(?:\[[^\]]*\])?\.)*)(azurerm_[a-z0-9_]+|azapi_[a-z0-9_]+)\.([A-Za-z_][\w-]*)((?:\[[^\]]*\])?)(?:\.([a-z_][a-z0-9_]*))?/g;

/** The managed-resource references in an expression or reference string. */
export function referencesIn(expression: string): Reference[] {
  const out: Reference[] = [];
  for (const m of expression.matchAll(REF_RE)) {
    const ref: Mutable<Reference> = { type: m[2]!, name: m[3]! };
    if (m[1]) ref.module = m[1].slice(0, -1);
    if (m[4]) ref.index = m[4];
    if (m[5]) ref.attribute = m[5];
    out.push(ref);
  }
  return out;
}

/** Every expression string held by Unknown values anywhere inside `v`. */
export function expressionsIn(v: unknown, out: string[] = []): string[] {
  if (isUnknown(v)) {
    if (v.expression) out.push(v.expression);
  } else if (Array.isArray(v)) {
    for (const x of v) expressionsIn(x, out);
  } else if (typeof v === 'object' && v !== null) {
    for (const x of Object.values(v)) expressionsIn(x, out);
  }
  return out;
}
