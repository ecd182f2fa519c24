/**
 * Static evaluation of Terraform JSON strings (`*.tf.json`, cdktf's `cdk.tf.json`): each
 * `${...}` template goes through the HCL evaluator (lib/sources/hcl) with variables that have
 * literal defaults, `count.index`, `each.key`/`each.value` and `dynamic` iterators; `count`,
 * `for_each` and `dynamic` blocks expand over known collections. Everything else becomes
 * {@link Unknown} with the expression kept, never a guess and never a literal `${...}`.
 */
import { isUnknown, unknown, type Unknown } from '../model/unknown.js';
import { isPlainObject } from './values.js';
import type { Expr } from './hcl/ast.js';
import { evaluate, identity, type EvalEnv, type Resolved, type Resolver, type Step } from './hcl/evaluate.js';
import { HclSyntaxError, parseTemplate } from './hcl/parse.js';

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

/** Unknown for a name the JSON scope does not hold, with the reason the old reader gave. */
function opaque(root: string, steps: readonly Step[], at: Expr, env: EvalEnv): Resolved {
  const first = steps[0]?.kind === 'attr' ? steps[0].name : '';
  const second = steps[1]?.kind === 'attr' ? steps[1].name : undefined;
  let reason: string;
  if (root === 'var') reason = `var.${first} has no literal default`;
  else if (root === 'local') reason = `local.${first} is a local value acrkit does not evaluate`;
  else if (root === 'data' || /^[a-z]+_[a-z0-9_]*$/.test(root)) reason = `${[root, first, ...(second !== undefined ? [second] : [])].join('.')} is a reference resolved at apply time`;
  else reason = `${root}${first ? `.${first}` : ''} is not known statically`;
  const n = Math.min(steps.length, root === 'data' ? 3 : 2);
  return { value: unknown(reason, identity(n === 0 ? at : steps[n - 1]!.node, env)), consumed: n };
}

/** The names of a JSON {@link Scope} for the HCL evaluator. */
function resolverOf(scope: Scope): Resolver {
  return {
    resolve(root, steps, at, env): Resolved | undefined {
      const first = steps[0]?.kind === 'attr' ? steps[0].name : undefined;
      if (root === 'var' && first !== undefined && scope.vars.has(first)) return { value: scope.vars.get(first), consumed: 1 };
      if (root === 'count' && first === 'index' && scope.countIndex !== undefined) return { value: scope.countIndex, consumed: 1 };
      if (root === 'each' && scope.each && (first === 'key' || first === 'value')) return { value: scope.each[first], consumed: 1 };
      return opaque(root, steps, at, env);
    },
  };
}

/**
 * Resolves one string: a literal, or a template (`${...}`, `%{...}`) evaluated with the HCL
 * evaluator (functions, operators, conditionals included). What it cannot know is Unknown;
 * a string that is no valid template is Unknown too, never kept as a literal.
 */
export function resolveString(s: string, scope: Scope): unknown {
  if (!s.includes('${') && !s.includes('%{')) return s;
  let parsed: ReturnType<typeof parseTemplate>;
  try {
    parsed = parseTemplate(s);
  } catch (e) {
    if (e instanceof HclSyntaxError) return unknown(`${JSON.stringify(s)} is not a valid Terraform template (${e.summary})`, s);
    throw e;
  }
  const names = new Map<string, unknown>();
  for (const [k, v] of scope.iterators ?? []) names.set(k, { key: v.key, value: v.value });
  return evaluate(parsed.expr, { source: parsed.source, resolver: resolverOf(scope), names });
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
