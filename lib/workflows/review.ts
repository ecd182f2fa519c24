/**
 * runReview: a pull request's base and head (or one plan) in, one review out.
 */
import { monthlyBaseCostUsd, round2 } from '../catalog/prices.js';
import { isTier } from '../catalog/tiers.js';
import { displayPath, InputError } from '../errors.js';
import type { RegistrySpec } from '../model/registry-spec.js';
import { isUnknown, known } from '../model/unknown.js';
import { commentSuppressions, psRuleSuppressions } from './check.js';
import { configFor } from './load-config.js';
import { evaluate } from '../policy/engine.js';
import { failing, type FailOn, type Finding } from '../policy/finding.js';
import { PACK_NAMES } from '../policy/rule.js';
import type { Suppression } from '../policy/suppressions.js';
import { planChanges } from '../sources/from-plan.js';
import { loadInputs } from './load-inputs.js';
import { STDIN_NAME, STDIN_PATH, stdinCount } from '../sources/stdin.js';
import { actionOf, classifyCompanion, classifyRegistry, diffRegistries, displayAddress, keyDependencies, registryKey, type ResourceChange } from '../review/diff.js';
import { REGISTRY_TYPE } from '../sources/assemble.js';
import { alignLiveRegistries } from '../review/drift.js';
import type { CostDelta, FindingsDelta, ReviewResult, SimulationDelta, VerdictReason } from '../review/review-types.js';
import { counted } from '../format/counts.js';
import { compareStrings } from '../order.js';
import { errnoText, readInputText } from '../input/read.js';
import { parseInputJson } from '../input/json.js';

/** What to review: two inputs, or one plan that holds before and after. */
export type ReviewInputs = { readonly base: readonly string[]; readonly head: readonly string[] } | { readonly plan: string };

/** Options of {@link runReview}. */
export interface ReviewOptions {
  /**
   * Working directory.
   * @default process.cwd()
   */
  readonly cwd?: string;
  /**
   * Packs to run.
   * @default - the config's packs, else every pack
   */
  readonly packs?: readonly string[];
  /**
   * New findings at or above this fail the review.
   * @default - the config's failOn, else 'error'
   */
  readonly failOn?: FailOn;
  /**
   * Accept destructive changes (they are still shown).
   * @default false
   */
  readonly allowDestroy?: boolean;
  /**
   * Accept changes that end data-plane access an identity has (a switch to `rbac-abac`): they
   * warn instead of failing the review.
   * @default false
   */
  readonly allowAccessLoss?: boolean;
  /**
   * Config file.
   * @default - acrkit.config.json in cwd when present
   */
  readonly configFile?: string;
  /**
   * Runs the simulator on base and head and adds the delta.
   * @default - no simulation
   */
  readonly simulate?: (base: readonly RegistrySpec[], head: readonly RegistrySpec[]) => Promise<SimulationDelta>;
  /**
   * Reads standard input for the path `-` (the plan, or one path of base or head; `-` may
   * appear once in all). Called at most once.
   * @default - `-` is an input error
   */
  readonly readStdin?: () => Promise<string>;
  /**
   * Variable definitions files for the `.tf` folders of both sides, applied after each root
   * module's `terraform.tfvars` and `*.auto.tfvars`, in order.
   * @default []
   */
  readonly varFiles?: readonly string[];
  /**
   * Whether a cdktf project folder among the base or head paths is synthesized by running its
   * app (false: `--no-synth`, such a folder is an input error).
   * @default true
   */
  readonly allowSynth?: boolean;
}

interface Side {
  readonly registries: RegistrySpec[];
  readonly suppressions: Suppression[];
}

async function loadSide(paths: readonly string[], cwd: string, errors: InputError[], readStdin: (() => Promise<string>) | undefined, varFiles?: readonly string[], allowSynth = true): Promise<Side> {
  const loaded = await loadInputs(paths, { cwd, ...(readStdin ? { readStdin } : {}), ...(varFiles ? { varFiles } : {}), ...(allowSynth ? {} : { allowSynth: false }) });
  errors.push(...loaded.errors);
  // PSRule's warnings (unknown ids, undecidable conditions) are `check`'s to print.
  const psRule = psRuleSuppressions(loaded.registries, cwd, new Date(), errors, []);
  return { registries: loaded.registries, suppressions: [...commentSuppressions(loaded.suppressions, errors), ...psRule] };
}

/** Runs a review. Never throws for bad input: errors come back in `inputErrors` (exit 2). */
export async function runReview(inputs: ReviewInputs, options: ReviewOptions = {}): Promise<ReviewResult> {
  const cwd = options.cwd ?? process.cwd();
  const config = configFor(options.configFile, cwd);
  const errors: InputError[] = [];
  const readStdin = options.readStdin ? once(options.readStdin) : undefined;
  let base: Side;
  let head: Side;
  let changes: ResourceChange[];
  let scrub = (text: string): string => text;
  let registryCount: number;
  let otherResources = 0;
  if ('plan' in inputs) {
    const plan = await readPlan(inputs.plan, cwd, errors, readStdin);
    const read = planChanges(plan ?? {}, planName(inputs.plan, cwd));
    if (plan !== undefined) errors.push(...read.errors);
    scrub = read.scrub;
    // Data sources are read, never changed: neither reviewed nor counted.
    const pc = read.changes.filter((c) => !c.data);
    const regs = pc.filter((c) => c.type === REGISTRY_TYPE);
    registryCount = regs.length;
    base = { registries: regs.flatMap((c) => (c.before ? [c.before] : [])), suppressions: [] };
    head = { registries: regs.flatMap((c) => (c.after ? [c.after] : [])), suppressions: [] };
    const deps = keyDependencies(regs.map((c) => c.beforeValues));
    // Registries and their companions are reviewed; everything else is one count.
    otherResources = pc.filter((c) => !c.registries?.length && actionOf(c.actions) !== 'no-op').length;
    changes = pc
      .filter((c) => c.registries?.length)
      .map((c): ResourceChange => {
        const options = c.sensitiveChanged ? { sensitiveChanged: c.sensitiveChanged } : {};
        return c.type === REGISTRY_TYPE
          ? { address: c.address, type: c.type, ...classifyRegistry(c.before, c.after, c.actions, options) }
          : { address: c.address, type: c.type, ...classifyCompanion(c.type, c.actions, c.beforeValues, c.afterValues, deps, options) };
      })
      .filter((c) => c.action !== 'no-op');
  } else {
    // Twice on one side is loadInputs' error; once on each side is this one.
    const dashes = stdinCount(inputs.base) + stdinCount(inputs.head);
    if (dashes > 1 && stdinCount(inputs.base) <= 1 && stdinCount(inputs.head) <= 1) errors.push(new InputError({ file: STDIN_NAME }, `'-' (standard input) must be given at most once across --base and --head, got it ${dashes} times: save one side to a file and pass its path.`));
    base = await loadSide(inputs.base, cwd, errors, readStdin, options.varFiles, options.allowSynth ?? true);
    head = await loadSide(inputs.head, cwd, errors, readStdin, options.varFiles, options.allowSynth ?? true);
    // A live export on one side (az acr show): its registries take the configured identities, so the review shows drift.
    const aligned = alignLiveRegistries(base.registries, head.registries);
    base = { ...base, registries: aligned.base };
    head = { ...head, registries: aligned.head };
    changes = diffRegistries(base.registries, head.registries).filter((c) => c.action !== 'no-op');
    registryCount = new Set([...base.registries, ...head.registries].map(registryKey)).size;
  }
  changes.sort((a, b) => Number(b.type === 'azurerm_container_registry') - Number(a.type === 'azurerm_container_registry') || compareStrings(a.address, b.address));

  const packs = options.packs?.length ? options.packs : (config?.packs ?? PACK_NAMES);
  const failOn = options.failOn ?? config?.failOn ?? 'error';
  const common = { packs, options: config?.packOptions ?? {} };
  const before = evaluate(base.registries, { ...common, suppressions: [...(config?.suppressions ?? []), ...base.suppressions] }).findings;
  const after = evaluate(head.registries, { ...common, suppressions: [...(config?.suppressions ?? []), ...head.suppressions] }).findings;
  const findings = findingsDelta(before, after, new Set(head.registries.map(registryKey)));
  const cost = costDelta(base.registries, head.registries);
  const simulation = options.simulate && !errors.length ? await options.simulate(base.registries, head.registries) : undefined;

  const reasons = verdictReasons({ changes, failingFindings: failing(findings.new, failOn).length, failOn, simulation, inputErrors: errors.length, allowDestroy: options.allowDestroy ?? false, allowAccessLoss: options.allowAccessLoss ?? false });
  const fails = reasons.some((x) => x.fails);
  const exitCode: 0 | 1 | 2 = errors.length ? 2 : fails ? 1 : 0;
  const resultInputs = 'plan' in inputs ? { base: [], head: [], plan: inputs.plan } : { base: inputs.base, head: inputs.head };
  const noRegistry = 'plan' in inputs && registryCount === 0;
  return scrubResult(
    {
      inputs: resultInputs,
      changes,
      findings,
      cost,
      ...(simulation ? { simulation } : {}),
      inputErrors: errors,
      registries: registryCount,
      ...(otherResources ? { otherResources } : {}),
      verdict: fails ? 'fail' : 'pass',
      reasons,
      summary: noRegistry && !errors.length ? NO_REGISTRY_SUMMARY : summaryLine(changes, findings, simulation, cost, errors.length, options.allowDestroy ?? false),
      exitCode,
    },
    scrub,
  );
}

/** The summary of a plan without registries (exit 0). */
export const NO_REGISTRY_SUMMARY = 'No container registry in the plan, nothing to review.';

/** The summary of a review with nothing to review (exit 0). */
export const NOTHING_CHANGED_SUMMARY = 'No registry changes, nothing to review.';

/**
 * The result with every sensitive value of the plan replaced in every text it holds (the
 * values were masked when read; this catches a copy anywhere else, such as an error message).
 */
function scrubResult(r: ReviewResult, scrub: (text: string) => string): ReviewResult {
  const deep = <T>(v: T): T => {
    if (typeof v === 'string') return scrub(v) as T;
    if (Array.isArray(v)) return v.map(deep) as T;
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deep(x)])) as T;
    return v;
  };
  return {
    ...r,
    changes: deep(r.changes),
    findings: deep(r.findings),
    reasons: deep(r.reasons),
    summary: scrub(r.summary),
    inputErrors: r.inputErrors.map((e) => {
      const reason = scrub(e.reason);
      return reason === e.reason ? e : new InputError(e.location, reason);
    }),
  };
}

/** `read`, called at most once: later calls get the first call's promise. */
function once(read: () => Promise<string>): () => Promise<string> {
  let text: Promise<string> | undefined;
  return () => (text ??= read());
}

async function readPlan(path: string, cwd: string, errors: InputError[], readStdin: (() => Promise<string>) | undefined): Promise<unknown> {
  const file = planName(path, cwd);
  let text: string;
  try {
    if (path === STDIN_PATH && !readStdin) {
      errors.push(new InputError({ file }, `'-' (standard input) needs a reader, got no readStdin option: pass options.readStdin, or a file path instead of '-'.`));
      return undefined;
    }
    text = path === STDIN_PATH ? await readStdin!() : await readInputText(path, { cwd, shown: file, what: 'plan file', fix: 'pass the output of terraform show -json plan.tfplan' });
  } catch (e) {
    errors.push(e instanceof InputError ? e : new InputError({ file }, `standard input must be readable, got ${errnoText(e)}: pipe the plan JSON in, or pass a file path.`));
    return undefined;
  }
  try {
    return parseInputJson(text, { shown: file, what: 'plan file', fix: 'pass the output of terraform show -json plan.tfplan' });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    errors.push(e);
    return undefined;
  }
}

/** The plan's name in locations: `<stdin>` for `-`, else the path as the user reads it. */
function planName(path: string, cwd: string): string {
  return path === STDIN_PATH ? STDIN_NAME : displayPath(path, cwd);
}

/** Key of a finding across base and head. */
function findingKey(f: Finding): string {
  const stack = f.location.constructPath?.split('/')[0];
  return `${f.ruleId}|${stack ? `${stack}:` : ''}${f.address}|${f.message}`;
}

/** Key of a finding's registry, as {@link registryKey} gives it for the spec. */
function findingRegistryKey(f: Finding): string {
  const stack = f.location.constructPath?.split('/')[0];
  return `${stack ? `${stack}:` : ''}${f.address}`;
}

/**
 * Splits head's findings into new and unchanged against base, and base's into fixed, or
 * removed when `headRegistries` (keys of head's registries, {@link registryKey}) no longer
 * holds their registry. Unknowns of base that go away are neither fixed nor removed.
 */
export function findingsDelta(before: readonly Finding[], after: readonly Finding[], headRegistries?: ReadonlySet<string>): FindingsDelta {
  const beforeKeys = new Set(before.filter((f) => !f.suppressed).map(findingKey));
  const afterKeys = new Set(after.filter((f) => !f.suppressed).map(findingKey));
  const live = after.filter((f) => !f.suppressed);
  // An unknown that goes away was never a finding: it is neither fixed nor removed.
  const gone = before.filter((f) => !f.suppressed && f.status !== 'unknown' && !afterKeys.has(findingKey(f)));
  const removed = headRegistries ? gone.filter((f) => !headRegistries.has(findingRegistryKey(f))) : [];
  return {
    new: live.filter((f) => !beforeKeys.has(findingKey(f))),
    unchanged: live.filter((f) => beforeKeys.has(findingKey(f))),
    fixed: gone.filter((f) => !removed.includes(f)),
    removed,
    suppressed: after.filter((f) => f.suppressed),
  };
}

function baseCost(s: RegistrySpec | undefined): number | null {
  // A tier the plan's before side holds unvalidated (e.g. "*") has no price: unknown, not a crash.
  if (!s || isUnknown(s.tier) || !isTier(s.tier)) return null;
  return monthlyBaseCostUsd(s.tier, (known(s.replicas) ?? []).length);
}

/** Monthly base cost per registry and in total, base vs head. */
export function costDelta(base: readonly RegistrySpec[], head: readonly RegistrySpec[]): CostDelta {
  const b = new Map(base.map((s) => [registryKey(s), s]));
  const h = new Map(head.map((s) => [registryKey(s), s]));
  const registries = [...new Set([...b.keys(), ...h.keys()])].map((k) => {
    const bs = b.get(k);
    const hs = h.get(k);
    const bc = baseCost(bs);
    const hc = baseCost(hs);
    // Absent is $0; Unknown (a tier from a variable) leaves the delta unknown.
    const unknownSide = (bs !== undefined && bc === null) || (hs !== undefined && hc === null);
    return { address: displayAddress((hs ?? bs)!), base: bc, head: hc, delta: unknownSide ? null : round2((hc ?? 0) - (bc ?? 0)) };
  });
  const known = registries.filter((r) => r.delta !== null);
  const sum = (xs: Array<number | null>): number => round2(xs.reduce<number>((s, x) => s + (x ?? 0), 0));
  const totalBase = sum(known.map((r) => r.base));
  const totalHead = sum(known.map((r) => r.head));
  return { base: totalBase, head: totalHead, delta: round2(totalHead - totalBase), registries, unknown: registries.length - known.length };
}

/** What {@link verdictReasons} weighs. */
export interface VerdictInputs {
  /** The review's changes. */
  readonly changes: readonly ResourceChange[];
  /** New findings at or above `failOn`. */
  readonly failingFindings: number;
  /** The `--fail-on` threshold, named in the message. */
  readonly failOn: FailOn;
  /** The simulator on both sides (its assertions), when a scenario was given. */
  readonly simulation: SimulationDelta | undefined;
  /** Inputs that could not be read. */
  readonly inputErrors: number;
  /** `--allow-destroy`: destructive changes warn instead of failing. */
  readonly allowDestroy: boolean;
  /**
   * `--allow-access-loss`: changes that end data-plane access warn instead of failing.
   * @default false
   */
  readonly allowAccessLoss?: boolean;
}

/**
 * What fails the review, in this order: unreadable inputs, destructive changes (unless
 * allowed), changes Azure rejects, new findings at or above `failOn`, scenario assertions
 * that fail on head and held on base, changes that end data-plane access (unless allowed); and
 * what it only warns about: destructive changes allowed by `--allow-destroy`, irreversible
 * changes, access loss allowed by `--allow-access-loss`, changes that widen data-plane access,
 * drift from a live registry.
 */
export function verdictReasons(v: VerdictInputs): VerdictReason[] {
  const out: VerdictReason[] = [];
  const changes = (n: number): string => counted(n, 'change');
  if (v.inputErrors) {
    out.push({ kind: 'input-error', count: v.inputErrors, fails: true, message: `${counted(v.inputErrors, 'input')} could not be read: fix ${v.inputErrors === 1 ? 'it' : 'them'} and run the review again.` });
  }
  const destructive = v.changes.filter((c) => c.destructive).length;
  if (destructive) {
    out.push(
      v.allowDestroy
        ? { kind: 'destructive', count: destructive, fails: false, message: `${changes(destructive)} ${destructive === 1 ? 'deletes' : 'delete'} data, allowed by --allow-destroy.` }
        : { kind: 'destructive', count: destructive, fails: true, message: `${changes(destructive)} ${destructive === 1 ? 'deletes' : 'delete'} data: change the plan, or accept it with --allow-destroy.` },
    );
  }
  const rejected = v.changes.filter((c) => c.reasons.some((x) => x.kind === 'rejected')).length;
  if (rejected) out.push({ kind: 'rejected', count: rejected, fails: true, message: `${changes(rejected)} Azure would reject at apply: see each change for the way that works.` });
  if (v.failingFindings) {
    out.push({ kind: 'finding', count: v.failingFindings, fails: true, message: `${counted(v.failingFindings, 'new finding')} at or above ${v.failOn} (--fail-on): fix ${v.failingFindings === 1 ? 'it' : 'them'}, or suppress with a reason.` });
  }
  const assertions = (v.simulation?.assertions ?? []).filter((a) => a.failing).length;
  if (assertions) {
    out.push({ kind: 'assertion', count: assertions, fails: true, message: `${counted(assertions, 'scenario assertion')} ${assertions === 1 ? 'fails' : 'fail'} on head that ${assertions === 1 ? 'holds' : 'hold'} on base.` });
  }
  const flagged = (kind: ResourceChange['reasons'][number]['kind']): number => v.changes.filter((c) => c.reasons.some((x) => x.kind === kind)).length;
  const loss = flagged('access-loss');
  if (loss) {
    const ends = `${changes(loss)} ${loss === 1 ? 'ends' : 'end'} data-plane access an identity has`;
    out.push(
      v.allowAccessLoss
        ? { kind: 'access-loss', count: loss, fails: false, message: `${ends}, allowed by --allow-access-loss.` }
        : { kind: 'access-loss', count: loss, fails: true, message: `${ends}: give it a repository role in an earlier change (see the change), or accept it with --allow-access-loss.` },
    );
  }
  const irreversible = v.changes.filter((c) => c.irreversible && !c.destructive).length;
  if (irreversible) out.push({ kind: 'irreversible', count: irreversible, fails: false, message: `${changes(irreversible)} cannot be undone once applied: be sure of ${irreversible === 1 ? 'it' : 'them'}.` });
  const widened = flagged('access-widened');
  if (widened) out.push({ kind: 'access-widened', count: widened, fails: false, message: `${changes(widened)} ${widened === 1 ? 'widens' : 'widen'} data-plane access to every repository: review the legacy role assignments first.` });
  const drift = flagged('drift');
  if (drift) out.push({ kind: 'drift', count: drift, fails: false, message: `${counted(drift, 'registry', 'registries')} ${drift === 1 ? 'differs' : 'differ'} from the live registry: see the change for what drifted.` });
  return out;
}

/**
 * The review in one line. Findings and unknowns are counted apart: an unknown (a value not
 * known statically) is neither a new finding nor a fixed one.
 */
function summaryLine(changes: readonly ResourceChange[], findings: FindingsDelta, simulation: SimulationDelta | undefined, cost: CostDelta, inputErrors: number, allowDestroy: boolean): string {
  if (inputErrors) return `acrkit could not read ${counted(inputErrors, 'input')}: see the input errors.`;
  if (!changes.length && !findings.new.length && !findings.fixed.length) return NOTHING_CHANGED_SUMMARY;
  const destructive = changes.filter((c) => c.destructive).length;
  const rejected = changes.filter((c) => c.reasons.some((x) => x.kind === 'rejected')).length;
  const newFindings = findings.new.filter((f) => f.status !== 'unknown').length;
  const newUnknown = findings.new.length - newFindings;
  const removed = findings.removed?.length ?? 0;
  const assertions = (simulation?.assertions ?? []).filter((a) => a.failing).length;
  const parts = [
    counted(changes.length, 'change'),
    ...(destructive ? [`${destructive} destructive${allowDestroy ? ' (allowed)' : ''}`] : []),
    ...(rejected ? [`${rejected} Azure would reject`] : []),
    counted(newFindings, 'new finding'),
    ...(newUnknown ? [`${newUnknown} unknown`] : []),
    `${findings.fixed.length} fixed`,
    ...(removed ? [`${removed} removed with the registry`] : []),
    ...(assertions ? [`${counted(assertions, 'assertion')} newly failing`] : []),
    `cost ${cost.delta >= 0 ? '+' : '-'}$${Math.abs(cost.delta).toFixed(2)}/month${cost.unknown ? ` (${cost.unknown} unknown)` : ''}`,
  ];
  return `${parts.join(', ')}.`;
}
