import { RegistryStore } from '../../lib/sim/engine/store.js';
import { WorkloadDriver, type DayPushes } from '../../lib/sim/engine/workload.js';
import { Rng } from '../../lib/sim/random/random.js';
import { scenarioFromText } from '../../lib/sim/scenario/resolve.js';
import { quantile } from '../../lib/sim/results/stats.js';

describe('docker-hub-2017 preset', () => {
  // The images the simulator generates: the workload driver pushes them into a store, base layers
  // from the shared pool included, and each manifest is measured from the store's layer sizes.
  function generated(seed: number): { images: number[]; layerCounts: number[]; layers: number[] } {
    const text = [
      'horizon: P1D',
      'registries: [{name: r, location: westeurope}]',
      'workloads: [{preset: docker-hub-2017, repositories: {initial: 20000, growthPerMonth: 0}, pushes: {perRepositoryPerDay: 1, weekly: [1, 1, 1, 1, 1, 1, 1]}}]',
    ].join('\n');
    const w = scenarioFromText(text).registries[0]!.workload!;
    const store = new RegistryStore(w.image.manifestBytes, { manifests: 30_000, layers: 300_000, refs: 400_000, days: 8 });
    const driver = new WorkloadDriver(w, store, Rng.forRun(seed, 0, 0), 0);
    const out: DayPushes = { pushes: 0, writes: 0, reads: 0 };
    driver.day(0, out);
    const images: number[] = [];
    const layerCounts: number[] = [];
    const layers: number[] = [];
    const list = new Int32Array(256);
    for (let m = 0; m < store.manifestCount; m++) {
      let total = 0;
      const n = store.layersOf(m, list);
      for (let i = 0; i < n; i++) {
        const size = store.layerSize[list[i]!]!;
        total += size;
        layers.push(size);
      }
      images.push(total);
      layerCounts.push(n);
    }
    return { images, layerCounts, layers };
  }

  test('generated images match Zhao et al. 2019 within 10%: median 17 MB, p90 0.48 GB; layers median < 8, p90 < 18', () => {
    const { images, layerCounts, layers } = generated(2019);
    expect(images.length).toBeGreaterThan(19_000);
    const q = (xs: number[], p: number): number => quantile([...xs].sort((a, b) => a - b), p)!;
    expect(q(images, 0.5) / 1e6).toBeGreaterThan(17 * 0.9);
    expect(q(images, 0.5) / 1e6).toBeLessThan(17 * 1.1);
    expect(q(images, 0.9) / 1e9).toBeGreaterThan(0.48 * 0.9);
    expect(q(images, 0.9) / 1e9).toBeLessThan(0.48 * 1.1);
    expect(q(layerCounts, 0.5)).toBeLessThan(8);
    expect(q(layerCounts, 0.9)).toBeLessThan(18);
    // Documented deviation: about 70% of layers under 4 MB (the paper: about 50%).
    const under4 = layers.filter((s) => s < 4e6).length / layers.length;
    expect(under4).toBeGreaterThan(0.5);
    expect(under4).toBeLessThan(0.8);
  });
});

describe('presets state what they imply', () => {
  test('ci-heavy: its nightly purge is an assumption of the registry, unless the workload writes its own cleanup', () => {
    const sc = scenarioFromText('horizon: P1D\nregistries: [{name: r, location: westeurope}, {name: s, location: westeurope}]\nworkloads: [{registry: r, preset: ci-heavy}, {registry: s, preset: ci-heavy, cleanup: []}]');
    expect(sc.registries[0]!.assumptions).toEqual([
      'workload preset ci-heavy adds purge task nightly-purge: filter .*:build-.*, older than P30D, keep 20, untagged manifests too, every P1D at PT1H (write cleanup: [] in the workload to drop it)',
    ]);
    expect(sc.registries[1]!.assumptions).toBeUndefined();
    expect(scenarioFromText('horizon: P1D\nregistries: [{name: r, location: westeurope}]\nworkloads: [{preset: small-team}]').registries[0]!.assumptions).toBeUndefined();
  });
});

describe('random streams', () => {
  test('pure-rand xoroshiro128+ streams: fixed per (seed, stream, run), independent across runs', () => {
    const a = Rng.forRun(42, 0, 0);
    const b = Rng.forRun(42, 0, 0);
    const c = Rng.forRun(42, 0, 1);
    const xs = [a.next32(), a.next32(), a.next32()];
    expect([b.next32(), b.next32(), b.next32()]).toEqual(xs);
    expect([c.next32(), c.next32(), c.next32()]).not.toEqual(xs);
  });

  test('Poisson draws have the right mean (small and large)', () => {
    const rng = Rng.forRun(1, 0, 0);
    for (const lambda of [3, 500]) {
      let s = 0;
      for (let i = 0; i < 20_000; i++) s += rng.poisson(lambda);
      expect(s / 20_000).toBeCloseTo(lambda, lambda < 10 ? 1 : 0);
    }
  });
});
