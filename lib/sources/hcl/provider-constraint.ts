/**
 * Which azurerm versions `terraform init` may install for a configuration: the version
 * constraints of every module's `required_providers` (and 0.12-era `provider { version }`),
 * intersected, or the exact version of `.terraform.lock.hcl`. Used to decide whether an argument
 * removed in azurerm 3.0 or 4.0 is an error (Terraform installs the newest version allowed).
 */
import { attributesOf, blocksOf, type Block } from './ast.js';
import { parseHcl } from './parse.js';
import type { HclModule } from './module.js';

type Version = readonly [number, number, number];

/** The versions allowed: a lower bound (inclusive) and an upper bound (exclusive unless `upperIncluded`). */
export interface VersionRange {
  /** Lowest allowed version. */
  readonly low: Version;
  /** Highest bound, `undefined` for none. */
  readonly high?: Version;
  /** Whether `high` itself is allowed (`<=` or an exact version). */
  readonly upperIncluded: boolean;
  /** How the range was found, for messages: `version = "~> 3.0"`, `.terraform.lock.hcl 4.1.0`, `no version constraint`. */
  readonly from: string;
}

function cmp(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function parseVersion(s: string): { v: Version; parts: number } | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+].*)?$/.exec(s.trim());
  if (!m) return undefined;
  const parts = m[3] !== undefined ? 3 : m[2] !== undefined ? 2 : 1;
  return { v: [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)], parts };
}

/** Intersects `range` with one constraint string (`">= 3.0, < 4.0"`, `"~> 3.117"`); undefined parts are ignored. */
function constrain(range: VersionRange, constraint: string): VersionRange {
  let { low, high, upperIncluded } = range;
  for (const clause of constraint.split(',')) {
    const m = /^\s*(~>|>=|<=|!=|=|>|<)?\s*(\S+)\s*$/.exec(clause);
    if (!m) continue;
    const op = m[1] ?? '=';
    const parsed = parseVersion(m[2]!);
    if (!parsed) continue;
    const { v, parts } = parsed;
    const lower = (x: Version): void => {
      if (cmp(x, low) > 0) low = x;
    };
    const upper = (x: Version, incl: boolean): void => {
      if (high === undefined || cmp(x, high) < 0 || (cmp(x, high) === 0 && !incl)) {
        high = x;
        upperIncluded = incl;
      }
    };
    switch (op) {
      case '=':
        lower(v);
        upper(v, true);
        break;
      case '>=':
        lower(v);
        break;
      case '>':
        lower([v[0], v[1], v[2] + 1]);
        break;
      case '<':
        upper(v, false);
        break;
      case '<=':
        upper(v, true);
        break;
      case '~>':
        // Only the rightmost given part may grow: ~> 3.0 allows 3.x, ~> 3.1.0 allows 3.1.x, and
        // ~> 3 lets the major itself grow (as go-version reads it).
        lower(v);
        if (parts > 1) upper(parts === 3 ? [v[0], v[1] + 1, 0] : [v[0] + 1, 0, 0], false);
        break;
      default:
        break; // != excludes one version: no effect on the bounds
    }
  }
  return { low, ...(high !== undefined ? { high } : {}), upperIncluded, from: range.from };
}

/** Whether the range allows any version of major `major` or later. */
export function allowsMajor(range: VersionRange, major: number): boolean {
  if (range.high === undefined) return true;
  const bound: Version = [major, 0, 0];
  const c = cmp(range.high, bound);
  return c > 0 || (c === 0 && range.upperIncluded);
}

/** {@link constraintsOf} by module: a module many roots call is read once. */
const CONSTRAINTS = new WeakMap<HclModule, readonly string[]>();

/** The azurerm version constraints written in one module. */
function constraintsOf(module: HclModule): readonly string[] {
  let out = CONSTRAINTS.get(module);
  if (!out) {
    out = constraintsIn(module);
    CONSTRAINTS.set(module, out);
  }
  return out;
}

function constraintsIn(module: HclModule): string[] {
  const out: string[] = [];
  const literal = (b: Block, name: string): string | undefined => {
    const a = attributesOf(b.body).get(name);
    return a?.expr.kind === 'literal' && typeof a.expr.value === 'string' ? a.expr.value : undefined;
  };
  for (const { item } of module.terraformBlocks) {
    for (const rp of blocksOf(item.body, 'required_providers')) {
      const azurerm = attributesOf(rp.body).get('azurerm');
      if (!azurerm) continue;
      const e = azurerm.expr;
      if (e.kind === 'literal' && typeof e.value === 'string') out.push(e.value);
      else if (e.kind === 'object') {
        for (const i of e.items) {
          if (i.key.kind === 'literal' && i.key.value === 'version' && i.value.kind === 'literal' && typeof i.value.value === 'string') out.push(i.value.value);
        }
      }
    }
  }
  for (const { item } of module.providerBlocks) {
    if (item.labels[0] !== 'azurerm') continue;
    const v = literal(item, 'version');
    if (v !== undefined) out.push(v);
  }
  return out;
}

/** {@link azurermVersions} by constraint list (as JSON); at most {@link MAX_RANGES} lists. */
const RANGES = new Map<string, VersionRange>();
const MAX_RANGES = 256;

/**
 * The azurerm versions a configuration (its modules) may use: the lock file's version when it
 * has one for azurerm, else every module's constraints intersected.
 */
export function azurermVersions(modules: readonly HclModule[], lockFile?: { readonly file: string; readonly text: string }): VersionRange {
  if (lockFile) {
    const parsed = parseHcl(lockFile.file, lockFile.text);
    for (const b of parsed.body.items) {
      if (b.kind !== 'block' || b.type !== 'provider' || !/(^|\/)hashicorp\/azurerm$/.test(b.labels[0] ?? '')) continue;
      const v = attributesOf(b.body).get('version');
      const s = v?.expr.kind === 'literal' && typeof v.expr.value === 'string' ? v.expr.value : undefined;
      const pv = s !== undefined ? parseVersion(s) : undefined;
      if (pv) return { low: pv.v, high: pv.v, upperIncluded: true, from: `azurerm ${s} in ${lockFile.file}` };
    }
  }
  const all = modules.flatMap(constraintsOf);
  // The roots of a monorepo mostly share their constraints: each list is intersected once.
  const key = JSON.stringify(all);
  const known = RANGES.get(key);
  if (known) return known;
  let range: VersionRange = { low: [0, 0, 0], upperIncluded: false, from: all.length ? `azurerm version ${all.map((c) => JSON.stringify(c)).join(' and ')}` : 'no azurerm version constraint (terraform init installs the newest)' };
  for (const c of all) range = constrain(range, c);
  if (RANGES.size >= MAX_RANGES) RANGES.clear();
  RANGES.set(key, range);
  return range;
}

/** The one major the range allows, or undefined when it allows several. */
export function singleMajor(range: VersionRange): number | undefined {
  if (range.high === undefined) return undefined;
  const top = range.upperIncluded || range.high[1] > 0 || range.high[2] > 0 ? range.high[0] : range.high[0] - 1;
  return top === range.low[0] ? top : undefined;
}
