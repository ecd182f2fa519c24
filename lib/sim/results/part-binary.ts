/**
 * The binary part of a sharded Monte Carlo (`acrkit simulate --shard i/n`, `--format partial`):
 * the JSON part's fields as a header, and the daily series, which are nearly all of a part, as
 * little-endian doubles. Writing and reading one is a copy of bytes where the JSON part formats
 * and parses tens of millions of numbers; the doubles come back exactly as they were.
 *
 * Layout (docs/scenario.md): the line {@link BINARY_PART_MAGIC}; the header, the JSON of
 * {@link BinaryPartHeader} on one line padded with spaces so that the payload starts at a
 * multiple of 8 bytes; then, run by run (results order), registry by registry (scenario order),
 * series by series ({@link PART_SERIES} order), `days` doubles each.
 */
import type { ResolvedScenario } from '../scenario/model.js';
import type { RegistryRunResult, RunResult } from './run-result.js';
import { MAX_INPUT_BYTES } from '../../input/read.js';
import { PART_SERIES, partialHead, shardRunIndices, tooLarge, type PartialResult, type PartDailySeries, type PartWriteOptions, type Shard } from './partial.js';

/** The first line of a binary part. */
export const BINARY_PART_MAGIC = 'acrkit-simulation-part binary\n';

/** The header of a binary part: a {@link PartialResult} whose registries have no `daily`, with the payload's layout. */
export interface BinaryPartHeader extends Omit<PartialResult, 'results'> {
  /** Always `binary`. */
  readonly encoding: 'binary';
  /** The series of each registry in the payload, in order ({@link PART_SERIES}). */
  readonly series: readonly string[];
  /** Doubles per series: the scenario's horizon in days. */
  readonly days: number;
  /** One result per run index, without the registries' daily series. */
  readonly results: ReadonlyArray<{ readonly run: number; readonly registries: ReadonlyArray<Omit<RegistryRunResult, 'daily'>> }>;
}

/** Whether this machine stores doubles little-endian (every platform Node ships for but a few). */
const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/** A registry's run result without its daily series. */
function withoutDaily(g: RegistryRunResult): Omit<RegistryRunResult, 'daily'> {
  const { daily: _, ...rest } = g;
  return rest;
}

/**
 * The bytes of a binary part in pieces: the magic line and the header, then each run's doubles
 * (one piece a run). A part `simulate merge` could not read (over `maxBytes`) is refused before
 * a byte is written, with the shard count that fits.
 */
export function* partialBinaryParts(sc: ResolvedScenario, shard: Shard, results: readonly RunResult[], acrkitVersion: string, options: PartWriteOptions = {}): Generator<string | Uint8Array> {
  const maxBytes = options.maxBytes ?? MAX_INPUT_BYTES;
  const { format, formatVersion, ...rest } = partialHead(sc, shard, results.map((r) => r.run), acrkitVersion);
  const days = sc.horizonDays;
  const header = (runs: readonly RunResult[]): string =>
    JSON.stringify({ format, formatVersion, encoding: 'binary', series: PART_SERIES, days, ...rest, results: runs.map((r) => ({ run: r.run, registries: r.registries.map(withoutDaily) })) });
  const head = BINARY_PART_MAGIC + header(results);
  const headBytes = Buffer.byteLength(head) + 1;
  const pad = (8 - (headBytes % 8)) % 8;
  const perRun = sc.registries.length * PART_SERIES.length * days;
  const total = headBytes + pad + results.length * perRun * 8;
  if (total > maxBytes) {
    const fixed = Buffer.byteLength(BINARY_PART_MAGIC + header([])) + 8;
    throw tooLarge(sc, shard, maxBytes, fixed, (total - fixed) / Math.max(1, results.length));
  }
  yield `${head}${' '.repeat(pad)}\n`;
  for (const r of results) {
    const values = new Float64Array(perRun);
    let at = 0;
    for (const g of r.registries) {
      for (const k of PART_SERIES) {
        values.set(g.daily[k], at);
        at += days;
      }
    }
    const bytes = new Uint8Array(values.buffer);
    if (!LITTLE_ENDIAN) Buffer.from(values.buffer).swap64();
    yield bytes;
  }
}

/**
 * Refuses, before any run is simulated, a shard whose binary part could not be merged: its series
 * alone (known exactly from the scenario) are over `maxBytes`. Throws the {@link UsageError} of
 * {@link partialBinaryParts}, with the shard count that fits; the header is checked once written.
 */
export function assertBinaryPartFits(sc: ResolvedScenario, shard: Shard, options: PartWriteOptions = {}): void {
  const maxBytes = options.maxBytes ?? MAX_INPUT_BYTES;
  const perRun = sc.registries.length * PART_SERIES.length * sc.horizonDays * 8;
  const runs = shardRunIndices(sc.runs, shard).length;
  if (BINARY_PART_MAGIC.length + runs * perRun > maxBytes) throw tooLarge(sc, shard, maxBytes, BINARY_PART_MAGIC.length, perRun);
}

/** Whether `bytes` begin as a binary part does. */
export function isBinaryPart(bytes: Uint8Array): boolean {
  if (bytes.length < BINARY_PART_MAGIC.length) return false;
  for (let i = 0; i < BINARY_PART_MAGIC.length; i++) if (bytes[i] !== BINARY_PART_MAGIC.charCodeAt(i)) return false;
  return true;
}

/** Where a binary part's header lies (after the magic line, up to its newline) and where its payload starts; undefined without a header line. */
export function binaryPartLayout(bytes: Uint8Array): { readonly headerStart: number; readonly headerEnd: number; readonly payloadStart: number } | undefined {
  const headerStart = BINARY_PART_MAGIC.length;
  const end = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(0x0a, headerStart);
  return end < 0 ? undefined : { headerStart, headerEnd: end, payloadStart: end + 1 };
}

/**
 * Gives each registry of a binary part's validated `header` its daily series from the payload
 * (views of one array of doubles, no copy when the payload is aligned), in place. Returns what
 * does not hold (the series or days, the payload's length, a value that is not a finite number),
 * or an empty list.
 */
export function attachBinarySeries(header: BinaryPartHeader, bytes: Uint8Array, payloadStart: number): string[] {
  const again = 'write the part again with acrkit simulate --shard';
  if (header.series.length !== PART_SERIES.length || header.series.some((s, k) => s !== PART_SERIES[k])) {
    return [`series must be ${PART_SERIES.join(', ')} in that order, got ${header.series.slice(0, 12).join(', ') || 'none'}: ${again}.`];
  }
  if (header.days !== header.scenario.horizonDays) return [`days must be the scenario's horizon of ${header.scenario.horizonDays} days, got ${header.days}: ${again}.`];
  const regs = header.scenario.registries.length;
  const days = header.days;
  const count = header.results.length * regs * PART_SERIES.length * days;
  const got = bytes.length - payloadStart;
  if (got !== count * 8) {
    return [`the series after the header must be ${count * 8} bytes (${header.results.length} runs x ${regs} registries x ${PART_SERIES.length} series x ${days} days x 8), got ${got}: the file was cut short or damaged; ${again}.`];
  }
  let values: Float64Array;
  if ((bytes.byteOffset + payloadStart) % 8 === 0 && LITTLE_ENDIAN) values = new Float64Array(bytes.buffer, bytes.byteOffset + payloadStart, count);
  else {
    values = new Float64Array(count);
    const copy = new Uint8Array(values.buffer);
    copy.set(bytes.subarray(payloadStart));
    if (!LITTLE_ENDIAN) Buffer.from(values.buffer).swap64();
  }
  for (let i = 0; i < count; i++) {
    if (Number.isFinite(values[i]!)) continue;
    const perRun = regs * PART_SERIES.length * days;
    const k = Math.floor(i / perRun);
    const g = Math.floor((i % perRun) / (PART_SERIES.length * days));
    const s = Math.floor((i % (PART_SERIES.length * days)) / days);
    return [`series values must be finite numbers, got ${values[i]} in run ${header.results[k]!.run}, registry ${header.scenario.registries[g]!.address}, ${PART_SERIES[s]} day ${i % days}: ${again}.`];
  }
  let at = 0;
  for (const r of header.results) {
    for (const g of r.registries) {
      const daily: Record<string, Float64Array> = {};
      for (const k of PART_SERIES) {
        daily[k] = values.subarray(at, at + days);
        at += days;
      }
      (g as { daily?: PartDailySeries }).daily = daily as unknown as PartDailySeries;
    }
  }
  return [];
}
