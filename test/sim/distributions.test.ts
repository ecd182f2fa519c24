import { sampleInt, sampler, type Distribution } from '../../lib/sim/random/distributions.js';
import { Rng } from '../../lib/sim/random/random.js';

describe('samplers', () => {
  test('compiled once per distribution object; equal distributions draw the same numbers', () => {
    // GIVEN two equal lognormal distributions as separate objects
    const d: Distribution = { kind: 'lognormal', median: 1e6, p90: 8e6 };
    const e: Distribution = { ...d };
    // THEN the same object gives the same sampler (Monte Carlo runs reuse it) ...
    expect(sampler(d)).toBe(sampler(d));
    expect(sampler(e)).not.toBe(sampler(d));
    // ... and what a sampler draws depends only on the distribution and the stream.
    const a = Rng.forRun(7, 0, 3);
    const b = Rng.forRun(7, 0, 3);
    const xs = Array.from({ length: 5 }, () => sampler(d).sample(a));
    const ys = Array.from({ length: 5 }, () => sampler(e).sample(b));
    expect(xs).toEqual(ys);
    expect(sampler(d).mean).toBeCloseTo(Math.exp(Math.log(1e6) + (Math.log(8) / 1.2815515655446004) ** 2 / 2), 6);
  });

  test('fixed distributions draw nothing; integers are rounded and clamped', () => {
    const rng = Rng.forRun(1, 0, 0);
    const fixed = sampler({ kind: 'fixed', value: 2.6 });
    expect(fixed.deterministic).toBe(true);
    expect(sampleInt(fixed, rng, 1, 2)).toBe(2);
    expect(sampleInt(sampler({ kind: 'fixed', value: 0.2 }), rng, 1, 5)).toBe(1);
    expect(rng.draws).toBe(0);
    const u = sampler({ kind: 'uniform', min: 1, max: 2 });
    for (let i = 0; i < 100; i++) expect([1, 2]).toContain(sampleInt(u, rng, 1, 2));
    expect(rng.draws).toBe(200);
  });
});
