/**
 * Static evaluation of HCL expressions: literals, templates, collections, operators,
 * conditionals, `for` expressions, splats and the built-in functions of functions.ts. Names
 * (`var.x`, `local.y`, `azurerm_x.y.z`, `module.m.out`, `count.index`, `each.key`) go to a
 * {@link Resolver}. Whatever cannot be known is {@link Unknown} with the expression as written;
 * an expression Terraform would reject raises {@link EvalFailure} inside, and is Unknown outside.
 */
import { isUnknown, unknown, type Unknown } from '../../model/unknown.js';
import type { Expr, HclSource, TemplatePart } from './ast.js';
import { callFunction, IMPURE_FUNCTIONS } from './functions.js';
import { asBool, asNumber, asString, derived, equal, EvalFailure, firstUnknown, isObject, typeName } from './value.js';

/** One traversal step after a root name. */
export type Step =
  | { readonly kind: 'attr'; readonly name: string; readonly node: Expr }
  | { readonly kind: 'index'; readonly key: Expr; readonly node: Expr }
  | { readonly kind: 'splat'; readonly each: Expr; readonly node: Expr };

/** What a {@link Resolver} found: the value after `consumed` of the steps. */
export interface Resolved {
  /** The value. */
  readonly value: unknown;
  /** How many steps it used (the evaluator applies the rest). */
  readonly consumed: number;
}

/** Resolves root names (`var`, `local`, `module`, resource types, ...) for the evaluator. */
export interface Resolver {
  /**
   * The value of `root` followed by `steps`, or undefined when `root` is no name here.
   * @param at the root name node (for messages)
   */
  resolve(root: string, steps: readonly Step[], at: Expr, env: EvalEnv): Resolved | undefined;
}

/** Where an expression is evaluated. */
export interface EvalEnv {
  /** The file the expression is in. */
  readonly source: HclSource;
  /** Resolves root names. */
  readonly resolver: Resolver;
  /** Names bound by enclosing `for` expressions and `dynamic` blocks. */
  readonly names: ReadonlyMap<string, unknown>;
  /**
   * Added to the identity of Unknowns made here (the module instance), so two module instances
   * never share an Unknown.
   * @default ''
   */
  readonly tag?: string;
  /**
   * Added to the identity of Unknowns whose expression reads `count` or `each` (the resource
   * instance).
   * @default ''
   */
  readonly instanceTag?: string;
  /**
   * The element a splat expression is at.
   * @default - not inside a splat
   */
  readonly splatItem?: unknown;
}

/** The expression text of `e`. */
export function textOf(e: Expr, source: HclSource): string {
  return source.text.slice(e.start, e.end).trim();
}

/** Every root name `e` reads, and whether it calls an impure function. */
function namesIn(e: Expr, out: { names: Set<string>; impure: boolean }): void {
  switch (e.kind) {
    case 'name':
      out.names.add(e.name);
      return;
    case 'call':
      if (IMPURE_FUNCTIONS.has(e.name)) out.impure = true;
      for (const a of e.args) namesIn(a, out);
      return;
    default:
      forEachChild(e, namesIn, out);
  }
}

/**
 * Calls `f(c, arg)` for each direct sub-expression `c` of `e`, in source order (a template's
 * interpolations and directives, an object's keys before their values, a `for`'s collection,
 * key, value and condition), without building a list: the walks over every expression of a
 * configuration use it.
 */
export function forEachChild<A>(e: Expr, f: (c: Expr, arg: A) => void, arg: A): void {
  switch (e.kind) {
    case 'template':
      forEachTemplateChild(e.parts, f, arg);
      return;
    case 'tuple':
    case 'call': {
      const list = e.kind === 'tuple' ? e.items : e.args;
      for (let i = 0; i < list.length; i++) f(list[i]!, arg);
      return;
    }
    case 'object':
      for (const i of e.items) {
        f(i.key, arg);
        f(i.value, arg);
      }
      return;
    case 'attr':
      f(e.target, arg);
      return;
    case 'index':
      f(e.target, arg);
      f(e.key, arg);
      return;
    case 'splat':
      f(e.target, arg);
      f(e.each, arg);
      return;
    case 'unary':
      f(e.operand, arg);
      return;
    case 'binary':
      f(e.left, arg);
      f(e.right, arg);
      return;
    case 'conditional':
      f(e.test, arg);
      f(e.then, arg);
      f(e.else, arg);
      return;
    case 'for':
      f(e.collection, arg);
      if (e.key) f(e.key, arg);
      f(e.value, arg);
      if (e.cond) f(e.cond, arg);
      return;
    case 'paren':
      f(e.expr, arg);
      return;
    default:
      return;
  }
}

function forEachTemplateChild<A>(parts: readonly TemplatePart[], f: (c: Expr, arg: A) => void, arg: A): void {
  for (const p of parts) {
    if (p.kind === 'interp') f(p.expr, arg);
    else if (p.kind === 'if') {
      f(p.cond, arg);
      forEachTemplateChild(p.then, f, arg);
      forEachTemplateChild(p.else, f, arg);
    } else if (p.kind === 'for') {
      f(p.collection, arg);
      forEachTemplateChild(p.body, f, arg);
    }
  }
}

/** The names each expression reads, computed once per node. */
const NAMES = new WeakMap<Expr, { names: Set<string>; impure: boolean }>();

/**
 * The identity of an Unknown made for `e`: `${text}` with the module and, when it reads
 * `count`/`each`, the instance; none when it reads a `for`/`dynamic` name (its value changes
 * per element) or calls an impure function.
 */
export function identity(e: Expr, env: EvalEnv): string | undefined {
  let found = NAMES.get(e);
  if (!found) {
    found = { names: new Set<string>(), impure: false };
    namesIn(e, found);
    NAMES.set(e, found);
  }
  if (found.impure) return undefined;
  for (const n of found.names) if (env.names.has(n)) return undefined;
  let id = `\${${textOf(e, env.source)}}`;
  if (env.tag) id += ` in ${env.tag}`;
  if (env.instanceTag && (found.names.has('count') || found.names.has('each'))) id += ` of ${env.instanceTag}`;
  return id;
}

/** Evaluates `e`: a value, possibly with Unknown parts. Never throws for the user's input. */
export function evaluate(e: Expr, env: EvalEnv): unknown {
  try {
    return ev(e, env);
  } catch (err) {
    if (err instanceof EvalFailure) return unknown(`${textOf(e, env.source)} does not evaluate: ${err.message}`, identity(e, env));
    if (err instanceof RangeError) return unknown(`${textOf(e, env.source)} is nested too deeply to evaluate`);
    throw err;
  }
}

/** `e` flattened to a root name and its steps, or undefined when the root is not a name. */
export function flatten(e: Expr): { root: Expr & { kind: 'name' }; steps: Step[] } | undefined {
  // Most expressions are no traversal: nothing to allocate for them.
  if (e.kind !== 'attr' && e.kind !== 'index' && e.kind !== 'splat' && e.kind !== 'name') return undefined;
  const steps: Step[] = [];
  let at: Expr = e;
  for (;;) {
    if (at.kind === 'attr') steps.push({ kind: 'attr', name: at.name, node: at });
    else if (at.kind === 'index') steps.push({ kind: 'index', key: at.key, node: at });
    else if (at.kind === 'splat') steps.push({ kind: 'splat', each: at.each, node: at });
    else if (at.kind === 'name') return { root: at, steps: steps.reverse() };
    else return undefined;
    at = at.target;
  }
}

/** Applies one traversal step to a value. */
export function applyStep(value: unknown, step: Step, env: EvalEnv): unknown {
  if (isUnknown(value)) return derived(value, identity(step.node, env));
  switch (step.kind) {
    case 'attr':
      if (isObject(value)) {
        if (Object.hasOwn(value, step.name)) return value[step.name];
        throw new EvalFailure(`this object has no attribute named ${JSON.stringify(step.name)}`);
      }
      throw new EvalFailure(`a ${typeName(value)} has no attribute ${JSON.stringify(step.name)}`);
    case 'index': {
      const key = ev(step.key, env);
      if (isUnknown(key)) return derived(key, identity(step.node, env));
      if (Array.isArray(value)) {
        const n = asNumber(key, 'a list index');
        if (isUnknown(n)) return derived(n, identity(step.node, env));
        if (!Number.isInteger(n) || n < 0 || n >= value.length) throw new EvalFailure(`index ${n} is out of range for a list of ${value.length}`);
        return value[n];
      }
      if (isObject(value)) {
        const k = asString(key, 'a map key');
        if (isUnknown(k)) return derived(k, identity(step.node, env));
        if (Object.hasOwn(value, k)) return value[k];
        throw new EvalFailure(`the map has no element ${JSON.stringify(k)}`);
      }
      throw new EvalFailure(`a ${typeName(value)} cannot be indexed`);
    }
    case 'splat': {
      if (value === null) return [];
      const list = Array.isArray(value) ? value : [value];
      return list.map((x) => ev(step.each, { ...env, splatItem: x }));
    }
  }
}

function traversal(e: Expr, env: EvalEnv): unknown {
  const flat = flatten(e);
  if (!flat) {
    // The root is an expression: evaluate it, then step.
    if (e.kind === 'attr') return applyStep(ev(e.target, env), { kind: 'attr', name: e.name, node: e }, env);
    if (e.kind === 'index') return applyStep(ev(e.target, env), { kind: 'index', key: e.key, node: e }, env);
    if (e.kind === 'splat') return applyStep(ev(e.target, env), { kind: 'splat', each: e.each, node: e }, env);
    throw new Error(`not a traversal: ${e.kind}`);
  }
  const { root, steps } = flat;
  let value: unknown;
  let used = 0;
  if (env.names.has(root.name)) value = env.names.get(root.name);
  else {
    const r = env.resolver.resolve(root.name, steps, root, env);
    if (!r) return unknown(`${root.name} is not a name acrkit evaluates`, identity(e, env));
    value = r.value;
    used = r.consumed;
  }
  for (let i = used; i < steps.length; i++) value = applyStep(value, steps[i]!, env);
  return value;
}

function ev(e: Expr, env: EvalEnv): unknown {
  switch (e.kind) {
    case 'literal':
      return e.value;
    case 'paren':
      return ev(e.expr, env);
    case 'template':
      return template(e, env);
    case 'tuple':
      return e.items.map((i) => ev(i, env));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const item of e.items) {
        const k = ev(item.key, env);
        if (isUnknown(k)) return derived(k, identity(e, env));
        const key = asString(k, 'an object key');
        if (isUnknown(key)) return derived(key, identity(e, env));
        out[key] = ev(item.value, env);
      }
      return out;
    }
    case 'name':
    case 'attr':
    case 'index':
    case 'splat':
      return traversal(e, env);
    case 'splat-item':
      return env.splatItem;
    case 'call':
      return call(e, env);
    case 'unary': {
      const v = ev(e.operand, env);
      if (e.op === '!') {
        const b = asBool(v, 'the operand of !');
        return isUnknown(b) ? derived(b, identity(e, env)) : !b;
      }
      const n = asNumber(v, 'the operand of -');
      return isUnknown(n) ? derived(n, identity(e, env)) : -n;
    }
    case 'binary':
      return binary(e, env);
    case 'conditional': {
      const c = asBool(ev(e.test, env), 'the condition');
      if (!isUnknown(c)) return ev(c ? e.then : e.else, env);
      // Both branches the same: the condition does not matter.
      const a = evaluate(e.then, env);
      const b = evaluate(e.else, env);
      if (!isUnknown(a) && equal(a, b) === true) return a;
      return derived(c, identity(e, env));
    }
    case 'for':
      return forExpr(e, env);
  }
}

function template(e: Expr & { kind: 'template' }, env: EvalEnv): unknown {
  // A template of one interpolation is its value, unconverted (`"${var.tags}"` is a map).
  if (e.parts.length === 1 && e.parts[0]!.kind === 'interp') return ev(e.parts[0]!.expr, env);
  let cause: Unknown | undefined;
  const render = (parts: readonly TemplatePart[], names: ReadonlyMap<string, unknown>): string => {
    let s = '';
    const inner = names === env.names ? env : { ...env, names };
    for (const p of parts) {
      if (p.kind === 'text') s += p.value;
      else if (p.kind === 'interp') {
        const v = ev(p.expr, inner);
        if (v === null) throw new EvalFailure('a template interpolation is null');
        if (isUnknown(v)) cause ??= v;
        else if (typeof v === 'object') throw new EvalFailure(`a template cannot interpolate a ${typeName(v)}`);
        else s += asString(v, 'an interpolation') as string;
      } else if (p.kind === 'if') {
        const c = asBool(ev(p.cond, inner), 'a template condition');
        if (isUnknown(c)) cause ??= c;
        else s += render(c ? p.then : p.else, names);
      } else {
        const coll = ev(p.collection, inner);
        if (isUnknown(coll)) {
          cause ??= coll;
          continue;
        }
        const entries: Array<[unknown, unknown]> = Array.isArray(coll) ? coll.map((v, i) => [i, v]) : isObject(coll) ? Object.keys(coll).sort().map((k) => [k, coll[k]]) : [];
        for (const [k, v] of entries) {
          const m = new Map(names);
          if (p.keyVar !== undefined) m.set(p.keyVar, k);
          m.set(p.valueVar, v);
          s += render(p.body, m);
        }
      }
    }
    return s;
  };
  const s = render(e.parts, env.names);
  return cause ? derived(cause, identity(e, env)) : s;
}

function call(e: Expr & { kind: 'call' }, env: EvalEnv): unknown {
  if (e.name === 'try') {
    for (const a of e.args) {
      let v: unknown;
      try {
        v = ev(a, env);
      } catch (err) {
        if (err instanceof EvalFailure) continue;
        throw err;
      }
      // Terraform cannot tell whether a value with unknown parts would have failed.
      const u = firstUnknown(v);
      return u ? derived(u, identity(e, env)) : v;
    }
    throw new EvalFailure('no argument of try() evaluates without an error');
  }
  if (e.name === 'can') {
    try {
      const v = ev(e.args[0] ?? { kind: 'literal', value: null, start: e.start, end: e.start }, env);
      const u = firstUnknown(v);
      return u ? derived(u, identity(e, env)) : true;
    } catch (err) {
      if (err instanceof EvalFailure) return false;
      throw err;
    }
  }
  let args = e.args.map((a) => ev(a, env));
  if (e.expand) {
    const last = args[args.length - 1];
    if (isUnknown(last)) return derived(last, identity(e, env));
    if (!Array.isArray(last)) throw new EvalFailure('only a list can be expanded with ...');
    args = [...args.slice(0, -1), ...last];
  }
  return callFunction(e.name, args, identity(e, env));
}

function binary(e: Expr & { kind: 'binary' }, env: EvalEnv): unknown {
  const id = (): string | undefined => identity(e, env);
  if (e.op === '&&' || e.op === '||') {
    const l = asBool(ev(e.left, env), `the left operand of ${e.op}`);
    // The known side decides when it can: false && x is false, true || x is true.
    if (l === (e.op === '||')) return l;
    const r = asBool(ev(e.right, env), `the right operand of ${e.op}`);
    if (r === (e.op === '||')) return r;
    if (isUnknown(l)) return derived(l, id());
    if (isUnknown(r)) return derived(r, id());
    return e.op === '&&' ? l && r : l || r;
  }
  const l = ev(e.left, env);
  const r = ev(e.right, env);
  if (e.op === '==' || e.op === '!=') {
    const eq = equal(l, r);
    if (eq === undefined) return derived(firstUnknown([l, r])!, id());
    return e.op === '==' ? eq : !eq;
  }
  const a = asNumber(l, `the left operand of ${e.op}`);
  const b = asNumber(r, `the right operand of ${e.op}`);
  if (isUnknown(a)) return derived(a, id());
  if (isUnknown(b)) return derived(b, id());
  switch (e.op) {
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0) throw new EvalFailure('division by zero');
      return a / b;
    default:
      if (b === 0) throw new EvalFailure('modulo by zero');
      return a % b;
  }
}

function forExpr(e: Expr & { kind: 'for' }, env: EvalEnv): unknown {
  const coll = ev(e.collection, env);
  if (isUnknown(coll)) return derived(coll, identity(e, env));
  let entries: Array<[unknown, unknown]>;
  if (Array.isArray(coll)) entries = coll.map((v, i) => [i, v]);
  else if (isObject(coll)) entries = Object.keys(coll).sort().map((k) => [k, coll[k]]);
  else throw new EvalFailure(`a for expression needs a collection, got ${typeName(coll)}`);
  const tuple: unknown[] = [];
  const object: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    const names = new Map(env.names);
    if (e.keyVar !== undefined) names.set(e.keyVar, k);
    names.set(e.valueVar, v);
    const inner: EvalEnv = { ...env, names };
    if (e.cond) {
      const c = asBool(ev(e.cond, inner), 'the if clause');
      if (isUnknown(c)) return derived(c, identity(e, env));
      if (!c) continue;
    }
    if (!e.object) {
      tuple.push(ev(e.value, inner));
      continue;
    }
    const key = asString(ev(e.key!, inner), 'a for expression key');
    if (isUnknown(key)) return derived(key, identity(e, env));
    const value = ev(e.value, inner);
    if (e.group) object[key] = [...((object[key] as unknown[] | undefined) ?? []), value];
    else if (Object.hasOwn(object, key)) throw new EvalFailure(`duplicate key ${JSON.stringify(key)} in a for expression (add ... to group)`);
    else object[key] = value;
  }
  return e.object ? object : tuple;
}
