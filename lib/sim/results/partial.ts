/**
 * The partial result of a sharded Monte Carlo (`acrkit simulate --shard i/n --format
 * partial-json`): the per-run results of the shard's runs, as the aggregation needs them, with
 * what a merge checks (scenario hash, seed, total runs, run indices, acrkit version). Its JSON
 * Schema is `lib/sim/results/part.schema.json`; lib/workflows/shards.ts reads and merges parts.
 */
import { createHash } from 'node:crypto';
import { UsageError } from '../../errors.js';
import { MAX_INPUT_BYTES } from '../../input/read.js';
import type { ResolvedScenario } from '../scenario/model.js';
import type { DailySeries, RegistryRunResult, RunResult } from './run-result.js';

/** The `format` marker of a part file. */
export const PART_FORMAT = 'acrkit-simulation-part';

/** The version of the part format this acrkit writes and reads. */
export const PART_FORMAT_VERSION = 1;

/** A shard: `index` of `count`, 1-based (as Jest and Playwright number shards). */
export interface Shard {
  /** 1 to {@link count}. */
  readonly index: number;
  /** How many shards the runs are split into. */
  readonly count: number;
}

/** The run indices of shard `shard` out of `runs` runs: r with r % count === index - 1, ascending. */
export function shardRunIndices(runs: number, shard: Shard): number[] {
  const out: number[] = [];
  for (let r = shard.index - 1; r < runs; r += shard.count) out.push(r);
  return out;
}

/** A value's JSON with object keys sorted at every level (what {@link scenarioHash} hashes). */
function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v) || ArrayBuffer.isView(v)) return `[${Array.from(v as ArrayLike<unknown>, (x) => canonicalJson(x)).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

/** SHA-256 (hex) of the resolved scenario's canonical JSON: two parts of one simulation share it. */
export function scenarioHash(sc: ResolvedScenario): string {
  return createHash('sha256').update(canonicalJson(sc)).digest('hex');
}

/** The names of a run's daily series (every key of {@link DailySeries}), in the order a part holds them. */
export const PART_SERIES: ReadonlyArray<keyof DailySeries> = [
  'taggedBytes',
  'untaggedBytes',
  'softDeletedBytes',
  'billedBytes',
  'costUsd',
  'pushes',
  'repositories',
  'tags',
  'manifests',
  'maxTagsPerRepository',
  'listingRequests',
];

/** Every daily series converted by `f` (to plain arrays for a part, back to Float64Array). */
function mapSeries<T>(d: Readonly<Record<keyof DailySeries, ArrayLike<number>>>, f: (x: ArrayLike<number>) => T): Record<keyof DailySeries, T> {
  return Object.fromEntries(PART_SERIES.map((k) => [k, f(d[k])])) as Record<keyof DailySeries, T>;
}

/** A series as a plain array for JSON (a loop: several times faster than `Array.from` on typed arrays). */
function toArray(x: ArrayLike<number>): number[] {
  const out = new Array<number>(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i]!;
  return out;
}

/** {@link DailySeries} as a part holds them: JSON arrays, or views of a binary part's doubles. */
export type PartDailySeries = { readonly [K in keyof DailySeries]: readonly number[] | Float64Array };

/** {@link RegistryRunResult} as JSON: the daily series as arrays. */
export type PartRegistryRunResult = Omit<RegistryRunResult, 'daily'> & { readonly daily: PartDailySeries };

/** {@link RunResult} as JSON. */
export interface PartRunResult {
  /** Run index. */
  readonly run: number;
  /** Per registry, scenario order. */
  readonly registries: readonly PartRegistryRunResult[];
}

/** A partial result: what `acrkit simulate --shard i/n --format partial-json` writes. */
export interface PartialResult {
  /** Always {@link PART_FORMAT}. */
  readonly format: typeof PART_FORMAT;
  /** Always {@link PART_FORMAT_VERSION}. */
  readonly formatVersion: number;
  /** The acrkit version that simulated the runs (lib/version.ts). */
  readonly acrkitVersion: string;
  /** {@link scenarioHash} of {@link scenario}. */
  readonly scenarioHash: string;
  /** Seed. */
  readonly seed: number;
  /** Runs of the whole simulation (all shards). */
  readonly runs: number;
  /** Which shard this part holds. */
  readonly shard: Shard;
  /** The runs this part holds, ascending. */
  readonly runIndices: readonly number[];
  /** The resolved scenario (what the aggregation reads besides the runs). */
  readonly scenario: ResolvedScenario;
  /** One result per entry of {@link runIndices}, same order. */
  readonly results: readonly PartRunResult[];
}

/** The fields of a partial result before its runs, in the order they are written. */
export function partialHead(sc: ResolvedScenario, shard: Shard, runIndices: readonly number[], acrkitVersion: string): Omit<PartialResult, 'results'> {
  return {
    format: PART_FORMAT,
    formatVersion: PART_FORMAT_VERSION,
    acrkitVersion,
    scenarioHash: scenarioHash(sc),
    seed: sc.seed,
    runs: sc.runs,
    shard: { index: shard.index, count: shard.count },
    runIndices,
    scenario: sc,
  };
}

/** A run's result as a part holds it: the daily series as arrays. */
export function toPartRun(r: RunResult): PartRunResult {
  return {
    run: r.run,
    registries: r.registries.map((g) => {
      const daily = mapSeries(g.daily, toArray) as PartDailySeries;
      return { ...g, daily };
    }),
  };
}

/** Builds the partial result of `shard` from its runs' results (in {@link shardRunIndices} order). */
export function toPartial(sc: ResolvedScenario, shard: Shard, results: readonly RunResult[], acrkitVersion: string): PartialResult {
  return { ...partialHead(sc, shard, results.map((r) => r.run), acrkitVersion), results: results.map(toPartRun) };
}

/** Options of {@link partialJsonParts} and partialBinaryParts (part-binary.ts). */
export interface PartWriteOptions {
  /**
   * The most bytes the part may have: past it, a {@link UsageError} says how many shards keep
   * each part under it.
   * @default MAX_INPUT_BYTES, the most `simulate merge` reads
   */
  readonly maxBytes?: number;
}

/**
 * The JSON of {@link toPartial}, the same text as `JSON.stringify` gives, in pieces: the fields
 * before the runs, then one run at a time, so the part is never one string and each run's arrays
 * are garbage once written. A part `simulate merge` could not read (over `maxBytes`) is refused
 * as soon as it is: a {@link UsageError} naming the shard count that fits.
 */
export function* partialJsonParts(sc: ResolvedScenario, shard: Shard, results: readonly RunResult[], acrkitVersion: string, options: PartWriteOptions = {}): Generator<string> {
  const maxBytes = options.maxBytes ?? MAX_INPUT_BYTES;
  const head = JSON.stringify({ ...partialHead(sc, shard, results.map((r) => r.run), acrkitVersion), results: [] }).slice(0, -']}'.length);
  let bytes = Buffer.byteLength(head) + ']}'.length;
  yield head;
  for (let k = 0; k < results.length; k++) {
    const run = (k ? ',' : '') + JSON.stringify(toPartRun(results[k]!));
    bytes += Buffer.byteLength(run);
    if (bytes > maxBytes) throw tooLarge(sc, shard, maxBytes, Buffer.byteLength(head), (bytes - Buffer.byteLength(head)) / (k + 1));
    yield run;
  }
  yield ']}';
}

/** The error for a part over `maxBytes`, with the number of shards whose parts stay under it. */
export function tooLarge(sc: ResolvedScenario, shard: Shard, maxBytes: number, headBytes: number, bytesPerRun: number): UsageError {
  const runsPerShard = Math.max(1, Math.floor((maxBytes - headBytes) / bytesPerRun));
  const shards = Math.max(shard.count + 1, Math.ceil(sc.runs / runsPerShard));
  return new UsageError(
    `a part must be at most ${maxBytes} bytes for simulate merge to read it, got more in shard ${shard.index}/${shard.count} (about ${Math.round(bytesPerRun)} bytes a run, ${shardRunIndices(sc.runs, shard).length} runs): split the ${sc.runs} runs into ${shards} or more shards (--shard i/${shards}).`,
  );
}

/** A part's run result back as a {@link RunResult} (daily series as Float64Array; a binary part's views are kept, not copied). */
export function fromPartRun(r: PartRunResult): RunResult {
  return {
    run: r.run,
    registries: r.registries.map((g) => {
      const daily = mapSeries(g.daily, (x) => (x instanceof Float64Array ? x : new Float64Array(x))) as DailySeries;
      return { ...g, daily };
    }),
  };
}
