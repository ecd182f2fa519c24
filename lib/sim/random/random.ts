/**
 * The simulator's only source of randomness: a seeded xoroshiro128+ generator (pure-rand) with
 * one independent stream per run and per registry, and the variates the model draws.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

/**
 * The largest seed: xoroshiro128plus takes a 32-bit seed, so seeds from 0 to 2^32 - 1 each give
 * their own streams, and a larger one would repeat the runs of the seed 2^32 below it. The
 * scenario schema's `seed` maximum and `--seed` hold seeds to this range.
 */
export const MAX_SEED = 2 ** 32 - 1;

const SCALE26 = 2 ** -26;
const SCALE53 = 2 ** -53;

/** Mixes a seed and a stream number into a 32-bit seed (murmur3 finalizer). */
function mix(seed: number, stream: number): number {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** A registry's stream as last handed out in this thread: the generator at the start of run `run`. */
interface StreamCursor {
  run: number;
  readonly g: JumpableRandomGenerator;
}

/** Cursors by `seed:stream`; a thread takes its runs in rising order, so each stream is walked forward once. */
const cursors = new Map<string, StreamCursor>();
/** Cursors kept at most (a scenario has at most a few hundred registries). */
const MAX_CURSORS = 4096;

/**
 * The generator of `stream` under `seed` at the start of run `run`: `run` jumps from the start,
 * taken from the last run asked for in this thread when that is not later (the same state, so
 * the same numbers: only the time differs, linear instead of quadratic in the runs).
 */
function streamAt(seed: number, stream: number, run: number): JumpableRandomGenerator {
  const key = `${seed}:${stream}`;
  let cursor = cursors.get(key);
  if (!cursor || cursor.run > run) {
    if (cursors.size >= MAX_CURSORS) cursors.clear();
    cursor = { run: 0, g: xoroshiro128plus(mix(seed, stream)) };
    cursors.set(key, cursor);
  }
  for (; cursor.run < run; cursor.run++) cursor.g.jump();
  return cursor.g.clone();
}

/**
 * A seeded random stream. Mutable (each draw advances it); not shared between runs.
 * Every draw goes through {@link Rng.next32}, which counts the raw 32-bit values used.
 */
export class Rng {
  /** Raw 32-bit values drawn so far. */
  draws = 0;
  /** Normal variates drawn so far (for benchmarks). */
  normals = 0;
  private spare = 0;
  private hasSpare = false;

  private constructor(private readonly g: JumpableRandomGenerator) {}

  /**
   * The stream for Monte Carlo run `run` of registry number `stream` under `seed`: the
   * registry's generator `xoroshiro128plus(mix(seed, stream))` advanced by `run` jumps of 2^64
   * draws, so runs never overlap and a run's numbers do not depend on how runs are scheduled.
   * Throws a RangeError for a seed that is not an integer from 0 to {@link MAX_SEED}: it would
   * share its streams with another seed.
   */
  static forRun(seed: number, stream: number, run: number): Rng {
    if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) throw new RangeError(`seed must be an integer from 0 to ${MAX_SEED}, got ${seed}: larger seeds would repeat the runs of a smaller one.`);
    return new Rng(streamAt(seed, stream, run));
  }

  /** A raw value in [-2^31, 2^31). */
  next32(): number {
    this.draws++;
    return this.g.next();
  }

  /** Uniform in [0, 1) with 53 random bits (two raw values, as pure-rand's uniformFloat64). */
  uniform(): number {
    this.draws += 2;
    const a = this.g.next() & 0x3ffffff;
    const b = this.g.next() & 0x7ffffff;
    return a * SCALE26 + b * SCALE53;
  }

  /** Uniform integer in [0, n) (floor of a 53-bit uniform; bias below 2^-20 for n < 2^33). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Standard normal (Box-Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    this.normals++;
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    const u = 1 - this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    this.hasSpare = true;
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Poisson variate with mean `lambda` (Knuth below 30, Hormann's PTRS above; both exact). */
  poisson(lambda: number): number {
    if (!(lambda > 0)) return 0;
    if (lambda < 30) {
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = this.uniform();
      while (p > limit) {
        k++;
        p *= this.uniform();
      }
      return k;
    }
    const slam = Math.sqrt(lambda);
    const loglam = Math.log(lambda);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.uniform() - 0.5;
      const v = this.uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logFactorial(k)) return k;
    }
  }
}

const LOG_FACT = (() => {
  const t = new Float64Array(16);
  for (let i = 1; i < 16; i++) t[i] = t[i - 1]! + Math.log(i);
  return t;
})();

/** ln(k!) (table below 16, Stirling series above). */
export function logFactorial(k: number): number {
  if (k < 16) return LOG_FACT[k]!;
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3);
}

/** Samples ranks 0..n-1 with Zipf popularity `P(rank k) ∝ 1/(k+1)^s` (inverse CDF, binary search). */
export class ZipfSampler {
  private readonly cdf: Float64Array;

  constructor(
    /** Number of ranks. */
    readonly n: number,
    /** Exponent (0 = uniform). */
    readonly s: number,
  ) {
    this.cdf = new Float64Array(n);
    let sum = 0;
    for (let k = 0; k < n; k++) {
      sum += 1 / (k + 1) ** s;
      this.cdf[k] = sum;
    }
    for (let k = 0; k < n; k++) this.cdf[k]! /= sum;
  }

  /** A rank drawn with Zipf popularity. */
  sample(rng: Rng): number {
    const u = rng.uniform();
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cdf[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
