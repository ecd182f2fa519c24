/**
 * Terraform values as acrkit evaluates them: JSON-like data (strings, numbers, booleans, null,
 * arrays for lists, tuples and sets, plain objects for maps and objects) where any part may be
 * {@link Unknown}. Terraform's conversions and equality, with Unknown propagated, never guessed.
 */
import { isUnknown, sameUnknown, unknown, type Unknown } from '../../model/unknown.js';

/**
 * An evaluation error Terraform would report (a missing attribute, an index out of range, a
 * type mismatch). `try()` and `can()` catch it; elsewhere it makes the value Unknown.
 */
export class EvalFailure extends Error {
  override name = 'EvalFailure' as const;
}

/** Whether `v` is a plain object (a map or object value), not an array, null or Unknown. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isUnknown(v);
}

/** The first Unknown anywhere inside `v`, or undefined when `v` is wholly known. */
export function firstUnknown(v: unknown): Unknown | undefined {
  if (isUnknown(v)) return v;
  if (Array.isArray(v)) {
    for (const x of v) {
      const u = firstUnknown(x);
      if (u) return u;
    }
  } else if (isObject(v)) {
    for (const x of Object.values(v)) {
      const u = firstUnknown(x);
      if (u) return u;
    }
  }
  return undefined;
}

/** Terraform's name of the type of `v`, for messages. */
export function typeName(v: unknown): string {
  if (isUnknown(v)) return 'unknown';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

/** Terraform `==`: `true`/`false`, or `undefined` when an Unknown decides it. */
export function equal(a: unknown, b: unknown): boolean | undefined {
  if (isUnknown(a) || isUnknown(b)) return sameUnknown(a, b) ? true : undefined;
  if (a === null || b === null) return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return false;
    if (a.length !== b.length) return false;
    let open = false;
    for (let i = 0; i < a.length; i++) {
      const e = equal(a[i], b[i]);
      if (e === false) return false;
      if (e === undefined) open = true;
    }
    return open ? undefined : true;
  }
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) || !isObject(b)) return false;
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
    let open = false;
    for (const k of ka) {
      const e = equal(a[k], b[k]);
      if (e === false) return false;
      if (e === undefined) open = true;
    }
    return open ? undefined : true;
  }
  return a === b;
}

/** Terraform's conversion to string (numbers and booleans convert; null, lists and objects do not). */
export function asString(v: unknown, what: string): string | Unknown {
  if (isUnknown(v)) return v;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return String(v);
  throw new EvalFailure(`${what} must be a string, got ${typeName(v)}`);
}

/** A number as Terraform prints it. */
export function formatNumber(n: number): string {
  return Number.isInteger(n) ? BigInt(Math.trunc(n)).toString() : String(n);
}

/** Terraform's conversion to number (numeric strings convert). */
export function asNumber(v: unknown, what: string): number | Unknown {
  if (isUnknown(v)) return v;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  throw new EvalFailure(`${what} must be a number, got ${typeName(v)}`);
}

/** Terraform's conversion to bool (`"true"`/`"false"` convert). */
export function asBool(v: unknown, what: string): boolean | Unknown {
  if (isUnknown(v)) return v;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  throw new EvalFailure(`${what} must be a bool, got ${typeName(v)}`);
}

/** An Unknown that keeps the reason of `cause` and names `expression` as written. */
export function derived(cause: Unknown, expression: string | undefined): Unknown {
  return unknown(cause.reason, expression);
}

/** Sorts and de-duplicates a set of known primitive values the way Terraform iterates sets of strings. */
export function toSet(list: readonly unknown[]): unknown[] {
  if (list.some((x) => isUnknown(x) || (typeof x === 'object' && x !== null))) {
    // Sets of complex or unknown values: keep order, drop exact duplicates.
    const out: unknown[] = [];
    for (const x of list) if (!out.some((y) => equal(x, y) === true)) out.push(x);
    return out;
  }
  const seen = new Map<string, unknown>();
  for (const x of list) seen.set(`${typeof x}:${String(x)}`, x);
  return [...seen.values()].sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
}
