/**
 * Which major version of the azurerm provider an input was written for, and acrkit's messages
 * in that version's attribute names. azurerm 4.0 replaced the `retention_policy { days, enabled }`
 * and `trust_policy { enabled }` blocks of 2.x/3.x with `retention_policy_in_days` and
 * `trust_policy_enabled` (acr-facts.md §6, "4.0 changes"); acrkit's rules name the 4.x
 * arguments, so a 3.x input gets them rewritten.
 */
import { isPlainObject } from './values.js';

/** Lower (inclusive) and upper (exclusive) bounds of the majors a constraint allows. */
interface MajorRange {
  readonly low: number;
  readonly high: number;
}

function parseVersion(v: string): number[] | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+].*)?$/.exec(v.trim());
  if (!m) return undefined;
  return [Number(m[1]), ...(m[2] !== undefined ? [Number(m[2])] : []), ...(m[3] !== undefined ? [Number(m[3])] : [])];
}

/** The range of majors one constraint clause (`~> 3.110`, `>= 4.0`, `< 5.0`, `3.117.0`) allows. */
function clauseRange(clause: string): MajorRange | undefined {
  const m = /^\s*(~>|>=|<=|!=|=|>|<)?\s*(\S+)\s*$/.exec(clause);
  if (!m) return undefined;
  const op = m[1] ?? '=';
  const parts = parseVersion(m[2]!);
  if (!parts) return undefined;
  const major = parts[0]!;
  const rest = parts.slice(1);
  switch (op) {
    case '=':
      return { low: major, high: major + 1 };
    case '~>':
      // `~> 3` lets the major itself grow; `~> 3.1` and `~> 3.1.0` stay within 3.
      return rest.length === 0 ? { low: major, high: Infinity } : { low: major, high: major + 1 };
    case '>=':
    case '>':
      return { low: major, high: Infinity };
    case '<':
      return { low: 0, high: rest.every((x) => x === 0) ? major : major + 1 };
    case '<=':
      return { low: 0, high: major + 1 };
    default:
      return { low: 0, high: Infinity };
  }
}

/**
 * The one major version a Terraform version constraint allows (`~> 3.110` and `>= 3.0, < 4.0`
 * give 3), or `undefined` when it allows several (`>= 3.0`) or cannot be read.
 */
export function majorFromConstraint(constraint: string): number | undefined {
  let low = 0;
  let high = Infinity;
  let any = false;
  for (const clause of constraint.split(',')) {
    if (clause.trim() === '') continue;
    const r = clauseRange(clause);
    if (!r) return undefined;
    any = true;
    low = Math.max(low, r.low);
    high = Math.min(high, r.high);
  }
  return any && high - low === 1 ? low : undefined;
}

/**
 * The azurerm major version of a plan's `configuration.provider_config`: every `azurerm`
 * configuration's `version_constraint`, intersected as Terraform does. `undefined` when no
 * constraint pins one major.
 */
export function majorFromProviderConfig(configuration: unknown): number | undefined {
  if (!isPlainObject(configuration) || !isPlainObject(configuration.provider_config)) return undefined;
  const constraints: string[] = [];
  for (const p of Object.values(configuration.provider_config)) {
    if (!isPlainObject(p)) continue;
    const fullName = typeof p.full_name === 'string' ? p.full_name : '';
    if (p.name !== 'azurerm' && !fullName.endsWith('/azurerm')) continue;
    if (typeof p.version_constraint === 'string' && p.version_constraint.trim() !== '') constraints.push(p.version_constraint);
  }
  return constraints.length ? majorFromConstraint(constraints.join(',')) : undefined;
}

/**
 * The azurerm major version a registry's attribute values were written for, from arguments
 * only one version range has: `retention_policy_in_days` or `trust_policy_enabled` (4.x);
 * `retention_policy`, `trust_policy` or `encryption.enabled` (2.x/3.x, reported as 3);
 * `georeplication_locations` (2.x). `undefined` when none of them is present.
 *
 * A plan holds every argument of the provider's schema (null when unset), so this is exact
 * for plan values; in `.tf` files only the arguments written are present.
 */
export function majorFromRegistryValues(values: Readonly<Record<string, unknown>> | undefined): number | undefined {
  if (!values) return undefined;
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(values, k);
  if (has('retention_policy_in_days') || has('trust_policy_enabled')) return 4;
  if (has('georeplication_locations')) return 2;
  if (has('retention_policy') || has('trust_policy')) return 3;
  const enc = Array.isArray(values.encryption) ? values.encryption[0] : values.encryption;
  if (isPlainObject(enc) && Object.prototype.hasOwnProperty.call(enc, 'enabled')) return 3;
  return undefined;
}

/** 4.x argument names and the 2.x/3.x writing of the same setting, most specific first. */
const V3_NAMES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bset retention_policy_in_days = (\d+)/g, 'set retention_policy { enabled = true, days = $1 }'],
  [/\bretention_policy_in_days = 0\b/g, 'retention_policy { enabled = false }'],
  [/\bretention_policy_in_days = (\d+)/g, 'retention_policy { enabled = true, days = $1 }'],
  [/\bremove retention_policy_in_days\b/g, 'remove the retention_policy block'],
  [/\bretention_policy_in_days\b/g, 'retention_policy.days'],
  [/\bset trust_policy_enabled = (true|false)/g, 'set trust_policy { enabled = $1 }'],
  [/\btrust_policy_enabled = (true|false)/g, 'trust_policy { enabled = $1 }'],
  [/\bremove trust_policy_enabled\b/g, 'remove the trust_policy block'],
  [/\btrust_policy_enabled\b/g, 'trust_policy.enabled'],
];

/**
 * A message in the attribute names of azurerm `major`: for 2.x and 3.x the 4.x arguments
 * `retention_policy_in_days` and `trust_policy_enabled` become the `retention_policy` and
 * `trust_policy` blocks. 4.x, later and unknown majors keep the message as it is.
 */
export function inProviderNames(message: string, major: number | undefined): string {
  if (major === undefined || major >= 4) return message;
  // Every pattern names one of the two arguments: most messages hold neither and skip the nine replaces.
  if (!message.includes('retention_policy_in_days') && !message.includes('trust_policy_enabled')) return message;
  let out = message;
  for (const [re, to] of V3_NAMES) out = out.replace(re, to);
  return out;
}
