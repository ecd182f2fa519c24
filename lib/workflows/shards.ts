/**
 * Sharded Monte Carlo, the file side: reads the part files of `acrkit simulate --shard i/n`,
 * binary or JSON (lib/sim/results/part-binary.ts, partial.ts, schema part.schema.json), checks that they
 * belong to one simulation (scenario, seed, runs, acrkit version) and cover every run exactly
 * once, and aggregates all their runs with the one-process aggregation, so the merged result is
 * the same, byte for byte, as the simulation run in one process.
 */
import { InputError, InputErrors, displayPath } from '../errors.js';
import { decodeText, readInputBytes } from '../input/read.js';
import { schemaProblems, schemaValidator } from '../input/schema.js';
import { aggregate } from '../sim/montecarlo.js';
import { fromPartRun, scenarioHash, type PartialResult } from '../sim/results/partial.js';
import { attachBinarySeries, BINARY_PART_MAGIC, binaryPartLayout, isBinaryPart, type BinaryPartHeader } from '../sim/results/part-binary.js';
import type { RunResult } from '../sim/results/run-result.js';
import type { SimulationResult } from '../sim/results/result.js';
import schema from '../sim/results/part.schema.json' with { type: 'json' };
import { parseInputJson } from '../input/json.js';

/** The part schema's validator (precompiled by the build). */
export const PART_VALIDATOR = schemaValidator(schema);

/** Options of {@link readPart} and {@link mergeParts}. */
export interface PartOptions {
  /**
   * Working directory relative paths resolve against (and are shown relative to).
   * @default process.cwd()
   */
  readonly cwd?: string;
}

/** A part file read and validated against the part schema. */
export interface LoadedPart {
  /** The file as messages show it. */
  readonly shown: string;
  /** Its content. */
  readonly part: PartialResult;
}

const FIX = 'pass a file written by acrkit simulate --shard i/n';

/** Runs as a list for a message: `3, 7`. */
function list(runs: readonly number[]): string {
  return runs.join(', ');
}

/**
 * Reads one part file, binary or JSON (told apart by the first line), and validates it against
 * the part schema and what it says of itself. Throws {@link InputErrors}.
 */
export async function readPart(path: string, options: PartOptions = {}): Promise<LoadedPart> {
  const cwd = options.cwd ?? process.cwd();
  const shown = displayPath(path, cwd);
  const bytes = await readInputBytes(path, { cwd, shown, what: 'simulation part', fix: FIX });
  const binary = isBinaryPart(bytes);
  const layout = binary ? binaryPartLayout(bytes) : undefined;
  if (binary && !layout) throw new InputErrors([new InputError({ file: shown }, `a binary simulation part must have its header on the line after '${BINARY_PART_MAGIC.trim()}', got no second line: the file was cut short; write it again with acrkit simulate --shard.`)]);
  const what = binary ? 'simulation part header' : 'simulation part';
  let data: unknown;
  try {
    const text = decodeText(layout ? bytes.subarray(layout.headerStart, layout.headerEnd) : bytes, { shown, what });
    data = parseInputJson(text, { shown, what, fix: FIX });
  } catch (e) {
    throw new InputErrors([e as InputError]);
  }
  const problems = schemaProblems(PART_VALIDATOR(data), data, { subject: `the ${what}`, schemaName: 'lib/sim/results/part.schema.json' });
  if (problems.length) throw new InputErrors(problems.map((p) => new InputError(p.summary ? { file: shown } : { file: shown, pointer: p.pointer }, p.reason)));
  const problemsInside = internalProblems(data as PartialResult | BinaryPartHeader, binary);
  if (!problemsInside.length && layout) problemsInside.push(...attachBinarySeries(data as BinaryPartHeader, bytes, layout.payloadStart));
  if (problemsInside.length) throw new InputErrors(problemsInside.map((r) => new InputError({ file: shown }, r)));
  return { shown, part: data as PartialResult };
}

/** What a part (or a binary part's header) says of itself that does not hold (beyond the schema). */
function internalProblems(p: PartialResult | BinaryPartHeader, binary: boolean): string[] {
  const out: string[] = [];
  const again = 'write the part again with acrkit simulate --shard';
  const hash = scenarioHash(p.scenario);
  if (hash !== p.scenarioHash) out.push(`scenarioHash must be the hash of the part's own scenario, got ${p.scenarioHash.slice(0, 12)}… for a scenario that hashes to ${hash.slice(0, 12)}…: the file was edited or damaged; write it again with acrkit simulate --shard.`);
  if (p.scenario.seed !== p.seed || p.scenario.runs !== p.runs) out.push(`seed and runs must be the scenario's, got seed ${p.seed} and ${p.runs} runs for a scenario with seed ${p.scenario.seed} and ${p.scenario.runs} runs: ${again}.`);
  if (p.shard.index > p.shard.count) out.push(`shard must be i/n with i <= n, got ${p.shard.index}/${p.shard.count}: ${again}.`);
  const outside = p.runIndices.filter((r) => r >= p.runs);
  if (outside.length) out.push(`runIndices must be below the ${p.runs} runs of the simulation, got runs ${list(outside)}: ${again}.`);
  if (p.results.length !== p.runIndices.length || p.results.some((r, k) => r.run !== p.runIndices[k])) {
    out.push(`results must hold one run per entry of runIndices, in that order, got runs ${list(p.results.map((r) => r.run))} for runIndices ${list(p.runIndices)}: ${again}.`);
  }
  const layoutFields = ['encoding', 'series', 'days'].filter((k) => k in p);
  if (binary && layoutFields.length < 3) out.push(`a binary part's header must have encoding, series and days, got ${layoutFields.length ? `only ${layoutFields.join(' and ')}` : 'none of them'}: ${again}.`);
  if (!binary && layoutFields.length) out.push(`a JSON part must not have encoding, series or days, which only a binary part's header has, got ${layoutFields.join(' and ')}: ${again} --format partial-json.`);
  const regs = p.scenario.registries.length;
  const days = p.scenario.horizonDays;
  const seriesOk = (g: object): boolean => {
    const daily = (g as { daily?: Record<string, ArrayLike<number>> }).daily;
    return binary ? daily === undefined : daily !== undefined && Object.values(daily).every((d) => d.length === days);
  };
  const bad = p.results.filter((r) => r.registries.length !== regs || !r.registries.every(seriesOk));
  if (bad.length) {
    const shape = binary ? `${regs} registries without daily series (the payload holds them)` : `${regs} registries with ${days} days of each daily series`;
    out.push(`results must hold ${shape}, got otherwise in runs ${list(bad.map((r) => r.run))}: ${again}.`);
  }
  return out;
}

/**
 * Checks that `parts` are of one simulation and cover each of its runs exactly once; returns the
 * problems, each on the file to fix (empty when they merge).
 */
export function coverageProblems(parts: readonly LoadedPart[]): InputError[] {
  const errors: InputError[] = [];
  const first = parts[0];
  if (!first) return [new InputError({ file: '(no parts)' }, `simulate merge needs at least one part file, got none: ${FIX}.`)];
  const f = first.part;
  const same = 'merge only the parts of one simulation (same scenario, seed, runs and acrkit version)';
  const owner = new Map<number, string>();
  for (const { shown, part } of parts) {
    let mismatch: string | undefined;
    if (part.acrkitVersion !== f.acrkitVersion) mismatch = `part must come from the acrkit version of ${first.shown} (${f.acrkitVersion}), got ${part.acrkitVersion}: run every shard and the merge with one acrkit version`;
    else if (part.seed !== f.seed) mismatch = `part must have the seed of ${first.shown} (${f.seed}), got seed ${part.seed}: ${same}`;
    else if (part.runs !== f.runs) mismatch = `part must have the runs of ${first.shown} (${f.runs}), got ${part.runs} runs: ${same}`;
    else if (part.scenarioHash !== f.scenarioHash) mismatch = `part must be of the scenario of ${first.shown} (hash ${f.scenarioHash.slice(0, 12)}…), got a different scenario (hash ${part.scenarioHash.slice(0, 12)}…): ${same}`;
    if (mismatch) {
      errors.push(new InputError({ file: shown }, `${mismatch}.`));
      continue;
    }
    const twice = new Map<string, number[]>();
    for (const r of part.runIndices) {
      const earlier = owner.get(r);
      if (earlier === undefined) owner.set(r, shown);
      else twice.set(earlier, [...(twice.get(earlier) ?? []), r]);
    }
    for (const [earlier, runs] of twice) {
      errors.push(new InputError({ file: shown }, `parts must hold each run exactly once, got ${runs.length === 1 ? 'run' : 'runs'} ${list(runs)} twice: ${runs.length === 1 ? 'it is' : 'they are'} also in ${earlier}; drop one of the two files, or write them again with --shard i/n of one n.`));
    }
  }
  if (errors.length) return errors;
  const missing: number[] = [];
  for (let r = 0; r < f.runs; r++) if (!owner.has(r)) missing.push(r);
  if (missing.length) {
    const n = f.shard.count;
    const shards = [...new Set(missing.map((r) => (r % n) + 1))].sort((a, b) => a - b).map((i) => `${i}/${n}`);
    errors.push(
      new InputError(
        { file: first.shown },
        `parts must cover runs 0 to ${f.runs - 1} exactly once, got ${missing.length === 1 ? 'run' : 'runs'} ${list(missing)} in none of the ${parts.length} ${parts.length === 1 ? 'part' : 'parts'}: add the part of shard ${shards.join(', ')} (acrkit simulate --shard ${shards[0]} --format partial-json) and merge again.`,
      ),
    );
  }
  return errors;
}

/**
 * Reads the part files, checks them ({@link coverageProblems}) and aggregates every run, in run
 * order, with the aggregation of a one-process simulation. Throws {@link InputErrors} (exit 2).
 */
export async function mergeParts(paths: readonly string[], options: PartOptions = {}): Promise<SimulationResult> {
  const parts: LoadedPart[] = [];
  const errors: InputError[] = [];
  for (const p of paths) {
    try {
      parts.push(await readPart(p, options));
    } catch (e) {
      if (e instanceof InputErrors) errors.push(...e.errors);
      else if (e instanceof InputError) errors.push(e);
      else throw e;
    }
  }
  if (errors.length) throw new InputErrors(errors);
  const problems = coverageProblems(parts);
  if (problems.length) throw new InputErrors(problems);
  const runs: RunResult[] = new Array<RunResult>(parts[0]!.part.runs);
  for (const { part } of parts) for (const r of part.results) runs[r.run] = fromPartRun(r);
  return aggregate(parts[0]!.part.scenario, runs);
}
