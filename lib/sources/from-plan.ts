/**
 * Terraform plan JSON (`terraform show -json plan.tfplan`) to RegistrySpecs, following
 * Terraform's documented JSON output format: `planned_values` (root module and child
 * modules, recursively) for the registries after apply, `resource_changes` for actions and
 * `after_unknown` (values known only after apply become Unknown), and `configuration` for
 * the references that link companion resources to their registry.
 */
import { InputError } from '../errors.js';
import type { RegistrySpec } from '../model/registry-spec.js';
import { unknown } from '../model/unknown.js';
import { assemble, REGISTRY_TYPE, type AssembleOptions } from './assemble.js';
import type { SourceResult } from './from-tf-json.js';
import { pointer } from '../input/pointer.js';
import type { RawResource } from './raw-resource.js';
import { isPlainObject, preview } from './values.js';
import type { Mutable } from '../mutable.js';

/** A Terraform plan action. */
export type PlanAction = 'no-op' | 'create' | 'read' | 'update' | 'delete' | 'forget';

/** One entry of `resource_changes`, with the registry before and after where it is one. */
export interface PlanResourceChange {
  /** Full resource address. */
  readonly address: string;
  /** Resource type. */
  readonly type: string;
  /** Actions: `["create"]`, `["update"]`, `["delete","create"]` (replace), ... */
  readonly actions: readonly PlanAction[];
  /** Whether the change replaces the resource (delete and create in either order). */
  readonly replace: boolean;
  /** JSON pointer of the change in the plan file. */
  readonly pointer: string;
  /**
   * The registry before the change (registries only; absent for a create).
   * @default - not a registry, or nothing before
   */
  readonly before?: RegistrySpec;
  /**
   * The registry after the change (registries only; absent for a delete).
   * @default - not a registry, or nothing after
   */
  readonly after?: RegistrySpec;
  /**
   * Attribute values before the change, as the plan gives them (any resource type).
   * @default - nothing before (a create)
   */
  readonly beforeValues?: Readonly<Record<string, unknown>>;
  /**
   * Attribute values after the change, with values known only after apply as Unknown.
   * @default - nothing after (a delete)
   */
  readonly afterValues?: Readonly<Record<string, unknown>>;
}

/** Whether a parsed JSON document is a Terraform plan. */
export function isPlanJson(doc: unknown): boolean {
  return isPlainObject(doc) && 'format_version' in doc && ('planned_values' in doc || 'resource_changes' in doc);
}

interface Ctx {
  readonly file: string;
  readonly errors: InputError[];
  readonly refs: Map<string, Record<string, string[]>>;
  readonly unknowns: Map<string, unknown>;
}

/**
 * Reads a plan document into RegistrySpecs (the planned state).
 *
 * @param options.lineOf the 1-based line of a registry in `file`, by address (default: none)
 */
export function fromPlan(doc: unknown, file: string, options?: AssembleOptions): SourceResult {
  const errors: InputError[] = [];
  if (!isPlanJson(doc)) {
    errors.push(new InputError({ file, pointer: '' }, `a Terraform plan must be an object with format_version and planned_values or resource_changes, got ${preview(doc)}: pass the output of terraform show -json plan.tfplan.`));
    return { registries: [], errors };
  }
  const d = doc as Record<string, unknown>;
  if (typeof d.format_version !== 'string') {
    errors.push(new InputError({ file, pointer: '/format_version' }, `format_version must be a string such as "1.2", got ${preview(d.format_version)}: pass the output of terraform show -json.`));
  }
  const ctx: Ctx = { file, errors, refs: configRefs(d.configuration), unknowns: new Map() };
  const changes = changeList(d, ctx);
  for (const c of changes) if (c.afterUnknown !== undefined) ctx.unknowns.set(c.address, c.afterUnknown);
  let resources: RawResource[];
  if (d.planned_values !== undefined) {
    if (!isPlainObject(d.planned_values)) {
      errors.push(new InputError({ file, pointer: '/planned_values' }, `planned_values must be an object with root_module, got ${preview(d.planned_values)}: pass the output of terraform show -json.`));
      resources = [];
    } else {
      resources = [];
      const root = d.planned_values.root_module;
      if (root !== undefined) walkModule(root, '/planned_values/root_module', ctx, resources);
    }
  } else {
    resources = changes.filter((c) => c.after !== undefined).map((c) => raw(c.address, c.type, c.name, c.module, c.index, c.after!, c.pointer, ctx, c.afterUnknown));
  }
  return { registries: assemble(resources, errors, options), errors };
}

/**
 * Every `resource_changes` entry with its actions, and for registries the spec before and
 * after the change (companions of the same configuration linked in both).
 */
export function planChanges(doc: unknown, file: string): { changes: PlanResourceChange[]; errors: InputError[] } {
  const errors: InputError[] = [];
  if (!isPlanJson(doc)) {
    errors.push(new InputError({ file, pointer: '' }, `a Terraform plan must be an object with format_version and resource_changes, got ${preview(doc)}: pass the output of terraform show -json plan.tfplan.`));
    return { changes: [], errors };
  }
  const d = doc as Record<string, unknown>;
  const ctx: Ctx = { file, errors, refs: configRefs(d.configuration), unknowns: new Map() };
  const list = changeList(d, ctx);
  const beforeRes = list.filter((c) => c.before !== undefined).map((c) => raw(c.address, c.type, c.name, c.module, c.index, c.before!, c.pointer, ctx, undefined));
  const afterRes = list.filter((c) => c.after !== undefined).map((c) => raw(c.address, c.type, c.name, c.module, c.index, c.after!, c.pointer, ctx, c.afterUnknown));
  const before = new Map(assemble(beforeRes, errors).map((s) => [s.address, s]));
  const after = new Map(assemble(afterRes, errors).map((s) => [s.address, s]));
  const changes = list.map((c): PlanResourceChange => {
    const isReg = c.type === REGISTRY_TYPE;
    const b = isReg ? before.get(c.address) : undefined;
    const a = isReg ? after.get(c.address) : undefined;
    return {
      address: c.address,
      type: c.type,
      actions: c.actions,
      replace: c.actions.includes('delete') && c.actions.includes('create'),
      pointer: c.pointer,
      ...(b ? { before: b } : {}),
      ...(a ? { after: a } : {}),
      ...(c.before ? { beforeValues: c.before } : {}),
      ...(c.after ? { afterValues: markUnknown(c.after, c.afterUnknown, '') as Record<string, unknown> } : {}),
    };
  });
  return { changes, errors };
}

interface Change {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly module: string;
  readonly index: unknown;
  readonly actions: PlanAction[];
  readonly before?: Record<string, unknown>;
  readonly after?: Record<string, unknown>;
  readonly afterUnknown?: unknown;
  readonly pointer: string;
}

const ACTIONS: readonly PlanAction[] = ['no-op', 'create', 'read', 'update', 'delete', 'forget'];

function changeList(d: Record<string, unknown>, ctx: Ctx): Change[] {
  const rc = d.resource_changes;
  if (rc === undefined) return [];
  if (!Array.isArray(rc)) {
    ctx.errors.push(new InputError({ file: ctx.file, pointer: '/resource_changes' }, `resource_changes must be a list, got ${preview(rc)}: pass the output of terraform show -json.`));
    return [];
  }
  const out: Change[] = [];
  rc.forEach((c, i) => {
    const ptr = pointer('resource_changes', i);
    if (!isPlainObject(c) || typeof c.address !== 'string' || typeof c.type !== 'string' || typeof c.name !== 'string' || !isPlainObject(c.change)) {
      ctx.errors.push(new InputError({ file: ctx.file, pointer: ptr }, `each resource change must have address, type, name and change, got ${preview(c)}: pass the output of terraform show -json.`));
      return;
    }
    if (c.mode === 'data') return;
    const actions = c.change.actions;
    if (!Array.isArray(actions) || !actions.every((a) => ACTIONS.includes(a as PlanAction))) {
      ctx.errors.push(new InputError({ file: ctx.file, pointer: `${ptr}/change/actions` }, `${c.address}: change.actions must be a list of ${ACTIONS.join(', ')}, got ${preview(actions)}: pass the output of terraform show -json.`));
      return;
    }
    const before = c.change.before;
    const after = c.change.after;
    out.push({
      address: c.address,
      type: c.type,
      name: c.name,
      module: typeof c.module_address === 'string' ? c.module_address : '',
      index: c.index,
      actions: actions as PlanAction[],
      ...(isPlainObject(before) ? { before } : {}),
      ...(isPlainObject(after) ? { after } : {}),
      ...(c.change.after_unknown !== undefined ? { afterUnknown: c.change.after_unknown } : {}),
      pointer: ptr,
    });
  });
  return out;
}

function walkModule(mod: unknown, ptr: string, ctx: Ctx, out: RawResource[]): void {
  if (!isPlainObject(mod)) {
    ctx.errors.push(new InputError({ file: ctx.file, pointer: ptr }, `a module in planned_values must be an object with resources, got ${preview(mod)}: pass the output of terraform show -json.`));
    return;
  }
  const moduleAddress = typeof mod.address === 'string' ? mod.address : '';
  if (mod.resources !== undefined) {
    if (!Array.isArray(mod.resources)) {
      ctx.errors.push(new InputError({ file: ctx.file, pointer: `${ptr}/resources` }, `resources must be a list, got ${preview(mod.resources)}: pass the output of terraform show -json.`));
    } else {
      mod.resources.forEach((r, i) => {
        const rp = `${ptr}/resources/${i}`;
        if (!isPlainObject(r) || typeof r.address !== 'string' || typeof r.type !== 'string' || typeof r.name !== 'string') {
          ctx.errors.push(new InputError({ file: ctx.file, pointer: rp }, `each planned resource must have address, type and name, got ${preview(r)}: pass the output of terraform show -json.`));
          return;
        }
        if (r.mode === 'data') return;
        const values = r.values === undefined || r.values === null ? {} : r.values;
        if (!isPlainObject(values)) {
          ctx.errors.push(new InputError({ file: ctx.file, pointer: `${rp}/values` }, `${r.address}: values must be an object of attributes, got ${preview(values)}: pass the output of terraform show -json.`));
          return;
        }
        out.push(raw(r.address, r.type, r.name, moduleAddress, r.index, values, rp, ctx, ctx.unknowns.get(r.address)));
      });
    }
  }
  if (mod.child_modules !== undefined) {
    if (!Array.isArray(mod.child_modules)) {
      ctx.errors.push(new InputError({ file: ctx.file, pointer: `${ptr}/child_modules` }, `child_modules must be a list, got ${preview(mod.child_modules)}: pass the output of terraform show -json.`));
    } else {
      mod.child_modules.forEach((m, i) => walkModule(m, `${ptr}/child_modules/${i}`, ctx, out));
    }
  }
}

function raw(address: string, type: string, name: string, module: string, index: unknown, values: Record<string, unknown>, ptr: string, ctx: Ctx, afterUnknown: unknown): RawResource {
  const instanceKey = typeof index === 'number' ? `[${index}]` : typeof index === 'string' ? `[${JSON.stringify(index)}]` : undefined;
  const configKey = `${module.replace(/\[[^\]]*\]/g, '')}${module ? '.' : ''}${type}.${name}`;
  const refs = ctx.refs.get(configKey) ?? {};
  const merged = markUnknown(values, afterUnknown, '') as Record<string, unknown>;
  const source = { kind: 'plan', file: ctx.file, pointer: ptr } as const;
  const res: Mutable<RawResource> = { type, name, address, module, values: merged, refs, source };
  if (instanceKey) res.instanceKey = instanceKey;
  return res;
}

/** Overlays `after_unknown` (true where a value is known only after apply) on `values`. */
function markUnknown(values: unknown, au: unknown, path: string): unknown {
  if (au === true) return unknown(`${path.slice(1) || 'value'} is known only after apply`);
  if (Array.isArray(au)) {
    const list = Array.isArray(values) ? [...values] : [];
    au.forEach((x, i) => {
      if (x !== false && x !== undefined && x !== null) list[i] = markUnknown(list[i], x, `${path}.${i}`);
    });
    return list;
  }
  if (isPlainObject(au)) {
    const obj: Record<string, unknown> = isPlainObject(values) ? { ...values } : {};
    for (const k of Object.keys(au)) {
      const x = au[k];
      if (x === false || x === undefined || x === null) continue;
      obj[k] = markUnknown(obj[k], x, `${path}.${k}`);
    }
    return obj;
  }
  return values;
}

/** References per attribute for each configured resource, keyed `module.a.type.name`. */
function configRefs(configuration: unknown): Map<string, Record<string, string[]>> {
  const out = new Map<string, Record<string, string[]>>();
  const walk = (mod: unknown, prefix: string): void => {
    if (!isPlainObject(mod)) return;
    if (Array.isArray(mod.resources)) {
      for (const r of mod.resources) {
        if (!isPlainObject(r) || typeof r.type !== 'string' || typeof r.name !== 'string' || !isPlainObject(r.expressions)) continue;
        const refs: Record<string, string[]> = {};
        for (const attr of Object.keys(r.expressions)) {
          const found = collectReferences(r.expressions[attr], []);
          if (found.length) refs[attr] = found;
        }
        out.set(`${prefix}${r.type}.${r.name}`, refs);
      }
    }
    if (isPlainObject(mod.module_calls)) {
      for (const [name, call] of Object.entries(mod.module_calls)) {
        if (isPlainObject(call)) walk(call.module, `${prefix}module.${name}.`);
      }
    }
  };
  if (isPlainObject(configuration)) walk(configuration.root_module, '');
  return out;
}

function collectReferences(e: unknown, acc: string[]): string[] {
  if (Array.isArray(e)) for (const x of e) collectReferences(x, acc);
  else if (isPlainObject(e)) {
    if (Array.isArray(e.references)) for (const r of e.references) if (typeof r === 'string') acc.push(r);
    for (const k of Object.keys(e)) if (k !== 'references') collectReferences(e[k], acc);
  }
  return acc;
}
