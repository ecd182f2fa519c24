/**
 * runReview: a pull request's base and head (or one plan) in, one review out.
 */
import { monthlyBaseCostUsd, round2 } from '../catalog/prices.js';
import { displayPath, InputError } from '../errors.js';
import type { RegistrySpec } from '../model/registry-spec.js';
import { isUnknown, known } from '../model/unknown.js';
import { commentSuppressions } from './check.js';
import { configFor } from './load-config.js';
import { evaluate } from '../policy/engine.js';
import { failing, type FailOn, type Finding } from '../policy/finding.js';
import { PACK_NAMES } from '../policy/rule.js';
import type { Suppression } from '../policy/suppressions.js';
import { planChanges } from '../sources/from-plan.js';
import { loadInputs } from './load-inputs.js';
import { STDIN_NAME, STDIN_PATH, stdinCount } from '../sources/stdin.js';
import { classifyCompanion, classifyRegistry, diffRegistries, displayAddress, keyDependencies, registryKey, type ResourceChange } from '../review/diff.js';
import type { CostDelta, FindingsDelta, ReviewResult, SimulationDelta } from '../review/review-types.js';
import { compareStrings } from '../order.js';
import { errnoText, readInputText } from '../input/read.js';

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
}

interface Side {
  readonly registries: RegistrySpec[];
  readonly suppressions: Suppression[];
}

async function loadSide(paths: readonly string[], cwd: string, errors: InputError[], readStdin: (() => Promise<string>) | undefined): Promise<Side> {
  const loaded = await loadInputs(paths, { cwd, ...(readStdin ? { readStdin } : {}) });
  errors.push(...loaded.errors);
  return { registries: loaded.registries, suppressions: commentSuppressions(loaded.suppressions, errors) };
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
  if ('plan' in inputs) {
    const plan = await readPlan(inputs.plan, cwd, errors, readStdin);
    const { changes: pc, errors: pe } = planChanges(plan ?? {}, planName(inputs.plan, cwd));
    if (plan !== undefined) errors.push(...pe);
    base = { registries: pc.flatMap((c) => (c.before ? [c.before] : [])), suppressions: [] };
    head = { registries: pc.flatMap((c) => (c.after ? [c.after] : [])), suppressions: [] };
    const deps = keyDependencies(pc.filter((c) => c.type === 'azurerm_container_registry').map((c) => c.beforeValues));
    changes = pc
      .map((c): ResourceChange =>
        c.type === 'azurerm_container_registry'
          ? { address: c.address, type: c.type, ...classifyRegistry(c.before, c.after, c.actions) }
          : { address: c.address, type: c.type, ...classifyCompanion(c.type, c.actions, c.beforeValues, c.afterValues, deps) },
      )
      .filter((c) => c.action !== 'no-op');
  } else {
    // Twice on one side is loadInputs' error; once on each side is this one.
    const dashes = stdinCount(inputs.base) + stdinCount(inputs.head);
    if (dashes > 1 && stdinCount(inputs.base) <= 1 && stdinCount(inputs.head) <= 1) errors.push(new InputError({ file: STDIN_NAME }, `'-' (standard input) must be given at most once across --base and --head, got it ${dashes} times: save one side to a file and pass its path.`));
    base = await loadSide(inputs.base, cwd, errors, readStdin);
    head = await loadSide(inputs.head, cwd, errors, readStdin);
    changes = diffRegistries(base.registries, head.registries).filter((c) => c.action !== 'no-op');
  }
  changes.sort((a, b) => Number(b.type === 'azurerm_container_registry') - Number(a.type === 'azurerm_container_registry') || compareStrings(a.address, b.address));

  const packs = options.packs?.length ? options.packs : (config?.packs ?? PACK_NAMES);
  const failOn = options.failOn ?? config?.failOn ?? 'error';
  const common = { packs, options: config?.packOptions ?? {} };
  const before = evaluate(base.registries, { ...common, suppressions: [...(config?.suppressions ?? []), ...base.suppressions] }).findings;
  const after = evaluate(head.registries, { ...common, suppressions: [...(config?.suppressions ?? []), ...head.suppressions] }).findings;
  const findings = findingsDelta(before, after);
  const cost = costDelta(base.registries, head.registries);
  const simulation = options.simulate && !errors.length ? await options.simulate(base.registries, head.registries) : undefined;

  const destructive = changes.filter((c) => c.destructive);
  const rejected = changes.filter((c) => c.reasons.some((x) => x.kind === 'rejected'));
  const failingNew = failing(findings.new, failOn);
  const exitCode: 0 | 1 | 2 = errors.length ? 2 : failingNew.length || rejected.length || (destructive.length && !options.allowDestroy) ? 1 : 0;
  const resultInputs = 'plan' in inputs ? { base: [], head: [], plan: inputs.plan } : { base: inputs.base, head: inputs.head };
  return {
    inputs: resultInputs,
    changes,
    findings,
    cost,
    ...(simulation ? { simulation } : {}),
    inputErrors: errors,
    verdict: verdict(changes, findings, failingNew.length + rejected.length, cost, errors.length, options.allowDestroy ?? false),
    exitCode,
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
    return JSON.parse(text);
  } catch (e) {
    errors.push(new InputError({ file }, `plan file must be JSON, got a parse error (${(e as Error).message}): pass the output of terraform show -json plan.tfplan.`));
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

/** Splits head's findings into new and unchanged against base, and base's into fixed. */
export function findingsDelta(before: readonly Finding[], after: readonly Finding[]): FindingsDelta {
  const beforeKeys = new Set(before.filter((f) => !f.suppressed).map(findingKey));
  const afterKeys = new Set(after.filter((f) => !f.suppressed).map(findingKey));
  const live = after.filter((f) => !f.suppressed);
  return {
    new: live.filter((f) => !beforeKeys.has(findingKey(f))),
    unchanged: live.filter((f) => beforeKeys.has(findingKey(f))),
    fixed: before.filter((f) => !f.suppressed && !afterKeys.has(findingKey(f))),
    suppressed: after.filter((f) => f.suppressed),
  };
}

function baseCost(s: RegistrySpec | undefined): number | null {
  if (!s || isUnknown(s.tier)) return null;
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

function verdict(changes: readonly ResourceChange[], findings: FindingsDelta, failingCount: number, cost: CostDelta, inputErrors: number, allowDestroy: boolean): string {
  if (inputErrors) return `❌ acrkit could not read ${inputErrors} input${inputErrors === 1 ? '' : 's'}: see the errors below.`;
  if (!changes.length && !findings.new.length && !findings.fixed.length) return '✅ No registry changes, nothing to review.';
  const destructive = changes.filter((c) => c.destructive).length;
  const rejected = changes.filter((c) => c.reasons.some((x) => x.kind === 'rejected')).length;
  const parts = [
    `${changes.length} change${changes.length === 1 ? '' : 's'}`,
    ...(destructive ? [`${destructive} destructive${allowDestroy ? ' (allowed)' : ''}`] : []),
    ...(rejected ? [`${rejected} Azure would reject`] : []),
    `${findings.new.length} new finding${findings.new.length === 1 ? '' : 's'}`,
    `${findings.fixed.length} fixed`,
    `cost ${cost.delta >= 0 ? '+' : '-'}$${Math.abs(cost.delta).toFixed(2)}/month${cost.unknown ? ` (${cost.unknown} unknown)` : ''}`,
  ];
  const bad = (destructive && !allowDestroy) || failingCount;
  return `${bad ? '❌' : destructive || findings.new.length ? '⚠️' : '✅'} ${parts.join(', ')}.`;
}
