import { simulateRun } from '../../lib/sim/engine/engine.js';
import { simulateRuns } from '../../lib/sim/montecarlo.js';
import { StoreBufferPool } from '../../lib/sim/engine/store.js';
import { scenarioFromText } from '../../lib/sim/scenario/resolve.js';

const text = `
horizon: P40D
seed: 3
runs: 3
registries:
  - {name: big, tier: Premium, location: westeurope, retentionDays: 2}
  - {name: small, tier: Standard, location: westeurope, softDeleteDays: 3}
workloads:
  - registry: big
    preset: ci-heavy
    repositories: {initial: 30, growthPerMonth: 5}
  - registry: small
    preset: docker-hub-2017
    repositories: {initial: 4, growthPerMonth: 1}
`;

describe('store buffer reuse', () => {
  test('runs on reused (dirty) buffers equal runs on fresh ones, in any order', () => {
    const sc = scenarioFromText(text);
    const fresh = [0, 1, 2].map((r) => simulateRun(sc, r));
    const buffers = new StoreBufferPool();
    // Reverse order: each store gets arrays the previous, larger or smaller, store has written.
    const reused = [2, 1, 0, 2].map((r) => simulateRun(sc, r, { buffers }));
    expect(reused[0]).toEqual(fresh[2]);
    expect(reused[1]).toEqual(fresh[1]);
    expect(reused[2]).toEqual(fresh[0]);
    expect(reused[3]).toEqual(fresh[2]);
  });

  test('a pool hands out an array at least as long as asked, and keeps the longer of two', () => {
    const pool = new StoreBufferPool();
    const a = pool.take('x', Int32Array, 10);
    expect(a.length).toBe(10);
    pool.give('x', a);
    pool.give('x', new Int32Array(5));
    expect(pool.take('x', Int32Array, 8)).toBe(a);
    expect(pool.take('x', Int32Array, 8)).not.toBe(a);
    pool.give('x', a);
    expect(pool.take('x', Int32Array, 20).length).toBe(20);
  });

  test('in-thread Monte Carlo (pooled) equals independent runs', async () => {
    const sc = scenarioFromText(text);
    expect(await simulateRuns(sc, { workers: 0 })).toEqual([0, 1, 2].map((r) => simulateRun(sc, r)));
  });
});
