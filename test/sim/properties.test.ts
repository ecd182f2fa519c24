import fc from 'fast-check';
import { simulateRun } from '../../lib/sim/engine/engine.js';
import { RegistryStore } from '../../lib/sim/engine/store.js';
import { scenario } from './helpers.js';
import type { WorkloadInput } from '../../lib/sim/scenario/types.js';

/** A small random workload (distributions random, so runs exercise the random paths). */
const workloadArb = fc.record({
  repos: fc.integer({ min: 0, max: 4 }),
  perDay: fc.double({ min: 0, max: 3, noNaN: true }),
  layers: fc.integer({ min: 1, max: 6 }),
  strategy: fc.constantFrom('mutable' as const, 'unique' as const),
  tags: fc.integer({ min: 1, max: 3 }),
  purge: fc.boolean(),
});

type Shape = { repos: number; perDay: number; layers: number; strategy: 'mutable' | 'unique'; tags: number; purge: boolean };

function workload(o: Shape): WorkloadInput {
  return {
    repositories: { initial: o.repos, growthPerMonth: 1 },
    pushes: { perRepositoryPerDay: o.perDay, arrival: 'poisson' },
    image: {
      layers: { kind: 'uniform', min: 1, max: o.layers },
      layerSize: { kind: 'lognormal', median: '1 MB', p90: '10 MB' },
      repositoryScale: { kind: 'fixed', value: 1 },
      changedLayersPerPush: { kind: 'uniform', min: 1, max: 2 },
      baseLayers: { perImage: { kind: 'fixed', value: 1 }, pool: 3, zipf: 1, layerSize: { kind: 'fixed', value: '5 MB' } },
    },
    tags: { strategy: o.strategy, perRepository: o.tags },
    cleanup: o.purge ? [{ filter: '.*:.*', ago: 'P2D', keep: 1, untagged: true }] : [],
  };
}

const runs = { numRuns: 15 };

describe('simulator properties', () => {
  test('stored bytes equal the sum of referenced layers plus manifests, never negative', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 3 })), { maxLength: 60 }), (ops) => {
        const s = new RegistryStore(7, { manifests: 4, layers: 4, refs: 4, days: 80 });
        s.ensureRepos(3);
        s.setRetention(2);
        const layers = Array.from({ length: 10 }, (_, i) => s.addLayer(100 + i));
        const live: number[] = [];
        ops.forEach(([op, a, b], day) => {
          if (op === 0 || live.length === 0) live.push(s.push(b % 3, Int32Array.of(layers[a]!, layers[(a + b) % 10]!), 2, day, day, 0));
          else if (op === 1) s.untag(live[a % live.length]!, day);
          else s.delete(live.splice(a % live.length, 1)[0]!, day);
          s.runRetention(day);
          const r = s.recount();
          expect(s.storedBytes).toBe(r.stored);
          expect(s.taggedBytes).toBe(r.tagged);
          expect(s.untaggedBytes).toBeGreaterThanOrEqual(0);
        });
      }),
      { numRuns: 50 },
    );
  });

  test('same seed, same result; never negative', () => {
    fc.assert(
      fc.property(workloadArb, fc.integer({ min: 0, max: 1000 }), (o, seed) => {
        const sc = scenario([{ name: 'r', location: 'westeurope' }], workload(o), { seed, horizon: 'P15D' });
        const a = simulateRun(sc, 0).registries[0]!;
        expect(simulateRun(sc, 0).registries[0]!).toEqual(a);
        for (let d = 0; d < 15; d++) {
          expect(a.daily.taggedBytes[d]).toBeGreaterThanOrEqual(0);
          expect(a.daily.untaggedBytes[d]).toBeGreaterThanOrEqual(-1e-6);
          expect(a.daily.softDeletedBytes[d]).toBeGreaterThanOrEqual(0);
        }
      }),
      runs,
    );
  });

  test('more retention days never mean less storage', () => {
    fc.assert(
      fc.property(workloadArb, fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 5 }), (o, r1, extra) => {
        const w = workload({ ...o, strategy: 'mutable', purge: false });
        const run = (days: number) =>
          simulateRun(scenario([{ name: 'r', location: 'westeurope', tier: 'Premium', retentionDays: days }], w, { seed: 5, horizon: 'P15D' }), 0).registries[0]!;
        const a = run(r1);
        const b = run(r1 + extra);
        for (let d = 0; d < 15; d++) expect(b.daily.taggedBytes[d]! + b.daily.untaggedBytes[d]!).toBeGreaterThanOrEqual(a.daily.taggedBytes[d]! + a.daily.untaggedBytes[d]!);
      }),
      runs,
    );
  });

  test('no pushes, flat storage', () => {
    fc.assert(
      fc.property(workloadArb, (o) => {
        const r = simulateRun(scenario([{ name: 'r', location: 'westeurope' }], workload({ ...o, perDay: 0 }), { horizon: 'P10D' }), 0).registries[0]!;
        for (let d = 0; d < 10; d++) expect(r.daily.taggedBytes[d]! + r.daily.untaggedBytes[d]!).toBe(0);
        expect(r.pushes).toBe(0);
      }),
      runs,
    );
  });
});
