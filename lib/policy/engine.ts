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
  const terraform = spec.source.kind !== 'construct' && spec.source.kind !== 'inline';
  try {
    const r = rule.check(spec, { options });
    if (r === 'compliant' || r === 'not-applicable') return [];
    // Terraform inputs get the argument names of the azurerm version they were written for.
    const major = spec.source.azurermMajor;
    return r.map((f: RuleFinding) => ({
      status: f.status,
      message: terraform ? inProviderNames(f.terraformMessage ?? f.message, major) : f.message,
      ...(f.severity !== undefined ? { severity: f.severity } : {}),
    }));
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return [{ status: 'error', message: `rule ${rule.id} (${rule.name}) must evaluate, got an exception: ${why}; report this to acrkit with the input.` }];
  }
}

/** Evaluates the packs over `registries`. */
export function evaluate(registries: readonly RegistrySpec[], opts: EvaluateOptions = {}): PolicyReport {
  const rules = opts.rules ?? rulesOf(opts.packs ?? PACK_NAMES);
  const suppressions = opts.suppressions ?? [];
  const findings: Finding[] = [];
  const checked: CheckedRegistry[] = [];
  for (const spec of registries) {
    const location = locationOf(spec);
    checked.push({ address: spec.address, location });
    for (const rule of rules) {
      for (const f of runRule(rule, spec, opts.options)) {
        const s = suppressions.length ? suppressions.find((x) => covers(x, rule.id, spec.address, spec.source.constructPath, spec.source.file)) : undefined;
        // Built in place (no copies: a large input has tens of thousands of findings), with the
        // keys in the order reports print them: argument, then reason and suppression, last.
        const finding: Mutable<Finding> = {
          ruleId: rule.id,
          ruleName: rule.name,
          pack: rule.pack,
          severity: f.status === 'error' ? 'error' : (f.severity ?? rule.severity),
          status: f.status,
          address: spec.address,
          message: f.message,
          location,
          suppressed: s !== undefined,
        };
        const argument = findingArgument(spec, f.message);
        if (argument) finding.argument = argument;
        if (s) {
          finding.reason = s.reason;
          finding.suppression = { kind: s.kind, origin: s.origin };
        }
        findings.push(finding);
      }
    }
  }
  return { findings, rules, registries: registries.length, checked, summary: summarize(findings) };
}
