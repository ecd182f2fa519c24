/**
 * ARM templates and `az bicep build` output to {@link ArmResource}s: parameters with their
 * defaults (a parameter without one, or a secure one, is Unknown), variables evaluated on use,
 * resources as a list or (Bicep `languageVersion` 2.0) an object of symbolic names, nested child
 * resources with relative types and names, `condition` (false drops the resource), `copy` loops,
 * `existing` resources skipped, and nested deployments (`Microsoft.Resources/deployments` with an
 * inline template, what Bicep modules compile to) read with the parameters passed to them.
 */
import { InputError } from '../../errors.js';
import { pointer as ptrOf } from '../../input/pointer.js';
import { isUnknown, unknown, type Maybe } from '../../model/unknown.js';
import { preview } from '../values.js';
import { evaluateArm, textOf, type ArmScope, type ArmValue } from './expressions.js';
import type { ArmResource } from './resource.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !isUnknown(v);

/** Whether a parsed JSON document is an ARM template (or `az bicep build` output). */
export function isArmTemplate(doc: unknown): boolean {
  if (!isObj(doc)) return false;
  const schema = typeof doc.$schema === 'string' ? doc.$schema : '';
  if (/deploymentTemplate\.json/i.test(schema)) return true;
  return typeof doc.contentVersion === 'string' && (Array.isArray(doc.resources) || isObj(doc.resources));
}

/** Whether a template was written by Bicep (`metadata._generator.name` is `bicep`). */
export function isBicepOutput(doc: unknown): boolean {
  return isObj(doc) && isObj(doc.metadata) && isObj(doc.metadata._generator) && String(doc.metadata._generator.name).toLowerCase() === 'bicep';
}

/** Copy loops deeper than this are cut off (an input error), as are templates nested deeper. */
const MAX_COPY = 800;
const MAX_NESTING = 10;

interface Ctx {
  readonly file: string;
  readonly errors: InputError[];
  readonly out: ArmResource[];
}

/** Reads the resources of an ARM template. */
export function templateResources(doc: Record<string, unknown>, file: string, errors: InputError[]): ArmResource[] {
  const out: ArmResource[] = [];
  readTemplate(doc, '', new Map(), { file, errors, out }, 0, undefined);
  return out;
}

/**
 * Reads one template (the document, or a nested deployment's inline template) at `base`;
 * `given` holds the values passed to its parameters, `outer` the scope of an outer-scoped one.
 */
function readTemplate(t: Record<string, unknown>, base: string, given: ReadonlyMap<string, ArmValue>, ctx: Ctx, depth: number, outer: ArmScope | undefined): void {
  if (depth > MAX_NESTING) {
    ctx.errors.push(new InputError({ file: ctx.file, pointer: base }, `nested deployments must be at most ${MAX_NESTING} deep, got deeper: flatten the modules.`));
    return;
  }
  const scope = outer ?? templateScope(t, base, given, ctx);
  const resources = t.resources;
  if (resources === undefined) return;
  const entries: Array<[string | number, unknown]> = Array.isArray(resources) ? resources.map((r, i) => [i, r]) : isObj(resources) ? Object.entries(resources) : [];
  if (!Array.isArray(resources) && !isObj(resources)) {
    ctx.errors.push(new InputError({ file: ctx.file, pointer: `${base}/resources` }, `resources must be a list of resources (or an object of symbolic names), got ${preview(resources)}: write "resources": [ { "type": ..., "name": ... } ].`));
    return;
  }
  for (const [key, r] of entries) {
    readResource(r, `${base}${ptrOf('resources', key)}`, typeof key === 'string' ? key : undefined, undefined, scope, ctx, depth);
  }
}

/** The scope of a template: its parameters (given values, else defaults) and lazily evaluated variables. */
function templateScope(t: Record<string, unknown>, base: string, given: ReadonlyMap<string, ArmValue>, ctx: Ctx): ArmScope {
  const parameters = new Map<string, ArmValue>();
  const vars = isObj(t.variables) ? t.variables : {};
  const memo = new Map<string, ArmValue>();
  const busy = new Set<string>();
  const scope: ArmScope = {
    parameters,
    variable: (name) => {
      const key = Object.keys(vars).find((k) => k.toLowerCase() === name.toLowerCase());
      if (key === undefined) return unknown(`variable '${name}' is not declared`, `[variables('${name}')]`);
      if (memo.has(key)) return memo.get(key);
      if (busy.has(key)) return unknown(`variable '${name}' refers to itself`, `[variables('${name}')]`);
      busy.add(key);
      const v = evaluateArm(vars[key], scope, (m) => ctx.errors.push(new InputError({ file: ctx.file, pointer: `${base}${ptrOf('variables', key)}` }, `variable ${key} must be a valid template expression, got ${m}: fix the expression.`)));
      busy.delete(key);
      memo.set(key, v);
      return v;
    },
  };
  const decls = isObj(t.parameters) ? t.parameters : {};
  for (const [name, decl] of Object.entries(decls)) {
    const type = isObj(decl) && typeof decl.type === 'string' ? decl.type.toLowerCase() : '';
    if (type === 'securestring' || type === 'secureobject') {
      parameters.set(name, unknown(`parameter '${name}' is secure`, `[parameters('${name}')]`));
    } else if (given.has(name)) {
      parameters.set(name, given.get(name));
    } else if (isObj(decl) && 'defaultValue' in decl) {
      parameters.set(name, evaluateArm(decl.defaultValue, scope));
    } else {
      parameters.set(name, unknown(`parameter '${name}' has no default value (it is given at deployment)`, `[parameters('${name}')]`));
    }
  }
  return scope;
}

/** A resource's `type` and `name`, made full for a child written inside its parent. */
function fullTypeAndName(type: string, name: Maybe<string>, parent: ArmResource | undefined): { type: string; name: Maybe<string> } {
  if (!parent || type.includes('.')) return { type, name };
  const fullName = isUnknown(name) || isUnknown(parent.name) ? joinNames(parent.name, name) : `${parent.name}/${name}`;
  return { type: `${parent.type}/${type}`, name: fullName };
}

function joinNames(a: Maybe<string>, b: Maybe<string>): Maybe<string> {
  const u = isUnknown(a) ? a : isUnknown(b) ? b : undefined;
  return u ? unknown(u.reason, `${textOf(a)}/${textOf(b)}`) : `${a}/${b}`;
}

function readResource(r: unknown, at: string, symbolic: string | undefined, parent: ArmResource | undefined, scope: ArmScope, ctx: Ctx, depth: number): void {
  const err = (ptr: string, msg: string): void => void ctx.errors.push(new InputError({ file: ctx.file, pointer: ptr }, msg));
  if (!isObj(r)) {
    err(at, `a resource must be an object with type and name, got ${preview(r)}: write { "type": "Microsoft.ContainerRegistry/registries", "name": ..., ... }.`);
    return;
  }
  if (r.existing === true) return; // declared elsewhere: not deployed by this template
  if (typeof r.type !== 'string' || r.type === '') {
    err(`${at}/type`, `type must be a resource type, got ${preview(r.type)}: write "type": "Microsoft.ContainerRegistry/registries".`);
    return;
  }
  const onError = (m: string): void => err(at, `resource ${r.type} must use valid template expressions, got ${m}: fix the expression.`);
  const instances = copyInstances(r, at, scope, ctx);
  for (const inst of instances) {
    if (r.condition !== undefined && evaluateArm(r.condition, inst.scope, onError) === false) continue;
    const rawName = evaluateArm(r.name, inst.scope, onError);
    const name: Maybe<string> = typeof rawName === 'string' || isUnknown(rawName) ? rawName : unknown(`name ${preview(rawName)} is not a string`);
    const full = fullTypeAndName(r.type, name, parent);
    const suffix = inst.key === undefined ? '' : `[${inst.key}]`;
    if (/^microsoft\.resources\/deployments$/i.test(full.type)) {
      readDeployment(r, at, inst.scope, ctx, depth, onError);
      continue;
    }
    const properties = r.properties === undefined ? {} : evaluateArm(r.properties, inst.scope, onError);
    const res: ArmResource = {
      type: full.type,
      name: full.name,
      properties,
      pointer: at,
      address: typeof full.name === 'string' ? `${full.type}/${full.name}${suffix}` : symbolic !== undefined ? `${full.type} '${symbolic}'${suffix}` : `${full.type} at ${at}${suffix}`,
      ...(r.location !== undefined ? { location: evaluateArm(r.location, inst.scope, onError) } : {}),
      ...(r.sku !== undefined ? { sku: evaluateArm(r.sku, inst.scope, onError) } : {}),
      ...(r.tags !== undefined ? { tags: evaluateArm(r.tags, inst.scope, onError) } : {}),
      ...(r.scope !== undefined ? { scope: evaluateArm(r.scope, inst.scope, onError) } : {}),
      ...(symbolic !== undefined ? { symbolic } : {}),
      ...(Array.isArray(r.dependsOn) ? { dependsOn: r.dependsOn.map((d) => evaluateArm(d, inst.scope, onError)) } : {}),
    };
    ctx.out.push(res);
    if (Array.isArray(r.resources)) r.resources.forEach((c, i) => readResource(c, `${at}/resources/${i}`, undefined, res, inst.scope, ctx, depth));
  }
}

/** The instances of a resource: one, or one per index of its `copy` loop (Unknown count: one, index Unknown). */
function copyInstances(r: Record<string, unknown>, at: string, scope: ArmScope, ctx: Ctx): Array<{ key?: string; scope: ArmScope }> {
  if (!isObj(r.copy)) return [{ scope }];
  const loop = typeof r.copy.name === 'string' ? r.copy.name : '';
  const count = evaluateArm(r.copy.count, scope);
  const withIndex = (i: Maybe<number>): ArmScope => {
    const copyIndex = new Map(scope.copyIndex ?? []);
    copyIndex.set('', i);
    if (loop) copyIndex.set(loop, i);
    return { ...scope, copyIndex };
  };
  if (typeof count !== 'number') return [{ key: '*', scope: withIndex(unknown(`the count of copy loop '${loop}' is not known before deployment`, `[copyIndex('${loop}')]`)) }];
  if (count > MAX_COPY) {
    ctx.errors.push(new InputError({ file: ctx.file, pointer: `${at}/copy/count` }, `copy count must be at most ${MAX_COPY} (Azure's limit), got ${count}: lower the count.`));
    return [];
  }
  return Array.from({ length: Math.max(0, count) }, (_, i) => ({ key: String(i), scope: withIndex(i) }));
}

/** A nested deployment: its inline template, with the parameters passed to it (evaluated here). */
function readDeployment(r: Record<string, unknown>, at: string, scope: ArmScope, ctx: Ctx, depth: number, onError: (m: string) => void): void {
  const props = isObj(r.properties) ? r.properties : {};
  const template = props.template;
  if (!isObj(template)) return; // templateLink: another file, not read
  const inner = isObj(props.expressionEvaluationOptions) && String(props.expressionEvaluationOptions.scope).toLowerCase() === 'inner';
  const given = new Map<string, ArmValue>();
  if (isObj(props.parameters)) {
    for (const [name, p] of Object.entries(props.parameters)) {
      if (isObj(p) && 'value' in p) given.set(name, evaluateArm(p.value, scope, onError));
      else if (isObj(p) && 'reference' in p) given.set(name, unknown(`parameter '${name}' comes from a Key Vault reference`, `[parameters('${name}')]`));
    }
  }
  readTemplate(template, `${at}/properties/template`, given, ctx, depth + 1, inner ? undefined : scope);
}
