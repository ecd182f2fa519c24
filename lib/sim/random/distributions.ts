/**
 * Scenario distributions: `fixed` (deterministic, draws nothing), `lognormal` (median and p90)
 * and `uniform` (min and max), compiled to fast samplers.
 */
import type { Rng } from './random.js';

/** A deterministic value. Draws no random numbers. */
export interface FixedDistribution {
  /** Discriminator. */
  readonly kind: 'fixed';
  /** The value. */
  readonly value: number;
}

/** Lognormal given by its median and 90th percentile (p90 > median > 0). */
export interface LognormalDistribution {
  /** Discriminator. */
  readonly kind: 'lognormal';
  /** Median. */
  readonly median: number;
  /** 90th percentile. */
  readonly p90: number;
}

/** Uniform between min and max. */
export interface UniformDistribution {
  /** Discriminator. */
  readonly kind: 'uniform';
  /** Smallest value. */
  readonly min: number;
  /** Largest value. */
  readonly max: number;
}

/** A distribution of a non-negative quantity, with numeric parameters (sizes already in bytes). */
export type Distribution = FixedDistribution | LognormalDistribution | UniformDistribution;

/** z of the standard normal's 90th percentile. */
export const Z90 = 1.2815515655446004;

/** A compiled distribution. */
export interface Sampler {
  /** Draws one value. */
  sample(rng: Rng): number;
  /** The distribution's mean. */
  readonly mean: number;
  /** Whether it draws no random numbers. */
  readonly deterministic: boolean;
}

/**
 * Samplers already compiled, by distribution object. A Monte Carlo worker simulates run after run
 * of the same scenario objects; handing every run the same sampler functions keeps the call sites
 * in the simulator's loops monomorphic, where fresh closures each run made V8 throw away and
 * recompile its optimized code at the start of the next run.
 */
const compiled = new WeakMap<Distribution, Sampler>();

/** Compiles a distribution (once per distribution object). */
export function sampler(d: Distribution): Sampler {
  let s = compiled.get(d);
  if (!s) {
    s = compile(d);
    compiled.set(d, s);
  }
  return s;
}

function compile(d: Distribution): Sampler {
  switch (d.kind) {
    case 'fixed': {
      const v = d.value;
      return { sample: () => v, mean: v, deterministic: true };
    }
    case 'lognormal': {
      const mu = Math.log(d.median);
      const sigma = Math.log(d.p90 / d.median) / Z90;
      return { sample: (rng) => Math.exp(mu + sigma * rng.normal()), mean: Math.exp(mu + (sigma * sigma) / 2), deterministic: false };
    }
    case 'uniform': {
      const lo = d.min;
      const span = d.max - d.min;
      return { sample: (rng) => lo + span * rng.uniform(), mean: lo + span / 2, deterministic: false };
    }
  }
}

/** Draws an integer in [min, max] from a sampler (rounded to nearest). */
export function sampleInt(s: Sampler, rng: Rng, min: number, max: number): number {
  const v = Math.round(s.sample(rng));
  return v < min ? min : v > max ? max : v;
}
