/**
 * Static evaluation of the little of Terraform's expression language that a check can
 * know without running Terraform: literal values, variables with literal defaults,
 * `count.index`, `each.key`/`each.value`, and `dynamic` blocks over literal collections.
 * Everything else becomes {@link Unknown} with the expression kept, never a guess.
 */
import { isUnknown, unknown, type Unknown } from '../model/unknown.js';
import { isPlainObject } from './values.js';

/** What an expression can see. */
export interface Scope {
  /** Variables with literal defaults (absent: no default, so Unknown). */
  readonly vars: ReadonlyMap<string, unknown>;
  /**
   * `count.index` of the instance.
   * @default - not a counted resource
   */
  readonly countIndex?: number;
  /**
   * `each.key` / `each.value` of the instance.
   * @default - not a for_each resource
   */
  readonly each?: { readonly key: string; readonly value: unknown };
  /**
   * Iterators of enclosing `dynamic` blocks, by name.
   * @default - none
   */
  readonly iterators?: ReadonlyMap<string, { readonly key: unknown; readonly value: unknown }>;
}

const WHOLE = /^\$\{([^{}]*)\}$/;
const PART = /\$\{([^{}]*)\}/g;

/** The value of one simple expression (`var.x`, `count.index`, ...), or undefined when not static. */
function lookup(expr: string, scope: Scope): { value: unknown } | undefined {
  const e = expr.trim();
  let m = /^var\.([A-Za-z_][\w-]*)$/.exec(e);
  if (m) return scope.vars.has(m[1]!) ? { value: scope.vars.get(m[1]!) } : undefined;
  if (e === 'count.index' && scope.countIndex !== undefined) return { value: scope.countIndex };
  if (scope.each) {
    if (e === 'each.key') return { value: scope.each.key };
    if (e === 'each.value') return { value: scope.each.value };
    m = /^each\.value\.([A-Za-z_]\w*)$/.exec(e);
    if (m && isPlainObject(scope.each.value) && m[1]! in scope.each.value) return { value: scope.each.value[m[1]!] };
  }
  m = /^([A-Za-z_][\w-]*)\.(key|value)$/.exec(e);
  if (m && scope.iterators?.has(m[1]!)) return { value: scope.iterators.get(m[1]!)![m[2] as 'key' | 'value'] };
  // Literal JSON inside an interpolation, e.g. ${["a","b"]} or ${toset(["a","b"])}.
  const inner = /^(?:toset|tolist)\((.*)\)$/s.exec(e)?.[1] ?? e;
  if (/^[[{"\d-]/.test(inner) || inner === 'true' || inner === 'false') {
    try {
      return { value: JSON.parse(inner) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function why(expr: string): string {
  const e = expr.trim();
  if (/^var\./.test(e)) return `${e} has no literal default`;
  if (/^local\./.test(e)) return `${e} is a local value acrkit does not evaluate`;
  if (/^(data\.)?[a-z]+_[a-z0-9_]*\./.test(e)) return `${e.split(/[.[]/).slice(0, 3).join('.')} is a reference resolved at apply time`;
  return `\${${e}} is not a literal`;
}

/** Resolves one string: literal, a single interpolation, or a template. */
export function resolveString(s: string, scope: Scope): unknown {
  if (!s.includes('${')) return s;
  const whole = WHOLE.exec(s);
  if (whole) {
    const hit = lookup(whole[1]!, scope);
    return hit ? hit.value : unknown(why(whole[1]!), s);
  }
  let missing: string | undefined;
  const out = s.replace(PART, (all, expr: string) => {
    const hit = lookup(expr, scope);
    if (!hit || (typeof hit.value === 'object' && hit.value !== null) || isUnknown(hit.value)) {
      missing ??= expr;
      return all;
    }
    return String(hit.value);
  });
  return missing === undefined ? out : unknown(why(missing), s);
}

/** Resolves every string in a JSON value. */
export function resolveDeep(v: unknown, scope: Scope): unknown {
  if (typeof v === 'string') return resolveString(v, scope);
  if (Array.isArray(v)) return v.map((x) => resolveDeep(x, scope));
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = resolveDeep(x, scope);
    return out;
  }
  return v;
}

/** One instance of a resource after `count` / `for_each`. */
export interface Instance {
  /**
   * Instance key (`[0]`, `["eu"]`, or `[*]` when the instances are not known statically).
   * @default - a single instance
   */
  readonly key?: string;
  /** The scope to evaluate the body in. */
  readonly scope: Scope;
  /**
   * Why the instances are not known.
   * @default - they are known
   */
  readonly unknownReason?: Unknown;
}

/** Expands `count` / `for_each` of a resource body into instances. */
export function instances(body: Readonly<Record<string, unknown>>, scope: Scope): Instance[] {
  if (body.count !== undefined) {
    const raw = typeof body.count === 'string' ? resolveString(body.count, scope) : body.count;
    // Terraform converts a numeric string ("2", from a string variable default) to a number.
    const n = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 10_000) {
      return Array.from({ length: n }, (_, i) => ({ key: `[${i}]`, scope: { ...scope, countIndex: i } }));
    }
    return [{ key: '[*]', scope, unknownReason: isUnknown(n) ? n : unknown(`count ${JSON.stringify(n)} is not a whole number`) }];
  }
  if (body.for_each !== undefined) {
    const fe = typeof body.for_each === 'string' ? resolveString(body.for_each, scope) : resolveDeep(body.for_each, scope);
    if (Array.isArray(fe) && fe.every((x) => typeof x === 'string')) {
      return [...new Set(fe as string[])].map((k) => ({ key: `[${JSON.stringify(k)}]`, scope: { ...scope, each: { key: k, value: k } } }));
    }
    if (isPlainObject(fe)) {
      return Object.entries(fe).map(([k, value]) => ({ key: `[${JSON.stringify(k)}]`, scope: { ...scope, each: { key: k, value } } }));
    }
    return [{ key: '[*]', scope, unknownReason: isUnknown(fe) ? fe : unknown('for_each is not a literal map or set') }];
  }
  return [{ scope }];
}

/**
 * Expands `dynamic "<name>"` blocks of a body (HCL or Terraform JSON shape) into static
 * blocks appended to `<name>`; a dynamic block over a non-literal collection makes `<name>`
 * Unknown. Returns a new body without `dynamic`.
 */
export function expandDynamic(body: Readonly<Record<string, unknown>>, scope: Scope): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body };
  const dyn = out.dynamic;
  delete out.dynamic;
  const groups = Array.isArray(dyn) ? dyn : dyn === undefined ? [] : [dyn];
  for (const g of groups) {
    if (!isPlainObject(g)) continue;
    for (const [name, specs] of Object.entries(g)) {
      for (const spec of Array.isArray(specs) ? specs : [specs]) {
        if (!isPlainObject(spec)) continue;
        const iterName = typeof spec.iterator === 'string' ? spec.iterator : name;
        const fe = typeof spec.for_each === 'string' ? resolveString(spec.for_each, scope) : resolveDeep(spec.for_each, scope);
        const content = Array.isArray(spec.content) ? spec.content[0] : spec.content;
        let entries: Array<[unknown, unknown]> | undefined;
        if (Array.isArray(fe)) entries = fe.map((v, i) => [i, v]);
        else if (isPlainObject(fe)) entries = Object.entries(fe);
        if (!entries || !isPlainObject(content)) {
          out[name] = isUnknown(fe) ? unknown(`dynamic "${name}" iterates over ${fe.reason}`, fe.expression) : unknown(`dynamic "${name}" for_each is not a literal collection`);
          continue;
        }
        const existing = out[name];
        if (isUnknown(existing)) continue;
        const list = Array.isArray(existing) ? [...existing] : existing === undefined ? [] : [existing];
        for (const [key, value] of entries) {
          const iterators = new Map(scope.iterators ?? []);
          iterators.set(iterName, { key, value });
          list.push(resolveDeep(content, { ...scope, iterators }));
        }
        out[name] = list;
      }
    }
  }
  return out;
}
