/**
 * Terraform JSON configuration (`*.tf.json`, cdktf's `cdk.tf.json`) to RegistrySpecs.
 * The construct path comes from cdktf's `//` metadata; every registry carries the JSON
 * pointer of its resource.
 */
import { InputError } from '../errors.js';
import type { RegistrySpec } from '../model/registry-spec.js';
import { assemble } from './assemble.js';
import { expandDynamic, instances, resolveDeep, type Scope } from './expressions.js';
import { pointer } from '../input/pointer.js';
import type { RawResource } from './raw-resource.js';
import { expressionsIn, isPlainObject, preview } from './values.js';

/** Registries and problems found in one document. */
export interface SourceResult {
  /** Registries found. */
  readonly registries: RegistrySpec[];
  /** Problems found; the registries above are still reported. */
  readonly errors: InputError[];
}

/** Whether a parsed JSON document looks like a Terraform JSON configuration. */
export function isTfJson(doc: unknown): boolean {
  return isPlainObject(doc) && (isPlainObject(doc.resource) || isPlainObject(doc['//']) || isPlainObject(doc.terraform) || isPlainObject(doc.provider));
}

/** Variables with literal defaults from a `variable` section (JSON shape). */
export function literalDefaults(variables: unknown): Map<string, unknown> {
  const vars = new Map<string, unknown>();
  if (!isPlainObject(variables)) return vars;
  for (const [name, decl] of Object.entries(variables)) {
    const d = Array.isArray(decl) ? decl[0] : decl;
    if (isPlainObject(d) && 'default' in d && !JSON.stringify(d.default ?? null).includes('${')) vars.set(name, d.default);
  }
  return vars;
}

/** Reads the resources of a Terraform JSON document (`doc` already parsed). */
export function tfJsonResources(doc: unknown, file: string, errors: InputError[]): RawResource[] {
  if (!isPlainObject(doc)) {
    errors.push(new InputError({ file, pointer: '' }, `a Terraform JSON configuration must be an object, got ${preview(doc)}: pass a cdk.tf.json or *.tf.json file.`));
    return [];
  }
  const resources = doc.resource;
  if (resources === undefined) return [];
  if (!isPlainObject(resources)) {
    errors.push(new InputError({ file, pointer: '/resource' }, `resource must be an object of resource types, got ${preview(resources)}: write "resource": { "azurerm_container_registry": { "name": { ... } } }.`));
    return [];
  }
  const scope: Scope = { vars: literalDefaults(doc.variable) };
  const out: RawResource[] = [];
  for (const [type, byName] of Object.entries(resources)) {
    if (!isPlainObject(byName)) {
      errors.push(new InputError({ file, pointer: pointer('resource', type) }, `resource.${type} must be an object of named resources, got ${preview(byName)}: write "${type}": { "name": { ... } }.`));
      continue;
    }
    for (const [name, rawBody] of Object.entries(byName)) {
      const ptr = pointer('resource', type, name);
      const body = Array.isArray(rawBody) && rawBody.length === 1 ? rawBody[0] : rawBody;
      if (!isPlainObject(body)) {
        errors.push(new InputError({ file, pointer: ptr }, `${type}.${name} must be an object of arguments, got ${preview(rawBody)}: write "${name}": { "sku": "Premium", ... }.`));
        continue;
      }
      const meta = isPlainObject(body['//']) && isPlainObject(body['//'].metadata) ? body['//'].metadata : undefined;
      const constructPath = typeof meta?.path === 'string' ? meta.path : undefined;
      const clean: Record<string, unknown> = { ...body };
      delete clean['//'];
      for (const inst of instances(clean, scope)) {
        const values = resolveDeep(expandDynamic(without(clean, 'count', 'for_each'), inst.scope), inst.scope) as Record<string, unknown>;
        out.push({
          type,
          name,
          address: `${type}.${name}${inst.key ?? ''}`,
          module: '',
          ...(inst.key !== undefined ? { instanceKey: inst.key } : {}),
          values,
          refs: refsOf(values),
          source: { kind: 'cdk-tf-json', file, pointer: ptr, ...(constructPath ? { constructPath } : {}) },
        });
      }
    }
  }
  return out;
}

/** The expressions of each top-level attribute. */
export function refsOf(values: Readonly<Record<string, unknown>>): Record<string, string[]> {
  const refs: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(values)) {
    const e = expressionsIn(v);
    if (e.length) refs[k] = e;
  }
  return refs;
}

function without(o: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  const out = { ...o };
  for (const k of keys) delete out[k];
  return out;
}

/** Reads a Terraform JSON document into RegistrySpecs. */
export function fromTfJson(doc: unknown, file: string): SourceResult {
  const errors: InputError[] = [];
  const registries = assemble(tfJsonResources(doc, file, errors), errors);
  return { registries, errors };
}
