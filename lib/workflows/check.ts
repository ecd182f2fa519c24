/**
 * runCheck: the whole `acrkit check` pipeline as a library call — load inputs, load the
 * config, turn `# acrkit:ignore` and `#checkov:skip` comments and PSRule for Azure's
 * suppressions into suppressions, evaluate, decide the exit code.
 */
import { InputError } from '../errors.js';
import type { RegistrySpec } from '../model/registry-spec.js';
import { loadInputs, type LoadInputsOptions } from './load-inputs.js';
import type { SourceSuppression } from '../sources/suppression-comments.js';
import type { CheckResult } from '../report/check/check-result.js';
import type { PolicyConfig } from '../policy/config.js';
import { configFor, loadPsRuleSuppressions } from './load-config.js';
import { psRuleSuppressionsFor, type PsRuleWarning } from '../policy/psrule.js';
import { evaluate } from '../policy/engine.js';
import { anyFailing, type FailOn, type Finding } from '../policy/finding.js';
import { PACK_NAMES, type PackOptions } from '../policy/rule.js';
import { ambiguousSuppressions, MIN_REASON_LENGTH, suppressionProblem, type Suppression } from '../policy/suppressions.js';
import { PEER_CHECKS } from '../policy/parity.js';
import { scrubber } from '../sources/plan-sensitive.js';
import { appendAll } from '../mutable.js';

/** Options of {@link runCheck}. */
export interface CheckOptions {
  /**
   * Working directory: inputs and the config resolve against it, SARIF paths are relative to it.
   * @default process.cwd()
   */
  readonly cwd?: string;
  /**
   * Packs to run (overrides the config).
   * @default - the config's packs, else every pack
   */
  readonly packs?: readonly string[];
  /**
   * Failure threshold (overrides the config).
   * @default - the config's failOn, else 'error'
   */
  readonly failOn?: FailOn;
  /**
   * Config file; when given it must exist.
   * @default - `acrkit.config.json` in `cwd` when present
   */
  readonly configFile?: string;
  /**
   * Pack options (merged over the config's).
   * @default {}
   */
  readonly packOptions?: PackOptions;
  /**
   * Reads standard input for the path `-` (see {@link LoadInputsOptions.readStdin}).
   * @default - `-` is an input error
   */
  readonly readStdin?: () => Promise<string>;
  /**
   * Variable definitions files for `.tf` inputs (see {@link LoadInputsOptions.varFiles}).
   * @default []
   */
  readonly varFiles?: readonly string[];
  /**
   * Whether a cdktf project folder among the paths is synthesized by running its app (false:
   * `--no-synth`, such a folder is an input error). See {@link LoadInputsOptions.allowSynth}.
   * @default true
   */
  readonly allowSynth?: boolean;
  /**
   * The time PSRule suppression groups' `expiresOn` is compared with.
   * @default - now
   */
  readonly now?: Date;
}

/** A problem that does not stop the check (an unknown PSRule rule, an expired suppression group), with where it is. */
export type CheckWarning = PsRuleWarning;

/** What {@link runCheck} returns. */
export interface CheckRun {
  /** Findings and input errors, for the reporters. */
  readonly result: CheckResult;
  /** Threshold in effect. */
  readonly failOn: FailOn;
  /** 0: nothing fails; 1: findings at or above failOn; 2: an input could not be read. */
  readonly exitCode: 0 | 1 | 2;
  /** Warnings to show beside the report (an unknown PSRule rule, an undecidable or expired suppression group); they never change the exit code. */
  readonly warnings: readonly CheckWarning[];
  /**
   * The config used.
   * @default - no config file was found
   */
  readonly config?: PolicyConfig;
}

/**
 * Validates `# acrkit:ignore` comments (invalid ones become input errors at their line) and maps
 * `#checkov:skip=<id>:<reason>` to the acrkit rule that makes the same decision.
 */
export function commentSuppressions(list: readonly SourceSuppression[], errors: InputError[]): Suppression[] {
  const out: Suppression[] = [];
  const reported = new Set<string>();
  for (const raw of list) {
    let s = raw;
    if (raw.tool === 'checkov') {
      // Checkov's skip comment: the acrkit rule that makes the same decision, if any (its other
      // checks are Checkov's business and are left alone).
      const rule = PEER_CHECKS.find((p) => p.tool === 'checkov' && p.id === raw.ruleId)?.rule;
      // A skip without a reason is valid for Checkov but not enough for acrkit: no suppression.
      if (!rule || raw.reason.trim().length < MIN_REASON_LENGTH) continue;
      s = { ...raw, ruleId: rule, reason: `${raw.reason.trim()} (checkov:skip=${raw.ruleId})` };
    }
    const problem = suppressionProblem({ id: s.ruleId, reason: s.reason });
    if (problem) {
      // One comment covers every instance of a counted resource: report it once.
      const key = `${s.file}:${s.line}:${s.ruleId}`;
      if (reported.has(key)) continue;
      reported.add(key);
      errors.push(new InputError({ file: s.file, line: s.line }, problem.replace('suppression', '# acrkit:ignore')));
      continue;
    }
    out.push({ id: s.ruleId, reason: s.reason, address: s.address, file: s.file, kind: 'inSource', origin: `${s.file}:${s.line}` });
  }
  return out;
}

/**
 * PSRule for Azure's own suppressions (`ps-rule.yaml`, `.ps-rule/*.Rule.yaml`) for `registries`,
 * as suppressions of the acrkit rules the parity table maps them to (see lib/policy/psrule.ts
 * and {@link loadPsRuleSuppressions} for which files apply). Malformed files are input errors,
 * what cannot be decided a warning.
 */
export function psRuleSuppressions(registries: readonly RegistrySpec[], cwd: string, now: Date, errors: InputError[], warnings: CheckWarning[]): Suppression[] {
  // Which PSRule files apply depends only on a registry's file: they are looked up once a file
  // (a plan holds thousands of registries), for the first registry of each.
  const firstOf = new Map<string | undefined, RegistrySpec>();
  // Registries of one file come one after another: the map is asked only when the file changes.
  let last: RegistrySpec | undefined;
  for (let i = 0; i < registries.length; i++) {
    const spec = registries[i]!;
    if (last !== undefined && spec.source.file === last.source.file) continue;
    last = spec;
    if (!firstOf.has(spec.source.file)) firstOf.set(spec.source.file, spec);
  }
  const found = loadPsRuleSuppressions([...firstOf.values()], cwd, errors, warnings);
  const out: Suppression[] = [];
  if (found.size === 0) return out;
  for (const spec of registries) {
    const entries = found.get(firstOf.get(spec.source.file)!);
    if (entries) appendAll(out, psRuleSuppressionsFor(entries, spec, { now }, warnings));
  }
  return out;
}

/**
 * Runs the check. Throws {@link InputErrors} only for a bad config file (nothing can be
 * evaluated without it); unreadable inputs are returned in `result.inputErrors`.
 */
export async function runCheck(paths: readonly string[], options: CheckOptions = {}): Promise<CheckRun> {
  const cwd = options.cwd ?? process.cwd();
  const config = configFor(options.configFile, cwd);
  const loaded = await loadInputs(paths, { cwd, ...(options.readStdin ? { readStdin: options.readStdin } : {}), ...(options.varFiles ? { varFiles: options.varFiles } : {}), ...(options.allowSynth === false ? { allowSynth: false } : {}) });
  const errors = [...loaded.errors];
  const suppressions = [...(config?.suppressions ?? []), ...commentSuppressions(loaded.suppressions, errors)];
  const warnings: CheckWarning[] = [];
  suppressions.push(...psRuleSuppressions(loaded.registries, cwd, options.now ?? new Date(), errors, warnings));
  const packs = options.packs && options.packs.length ? options.packs : (config?.packs ?? PACK_NAMES);
  const failOn = options.failOn ?? config?.failOn ?? 'error';
  const packOptions: PackOptions = { ...config?.packOptions, ...options.packOptions };
  for (const a of ambiguousSuppressions(suppressions, loaded.registries)) {
    errors.push(new InputError({ file: a.suppression.origin, ...(a.suppression.pointer ? { pointer: a.suppression.pointer } : {}) }, a.message));
  }
  const evaluated = evaluate(loaded.registries, { packs, options: packOptions, suppressions });
  // A value a plan marks sensitive was masked when read; a copy of it elsewhere in the plan (a
  // replica location, a name) can still reach a message: scrub every message.
  const scrub = scrubber(loaded.sensitive ?? []);
  const report = { ...evaluated, findings: (loaded.sensitive ?? []).length ? scrubFindings(evaluated.findings, scrub) : evaluated.findings };
  const inputErrors = errors.map((e) => {
    const reason = scrub(e.reason);
    return reason === e.reason ? e : new InputError(e.location, reason);
  });
  const exitCode = errors.length ? 2 : anyFailing(report.findings, failOn) ? 1 : 0;
  const shownWarnings = warnings.map((w) => ({ location: w.location, message: scrub(w.message) }));
  return { result: { report, inputErrors }, failOn, exitCode, warnings: shownWarnings, ...(config ? { config } : {}) };
}

/**
 * `findings` with `scrub` applied to every string in them (keys, order and values otherwise as
 * they were). A finding, or an object in it, that nothing changes in is kept as it is, not
 * rebuilt; each distinct text is scrubbed once (rule ids, files and shared messages repeat).
 */
function scrubFindings(findings: readonly Finding[], scrub: (text: string) => string): Finding[] {
  const scrubbed = new Map<string, string>();
  const deep = (v: unknown): unknown => {
    if (typeof v === 'string') {
      let out = scrubbed.get(v);
      if (out === undefined) scrubbed.set(v, (out = scrub(v)));
      return out;
    }
    if (Array.isArray(v)) {
      const items = v.map(deep);
      return items.some((x, i) => x !== v[i]) ? items : v;
    }
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      let changed = false;
      for (const e of entries) {
        const x = deep(e[1]);
        if (x !== e[1]) {
          e[1] = x;
          changed = true;
        }
      }
      return changed ? Object.fromEntries(entries) : v;
    }
    return v;
  };
  return findings.map((f) => deep(f) as Finding);
}
