/**
 * Change over time (issue 15): workload-change, delete and untag events, and events that take
 * effect at their time of day.
 */
import { simulateRun } from '../../lib/sim/engine/engine.js';
import { shareOut } from '../../lib/sim/engine/events.js';
import { volumeShare } from '../../lib/sim/engine/failover.js';
import { scenarioFromText } from '../../lib/sim/scenario/resolve.js';
import type { EventInput, InlineRegistryInput } from '../../lib/sim/scenario/types.js';
import { fixedWorkload, scenario } from './helpers.js';
import { aggregate } from '../../lib/sim/montecarlo.js';
import { fromPartRun, shardRunIndices, toPartial } from '../../lib/sim/results/partial.js';

const MiB = 1024 ** 2;
const M = 1000;

/** Four repositories, one push each a day, one new 1 MiB layer a push, unique tags. */
const steady = fixedWorkload({ repos: 4, perDay: 1, layers: 1, changed: 1, layerBytes: MiB, manifestBytes: M, strategy: 'unique' });

function run(events: EventInput[], o: { workload?: typeof steady; registries?: InlineRegistryInput[]; horizon?: string } = {}) {
  return simulateRun(scenario(o.registries ?? [{ name: 'r', location: 'westeurope', tier: 'Premium' }], o.workload ?? steady, { horizon: o.horizon ?? 'P20D', events }), 0);
}

describe('workload-change', () => {
  test('pushes scale 3 at day 10: three times the pushes from then on, the days before unchanged', () => {
    const base = run([]).registries[0]!;
    const up = run([{ kind: 'workload-change', at: 'P10D', pushes: { scale: 3 } }]).registries[0]!;
    expect(Array.from(up.daily.pushes.slice(0, 10))).toEqual(Array.from(base.daily.pushes.slice(0, 10)));
    expect(Array.from(up.daily.pushes.slice(10))).toEqual(Array(10).fill(12));
    expect(Array.from(up.daily.taggedBytes.slice(0, 10))).toEqual(Array.from(base.daily.taggedBytes.slice(0, 10)));
  });

  test('set at noon: the pushes of the morning see the old rate (flat profile: half the day each)', () => {
    const r = run([{ kind: 'workload-change', at: 'P10DT12H', pushes: { set: 3 } }]).registries[0]!;
    expect(r.daily.pushes[9]).toBe(4);
    expect(r.daily.pushes[10]).toBe(8); // 2 in the morning at 1 a repository, 6 in the afternoon at 3
    expect(r.daily.pushes[11]).toBe(12);
  });

  test('common random numbers: Poisson draws before the change are identical, another registry is untouched', () => {
    const regs: InlineRegistryInput[] = [
      { name: 'a', location: 'westeurope', tier: 'Premium' },
      { name: 'b', location: 'westeurope', tier: 'Premium' },
    ];
    const text = (events: string): string =>
      [
        'horizon: P60D',
        'seed: 11',
        `registries: ${JSON.stringify(regs)}`,
        'workloads: [{ preset: ci-heavy, repositories: { initial: 20, growthPerMonth: 3 } }]',
        `events: ${events}`,
      ].join('\n');
    const plain = simulateRun(scenarioFromText(text('[]')), 3);
    const changed = simulateRun(scenarioFromText(text('[{ kind: workload-change, registry: b, at: P30DT9H, pushes: { scale: 3 }, imageSize: { scale: 2 } }]')), 3);
    // Registry a: bit for bit the same run.
    const [pa, ca] = [plain.registries[0]!, changed.registries[0]!];
    expect(ca.draws).toBe(pa.draws);
    expect(Array.from(ca.daily.billedBytes)).toEqual(Array.from(pa.daily.billedBytes));
    // Registry b: identical up to the day of the change, more pushes and bigger layers after.
    const [pb, cb] = [plain.registries[1]!, changed.registries[1]!];
    for (const k of ['pushes', 'taggedBytes', 'untaggedBytes', 'costUsd'] as const) expect(Array.from(cb.daily[k].slice(0, 30))).toEqual(Array.from(pb.daily[k].slice(0, 30)));
    const sum = (a: Float64Array, from: number): number => a.slice(from).reduce((x, y) => x + y, 0);
    expect(sum(cb.daily.pushes, 31) / sum(pb.daily.pushes, 31)).toBeGreaterThan(2.5);
    expect(cb.storedBytesAtHorizon).toBeGreaterThan(pb.storedBytesAtHorizon);
  });

  test('a configuration change inside a day draws exactly what the day draws without it', () => {
    const text = (events: string): string =>
      [
        'horizon: P20D',
        'registries: [{ name: r, location: westeurope, tier: Premium }]',
        'workloads: [{ preset: docker-hub-2017 }]',
        `events: ${events}`,
      ].join('\n');
    const plain = simulateRun(scenarioFromText(text('[]')), 0).registries[0]!;
    const noon = simulateRun(scenarioFromText(text('[{ kind: config-change, registry: r, at: P5DT12H, set: { retentionDays: 1 } }]')), 0).registries[0]!;
    expect(noon.draws).toBe(plain.draws);
    expect(Array.from(noon.daily.pushes)).toEqual(Array.from(plain.daily.pushes));
  });

  test('image size, repository growth, pulls and tag strategy change from their time', () => {
    const bigger = run([{ kind: 'workload-change', at: 'P5D', imageSize: { scale: 2 } }]).registries[0]!;
    const base = run([]).registries[0]!;
    const growth = (r: typeof base, d: number): number => r.daily.taggedBytes[d]! - r.daily.taggedBytes[d - 1]!;
    expect(growth(bigger, 4)).toBe(growth(base, 4));
    expect(growth(bigger, 6)).toBe(4 * (2 * MiB + M));

    const more = run([{ kind: 'workload-change', at: 'P10D', repositories: { set: 30 } }]).registries[0]!;
    expect(base.repositories).toBe(4);
    expect(more.repositories).toBe(4 + 9); // one a day from day 10 (30 a month): days 11..19

    const busy = { ...steady, pulls: { perDay: 0, peakToMean: 1, weekly: [1, 1, 1, 1, 1, 1, 1] } };
    const quiet = run([], { workload: busy }).registries[0]!;
    const flood = run([{ kind: 'workload-change', at: 'P15D', pulls: { set: 100_000_000 } }], { workload: busy }).registries[0]!;
    expect(quiet.throttledMinutes).toBe(0);
    expect(flood.throttledMinutes).toBe(5 * 1440);

    const mutable = fixedWorkload({ repos: 4, perDay: 1, layers: 1, changed: 1, layerBytes: MiB, manifestBytes: M, strategy: 'mutable' });
    const toUnique = run([{ kind: 'workload-change', at: 'P10D', tags: { strategy: 'unique' } }], { workload: mutable }).registries[0]!;
    // Re-pushes untag the old manifest until day 9; unique builds untag nothing after.
    expect(toUnique.daily.untaggedBytes[9]).toBe(9 * 4 * (MiB + M));
    expect(toUnique.daily.untaggedBytes[19]).toBe(toUnique.daily.untaggedBytes[10]);
  });

  test('scale and set together, or nothing to change, are scenario errors', () => {
    const text = (e: string): string => `horizon: P5D\nregistries: [{ name: r, location: westeurope }]\nevents: [${e}]`;
    expect(() => scenarioFromText(text('{ kind: workload-change, at: P1D, pushes: { scale: 2, set: 3 } }'))).toThrow(/pushes/);
    expect(() => scenarioFromText(text('{ kind: workload-change, at: P1D }'))).toThrow(/must change something/);
    expect(() => scenarioFromText(text("{ kind: delete, at: P1D, repository: 'repo-(' }"))).toThrow(/repository must be a complete regular expression on its own/);
  });
});

describe('delete and untag events', () => {
  test('delete by repository pattern and age frees the manifests and their layers at the event time', () => {
    const base = run([]).registries[0]!;
    const r = run([{ kind: 'delete', at: 'P5D', repository: 'repo-[01]', olderThan: 'P2D' }]).registries[0]!;
    // Days 0..2 of repo-0 and repo-1 (pushed at least 2 days before day 5 00:00): 6 manifests.
    expect(r.eventManifests).toEqual({ untagged: 0, deleted: 6 });
    expect(base.daily.taggedBytes[4]! - r.daily.taggedBytes[4]!).toBe(0);
    expect(base.daily.taggedBytes[5]! - r.daily.taggedBytes[5]!).toBe(6 * (MiB + M));
    expect(r.daily.untaggedBytes[5]).toBe(0);
  });

  test('untag moves the bytes to untagged and frees nothing; retention then deletes them', () => {
    const r = run([{ kind: 'untag', at: 'P5D', repository: 'repo-0' }]).registries[0]!;
    expect(r.eventManifests).toEqual({ untagged: 5, deleted: 0 });
    expect(r.daily.untaggedBytes[5]).toBe(5 * (MiB + M));
    const kept = run([{ kind: 'untag', at: 'P5D', repository: 'repo-0' }], { registries: [{ name: 'r', location: 'westeurope', tier: 'Premium', retentionDays: 2 }] }).registries[0]!;
    expect(kept.daily.untaggedBytes[6]).toBe(5 * (MiB + M));
    expect(kept.daily.untaggedBytes[7]).toBe(0);
    expect(kept.retentionDeleted).toBe(5);
  });

  test('a delete at noon reaches the morning pushes of that day, not the afternoon ones', () => {
    const r = run([{ kind: 'delete', at: 'P5DT12H', repository: 'repo-.*' }]).registries[0]!;
    // Days 0..4 and the 2 morning pushes of day 5 (stamped 00:00): 22 manifests.
    expect(r.eventManifests.deleted).toBe(22);
    expect(r.daily.taggedBytes[5]).toBe(2 * (MiB + M));
  });
});

describe('configuration changes take effect at their time of day', () => {
  test('retention enabled at noon does not schedule the morning untags', () => {
    const mutable = fixedWorkload({ repos: 2, perDay: 1, layers: 1, changed: 1, layerBytes: MiB, manifestBytes: M, strategy: 'mutable' });
    const at = (when: string) =>
      run([{ kind: 'config-change', registry: 'r', at: when, set: { retentionDays: 1 } }], { workload: mutable, horizon: 'P8D' }).registries[0]!;
    // One push before noon (repo-0), one after (repo-1) each day; deletes fall the day after.
    expect(at('P5D').retentionDeleted).toBe(4); // day 5's two untags and day 6's two
    expect(at('P5DT12H').retentionDeleted).toBe(3); // day 5's morning untag was before retention
  });
});

describe('day parts', () => {
  test('volumeShare integrates the peak window (wrapping past midnight too)', () => {
    const p = { peakStart: 9 * 60, peakMinutes: 120 };
    expect(volumeShare(p, 3, 0, 1440)).toBeCloseTo(1, 12);
    expect(volumeShare(p, 3, 9 * 60, 11 * 60)).toBeCloseTo((120 * 3) / 1440, 12);
    const wrap = { peakStart: 23 * 60, peakMinutes: 120 };
    expect(volumeShare(wrap, 2, 0, 60) + volumeShare(wrap, 2, 23 * 60, 1440)).toBeCloseTo((120 * 2) / 1440, 12);
  });

  test('shareOut gives every item once, in proportion, deterministically', () => {
    const out: number[] = [];
    shareOut(7, [1, 1, 0, 2], out);
    expect(out).toEqual([2, 2, 0, 3]);
    shareOut(5, [0, 0], out);
    expect(out.slice(0, 2)).toEqual([0, 5]);
  });
});

describe('shards', () => {
  test('a scenario with events aggregates the same from parts (JSON round trip) as in one process', () => {
    const sc = scenarioFromText(
      [
        'horizon: P40D',
        'runs: 4',
        'registries: [{ name: r, location: westeurope, tier: Premium, replicas: [eastus] }]',
        'workloads: [{ preset: ci-heavy, repositories: { initial: 10, growthPerMonth: 2 } }]',
        'events:',
        '  - { kind: workload-change, at: P10DT9H, pushes: { scale: 2 }, pulls: { scale: 3 } }',
        "  - { kind: delete, at: P20DT12H, repository: 'repo-[0-4]', olderThan: P5D }",
        '  - { kind: region-outage, region: eastus, at: P25DT8H, duration: PT2H }',
        '  - { kind: config-change, registry: r, at: P30DT15H, set: { retentionDays: 3 } }',
      ].join('\n'),
    );
    const runs = Array.from({ length: 4 }, (_, r) => simulateRun(sc, r));
    const whole = JSON.stringify(aggregate(sc, runs));
    const parts = [1, 2].map((index) => {
      const shard = { index, count: 2 };
      return JSON.parse(JSON.stringify(toPartial(sc, shard, shardRunIndices(4, shard).map((r) => runs[r]!), 'test')));
    });
    const merged = parts.flatMap((p) => p.results.map(fromPartRun)).sort((a, b) => a.run - b.run);
    expect(JSON.stringify(aggregate(sc, merged))).toBe(whole);
  });
});
