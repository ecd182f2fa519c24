/**
 * The policy engine: runs the rules of the chosen packs over every registry and applies
 * suppressions. A rule that throws becomes an `error` finding of that rule, never a crash.
 */
import type { RegistrySpec } from '../model/registry-spec.js';
import { summarize, type Finding, type FindingLocation, type FindingSummary } from './finding.js';
import { PACK_NAMES, type PackOptions, type Rule, type RuleFinding, type Severity } from './rule.js';
import { rulesOf } from './packs/index.js';
import { covers, type Suppression } from './suppressions.js';
import { findingArgument } from './finding-argument.js';
import { inProviderNames } from '../sources/provider-version.js';
import type { Mutable } from '../mutable.js';

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /**
   * Packs to run.
   * @default - every pack
   */
  readonly packs?: readonly string[];
  /**
   * Pack options.
   * @default {}
   */
  readonly options?: PackOptions;
  /**
   * Suppressions to apply.
   * @default []
   */
  readonly suppressions?: readonly Suppression[];
  /**
   * Rules to run instead of the packs' (tests and custom packs).
   * @default - the rules of `packs`
   */
  readonly rules?: readonly Rule[];
}

/** A registry the rules ran on. */
export interface CheckedRegistry {
  /** Registry address. */
  readonly address: string;
  /** Where it is defined. */
  readonly location: FindingLocation;
}

/** What {@link evaluate} returns. */
export interface PolicyReport {
  /** Findings, grouped by registry in input order, then by rule order. */
  readonly findings: Finding[];
  /** Rules that ran. */
  readonly rules: readonly Rule[];
  /** Number of registries checked. */
  readonly registries: number;
  /**
   * The registries checked, in input order; every rule in `rules` ran on each.
   * @default - not recorded: only registries with findings are known
   */
  readonly checked?: readonly CheckedRegistry[];
  /** Counts. */
  readonly summary: FindingSummary;
}

/** The location of a registry for findings. */
export function locationOf(spec: RegistrySpec): FindingLocation {
  const s = spec.source;
  const out: { file?: string; line?: number; pointer?: string; constructPath?: string } = {};
  if (s.file !== undefined) out.file = s.file;
  if (s.line !== undefined) out.line = s.line;
  if (s.pointer !== undefined) out.pointer = s.pointer;
  if (s.constructPath !== undefined) out.constructPath = s.constructPath;
  return out;
}

/** Runs one rule on one spec; a throw becomes a single `error` finding. */
export function runRule(rule: Rule, spec: RegistrySpec, options: PackOptions = {}): Array<Pick<Finding, 'status' | 'message'> & { readonly severity?: Severity }> {
  const r = check(rule, spec, { options });
  if (typeof r === 'string') return [{ status: 'error', message: r }];
  if (r === undefined) return [];
  const terraform = isTerraform(spec);
  return r.map((f: RuleFinding) => ({
    status: f.status,
    message: messageOf(f, spec, terraform),
    ...(f.severity !== undefined ? { severity: f.severity } : {}),
  }));
}

/** Whether a spec comes from Terraform (its messages use azurerm argument names). */
function isTerraform(spec: RegistrySpec): boolean {
  return spec.source.kind !== 'construct' && spec.source.kind !== 'inline';
}

/** A finding's message in the naming of the input (Terraform inputs: the argument names of the azurerm version they were written for). */
function messageOf(f: RuleFinding, spec: RegistrySpec, terraform: boolean): string {
  return terraform ? inProviderNames(f.terraformMessage ?? f.message, spec.source.azurermMajor) : f.message;
}

/**
 * The findings of one rule on one spec: undefined when it has none, the message of the `error`
 * finding when the rule throws.
 */
function check(rule: Rule, spec: RegistrySpec, ctx: Parameters<Rule['check']>[1]): readonly RuleFinding[] | string | undefined {
  try {
    const r = rule.check(spec, ctx);
    return r === 'compliant' || r === 'not-applicable' || r.length === 0 ? undefined : r;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return `rule ${rule.id} (${rule.name}) must evaluate, got an exception: ${why}; report this to acrkit with the input.`;
  }
}

/** Evaluates the packs over `registries`. */
export function evaluate(registries: readonly RegistrySpec[], opts: EvaluateOptions = {}): PolicyReport {
  const rules = opts.rules ?? rulesOf(opts.packs ?? PACK_NAMES);
  const suppressions = opts.suppressions ?? [];
  // One context for every rule call (nothing is allocated for a compliant rule: most of them,
  // hundreds of thousands of times on a large input).
  const ctx = { options: opts.options ?? {} };
  const findings: Finding[] = [];
  const checked: CheckedRegistry[] = [];
  const messages = new Messages();
  // Indexed loops: no iterator a registry and a rule before the loops are optimized.
  for (let i = 0; i < registries.length; i++) {
    const spec = registries[i]!;
    const location = locationOf(spec);
    checked.push({ address: spec.address, location });
    const terraform = isTerraform(spec);
    for (let k = 0; k < rules.length; k++) {
      const rule = rules[k]!;
      const r = check(rule, spec, ctx);
      if (r === undefined) continue;
      const s = suppressions.length ? suppressions.find((x) => covers(x, rule.id, spec.address, spec.source.constructPath, spec.source.file)) : undefined;
      if (typeof r === 'string') findings.push(finding(rule, spec, location, 'error', r, undefined, s));
      else for (let j = 0; j < r.length; j++) findings.push(finding(rule, spec, location, r[j]!.status, messages.shared(k, messageOf(r[j]!, spec, terraform)), r[j]!.severity, s));
    }
  }
  return { findings, rules, registries: registries.length, checked, summary: summarize(findings) };
}

/** Most messages kept, at most: past this, a message is kept as made. */
const MAX_SHARED_MESSAGES = 10_000;

/** Messages of one rule compared before the look-up by value. */
const RECENT_MESSAGES = 4;

/**
 * One copy of each finding message: a rule makes the same message for most registries of a
 * large input, and tens of thousands of copies, each kept until the report is written, are
 * work for the collector; the copy made for the finding at hand is garbage at once. The last
 * few messages of each rule are compared first: comparing costs less than the look-up, which
 * must first copy the message (made in pieces) into one string to hash it.
 */
class Messages {
  private readonly seen = new Map<string, string>();
  private readonly recent: string[][] = [];

  /** The copy of `message` (of the rule at `rule` in the rule list) kept, or `message` itself when it is the first (or too many are kept). */
  shared(rule: number, message: string): string {
    const recent = (this.recent[rule] ??= []);
    for (let i = 0; i < recent.length; i++) if (recent[i] === message) return recent[i]!;
    let kept = this.seen.get(message);
    if (kept === undefined) {
      kept = message;
      if (this.seen.size < MAX_SHARED_MESSAGES) this.seen.set(message, message);
    }
    if (recent.length >= RECENT_MESSAGES) recent.shift();
    recent.push(kept);
    return kept;
  }
}

/**
 * One finding, built in place (no copies: a large input has tens of thousands of findings),
 * with the keys in the order reports print them: argument, then reason and suppression, last.
 */
function finding(rule: Rule, spec: RegistrySpec, location: FindingLocation, status: Finding['status'], message: string, severity: Severity | undefined, s: Suppression | undefined): Finding {
  const out: Mutable<Finding> = {
    ruleId: rule.id,
    ruleName: rule.name,
    pack: rule.pack,
    severity: status === 'error' ? 'error' : (severity ?? rule.severity),
    status,
    address: spec.address,
    message,
    location,
    suppressed: s !== undefined,
  };
  const argument = findingArgument(spec, message);
  if (argument) out.argument = argument;
  if (s) {
    out.reason = s.reason;
    out.suppression = { kind: s.kind, origin: s.origin };
  }
  return out;
}
