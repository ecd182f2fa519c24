/**
 * Terraform plan JSON (`terraform show -json plan.tfplan`) to RegistrySpecs, following
 * Terraform's documented JSON output format: `planned_values` (root module and child
 * modules, recursively) for the registries after apply, `resource_changes` for actions and
 * `after_unknown` (values known only after apply become Unknown, unless the tier or the
 * configuration decides them: plan-decide.ts), and `configuration` for the references that
 * link companion resources to their registry and for the azurerm version the plan was made
 * with. Values the plan marks sensitive are masked before anything reads them, and no text
 * this module produces contains one (plan-sensitive.ts).
 */
import { InputError } from '../errors.js';
import type { RegistrySpec, SourceLocation } from '../model/registry-spec.js';
import { isUnknown, unknown, type Unknown } from '../model/unknown.js';
import { assemble, REGISTRY_TYPE, type AssembleOptions } from './assemble.js';
import type { SourceResult } from './from-tf-json.js';
import type { RawResource } from './raw-resource.js';
import { isPlainObject, preview } from './values.js';
import type { Mutable } from '../mutable.js';
import { configKey, configRefs, readConfiguration, type PlanConfiguration } from './plan-config.js';
import { copyObject, decideRegistryUnknowns, type DecidedValue, type DecideInput } from './plan-decide.js';
import { anySensitive, maskSensitive, scrubber, sensitiveStrings, sensitiveTrees, SENSITIVE_TEXT, subtree, type SensitiveTree } from './plan-sensitive.js';
import { registryScope } from './plan-scope.js';
import { majorFromProviderConfig, majorFromRegistryValues } from './provider-version.js';

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
   * Attribute values before the change, as the plan gives them (any resource type), with
   * sensitive values masked (an Unknown with the reason of lib/sources/plan-sensitive.ts).
   * @default - nothing before (a create)
   */
  readonly beforeValues?: Readonly<Record<string, unknown>>;
  /**
   * Attribute values after the change, with values known only after apply as Unknown and
   * sensitive values masked.
   * @default - nothing after (a delete)
   */
  readonly afterValues?: Readonly<Record<string, unknown>>;
  /**
   * Top-level attributes with a sensitive part whose value changes (their values are masked
   * on both sides, so this is the only way to tell).
   * @default []
   */
  readonly sensitiveChanged?: readonly string[];
  /**
   * The registries this resource belongs to (a registry: itself; a companion: the registries
   * it serves, found through the configuration's references or known ids).
   * @default - none: a resource a review counts but does not show
   */
  readonly registries?: readonly string[];
  /**
   * Registry values known only after apply that the tier or the configuration decided
   * (registries only).
   * @default []
   */
  readonly decided?: readonly DecidedValue[];
  /** Whether this is a data source read (`mode: "data"`): never a change to review. */
  readonly data: boolean;
}

/** What {@link planChanges} returns. */
export interface PlanChanges {
  /** Every resource change, in plan order. */
  readonly changes: PlanResourceChange[];
  /** Problems found, sensitive values scrubbed. */
  readonly errors: InputError[];
  /**
   * Replaces every sensitive value of the plan in a text with `(sensitive)`: apply it to
   * anything printed from the plan.
   */
  readonly scrub: (text: string) => string;
  /**
   * The azurerm major version the plan was made with (provider_config or the attributes present).
   * @default - not known
   */
  readonly azurermMajor?: number;
}

/** Whether a parsed JSON document is a Terraform plan. */
export function isPlanJson(doc: unknown): boolean {
  return isPlainObject(doc) && 'format_version' in doc && ('planned_values' in doc || 'resource_changes' in doc);
}

interface Ctx {
  readonly file: string;
  readonly errors: InputError[];
  readonly config: PlanConfiguration;
  readonly refs: Map<string, Record<string, string[]>>;
  readonly unknowns: Map<string, unknown>;
  /** Values before the change, by address (an update keeps what the configuration leaves out). */
  readonly befores: Map<string, Record<string, unknown>>;
  /** Sensitivity trees, by address. */
  readonly sensitive: Map<string, SensitiveTree>;
  /** azurerm major from the configuration's provider_config. */
  readonly configMajor: number | undefined;
  /** Decisions made on registries, by address. */
  readonly decided: Map<string, DecidedValue[]>;
  /** The Unknown of each value path known only after apply, shared by every resource. */
  readonly afterApply: Map<string, Unknown>;
}

function context(d: Record<string, unknown>, file: string, errors: InputError[]): Ctx {
  const config = readConfiguration(d.configuration);
  return {
    file,
    errors,
    config,
    refs: configRefs(config),
    unknowns: new Map(),
    befores: new Map(),
    sensitive: sensitiveTrees(d),
    configMajor: majorFromProviderConfig(d.configuration),
    decided: new Map(),
    afterApply: new Map(),
  };
}

/** Errors with every sensitive value of the plan replaced. */
function scrubErrors(errors: readonly InputError[], scrub: (s: string) => string): InputError[] {
  return errors.map((e) => {
    const reason = scrub(e.reason);
    return reason === e.reason ? e : new InputError(e.location, reason);
  });
}

/**
 * Why a plan's `format_version` string cannot be read, or undefined. Terraform's JSON output
 * format promises backward-compatible minor versions within a major and tells consumers to
 * "reject any input which reports an unsupported major version"
 * (https://developer.hashicorp.com/terraform/internals/json-format): acrkit reads major 1
 * (Terraform 1.1 and later). A value that is no string is reported by the caller.
 */
function formatVersionError(v: unknown, file: string): InputError | undefined {
  if (typeof v !== 'string') return undefined;
  const major = /^(\d+)\.\d+$/.exec(v)?.[1];
  if (major === '1') return undefined;
  const fix =
    major !== undefined && Number(major) > 1
      ? `format ${major}.x is newer than acrkit reads: upgrade acrkit, or write the plan with a Terraform release whose terraform show -json writes format 1.x`
      : 'write the plan with terraform show -json from Terraform 1.1 or later';
  return new InputError({ file, pointer: '/format_version' }, `format_version must be a 1.x version of Terraform's JSON output format (such as "1.2"), got ${preview(v)}: ${fix}.`);
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
  const unsupported = formatVersionError(d.format_version, file);
  if (unsupported) return { registries: [], errors: [unsupported] };
  const ctx = context(d, file, errors);
  const changes = changeList(d, ctx);
  for (const c of changes) {
    if (c.afterUnknown !== undefined) ctx.unknowns.set(c.address, c.afterUnknown);
    if (c.before !== undefined) ctx.befores.set(c.address, c.before);
  }
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
  const registries = assemble(resources, errors, options);
  return { registries, errors: errors.length ? scrubErrors(errors, scrubber(sensitiveStrings(d))) : errors };
}

/**
 * Every `resource_changes` entry with its actions, and for registries the spec before and
 * after the change (companions of the same configuration linked in both).
 */
export function planChanges(doc: unknown, file: string): PlanChanges {
  const errors: InputError[] = [];
  if (!isPlanJson(doc)) {
    errors.push(new InputError({ file, pointer: '' }, `a Terraform plan must be an object with format_version and resource_changes, got ${preview(doc)}: pass the output of terraform show -json plan.tfplan.`));
    return { changes: [], errors, scrub: (text) => text };
  }
  const d = doc as Record<string, unknown>;
  const unsupported = formatVersionError(d.format_version, file);
  if (unsupported) return { changes: [], errors: [unsupported], scrub: (text) => text };
  const scrub = scrubber(sensitiveStrings(d));
  const ctx = context(d, file, errors);
  const list = changeList(d, ctx, true);
  for (const c of list) if (c.before !== undefined) ctx.befores.set(c.address, c.before);
  const managed = list.filter((c) => !c.data);
  const beforeRes = managed.filter((c) => c.before !== undefined).map((c) => raw(c.address, c.type, c.name, c.module, c.index, c.before!, c.pointer, ctx, undefined, 'before'));
  const afterRes = managed.filter((c) => c.after !== undefined).map((c) => raw(c.address, c.type, c.name, c.module, c.index, c.after!, c.pointer, ctx, c.afterUnknown));
  const before = new Map(assemble(beforeRes, errors).map((s) => [s.address, s]));
  const after = new Map(assemble(afterRes, errors).map((s) => [s.address, s]));
  const beforeValues = new Map(beforeRes.map((r) => [r.address, r.values]));
  const afterValues = new Map(afterRes.map((r) => [r.address, r.values]));
  const scope = registryScope(
    managed.map((c) => ({
      address: c.address,
      type: c.type,
      name: c.name,
      module: c.module,
      ...(instanceKeyOf(c.index) !== undefined ? { instanceKey: instanceKeyOf(c.index) } : {}),
      ...(c.before ? { before: c.before } : {}),
      ...(c.after ? { after: c.after } : {}),
    })),
    ctx.config,
  );
  let azurermMajor = ctx.configMajor;
  const changes = list.map((c): PlanResourceChange => {
    const isReg = c.type === REGISTRY_TYPE && !c.data;
    const b = isReg ? before.get(c.address) : undefined;
    const a = isReg ? after.get(c.address) : undefined;
    if (isReg) azurermMajor ??= majorFromRegistryValues(c.after ?? c.before);
    const sensitiveChanged = changedSensitive(c.before, c.after, ctx.sensitive.get(c.address));
    const registries = c.data ? undefined : scope.get(c.address);
    const decided = ctx.decided.get(c.address);
    const bv = beforeValues.get(c.address);
    const av = afterValues.get(c.address);
    return {
      address: c.address,
      type: c.type,
      actions: c.actions,
      replace: c.actions.includes('delete') && c.actions.includes('create'),
      pointer: c.pointer,
      data: c.data,
      ...(b ? { before: b } : {}),
      ...(a ? { after: a } : {}),
      ...(bv ? { beforeValues: bv } : {}),
      ...(av ? { afterValues: av } : {}),
      ...(sensitiveChanged.length ? { sensitiveChanged } : {}),
      ...(registries?.size ? { registries: [...registries].sort() } : {}),
      ...(decided?.length ? { decided } : {}),
    };
  });
  return { changes, errors: scrubErrors(errors, scrub), scrub, ...(azurermMajor !== undefined ? { azurermMajor } : {}) };
}

/** Top-level attributes with a sensitive part that differs between `before` and `after`. */
function changedSensitive(before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined, tree: SensitiveTree): string[] {
  if (!anySensitive(tree)) return [];
  const out: string[] = [];
  for (const k of new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])) {
    if (!anySensitive(subtree(tree, k))) continue;
    if (JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after?.[k] ?? null)) out.push(k);
  }
  return out.sort();
}

function instanceKeyOf(index: unknown): string | undefined {
  return typeof index === 'number' ? `[${index}]` : typeof index === 'string' ? `[${JSON.stringify(index)}]` : undefined;
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
  /** A data source read. */
  readonly data: boolean;
}

const ACTIONS: readonly PlanAction[] = ['no-op', 'create', 'read', 'update', 'delete', 'forget'];

function changeList(d: Record<string, unknown>, ctx: Ctx, withData = false): Change[] {
  const rc = d.resource_changes;
  if (rc === undefined) return [];
  if (!Array.isArray(rc)) {
    ctx.errors.push(new InputError({ file: ctx.file, pointer: '/resource_changes' }, `resource_changes must be a list, got ${preview(rc)}: pass the output of terraform show -json.`));
    return [];
  }
  const out: Change[] = [];
  // A loop, not forEach, and the pointer written out (what pointer('resource_changes', i)
  // makes): this runs once a resource, tens of thousands of times for a large plan.
  for (let i = 0; i < rc.length; i++) {
    if (!(i in rc)) continue; // a hole, which forEach skipped
    const c: unknown = rc[i];
    const ptr = `/resource_changes/${i}`;
    if (!isPlainObject(c) || typeof c.address !== 'string' || typeof c.type !== 'string' || typeof c.name !== 'string' || !isPlainObject(c.change)) {
      ctx.errors.push(new InputError({ file: ctx.file, pointer: ptr }, `each resource change must have address, type, name and change, got ${preview(c)}: pass the output of terraform show -json.`));
      continue;
    }
    if (c.mode === 'data' && !withData) continue;
    const actions = c.change.actions;
    if (!Array.isArray(actions) || !actions.every((a) => ACTIONS.includes(a as PlanAction))) {
      ctx.errors.push(new InputError({ file: ctx.file, pointer: `${ptr}/change/actions` }, `${c.address}: change.actions must be a list of ${ACTIONS.join(', ')}, got ${preview(actions)}: pass the output of terraform show -json.`));
      continue;
    }
    const before = c.change.before;
    const after = c.change.after;
    const change: Mutable<Change> = {
      address: c.address,
      type: c.type,
      name: c.name,
      module: typeof c.module_address === 'string' ? c.module_address : '',
      index: c.index,
      actions: actions as PlanAction[],
      pointer: ptr,
      data: c.mode === 'data',
    };
    if (isPlainObject(before)) change.before = before;
    if (isPlainObject(after)) change.after = after;
    if (c.change.after_unknown !== undefined) change.afterUnknown = c.change.after_unknown;
    out.push(change);
  }
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
      const list: unknown[] = mod.resources;
      const at = `${ptr}/resources/`;
      for (let i = 0; i < list.length; i++) {
        if (!(i in list)) continue; // a hole, which forEach skipped
        const r = list[i];
        const rp = at + i;
        if (!isPlainObject(r) || typeof r.address !== 'string' || typeof r.type !== 'string' || typeof r.name !== 'string') {
          ctx.errors.push(new InputError({ file: ctx.file, pointer: rp }, `each planned resource must have address, type and name, got ${preview(r)}: pass the output of terraform show -json.`));
          continue;
        }
        if (r.mode === 'data') continue;
        const values = r.values === undefined || r.values === null ? {} : r.values;
        if (!isPlainObject(values)) {
          ctx.errors.push(new InputError({ file: ctx.file, pointer: `${rp}/values` }, `${r.address}: values must be an object of attributes, got ${preview(values)}: pass the output of terraform show -json.`));
          continue;
        }
        out.push(raw(r.address, r.type, r.name, moduleAddress, r.index, values, rp, ctx, ctx.unknowns.get(r.address)));
      }
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

/** The references of a resource the configuration does not show (shared: never changed). */
const NO_REFS: Readonly<Record<string, string[]>> = Object.freeze({});

/**
 * One resource instance for assemble: for a registry after the change, the unknowns the tier
 * or the configuration decides are filled in; every value marked sensitive is masked.
 */
function raw(address: string, type: string, name: string, module: string, index: unknown, values: Record<string, unknown>, ptr: string, ctx: Ctx, afterUnknown: unknown, side: 'before' | 'after' = 'after'): RawResource {
  const instanceKey = instanceKeyOf(index);
  const key = configKey(module, type, name);
  const refs = ctx.refs.get(key) ?? NO_REFS;
  let vals = values;
  let au = afterUnknown;
  // Whether `vals` is a copy of this function's own (the decision's), which markUnknown may fill in.
  let owned = false;
  if (type === REGISTRY_TYPE && side === 'after' && au !== undefined) {
    const expressions = ctx.config.present ? ctx.config.resources.get(key)?.expressions : undefined;
    const before = ctx.befores.get(address);
    const input: Mutable<DecideInput> = { values, afterUnknown: au };
    if (expressions) input.expressions = expressions;
    if (before) input.before = before;
    const d = decideRegistryUnknowns(input);
    vals = d.values;
    au = d.afterUnknown;
    owned = true;
    if (d.decided.length) ctx.decided.set(address, [...d.decided]);
  }
  const tree = ctx.sensitive.get(address);
  const marked = markUnknown(vals, au, '', ctx.afterApply, owned);
  // Most resources have nothing sensitive (no tree): their values need no masking pass.
  const merged = (tree === undefined ? marked : maskSensitive(marked, topLevel(tree), (path, v) => maskOf(type, path, v))) as Record<string, unknown>;
  const source: Mutable<SourceLocation> = { kind: 'plan', file: ctx.file, pointer: ptr };
  if (type === REGISTRY_TYPE) {
    const major = majorFromRegistryValues(values) ?? ctx.configMajor;
    if (major !== undefined) source.azurermMajor = major;
  }
  const res: Mutable<RawResource> = { type, name, address, module, values: merged, refs, source };
  if (instanceKey) res.instanceKey = instanceKey;
  return res;
}

/**
 * A sensitivity tree cut to top-level attributes: an attribute with any sensitive part is
 * masked whole (a map with one sensitive entry, a block with one sensitive argument), so
 * nothing downstream reads a half-masked value as an ordinary unknown.
 */
function topLevel(tree: SensitiveTree): SensitiveTree {
  if (tree === true || !isPlainObject(tree)) return tree;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(tree)) {
    if (!anySensitive(tree[k])) continue;
    // A map of tags keeps its other entries: only the sensitive values are replaced.
    out[k] = k === 'tags' && isPlainObject(tree[k]) ? tree[k] : true;
  }
  return out;
}

/**
 * What stands for a sensitive value: a tag value becomes the text `(sensitive)` (the other
 * tags stay readable), a webhook's service URI keeps its scheme (the HTTPS rule reads only
 * that), everything else becomes an Unknown no report prints.
 */
function maskOf(type: string, path: string, v: unknown): unknown {
  if (/^\.tags\.[^.]+$/.test(path)) return SENSITIVE_TEXT;
  if (type === 'azurerm_container_registry_webhook' && path === '.service_uri' && typeof v === 'string' && !isUnknown(v)) {
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(v)?.[1];
    return scheme ? `${scheme}://${SENSITIVE_TEXT}` : undefined;
  }
  return undefined;
}

/**
 * Overlays `after_unknown` (true where a value is known only after apply) on `values`.
 * @param afterApply the Unknowns made so far, by path (shared: they are never changed)
 * @param owned whether `values` is a copy the caller owns: its top level is filled in rather
 *   than copied once more
 * @default owned false
 */
function markUnknown(values: unknown, au: unknown, path: string, afterApply: Map<string, Unknown>, owned = false): unknown {
  if (au === true) {
    // One Unknown a path (`id`, `login_server`: every registry of a plan has them), never changed.
    let u = afterApply.get(path);
    if (!u) afterApply.set(path, (u = unknown(`${path.slice(1) || 'value'} is known only after apply`)));
    return u;
  }
  if (Array.isArray(au)) {
    const list = Array.isArray(values) ? [...values] : [];
    au.forEach((x, i) => {
      if (x !== false && x !== undefined && x !== null) list[i] = markUnknown(list[i], x, `${path}.${i}`, afterApply);
    });
    return list;
  }
  if (isPlainObject(au)) {
    // copyObject, not a spread: adding a key (`id` is absent from the values) to a spread copy
    // of a parsed object is slow.
    const obj: Record<string, unknown> = isPlainObject(values) ? (owned ? values : copyObject(values)) : {};
    for (const k of Object.keys(au)) {
      const x = au[k];
      if (x === false || x === undefined || x === null) continue;
      obj[k] = markUnknown(obj[k], x, `${path}.${k}`, afterApply);
    }
    return obj;
  }
  return values;
}
