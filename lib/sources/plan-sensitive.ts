/**
 * Sensitive values of a Terraform plan. `terraform show -json` prints sensitive values in
 * clear and marks them beside: `before_sensitive` and `after_sensitive` in each change,
 * `sensitive_values` in planned values and prior state (trees shaped like the values with
 * `true` at sensitive leaves or subtrees), `sensitive` on outputs and on variable declarations.
 * acrkit never prints such a value: it masks them in the values it reads, and scrubs every
 * text it produces from a plan of any copy that slipped through.
 */
import { isUnknown, unknown, type Unknown } from '../model/unknown.js';
import { isPlainObject } from './values.js';

/** Text shown instead of a sensitive value. */
export const SENSITIVE_TEXT = '(sensitive)';

/** Reason of the Unknown that stands for a sensitive value in a RegistrySpec. */
export const SENSITIVE_REASON = 'the value is marked sensitive in the plan';

/** An Unknown standing for a sensitive value (rules cannot read it, reports never print it). */
export function sensitiveValue(): Unknown {
  return unknown(SENSITIVE_REASON);
}

/** Whether `v` is the Unknown that stands for a sensitive value. */
export function isSensitiveValue(v: unknown): boolean {
  return isUnknown(v) && v.reason === SENSITIVE_REASON;
}

/** A sensitivity tree: `true` where values are sensitive, objects and arrays shaped like the values. */
export type SensitiveTree = unknown;

/** Union of two sensitivity trees. */
export function mergeTrees(a: SensitiveTree, b: SensitiveTree): SensitiveTree {
  if (a === true || b === true) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    const x = Array.isArray(a) ? a : [];
    const y = Array.isArray(b) ? b : [];
    return Array.from({ length: Math.max(x.length, y.length) }, (_, i) => mergeTrees(x[i], y[i]));
  }
  if (isPlainObject(a) || isPlainObject(b)) {
    const x = isPlainObject(a) ? a : {};
    const y = isPlainObject(b) ? b : {};
    const out: Record<string, unknown> = {};
    for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) out[k] = mergeTrees(x[k], y[k]);
    return out;
  }
  return false;
}

/** Whether any part of the tree is sensitive. */
export function anySensitive(tree: SensitiveTree): boolean {
  if (tree === true) return true;
  // Loops rather than some(): asked of every resource of a plan, most trees empty or all false.
  if (Array.isArray(tree)) {
    for (const x of tree) if (anySensitive(x)) return true;
    return false;
  }
  if (isPlainObject(tree)) {
    // for-in, not Object.keys: nothing is allocated for the empty trees most resources have.
    for (const k in tree) if (Object.prototype.hasOwnProperty.call(tree, k) && anySensitive(tree[k])) return true;
  }
  return false;
}

/** The subtree of `tree` at `key` (`true` stays `true`: a sensitive parent makes every part sensitive). */
export function subtree(tree: SensitiveTree, key: string | number): SensitiveTree {
  if (tree === true) return true;
  if (Array.isArray(tree) && typeof key === 'number') return tree[key];
  if (isPlainObject(tree)) return tree[String(key)];
  return undefined;
}

/**
 * `values` with every sensitive part replaced: by `mask(path, value)` when given and it
 * returns something, else by {@link sensitiveValue}.
 */
export function maskSensitive(values: unknown, tree: SensitiveTree, mask?: (path: string, value: unknown) => unknown, path = ''): unknown {
  if (tree === true) {
    if (values === null || values === undefined || isUnknown(values)) return values;
    return mask?.(path, values) ?? sensitiveValue();
  }
  if (Array.isArray(values) && Array.isArray(tree)) return values.map((v, i) => maskSensitive(v, tree[i], mask, `${path}.${i}`));
  if (isPlainObject(values) && isPlainObject(tree)) {
    const out: Record<string, unknown> = { ...values };
    for (const k of Object.keys(tree)) if (k in out) out[k] = maskSensitive(out[k], tree[k], mask, `${path}.${k}`);
    return out;
  }
  return values;
}

/** Every string (and number, as text) inside `v`. */
function leaves(v: unknown, out: string[]): void {
  if (typeof v === 'string') out.push(v);
  else if (typeof v === 'number' && Number.isFinite(v)) out.push(String(v));
  else if (Array.isArray(v)) for (const x of v) leaves(x, out);
  else if (isPlainObject(v)) for (const x of Object.values(v)) leaves(x, out);
}

/** The strings at the sensitive parts of `values`. */
function sensitiveLeaves(values: unknown, tree: SensitiveTree, out: string[]): void {
  if (tree === true) leaves(values, out);
  else if (Array.isArray(values) && Array.isArray(tree)) values.forEach((v, i) => sensitiveLeaves(v, tree[i], out));
  else if (isPlainObject(values) && isPlainObject(tree)) {
    for (const k in tree) if (Object.prototype.hasOwnProperty.call(tree, k)) sensitiveLeaves(values[k], tree[k], out);
  }
}

/** Per resource address, the union of every sensitivity tree the plan gives for it. */
export function sensitiveTrees(doc: unknown): Map<string, SensitiveTree> {
  const out = new Map<string, SensitiveTree>();
  const add = (address: unknown, tree: unknown): void => {
    // A tree with nothing sensitive in it (`sensitive_values: {}`, what most resources have)
    // masks nothing: it is left out, so the values it belongs to are not copied for it.
    if (typeof address !== 'string' || !anySensitive(tree)) return;
    out.set(address, mergeTrees(out.get(address), tree));
  };
  if (!isPlainObject(doc)) return out;
  for (const list of [doc.resource_changes, doc.resource_drift]) {
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      if (!isPlainObject(c) || !isPlainObject(c.change)) continue;
      add(c.address, c.change.before_sensitive);
      add(c.address, c.change.after_sensitive);
    }
  }
  const walk = (mod: unknown, depth: number): void => {
    if (!isPlainObject(mod) || depth > 64) return;
    if (Array.isArray(mod.resources)) for (const r of mod.resources) if (isPlainObject(r)) add(r.address, r.sensitive_values);
    if (Array.isArray(mod.child_modules)) for (const m of mod.child_modules) walk(m, depth + 1);
  };
  if (isPlainObject(doc.planned_values)) walk(doc.planned_values.root_module, 0);
  const prior = isPlainObject(doc.prior_state) ? doc.prior_state.values : undefined;
  if (isPlainObject(prior)) walk(prior.root_module, 0);
  return out;
}

/**
 * Every sensitive string of a plan: values at the sensitive paths of resource changes,
 * drift, planned values and prior state; sensitive outputs; and the values of variables the
 * configuration declares sensitive. Strings shorter than 3 characters are left out (they
 * cannot be told apart from ordinary text).
 */
export function sensitiveStrings(doc: unknown): string[] {
  const found: string[] = [];
  if (!isPlainObject(doc)) return found;
  for (const list of [doc.resource_changes, doc.resource_drift]) {
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      if (!isPlainObject(c) || !isPlainObject(c.change)) continue;
      sensitiveLeaves(c.change.before, c.change.before_sensitive, found);
      sensitiveLeaves(c.change.after, c.change.after_sensitive, found);
    }
  }
  const walk = (mod: unknown, depth: number): void => {
    if (!isPlainObject(mod) || depth > 64) return;
    if (Array.isArray(mod.resources)) for (const r of mod.resources) if (isPlainObject(r)) sensitiveLeaves(r.values, r.sensitive_values, found);
    if (Array.isArray(mod.child_modules)) for (const m of mod.child_modules) walk(m, depth + 1);
  };
  const outputs = (values: unknown): void => {
    if (!isPlainObject(values)) return;
    walk(values.root_module, 0);
    if (isPlainObject(values.outputs)) for (const o of Object.values(values.outputs)) if (isPlainObject(o) && o.sensitive === true) leaves(o.value, found);
  };
  outputs(doc.planned_values);
  if (isPlainObject(doc.prior_state)) outputs(doc.prior_state.values);
  if (isPlainObject(doc.output_changes)) {
    for (const o of Object.values(doc.output_changes)) {
      if (!isPlainObject(o) || !isPlainObject(o.change)) continue;
      sensitiveLeaves(o.change.before, o.change.before_sensitive, found);
      sensitiveLeaves(o.change.after, o.change.after_sensitive, found);
    }
  }
  const conf = isPlainObject(doc.configuration) && isPlainObject(doc.configuration.root_module) ? doc.configuration.root_module.variables : undefined;
  if (isPlainObject(conf) && isPlainObject(doc.variables)) {
    for (const [name, decl] of Object.entries(conf)) {
      const v = doc.variables[name];
      if (isPlainObject(decl) && decl.sensitive === true && isPlainObject(v)) leaves(v.value, found);
    }
  }
  return [...new Set(found.filter((s) => s.length >= 3))];
}

/** Shortest prefix of a secret recognized before a preview's `...` cut. */
const MIN_PREFIX = 8;

/**
 * A function that replaces every copy of the given secrets in a text with `(sensitive)`:
 * as written and JSON-escaped (as a quoted preview shows it), and a secret's start cut off by
 * a preview's `...`. Secrets of 8 characters or more are replaced wherever they appear;
 * shorter ones only where no letter or digit touches them.
 */
export function scrubber(secrets: readonly string[]): (text: string) => string {
  const forms = [...new Set(secrets.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]))].filter((s) => s.length >= 3).sort((a, b) => b.length - a.length);
  if (!forms.length) return (text) => text;
  const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const long = forms.filter((f) => f.length >= MIN_PREFIX).map(esc);
  const short = forms.filter((f) => f.length < MIN_PREFIX).map((f) => `(?<![A-Za-z0-9])${esc(f)}(?![A-Za-z0-9])`);
  const re = new RegExp([...long, ...short].join('|'), 'g');
  const prefixed = forms.filter((f) => f.length > MIN_PREFIX);
  return (text) => {
    let out = text.replace(re, SENSITIVE_TEXT);
    if (prefixed.length && out.includes('...')) {
      out = out.replace(/\.\.\./g, (dots, offset: number, whole: string) => {
        void dots;
        for (const f of prefixed) {
          for (let k = Math.min(f.length - 1, offset); k >= MIN_PREFIX; k--) {
            if (whole.slice(offset - k, offset) === f.slice(0, k)) return `\u0000${k}\u0000...`;
          }
        }
        return '...';
      });
      // Second pass: cut the matched prefixes marked above.
      out = out.replace(/([\s\S]*?)\u0000(\d+)\u0000\.\.\./g, (_m, before: string, k: string) => `${before.slice(0, before.length - Number(k))}${SENSITIVE_TEXT}...`);
    }
    return out;
  };
}
