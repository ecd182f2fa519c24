/**
 * The simulator on a review's base and head: one scenario, one seed, the same runs, so the
 * difference between the two is the change and nothing else.
 */
import { resolve } from 'node:path';
import { round2 } from '../catalog/prices.js';
import { GIB } from '../catalog/tiers.js';
import { displayPath, InputError, InputErrors } from '../errors.js';
import type { RegistrySpec } from '../model/registry-spec.js';
import { runMonteCarlo } from '../sim/montecarlo.js';
import type { RegistrySummary, SimulationResult } from '../sim/results/result.js';
import { parseScenario, type ScenarioDocument } from '../sim/scenario/parse.js';
import { resolveScenarioDocument } from '../sim/scenario/resolve.js';
import { costProblem, estimateCost } from '../sim/scenario/bounds.js';
import type { ResolvedScenario } from '../sim/scenario/model.js';
import { displayAddress, registryKey } from '../review/diff.js';
import type { AssertionDelta, ForecastStorage, SimulationDelta, SimulationDeltaRow } from '../review/review-types.js';
import type { AssertionResult } from '../sim/results/result.js';
import { known } from '../model/unknown.js';
import { compareStrings } from '../order.js';
import { readInputText } from '../input/read.js';
import { loadInitialExports } from './load-initial.js';

/** Options of {@link simulationDelta}. */
export interface SimulationDeltaOptions {
  /**
   * Working directory the scenario path resolves against.
   * @default process.cwd()
   */
  readonly cwd?: string;
  /**
   * Monte Carlo runs for each side.
   * @default - the scenario's runs
   */
  readonly runs?: number;
  /**
   * Seed for both sides.
   * @default - the scenario's seed
   */
  readonly seed?: number;
  /**
   * Worker threads.
   * @default - the simulator's default
   */
  readonly workers?: number;
  /**
   * Simulate even above the cost limits (lib/sim/scenario/bounds.ts COST_LIMITS; `--allow-large`).
   * @default false
   */
  readonly allowLarge?: boolean;
  /**
   * Let the scenario's `initial.from` paths point outside the working directory.
   * @default false
   */
  readonly allowOutside?: boolean;
}

/** The scenario's `initial.from` exports as {@link loadInitialExports} read them. */
type InitialExports = Awaited<ReturnType<typeof loadInitialExports>>;

/** Resolves the scenario for one side's registries (undefined when the side has none). */
function resolveSide(doc: ScenarioDocument, initial: InitialExports, specs: readonly RegistrySpec[], o: SimulationDeltaOptions): ResolvedScenario | undefined {
  if (!specs.length) return undefined;
  return resolveScenarioDocument(
    { ...doc, input: { ...doc.input, registries: [] } },
    specs,
    {
      ...(o.runs !== undefined ? { runs: o.runs } : {}),
      ...(o.seed !== undefined ? { seed: o.seed } : {}),
    },
    initial.errors,
    { initialExports: initial.exports },
  );
}

async function simulate(sc: ResolvedScenario | undefined, o: SimulationDeltaOptions): Promise<SimulationResult | undefined> {
  return sc ? runMonteCarlo(sc, o.workers !== undefined ? { workers: o.workers } : {}) : undefined;
}

/**
 * Refuses base and head together above the cost limits (unless `allowLarge`), before either runs:
 * the estimate adds both sides' pushes and time and keeps the larger store.
 */
function assertBothAffordable(base: ResolvedScenario | undefined, head: ResolvedScenario | undefined, o: SimulationDeltaOptions): void {
  if (o.allowLarge) return;
  const sides = [base, head].filter((x): x is ResolvedScenario => x !== undefined);
  if (!sides.length) return;
  const e = sides.map((sc) => estimateCost(sc));
  const both = e.reduce((a, b) => ({
    ...a,
    pushesPerRun: a.pushesPerRun + b.pushesPerRun,
    pushes: a.pushes + b.pushes,
    seconds: a.seconds + b.seconds,
    ...(b.storeBytes > a.storeBytes ? { storeBytes: b.storeBytes, largest: b.largest } : {}),
  }));
  const why = costProblem(both, '--allow-large');
  if (why) throw new InputErrors([new InputError({ file: sides[0]!.file }, `${why} (base and head together).`)]);
}

const round = (x: number | null, digits = 2): number | null => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

function metrics(g: RegistrySummary | undefined): Array<[string, number | null]> {
  const worstOutage = g?.outages.reduce<{ bytes: number; manifests: number } | undefined>((w, o) => {
    const bytes = o.exposureBytes.p50 ?? 0;
    return !w || bytes > w.bytes ? { bytes, manifests: o.exposureManifests.p50 ?? 0 } : w;
  }, undefined);
  const availability = g ? Object.values(g.availabilityByRegion).map((s) => s.p10 ?? 1) : [];
  return [
    ['stored GiB at horizon (p50)', g ? round(g.metrics.storedBytesAtHorizon.p50 === null ? null : g.metrics.storedBytesAtHorizon.p50 / GIB) : null],
    ['first day over included storage (p50)', g ? round(g.metrics.firstIncludedExceededDay.p50, 0) : null],
    ['day the storage limit is hit (p50, within 10 years)', g ? withinYears(g.metrics.limitHitDay.p50) : null],
    ['max monthly cost USD (p50)', g ? round(g.metrics.maxMonthlyCostUsd.p50) : null],
    ['max monthly cost USD (p90)', g ? round(g.metrics.maxMonthlyCostUsd.p90) : null],
    ['worst outage exposure MiB (p50)', worstOutage ? round(worstOutage.bytes / 1024 ** 2) : g ? 0 : null],
    ['lowest pull availability by region (p10)', availability.length ? round(Math.min(...availability), 5) : null],
  ];
}

/** A day number, or null past ten years (an extrapolation that far says "never" better). */
function withinYears(day: number | null): number | null {
  return day === null || day > 3650 ? null : Math.round(day);
}

/** Stored GiB per day: the mean of tagged + untagged + soft-deleted (means add up; percentiles do not). */
function storedSeries(g: RegistrySummary | undefined): number[] | null {
  if (!g) return null;
  const d = g.daily;
  return d.taggedBytes.mean.map((t, i) => round2((t + (d.untaggedBytes.mean[i] ?? 0) + (d.softDeletedBytes.mean[i] ?? 0)) / GIB));
}

/** Included storage, limit and the days they are crossed (p50 over runs), for the forecast chart. */
function storageOf(g: RegistrySummary | undefined): ForecastStorage | null {
  if (!g) return null;
  const includedDay = g.metrics.firstIncludedExceededDay.p50;
  return {
    includedGiB: round2(g.includedBytes / GIB),
    limitGiB: round2(g.limitBytes / GIB),
    includedDay: includedDay === null ? null : Math.round(includedDay),
    limitDay: withinYears(g.metrics.limitHitDay.p50),
  };
}

/**
 * The scenario's assertions on both sides, matched by assertion and subject. The simulator
 * names registries by their Azure name; the review shows each by its review name (the
 * construct path for cdktf inputs), so subjects are renamed.
 */
function assertionDeltas(b: SimulationResult | undefined, h: SimulationResult | undefined, rename: (subject: string) => string): AssertionDelta[] {
  const key = (a: AssertionResult): string => `${a.index}\u0000${a.subject}`;
  const bm = new Map((b?.assertions ?? []).map((a) => [key(a), a]));
  const hm = new Map((h?.assertions ?? []).map((a) => [key(a), a]));
  const keys = [...new Set([...hm.keys(), ...bm.keys()])];
  const outcome = (a: AssertionResult | undefined): AssertionDelta['base'] => (a ? { actual: a.actual, threshold: a.threshold, passed: a.passed } : null);
  return keys
    .map((k) => {
      const ba = bm.get(k);
      const ha = hm.get(k);
      const any = (ha ?? ba)!;
      return {
        index: any.index,
        kind: any.kind,
        text: any.text,
        percentile: any.percentile,
        subject: rename(any.subject),
        where: any.where,
        base: outcome(ba),
        head: outcome(ha),
        failing: ha !== undefined && !ha.passed && (ba === undefined || ba.passed),
      };
    })
    .sort((x, y) => x.index - y.index || compareStrings(x.subject, y.subject));
}

/**
 * Simulates base and head under one scenario (its own `registries` replaced by each side's)
 * and lines up the figures per registry. Throws InputErrors for a bad scenario.
 */
export async function simulationDelta(scenarioPath: string, base: readonly RegistrySpec[], head: readonly RegistrySpec[], o: SimulationDeltaOptions = {}): Promise<SimulationDelta> {
  const cwd = o.cwd ?? process.cwd();
  const full = resolve(cwd, scenarioPath);
  const file = displayPath(scenarioPath, cwd);
  let text: string;
  try {
    text = await readInputText(full, { cwd, shown: file, what: 'scenario file', fix: 'check --scenario' });
  } catch (e) {
    throw new InputErrors([e as InputError]);
  }
  const doc = parseScenario(text, file);
  // `initial.from` exports, read as simulate reads them (inside the working directory).
  const initial = await loadInitialExports(doc, { cwd, scenarioPath: full, allowOutside: o.allowOutside });
  const bs = resolveSide(doc, initial, base, o);
  const hs = resolveSide(doc, initial, head, o);
  assertBothAffordable(bs, hs, o);
  const b = await simulate(bs, o);
  const h = await simulate(hs, o);
  const ref = (h ?? b)!;
  const byKey = (specs: readonly RegistrySpec[], r: SimulationResult | undefined): Map<string, RegistrySummary> =>
    new Map(r ? specs.map((s, i) => [registryKey(s), r.registries[i]!]) : []);
  const bk = byKey(base, b);
  const hk = byKey(head, h);
  const addresses = new Map<string, string>();
  for (const s of [...base, ...head]) addresses.set(registryKey(s), displayAddress(s));
  const rows: SimulationDeltaRow[] = [];
  const forecast: SimulationDelta['forecast'][number][] = [];
  for (const [key, address] of addresses) {
    const bm = metrics(bk.get(key));
    const hm = metrics(hk.get(key));
    bm.forEach(([metric, value], i) => {
      const after = hm[i]![1];
      if (value !== null || after !== null) rows.push({ address, metric, base: value, head: after });
    });
    forecast.push({ address, base: storedSeries(bk.get(key)), head: storedSeries(hk.get(key)), storage: { base: storageOf(bk.get(key)), head: storageOf(hk.get(key)) } });
  }
  // The simulator's subjects are Azure names (`name`, `name (region clients)`): show review names.
  const names = new Map<string, string>();
  for (const s of [...base, ...head]) {
    const name = known(s.name);
    if (name) names.set(name, displayAddress(s));
  }
  const rename = (subject: string): string => {
    const m = /^(.*?)( \(.+ clients\))?$/.exec(subject)!;
    const shown = names.get(m[1]!);
    return shown ? `${shown}${m[2] ?? ''}` : subject;
  };
  return { scenario: file, seed: ref.seed, runs: ref.runs, horizonDays: ref.horizonDays, rows, forecast, assertions: assertionDeltas(b, h, rename) };
}
