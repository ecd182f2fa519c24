import { MAX_CHAIN, RegistryStore, StoreBufferPool } from '../../lib/sim/engine/store.js';
import { Rng } from '../../lib/sim/random/random.js';
import { simulateRun } from '../../lib/sim/engine/engine.js';
import { fixedWorkload, scenario } from './helpers.js';

const M = 1000;
const cap = { manifests: 16, layers: 16, refs: 64, days: 64 };

describe('RegistryStore (closed form)', () => {
  test('shared layers are stored once; deleting a manifest frees only unreferenced layers', () => {
    // GIVEN A -> {a, b} and B -> {a, c} (the distribution GC example)
    const s = new RegistryStore(M, cap);
    s.ensureRepos(2);
    const a = s.addLayer(100);
    const b = s.addLayer(10);
    const c = s.addLayer(20);
    s.push(0, Int32Array.of(a, b), 2, 0, 0, -1);
    const B = s.push(1, Int32Array.of(a, c), 2, 0, 0, -1);
    expect(s.storedBytes).toBe(130 + 2 * M);
    // WHEN B is deleted THEN only c and B's manifest are freed
    expect(s.delete(B, 1)).toBe(20 + M);
    expect(s.storedBytes).toBe(110 + M);
    expect(s.recount().stored).toBe(s.storedBytes);
  });

  test('untag frees nothing and moves bytes from tagged to untagged', () => {
    const s = new RegistryStore(M, cap);
    s.ensureRepos(1);
    const a = s.addLayer(100);
    const m = s.push(0, Int32Array.of(a), 1, 0, 0, 0);
    s.untag(m, 1);
    expect(s.storedBytes).toBe(100 + M);
    expect(s.taggedBytes).toBe(0);
    expect(s.untaggedBytes).toBe(100 + M);
  });

  test('retention ignores manifests untagged before it was enabled', () => {
    const s = new RegistryStore(M, cap);
    s.ensureRepos(1);
    const old = s.push(0, Int32Array.of(s.addLayer(10)), 1, 0, 0, 0);
    s.untag(old, 1); // untagged before the policy
    s.setRetention(1); // enabled on day 2
    const newer = s.push(0, Int32Array.of(s.addLayer(20)), 1, 3, 1, 0);
    s.untag(newer, 3);
    for (let d = 0; d < 10; d++) s.runRetention(d);
    expect(s.mState[old]).toBe(2); // still untagged
    expect(s.mState[newer]).toBe(3); // deleted on day 4
    expect(s.storedBytes).toBe(10 + M);
  });

  test('disabling retention cancels scheduled deletes', () => {
    const s = new RegistryStore(M, cap);
    s.ensureRepos(1);
    s.setRetention(2);
    const m = s.push(0, Int32Array.of(s.addLayer(10)), 1, 0, 0, 0);
    s.untag(m, 0);
    s.setRetention(0);
    for (let d = 0; d < 10; d++) s.runRetention(d);
    expect(s.mState[m]).toBe(2);
  });

  test('soft delete keeps deleted bytes for its window', () => {
    const s = new RegistryStore(M, cap);
    s.ensureRepos(1);
    s.softDeleteDays = 3;
    const m = s.push(0, Int32Array.of(s.addLayer(10)), 1, 0, 0, -1);
    s.delete(m, 1);
    expect(s.softDeletedBytes).toBe(10 + M);
    s.expireSoftDeleted(3);
    expect(s.softDeletedBytes).toBe(10 + M);
    s.expireSoftDeleted(4);
    expect(s.softDeletedBytes).toBe(0);
  });
});

describe('RegistryStore layer lists kept as changes to the previous push', () => {
  test('every list reads back as pushed, through parents deleted or not, and the bytes stay exact', () => {
    // GIVEN two repositories whose 6-layer images change their top 1 to 6 layers at each push
    const s = new RegistryStore(M, cap);
    s.ensureRepos(2);
    const rng = Rng.forRun(7, 0, 0);
    const image = [Array.from({ length: 6 }, () => s.addLayer(1 + rng.int(1000))), Array.from({ length: 6 }, () => s.addLayer(1 + rng.int(1000)))];
    const last = [-1, -1];
    const pushed = new Map<number, number[]>();
    for (let i = 0; i < 200; i++) {
      const r = rng.int(2);
      const changed = 1 + rng.int(6);
      const first = 6 - changed;
      for (let k = first; k < 6; k++) image[r]![k] = s.addLayer(1 + rng.int(1000));
      const m = s.push(r, Int32Array.from(image[r]!), 6, i >> 3, i, -1, last[r]!, first);
      last[r] = m;
      pushed.set(m, [...image[r]!]);
    }
    const list = new Int32Array(256);
    const readBack = (m: number): number[] => Array.from(list.subarray(0, s.layersOf(m, list)));
    for (const [m, layers] of pushed) expect(readBack(m)).toEqual(layers);
    // THEN a list is read through at most MAX_CHAIN parents, and fewer ids are kept than pushed
    expect(Math.max(...Array.from(s.mChain.subarray(0, s.manifestCount)))).toBe(MAX_CHAIN);
    expect(s.refsLen).toBeLessThan(0.75 * 200 * 6);
    // WHEN manifests are untagged and deleted in a random order, parents before their children too
    const ids = [...pushed.keys()];
    for (let i = ids.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    }
    for (const [k, m] of ids.entries()) {
      if (k % 3 === 0) s.untag(m, 30);
      else if (k % 3 === 1) s.delete(m, 30);
      // THEN every list still reads back, and the stored and tagged bytes match a recount
      if (k % 20 === 0) {
        for (const [q, layers] of pushed) expect(readBack(q)).toEqual(layers);
        expect(s.recount()).toEqual({ stored: s.storedBytes, tagged: s.taggedBytes });
      }
    }
    expect(s.recount()).toEqual({ stored: s.storedBytes, tagged: s.taggedBytes });
  });
});

describe('RegistryStore per-manifest columns', () => {
  const columns = ['mRefStart', 'mParent', 'mShared', 'mChain', 'mRepo', 'mPushDay', 'mTagCode', 'mState', 'mRetGen', 'mRetNext', 'mPrev', 'mNext'] as const;

  test('every column grows together, keeping what was written, and goes back to the pool', () => {
    // GIVEN a store sized for 16 manifests
    const pool = new StoreBufferPool();
    const s = new RegistryStore(M, cap, pool);
    s.ensureRepos(3);
    const l = s.addLayer(10);
    // WHEN 100 manifests are pushed (the columns grow several times)
    const ids = Array.from({ length: 100 }, (_, i) => s.push(i % 3, Int32Array.of(l), 1, i, i, i % 2 ? -1 : i));
    // THEN every column holds them all, with what each push wrote
    for (const name of columns) expect(s[name].length).toBeGreaterThanOrEqual(name === 'mRefStart' ? 101 : 100);
    expect(Array.from(ids, (m) => [s.mRepo[m], s.mPushDay[m], s.tagSeq(m), s.tagSlot(m), s.mState[m], s.mRefStart[m + 1]])).toEqual(
      ids.map((_, i) => [i % 3, i, i % 2 ? i : -1, i % 2 ? -1 : i, 1, i + 1]),
    );
    expect(s.mPrev[ids[3]!]).toBe(ids[0]);
    expect(s.mNext[ids[3]!]).toBe(ids[6]);
    // AND on release every column is kept for the next store
    const arrays = columns.map((name) => s[name]);
    s.release();
    const next = new RegistryStore(M, cap, pool);
    columns.forEach((name, i) => expect(next[name]).toBe(arrays[i]));
  });
});

describe('engine closed forms (fixed distributions)', () => {
  const S = 1_000_000;

  test('unique tags grow linearly', () => {
    // 3 repos, 2 pushes/day each, 4 layers of which the top 1 changes per push
    const sc = scenario([{ name: 'r', location: 'westeurope' }], fixedWorkload({ repos: 3, perDay: 2, layers: 4, changed: 1, layerBytes: S, manifestBytes: M, strategy: 'unique' }));
    const r = simulateRun(sc, 0).registries[0]!;
    for (let d = 0; d < 30; d++) {
      const pushes = (d + 1) * 3 * 2;
      expect(r.daily.taggedBytes[d]).toBe(3 * 3 * S + pushes * (S + M));
      expect(r.daily.untaggedBytes[d]).toBe(0);
    }
  });

  test('mutable tags with retention R settle at tagged + R days of untagged', () => {
    const R = 5;
    const sc = scenario(
      [{ name: 'r', location: 'westeurope', tier: 'Premium', retentionDays: R }],
      fixedWorkload({ repos: 4, perDay: 1, layers: 2, changed: 2, layerBytes: S, manifestBytes: M, strategy: 'mutable' }),
    );
    const r = simulateRun(sc, 0).registries[0]!;
    const image = 2 * S + M;
    for (let d = 0; d < 30; d++) {
      expect(r.daily.taggedBytes[d]).toBe(4 * image);
      expect(r.daily.untaggedBytes[d]).toBe(4 * Math.min(d, R) * image);
    }
  });

  test('shared base layers are stored once across repositories', () => {
    // every image: 1 base layer from a pool of 1 plus 1 app layer that changes each push
    const sc = scenario(
      [{ name: 'r', location: 'westeurope' }],
      fixedWorkload({ repos: 5, perDay: 1, layers: 2, changed: 1, base: 1, pool: 1, layerBytes: S, manifestBytes: M, strategy: 'unique' }),
    );
    const r = simulateRun(sc, 0).registries[0]!;
    expect(r.daily.taggedBytes[9]).toBe(S + 10 * 5 * (S + M));
  });

  test('billed = replicas x stored while the limit counts stored once', () => {
    const sc = scenario(
      [{ name: 'r', location: 'westeurope', tier: 'Premium', replicas: ['eastus', 'southeastasia'] }],
      fixedWorkload({ repos: 2, perDay: 1, layers: 1, changed: 1, layerBytes: S, manifestBytes: M, strategy: 'unique' }),
    );
    const r = simulateRun(sc, 0).registries[0]!;
    const stored = r.daily.taggedBytes[29]! + r.daily.untaggedBytes[29]!;
    expect(r.daily.billedBytes[29]).toBe(3 * stored);
    expect(r.maxStoredBytes).toBe(stored);
    expect(r.storedBytesAtHorizon).toBe(stored);
  });

  test('included storage and the limit follow the tier in force each day', () => {
    // 1 GiB of new layers a day on Basic (10 GiB included), upgraded to Premium (500 GiB) on day 20.
    const GiB = 1024 ** 3;
    const sc = scenario(
      [{ name: 'r', location: 'westeurope', tier: 'Basic' }],
      fixedWorkload({ repos: 1, perDay: 1, layers: 1, changed: 1, layerBytes: GiB, manifestBytes: 0, strategy: 'unique' }),
      { events: [{ kind: 'config-change', registry: 'r', at: 'P20D', set: { tier: 'Premium' } }] },
    );
    const r = simulateRun(sc, 0).registries[0]!;
    // day d holds d + 1 GiB: first above 10 GiB on day 10, while still Basic.
    expect(r.firstIncludedExceededDay).toBe(10);
    expect(r.includedBytes).toBe(500 * GiB);
    // Premium downgraded to Basic on day 25: 26 GiB is over Basic's 10 GiB that very day.
    const up = scenario(
      [{ name: 'r', location: 'westeurope', tier: 'Premium' }],
      fixedWorkload({ repos: 1, perDay: 1, layers: 1, changed: 1, layerBytes: GiB, manifestBytes: 0, strategy: 'unique' }),
      { events: [{ kind: 'config-change', registry: 'r', at: 'P25D', set: { tier: 'Basic' } }] },
    );
    expect(simulateRun(up, 0).registries[0]!.firstIncludedExceededDay).toBe(25);
  });

  test('purge untags old tags beyond --keep and deletes untagged manifests', () => {
    const sc = scenario(
      [{ name: 'r', location: 'westeurope' }],
      fixedWorkload({
        repos: 1, perDay: 1, layers: 1, changed: 1, layerBytes: S, manifestBytes: M, strategy: 'unique',
        cleanup: [{ filter: 'repo-.*:build-.*', ago: 'P3D', keep: 2, untagged: true }],
      }),
    );
    const r = simulateRun(sc, 0).registries[0]!;
    // Purge runs at 00:00 of day d; pushes are stamped 00:00 of their day, so those of days
    // d-3..d are not older than 3 days (4 manifests), plus the 2 latest old tags kept.
    expect(r.daily.taggedBytes[20]).toBe(6 * (S + M));
    expect(r.daily.untaggedBytes[20]).toBe(0);
    expect(r.purge.runs).toBe(30);
  });
});
