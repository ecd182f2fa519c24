/**
 * Terraform modules as acrkit evaluates them: the declarations of one folder of `.tf` files
 * ({@link HclModule}) and their instances ({@link ModuleInstance}): variables from `.tfvars` files
 * or the caller's arguments, locals, `count`/`for_each` instances, resource attributes written
 * as values, local child modules and their outputs. Each resource instance becomes a
 * {@link RawResource} with its values, the references of each argument (followed through
 * variables, locals and module outputs) and the line of each argument.
 */
import type { ArgumentLocation } from '../../model/registry-spec.js';
import { isUnknown, unknown, type Unknown } from '../../model/unknown.js';
import type { RawResource } from '../raw-resource.js';
import { attributesOf, blocksOf, lineOf, type Attribute, type Block, type Body, type Expr, type HclSource } from './ast.js';
import { evaluate, flatten, forEachChild, identity, type EvalEnv, type Resolved, type Resolver, type Step } from './evaluate.js';
import type { ParsedHcl } from './parse.js';
import { convertVariable } from './types.js';
import { asNumber, derived, EvalFailure, isObject } from './value.js';

/** Meta-arguments of resources and module calls: not values of the resource. */
const META_ATTRIBUTES = new Set(['count', 'for_each', 'depends_on', 'provider', 'providers', 'source', 'version']);
const META_BLOCKS = new Set(['lifecycle', 'provisioner', 'connection']);
/** Root names that never refer to another object of the configuration. */
const NO_REFERENCE_ROOTS: ReadonlySet<string> = new Set(['count', 'each', 'path', 'terraform', 'self']);

/** A `resource` or `data` block. */
export interface ResourceDecl {
  /** `managed` for `resource`, `data` for `data`. */
  readonly mode: 'managed' | 'data';
  /** Resource type. */
  readonly type: string;
  /** Resource name. */
  readonly name: string;
  /** The block. */
  readonly block: Block;
  /** Its file. */
  readonly source: HclSource;
  /** Read for its values only (a file beside an explicitly given one): not reported. */
  readonly context: boolean;
  /** `count = ...`, when set. */
  readonly count?: Attribute;
  /** `for_each = ...`, when set. */
  readonly forEach?: Attribute;
}

/** A `module` block. */
export interface ModuleCallDecl {
  /** Its name. */
  readonly name: string;
  /** The block. */
  readonly block: Block;
  /** Its file. */
  readonly source: HclSource;
  /** The `source` argument when it is a literal string. */
  readonly sourcePath?: string;
  /** `count = ...`, when set. */
  readonly count?: Attribute;
  /** `for_each = ...`, when set. */
  readonly forEach?: Attribute;
  /** Input arguments, by name. */
  readonly args: ReadonlyMap<string, Attribute>;
  /** Read for its values only. */
  readonly context: boolean;
}

interface VariableDecl {
  readonly block: Block;
  readonly source: HclSource;
  readonly default?: Attribute;
  readonly type?: Attribute;
  readonly nullable?: Attribute;
}

interface Located<T> {
  readonly item: T;
  readonly source: HclSource;
}

/** One parsed file of a module. */
export interface ModuleFile {
  /** The parse. */
  readonly parsed: ParsedHcl;
  /** Read for values only (a sibling of an explicitly given file): its resources are not reported. */
  readonly context: boolean;
}

/** The declarations of one module (the `.tf` files of one folder). */
export class HclModule {
  /** Resources and data sources: `type.name` and `data.type.name`. */
  readonly resources = new Map<string, ResourceDecl>();
  /** Module calls by name. */
  readonly calls = new Map<string, ModuleCallDecl>();
  /** Variables by name. */
  readonly variables = new Map<string, VariableDecl>();
  /** Locals by name. */
  readonly locals = new Map<string, Located<Attribute>>();
  /** Outputs by name. */
  readonly outputs = new Map<string, Located<Block>>();
  /** `terraform` blocks. */
  readonly terraformBlocks: Array<Located<Block>> = [];
  /** `provider` blocks. */
  readonly providerBlocks: Array<Located<Block>> = [];

  constructor(
    /** The module's identity (its folder, as the workflow names it). */
    readonly key: string,
    /** Its files. */
    readonly files: readonly ModuleFile[],
  ) {
    for (const { parsed, context } of files) {
      const source = parsed.source;
      for (const item of parsed.body.items) {
        if (item.kind !== 'block') continue;
        const l0 = item.labels[0];
        const l1 = item.labels[1];
        switch (item.type) {
          case 'resource':
          case 'data': {
            // Terraform rejects any other number of labels (terraform-validate.ts reports it).
            if (l0 === undefined || l1 === undefined || item.labels.length !== 2) break;
            // Most blocks of a configuration are resources: look up only their two meta-arguments.
            const count = lastAttribute(item.body, 'count');
            const forEach = lastAttribute(item.body, 'for_each');
            // Built without spreads (the same keys, in the same order): thousands of resources.
            const decl: { -readonly [K in keyof ResourceDecl]: ResourceDecl[K] } = { mode: item.type === 'data' ? 'data' : 'managed', type: l0, name: l1, block: item, source, context };
            if (count) decl.count = count;
            if (forEach) decl.forEach = forEach;
            this.resources.set(item.type === 'data' ? `data.${l0}.${l1}` : `${l0}.${l1}`, decl);
            break;
          }
          case 'module': {
            if (l0 === undefined) break;
            const attrs = attributesOf(item.body);
            const src = attrs.get('source');
            const literal = src?.expr.kind === 'literal' && typeof src.expr.value === 'string' ? src.expr.value : undefined;
            const args = new Map<string, Attribute>();
            for (const [k, a] of attrs) if (!META_ATTRIBUTES.has(k)) args.set(k, a);
            const count = attrs.get('count');
            const forEach = attrs.get('for_each');
            this.calls.set(l0, { name: l0, block: item, source, args, context, ...(literal !== undefined ? { sourcePath: literal } : {}), ...(count ? { count } : {}), ...(forEach ? { forEach } : {}) });
            break;
          }
          case 'variable': {
            if (l0 === undefined) break;
            const attrs = attributesOf(item.body);
            this.variables.set(l0, { block: item, source, ...opt('default', attrs.get('default')), ...opt('type', attrs.get('type')), ...opt('nullable', attrs.get('nullable')) });
            break;
          }
          case 'locals':
            for (const a of item.body.items) if (a.kind === 'attribute') this.locals.set(a.name, { item: a, source });
            break;
          case 'output':
            if (l0 !== undefined) this.outputs.set(l0, { item, source });
            break;
          case 'terraform':
            this.terraformBlocks.push({ item, source });
            break;
          case 'provider':
            this.providerBlocks.push({ item, source });
            break;
          default:
            break;
        }
      }
    }
  }
}

/** Whether `key` is not in `seen` yet (it is afterwards). */
function firstTime(seen: Set<string>, key: string): boolean {
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}

/** The last attribute `name` of a body (the one {@link attributesOf} keeps), without building the map. */
export function lastAttribute(body: Body, name: string): Attribute | undefined {
  const items = body.items;
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    if (item.kind === 'attribute' && item.name === name) return item;
  }
  return undefined;
}

function opt<K extends string, V>(k: K, v: V | undefined): { [P in K]?: V } {
  return (v === undefined ? {} : { [k]: v }) as { [P in K]?: V };
}

/** A value given to a root module variable by a `.tfvars` file. */
export interface VarValue {
  /** The value. */
  readonly value: unknown;
  /** Where it is written. */
  readonly at: ArgumentLocation;
}

/** `count.index` / `each` of one resource or module instance. */
interface Iteration {
  /** Instance key as Terraform writes it (`[0]`, `["eu"]`, `[*]`); absent for a single instance. */
  readonly key?: string;
  readonly countIndex?: number | Unknown;
  readonly each?: { readonly key: unknown; readonly value: unknown };
}

/** One instance of a resource. */
export interface ResourceInstance {
  /** Its declaration. */
  readonly decl: ResourceDecl;
  /** Its iteration. */
  readonly iter: Iteration;
  /** Full address: `module.a.azurerm_container_registry.main[0]`. */
  readonly address: string;
}

/** Resolves module sources: the child module of `parent` for a `source` string. */
export type ModuleLookup = (parent: HclModule, source: string) => HclModule | undefined;

const SINGLE: Iteration = {};

/** Resolves no name: a variable's type, default and `nullable` are literals. */
const NO_RESOLVER: Resolver = { resolve: () => undefined };

/** No `for` or `dynamic` names: shared by every environment without any (a name is bound in a copy). */
const NO_NAMES: ReadonlyMap<string, unknown> = new Map();

/** The instances of a `count` / `for_each` (a single one when neither is set). */
function expand(count: Attribute | undefined, forEach: Attribute | undefined, env: EvalEnv): Iteration[] {
  if (count) {
    const raw = evaluate(count.expr, env);
    let n: unknown = raw;
    try {
      n = asNumber(raw, 'count');
    } catch {
      /* not a number: unknown instances below */
    }
    if (typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 10_000) return Array.from({ length: n }, (_, i) => ({ key: `[${i}]`, countIndex: i }));
    const why = isUnknown(n) ? n : unknown(`count ${JSON.stringify(n)} is not a whole number`);
    return [{ key: '[*]', countIndex: derived(why, undefined) }];
  }
  if (forEach) {
    const fe = evaluate(forEach.expr, env);
    if (Array.isArray(fe) && fe.every((x) => typeof x === 'string')) {
      return [...new Set(fe as string[])].sort().map((k) => ({ key: `[${JSON.stringify(k)}]`, each: { key: k, value: k } }));
    }
    if (isObject(fe)) {
      return Object.keys(fe)
        .sort()
        .map((k) => ({ key: `[${JSON.stringify(k)}]`, each: { key: k, value: fe[k] } }));
    }
    const why = isUnknown(fe) ? fe : Array.isArray(fe) ? unknown('for_each holds values that are not known strings') : unknown('for_each is not a map or a set of strings');
    return [{ key: '[*]', each: { key: derived(why, undefined), value: derived(why, undefined) } }];
  }
  return [SINGLE];
}

/** The key value of an instance key for lookups (`0`, `"eu"`). */
function keyValue(iter: Iteration): unknown {
  if (iter.countIndex !== undefined) return iter.countIndex;
  return iter.each?.key;
}

/** The evaluation of one configuration: its module instances, resource instances and results. */
export class ConfigEvaluation {
  private readonly guard = new Set<string>();

  constructor(
    /** Finds child modules. */
    readonly lookup: ModuleLookup,
  ) {}

  /** Runs `f` unless `key` is already being evaluated (a reference cycle): then `cycle()`. */
  guarded<T>(key: string, f: () => T, cycle: () => T): T {
    if (this.guard.has(key)) return cycle();
    this.guard.add(key);
    try {
      return f();
    } finally {
      this.guard.delete(key);
    }
  }
}

/** An instance of a module: the root, or one instance of a module call. */
export class ModuleInstance {
  private readonly localValues = new Map<string, unknown>();
  private readonly varValues = new Map<string, { value: unknown; at?: ArgumentLocation }>();
  private readonly resourceCache = new Map<ResourceDecl, ResourceInstance[]>();
  /** The environment of each file with no iteration, names or instance tag: the one most expressions use. */
  private readonly plainEnvs = new Map<HclSource, EvalEnv>();
  private readonly childCache = new Map<string, Array<{ iter: Iteration; instance: ModuleInstance | undefined }>>();

  constructor(
    /** The whole evaluation. */
    readonly config: ConfigEvaluation,
    /** Its module. */
    readonly module: HclModule,
    /** `''` for the root, else `module.a`, `module.a[0]`, `module.a.module.b`. */
    readonly path: string,
    /** The caller, for a child. */
    readonly parent?: { readonly instance: ModuleInstance; readonly call: ModuleCallDecl; readonly iter: Iteration },
    /** Root module variable values from `.tfvars` files. */
    readonly rootVars?: ReadonlyMap<string, VarValue>,
  ) {}

  /** An evaluation environment in this instance for an expression of `source`. */
  env(source: HclSource, iter: Iteration = SINGLE, names: ReadonlyMap<string, unknown> = NO_NAMES, instanceTag?: string): EvalEnv {
    // An environment is never changed once made: the plain one of a file is made once.
    const plain = iter === SINGLE && names === NO_NAMES && !instanceTag;
    if (plain) {
      const known = this.plainEnvs.get(source);
      if (known) return known;
    }
    const resolver: Resolver = { resolve: (root, steps, at, env) => this.resolve(root, steps, at, env, iter) };
    const env: { -readonly [K in keyof EvalEnv]: EvalEnv[K] } = { source, resolver, names };
    if (this.path) env.tag = this.path;
    if (instanceTag) env.instanceTag = instanceTag;
    if (plain) this.plainEnvs.set(source, env);
    return env;
  }

  /** The value of `var.name` and where it was set. */
  variable(name: string): { value: unknown; at?: ArgumentLocation } {
    const cached = this.varValues.get(name);
    if (cached) return cached;
    const out = this.config.guarded(`${this.path}|var.${name}`, () => this.computeVariable(name), () => ({ value: unknown(`var.${name} refers to itself`) }));
    this.varValues.set(name, out);
    return out;
  }

  private computeVariable(name: string): { value: unknown; at?: ArgumentLocation } {
    const decl = this.module.variables.get(name);
    const id = `\${var.${name}}${this.path ? ` in ${this.path}` : ''}`;
    if (!decl) return { value: unknown(`var.${name} is not declared in ${this.where()}`, id) };
    const literal = (e: Expr): unknown => evaluate(e, { source: decl.source, resolver: NO_RESOLVER, names: NO_NAMES });
    const typed = (v: unknown): unknown => convertVariable(name, v, decl.type?.expr, literal);
    const nullable = decl.nullable ? literal(decl.nullable.expr) !== false : true;
    let given: { value: unknown; at?: ArgumentLocation } | undefined;
    if (this.parent) {
      const arg = this.parent.call.args.get(name);
      if (arg) {
        const { instance, call, iter } = this.parent;
        given = { value: evaluate(arg.expr, instance.env(call.source, iter, undefined, iter.key ? `${instance.path ? `${instance.path}.` : ''}module.${call.name}${iter.key}` : undefined)), at: instance.argumentAt(arg, call.source, iter) };
      }
    } else {
      const v = this.rootVars?.get(name);
      if (v) given = { value: v.value, at: v.at };
    }
    if (given && !(given.value === null && !nullable)) return { value: typed(given.value), ...(given.at ? { at: given.at } : {}) };
    if (decl.default) return { value: typed(literal(decl.default.expr)) };
    const reason = this.parent
      ? `var.${name} has no default and ${this.path} does not set it`
      : `var.${name} has no default and no value in terraform.tfvars, *.auto.tfvars or --var-file`;
    return { value: unknown(reason, id) };
  }

  /**
   * Where the value of `attr` is written: for `x = var.y` in a child module, the caller's
   * argument (and so on up); for a root variable, its `.tfvars` line; else `attr` itself.
   */
  argumentAt(attr: Attribute, source: HclSource, iter: Iteration = SINGLE): ArgumentLocation {
    void iter;
    // `var.<name>`: the traversal of one attribute step from the root name `var`.
    const e = attr.expr;
    if (e.kind === 'attr' && e.target.kind === 'name' && e.target.name === 'var') {
      const at = this.variable(e.name).at;
      if (at) return at;
    }
    return { file: source.file, line: attr.line };
  }

  private where(): string {
    return this.path || 'the root module';
  }

  /** The value of `local.name`. */
  local(name: string): unknown {
    if (this.localValues.has(name)) return this.localValues.get(name);
    const decl = this.module.locals.get(name);
    const id = `\${local.${name}}${this.path ? ` in ${this.path}` : ''}`;
    const v = !decl
      ? unknown(`local.${name} is not declared in ${this.where()}`, id)
      : this.config.guarded(`${this.path}|local.${name}`, () => evaluate(decl.item.expr, this.env(decl.source)), () => unknown(`local.${name} refers to itself`));
    this.localValues.set(name, v);
    return v;
  }

  /** The instances of a resource declared in this module. */
  resourceInstances(decl: ResourceDecl): ResourceInstance[] {
    const cached = this.resourceCache.get(decl);
    if (cached) return cached;
    const k = `${decl.mode === 'data' ? 'data.' : ''}${decl.type}.${decl.name}`;
    const prefix = this.path ? `${this.path}.` : '';
    const list = (decl.count || decl.forEach ? expand(decl.count, decl.forEach, this.env(decl.source)) : [SINGLE]).map((iter) => ({ decl, iter, address: `${prefix}${k}${iter.key ?? ''}` }));
    this.resourceCache.set(decl, list);
    return list;
  }

  /** The instances of a module call (`instance` undefined when its source is not read). */
  childInstances(call: ModuleCallDecl): Array<{ iter: Iteration; instance: ModuleInstance | undefined }> {
    const cached = this.childCache.get(call.name);
    if (cached) return cached;
    let child = call.sourcePath !== undefined ? this.config.lookup(this.module, call.sourcePath) : undefined;
    // A module that calls itself (directly or through others) never ends: Terraform rejects it, acrkit stops.
    for (let p = this.parent; p && child; p = p.instance.parent) if (p.instance.module === child) child = undefined;
    if (child === this.module) child = undefined;
    const prefix = this.path ? `${this.path}.` : '';
    const list = expand(call.count, call.forEach, this.env(call.source)).map((iter) => ({
      iter,
      instance: child ? new ModuleInstance(this.config, child, `${prefix}module.${call.name}${iter.key ?? ''}`, { instance: this, call, iter }) : undefined,
    }));
    this.childCache.set(call.name, list);
    return list;
  }

  /** The value of an output of this instance. */
  output(name: string): unknown {
    const decl = this.module.outputs.get(name);
    if (!decl) throw new EvalFailure(`${this.where()} has no output ${JSON.stringify(name)}`);
    const value = lastAttribute(decl.item.body, 'value');
    if (!value) return unknown(`output ${name} of ${this.where()} has no value`);
    return this.config.guarded(`${this.path}|output.${name}`, () => evaluate(value.expr, this.env(decl.source)), () => unknown(`output ${name} of ${this.where()} refers to itself`));
  }

  /** The value of one attribute (or nested block list) of a resource instance, as written. */
  resourceAttribute(inst: ResourceInstance, name: string, id: string | undefined): unknown {
    const body = inst.decl.block.body;
    const attr = lastAttribute(body, name);
    const hasBlocks = body.items.some((i) => i.kind === 'block' && (i.type === name || (i.type === 'dynamic' && i.labels[0] === name)));
    if (!attr && !hasBlocks) return unknown(`${inst.address}.${name} is known only after apply`, id);
    return this.config.guarded(
      `${inst.address}|${name}`,
      () => {
        const env = this.env(inst.decl.source, inst.iter, undefined, inst.address);
        if (attr) return evaluate(attr.expr, env);
        return evalBody({ items: body.items.filter((i) => i.kind === 'block' && (i.type === name || (i.type === 'dynamic' && i.labels[0] === name))) }, env, this, '', undefined, undefined)[name];
      },
      () => unknown(`${inst.address}.${name} refers to itself`, id),
    );
  }

  private resolve(root: string, steps: readonly Step[], at: Expr, env: EvalEnv, iter: Iteration): Resolved | undefined {
    const first = steps[0];
    const firstName = first?.kind === 'attr' ? first.name : undefined;
    const idAt = (n: number): string | undefined => identity(n === 0 ? at : steps[n - 1]!.node, env);
    switch (root) {
      case 'var':
        return firstName === undefined ? { value: unknown('var needs a variable name', idAt(0)), consumed: 0 } : { value: this.variable(firstName).value, consumed: 1 };
      case 'local':
        return firstName === undefined ? { value: unknown('local needs a name', idAt(0)), consumed: 0 } : { value: this.local(firstName), consumed: 1 };
      case 'count':
        if (firstName === 'index' && iter.countIndex !== undefined) return { value: iter.countIndex, consumed: 1 };
        return { value: unknown('count.index is only known in a resource or module with count', idAt(1)), consumed: Math.min(1, steps.length) };
      case 'each':
        if ((firstName === 'key' || firstName === 'value') && iter.each) return { value: iter.each[firstName], consumed: 1 };
        return { value: unknown('each is only known in a resource or module with for_each', idAt(1)), consumed: Math.min(1, steps.length) };
      case 'path':
        return { value: unknown(`path.${firstName ?? ''} is a file system path`, idAt(1)), consumed: Math.min(1, steps.length) };
      case 'terraform':
        return { value: unknown('terraform.workspace depends on the workspace selected when Terraform runs', idAt(1)), consumed: Math.min(1, steps.length) };
      case 'self':
        return { value: unknown('self is only known when Terraform runs'), consumed: 0 };
      case 'data': {
        const second = steps[1];
        const n = Math.min(steps.length, second ? 2 : 1);
        return { value: unknown(`data.${firstName ?? ''}${second?.kind === 'attr' ? `.${second.name}` : ''} is read when Terraform plans`, idAt(n)), consumed: n };
      }
      case 'module':
        return this.resolveModule(steps, env, idAt);
      default:
        return this.resolveResource(root, steps, env, idAt);
    }
  }

  private resolveModule(steps: readonly Step[], env: EvalEnv, idAt: (n: number) => string | undefined): Resolved {
    const first = steps[0];
    if (first?.kind !== 'attr') return { value: unknown('module needs a module name', idAt(0)), consumed: 0 };
    const call = this.module.calls.get(first.name);
    if (!call) return { value: unknown(`module.${first.name} is not declared in ${this.where()}`, idAt(1)), consumed: 1 };
    const list = this.childInstances(call);
    let inst: { iter: Iteration; instance: ModuleInstance | undefined } | undefined;
    let at = 1;
    if (call.count || call.forEach) {
      const step = steps[1];
      if (step?.kind !== 'index') return { value: unknown(`module.${call.name} has ${call.count ? 'count' : 'for_each'}: its outputs need an instance key`, idAt(1)), consumed: Math.min(steps.length, 2) };
      const key = evaluate(step.key, env);
      if (isUnknown(key)) return { value: derived(key, idAt(2)), consumed: 2 };
      inst = list.find((x) => x.iter.key !== '[*]' && String(keyValue(x.iter)) === String(key));
      if (!inst) {
        if (list.some((x) => x.iter.key === '[*]')) return { value: unknown(`the instances of module.${call.name} are not known`, idAt(2)), consumed: 2 };
        throw new EvalFailure(`module.${call.name} has no instance ${JSON.stringify(key)}`);
      }
      at = 2;
    } else inst = list[0];
    const out = steps[at];
    if (out?.kind !== 'attr') return { value: unknown(`module.${call.name} as a whole is not evaluated by acrkit`, idAt(at)), consumed: at };
    if (!inst?.instance) return { value: unknown(`module.${call.name} comes from ${JSON.stringify(call.sourcePath ?? '(no literal source)')}, which acrkit does not read`, idAt(at + 1)), consumed: at + 1 };
    return { value: inst.instance.output(out.name), consumed: at + 1 };
  }

  private resolveResource(type: string, steps: readonly Step[], env: EvalEnv, idAt: (n: number) => string | undefined): Resolved | undefined {
    const first = steps[0];
    if (first?.kind !== 'attr') return undefined;
    const decl = this.module.resources.get(`${type}.${first.name}`);
    if (!decl) return undefined;
    const list = this.resourceInstances(decl);
    const counted = decl.count !== undefined || decl.forEach !== undefined;
    let inst: ResourceInstance | undefined;
    let at = 1;
    if (counted) {
      const step = steps[1];
      if (step?.kind === 'splat') {
        if (list.some((x) => x.iter.key === '[*]')) return { value: unknown(`the instances of ${type}.${first.name} are not known`, idAt(2)), consumed: 2 };
        const attr = step.each.kind === 'attr' && step.each.target.kind === 'splat-item' ? step.each.name : undefined;
        if (attr === undefined) return { value: unknown(`${type}.${first.name}[*] is not evaluated by acrkit`, idAt(2)), consumed: 2 };
        return { value: list.map((x) => this.resourceAttribute(x, attr, undefined)), consumed: 2 };
      }
      if (step?.kind !== 'index') return { value: unknown(`${type}.${first.name} has ${decl.count ? 'count' : 'for_each'}: its attributes need an instance key`, idAt(Math.min(steps.length, 2))), consumed: Math.min(steps.length, 2) };
      const key = evaluate(step.key, env);
      if (isUnknown(key)) return { value: derived(key, idAt(2)), consumed: 2 };
      inst = list.find((x) => x.iter.key !== '[*]' && String(keyValue(x.iter)) === String(key));
      if (!inst) {
        if (list.some((x) => x.iter.key === '[*]')) return { value: unknown(`the instances of ${type}.${first.name} are not known`, idAt(2)), consumed: 2 };
        throw new EvalFailure(`${type}.${first.name} has no instance ${JSON.stringify(key)}`);
      }
      at = 2;
    } else inst = list[0];
    const attrStep = steps[at];
    if (attrStep?.kind !== 'attr' || !inst) return { value: unknown(`${type}.${first.name} as a whole is known only after apply`, idAt(at)), consumed: at };
    return { value: this.resourceAttribute(inst, attrStep.name, idAt(at + 1)), consumed: at + 1 };
  }

  /**
   * The references of an expression, as absolute addresses (`module.a.azurerm_x.y[0].id`),
   * followed through variables, locals and module outputs.
   */
  referencesOf(e: Expr, env: EvalEnv, iter: Iteration, out: Set<string>, seen: Set<string>): void {
    // Most expressions of a configuration are literals: nothing to walk.
    if (e.kind === 'literal') return;
    // `var.x` and `local.x`, the most common references: no steps to build.
    if (e.kind === 'attr' && e.target.kind === 'name' && (e.target.name === 'var' || e.target.name === 'local') && !env.names.has(e.target.name)) {
      this.referencesOfName(e.target.name, e.name, out, seen);
      return;
    }
    const flat = flatten(e);
    if (flat) {
      if (!env.names.has(flat.root.name)) this.referencesOfTraversal(flat.root.name, flat.steps, env, iter, out, seen);
      // Index keys and splat traversals may refer too.
      for (const s of flat.steps) {
        if (s.kind === 'index') this.referencesOf(s.key, env, iter, out, seen);
        else if (s.kind === 'splat') this.referencesOf(s.each, env, iter, out, seen);
      }
      return;
    }
    forEachChild(e, referencesOfChild, { instance: this, env, iter, out, seen });
  }

  private referencesOfTraversal(root: string, steps: readonly Step[], env: EvalEnv, iter: Iteration, out: Set<string>, seen: Set<string>): void {
    const prefix = this.path ? `${this.path}.` : '';
    const first = steps[0]?.kind === 'attr' ? steps[0].name : undefined;
    if (first === undefined) return;
    if (root === 'var' || root === 'local') {
      this.referencesOfName(root, first, out, seen);
      return;
    }
    if (root === 'module') {
      const call = this.module.calls.get(first);
      if (!call) return;
      const idx = call.count || call.forEach ? 1 : 0;
      const outName = steps[1 + idx]?.kind === 'attr' ? (steps[1 + idx] as { name: string }).name : undefined;
      if (outName === undefined) return;
      for (const { instance } of this.childInstances(call)) {
        const decl = instance?.module.outputs.get(outName);
        const value = decl ? lastAttribute(decl.item.body, 'value') : undefined;
        if (instance && decl && value && firstTime(seen, `${instance.path}|output.${outName}`)) instance.referencesOf(value.expr, instance.env(decl.source), SINGLE, out, seen);
      }
      return;
    }
    if (root === 'data') {
      const second = steps[1]?.kind === 'attr' ? (steps[1] as { name: string }).name : undefined;
      if (second !== undefined) out.add(`${prefix}data.${first}.${second}`);
      return;
    }
    if (NO_REFERENCE_ROOTS.has(root)) return;
    // A resource: `type.name`, an instance key when it evaluates, and the attribute read.
    let text = `${prefix}${root}.${first}`;
    let at = 1;
    const step = steps[1];
    if (step?.kind === 'index') {
      const key = evaluate(step.key, env);
      text += typeof key === 'number' ? `[${key}]` : typeof key === 'string' ? `[${JSON.stringify(key)}]` : '[*]';
      at = 2;
    } else if (step?.kind === 'splat') {
      text += '[*]';
      const each = step.each;
      if (each.kind === 'attr' && each.target.kind === 'splat-item') text += `.${each.name}`;
      out.add(text);
      return;
    }
    const attr = steps[at];
    if (attr?.kind === 'attr') text += `.${attr.name}`;
    void iter;
    out.add(text);
  }

  /** The references of `var.<name>` (through the caller's argument) or `local.<name>`. */
  private referencesOfName(root: 'var' | 'local', name: string, out: Set<string>, seen: Set<string>): void {
    if (root === 'var') {
      if (!this.parent) return;
      const arg = this.parent.call.args.get(name);
      const { instance, call, iter: callIter } = this.parent;
      if (arg && firstTime(seen, `${this.path}|var.${name}`)) instance.referencesOf(arg.expr, instance.env(call.source, callIter), callIter, out, seen);
      return;
    }
    const decl = this.module.locals.get(name);
    if (decl && firstTime(seen, `${this.path}|local.${name}`)) this.referencesOf(decl.item.expr, this.env(decl.source), SINGLE, out, seen);
  }
}

/** The arguments of {@link ModuleInstance.referencesOf}, for its walk over sub-expressions. */
interface ReferenceWalk {
  readonly instance: ModuleInstance;
  readonly env: EvalEnv;
  readonly iter: Iteration;
  readonly out: Set<string>;
  readonly seen: Set<string>;
}

/** {@link ModuleInstance.referencesOf} of one sub-expression (no closure per expression walked). */
function referencesOfChild(c: Expr, w: ReferenceWalk): void {
  w.instance.referencesOf(c, w.env, w.iter, w.out, w.seen);
}

/** Where each argument of a resource is, by argument path (`georeplications.0.location`). */
export type ArgumentLines = Record<string, ArgumentLocation>;

/**
 * Evaluates a body into values: attributes as values, blocks (static and `dynamic`) as lists
 * of objects in source order. Records argument locations under `prefix` when `lines` is given.
 * At the top level of a resource (`meta`), meta-arguments are left out.
 */
export function evalBody(body: Body, env: EvalEnv, instance: ModuleInstance, prefix: string, lines: ArgumentLines | undefined, meta: 'resource' | undefined, iter: Iteration = SINGLE): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const item of body.items) {
    if (item.kind === 'attribute') {
      if (meta && META_ATTRIBUTES.has(item.name)) continue;
      out[item.name] = evaluate(item.expr, env);
      if (lines) lines[`${prefix}${item.name}`] = instance.argumentAt(item, env.source, iter);
      continue;
    }
    if (meta && META_BLOCKS.has(item.type)) continue;
    if (item.type === 'dynamic') {
      const label = item.labels[0];
      if (label === undefined) continue;
      const attrs = attributesOf(item.body);
      const content = blocksOf(item.body, 'content')[0];
      const feAttr = attrs.get('for_each');
      const fe = feAttr ? evaluate(feAttr.expr, env) : unknown(`dynamic "${label}" has no for_each`);
      const iterFlat = attrs.get('iterator') ? flatten(attrs.get('iterator')!.expr) : undefined;
      const iterName = iterFlat && iterFlat.steps.length === 0 ? iterFlat.root.name : label;
      let entries: Array<[unknown, unknown]> | undefined;
      if (Array.isArray(fe)) entries = fe.map((v, i) => [i, v]);
      else if (isObject(fe)) entries = Object.keys(fe).sort().map((k) => [k, fe[k]]);
      // A for_each passed in from the caller (`for_each = var.replicas`) points at the caller's argument.
      const own = { file: env.source.file, line: item.line };
      const fromCaller = feAttr ? instance.argumentAt(feAttr, env.source, iter) : own;
      const at = fromCaller.file === own.file && fromCaller.line === feAttr?.line ? own : fromCaller;
      if (lines) lines[`${prefix}${label}`] ??= at;
      if (!entries || !content) {
        out[label] = isUnknown(fe) ? unknown(`dynamic "${label}" iterates over ${fe.reason}`, fe.expression) : unknown(`dynamic "${label}" for_each is not a collection`);
        continue;
      }
      for (const [key, value] of entries) {
        const names = new Map(env.names);
        names.set(iterName, { key, value });
        const i = pushBlock(out, label);
        if (i < 0) break;
        const v = evalBody(content.body, { ...env, names }, instance, `${prefix}${label}.${i}.`, lines, undefined, iter);
        (out[label] as unknown[])[i] = v;
        if (lines) lines[`${prefix}${label}.${i}`] = at;
      }
      continue;
    }
    const i = pushBlock(out, item.type);
    if (i < 0) continue;
    (out[item.type] as unknown[])[i] = evalBody(item.body, env, instance, `${prefix}${item.type}.${i}.`, lines, undefined, iter);
    if (lines) {
      lines[`${prefix}${item.type}.${i}`] = { file: env.source.file, line: item.line };
      lines[`${prefix}${item.type}`] ??= { file: env.source.file, line: item.line };
    }
  }
  return out;
}

/**
 * Adds a slot for one more block `name` to the values of a body: its index in the list, or -1
 * when the name holds an Unknown (the list is not known).
 */
function pushBlock(out: Record<string, unknown>, name: string): number {
  const cur = out[name];
  if (isUnknown(cur)) return -1;
  const list = Array.isArray(cur) ? cur : [];
  list.push(undefined);
  out[name] = list;
  return list.length - 1;
}

/**
 * Every resource instance of `instance` and of its child module instances, depth first; with
 * `want`, only those of the resources it accepts (the others in the same order).
 */
export function allResourceInstances(
  instance: ModuleInstance,
  out: Array<{ instance: ModuleInstance; res: ResourceInstance }> = [],
  want?: (decl: ResourceDecl) => boolean,
): Array<{ instance: ModuleInstance; res: ResourceInstance }> {
  for (const decl of instance.module.resources.values()) {
    if (decl.mode !== 'managed' || (want && !want(decl))) continue;
    for (const res of instance.resourceInstances(decl)) out.push({ instance, res });
  }
  for (const call of instance.module.calls.values()) {
    for (const c of instance.childInstances(call)) if (c.instance) allResourceInstances(c.instance, out, want);
  }
  return out;
}

/**
 * One resource instance as a {@link RawResource}: values, references per argument, argument lines.
 *
 * @param azurermMajor the azurerm major of its configuration, when known (`source.azurermMajor`)
 */
export function rawResource(instance: ModuleInstance, res: ResourceInstance, azurermMajor?: number): RawResource {
  const { decl, iter } = res;
  const env = instance.env(decl.source, iter, undefined, res.address);
  const lines: ArgumentLines = {};
  const values = evalBody(decl.block.body, env, instance, '', lines, 'resource', iter);
  // No prototype: an argument named `constructor` or `__proto__` is a key like any other.
  const refs: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  // Emptied for each item (fewer sets to make: a resource has a dozen arguments).
  const found = new Set<string>();
  // One `seen` for the item: what a second expression would find again is in `found` already.
  const seen = new Set<string>();
  for (const item of decl.block.body.items) {
    // A literal refers to nothing (most arguments).
    if (item.kind === 'attribute' && item.expr.kind === 'literal') continue;
    const name = item.kind === 'attribute' ? item.name : item.type === 'dynamic' ? item.labels[0] : item.type;
    if (name === undefined || META_ATTRIBUTES.has(name) || (item.kind === 'block' && META_BLOCKS.has(item.type))) continue;
    found.clear();
    seen.clear();
    if (item.kind === 'attribute') instance.referencesOf(item.expr, env, iter, found, seen);
    else forEachBodyExpression(item.body, (e) => instance.referencesOf(e, env, iter, found, seen));
    if (found.size) {
      const list = refs[name] ?? (refs[name] = []);
      for (const r of found) list.push(r);
    }
  }
  const line = decl.block.line;
  const source: { -readonly [K in keyof RawResource['source']]: RawResource['source'][K] } = { kind: 'hcl', file: decl.source.file, line, arguments: lines };
  if (azurermMajor !== undefined) source.azurermMajor = azurermMajor;
  return {
    type: decl.type,
    name: decl.name,
    address: res.address,
    module: instance.path,
    ...(iter.key !== undefined ? { instanceKey: iter.key } : {}),
    values,
    refs,
    refsFromRoot: true,
    source,
  };
}

/** Calls `f` on every expression inside a body (nested blocks included), in source order. */
function forEachBodyExpression(body: Body, f: (e: Expr) => void): void {
  for (const i of body.items) {
    if (i.kind === 'attribute') f(i.expr);
    else forEachBodyExpression(i.body, f);
  }
}

/** The 1-based line of an expression in its file. */
export function exprLine(e: Expr, source: HclSource): number {
  return lineOf(source, e.start);
}

