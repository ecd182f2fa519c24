/**
 * The `configuration` section of a Terraform plan: each resource block's expressions (what
 * the user wrote, unevaluated) with the references in them, and each module's outputs, so a
 * reference to `module.acr.id` can be followed to the resource behind it. Expressions inside
 * `dynamic` blocks are not in this section (Terraform leaves them out).
 */
import { isPlainObject } from './values.js';

/** One resource block of the configuration. */
export interface ConfiguredResource {
  /** Module path without instance keys (`module.a.module.b`), `''` for the root module. */
  readonly module: string;
  /** Resource type. */
  readonly type: string;
  /** Resource name. */
  readonly name: string;
  /** `managed` or `data`. */
  readonly mode: string;
  /** The block expressions representation as the plan gives it. */
  readonly expressions: Readonly<Record<string, unknown>>;
  /** References per top-level argument (`azurerm_container_registry.this.id`, `module.x.id`, `var.y`). */
  readonly refs: Readonly<Record<string, readonly string[]>>;
}

/** What the configuration section says, indexed. */
export interface PlanConfiguration {
  /** Resource blocks keyed `module.a.type.name` (instance keys left out). */
  readonly resources: ReadonlyMap<string, ConfiguredResource>;
  /** References of each module output, keyed by module path then output name. */
  readonly outputs: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
  /** References of each module call's input variables, keyed by the child module path then variable name. */
  readonly inputs: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
  /** Whether the plan had a configuration section at all. */
  readonly present: boolean;
}

/** The configuration key of a resource instance: its module path and type.name, instance keys left out. */
export function configKey(module: string, type: string, name: string): string {
  const mod = module.includes('[') ? module.replace(/\[[^\]]*\]/g, '') : module;
  return `${mod}${mod ? '.' : ''}${type}.${name}`;
}

/** Every reference string inside an expression representation (any depth). */
export function collectReferences(e: unknown, acc: string[] = [], depth = 0): string[] {
  if (depth > 64) return acc;
  if (Array.isArray(e)) for (const x of e) collectReferences(x, acc, depth + 1);
  else if (isPlainObject(e)) {
    if (Array.isArray(e.references)) for (const r of e.references) if (typeof r === 'string') acc.push(r);
    for (const k of Object.keys(e)) if (k !== 'references') collectReferences(e[k], acc, depth + 1);
  }
  return acc;
}

/** Indexes a plan's `configuration` section (anything else gives an empty index). */
export function readConfiguration(configuration: unknown): PlanConfiguration {
  const resources = new Map<string, ConfiguredResource>();
  const outputs = new Map<string, Map<string, readonly string[]>>();
  const inputs = new Map<string, Map<string, readonly string[]>>();
  const walk = (mod: unknown, prefix: string, depth: number): void => {
    if (!isPlainObject(mod) || depth > 64) return;
    // The module path, once a module (not once a resource).
    const modulePath = prefix.replace(/\.$/, '');
    if (Array.isArray(mod.resources)) {
      for (const r of mod.resources) {
        if (!isPlainObject(r) || typeof r.type !== 'string' || typeof r.name !== 'string') continue;
        const expressions = isPlainObject(r.expressions) ? r.expressions : {};
        const refs: Record<string, string[]> = {};
        for (const attr of Object.keys(expressions)) {
          const found = collectReferences(expressions[attr]);
          if (found.length) refs[attr] = found;
        }
        const mode = typeof r.mode === 'string' ? r.mode : 'managed';
        const key = `${mode === 'data' ? `${prefix}data.` : prefix}${r.type}.${r.name}`;
        resources.set(key, { module: modulePath, type: r.type, name: r.name, mode, expressions, refs });
      }
    }
    if (isPlainObject(mod.outputs)) {
      const outs = new Map<string, readonly string[]>();
      for (const [name, o] of Object.entries(mod.outputs)) if (isPlainObject(o)) outs.set(name, collectReferences(o.expression));
      outputs.set(modulePath, outs);
    }
    if (isPlainObject(mod.module_calls)) {
      for (const [name, call] of Object.entries(mod.module_calls)) {
        if (!isPlainObject(call)) continue;
        const child = `${prefix}module.${name}`;
        const vars = new Map<string, readonly string[]>();
        if (isPlainObject(call.expressions)) for (const [v, e] of Object.entries(call.expressions)) vars.set(v, collectReferences(e));
        inputs.set(child, vars);
        walk(call.module, `${child}.`, depth + 1);
      }
    }
  };
  const present = isPlainObject(configuration);
  if (present) walk(configuration.root_module, '', 0);
  return { resources, outputs, inputs, present };
}

/** References per attribute for each configured managed resource, keyed `module.a.type.name`. */
export function configRefs(config: PlanConfiguration): Map<string, Record<string, string[]>> {
  const out = new Map<string, Record<string, string[]>>();
  for (const [key, r] of config.resources) if (r.mode === 'managed') out.set(key, r.refs as Record<string, string[]>);
  return out;
}
