import { InputErrors, UsageError } from '../../lib/errors.js';
import { simulateRuns } from '../../lib/sim/montecarlo.js';
import { scenarioFromText } from '../../lib/sim/scenario/resolve.js';
import { applyVariant } from '../../lib/sim/variants/apply.js';
import { pairedDelta } from '../../lib/sim/variants/compare.js';
import { runVariants } from '../../lib/sim/variants/run.js';
import { variantsFromVary } from '../../lib/sim/variants/vary.js';

/** Mutable tags (re-pushes leave untagged manifests for retention), Poisson arrivals, a purge. */
const text = (assertion: string): string => `
name: retention choice
horizon: P45D
seed: 5
runs: 5
registries:
  - {name: prod, tier: Standard, location: westeurope}
workloads:
  - preset: small-team
    repositories: {initial: 30, growthPerMonth: 6}
    pushes: {perRepositoryPerDay: 3}
    pulls: {byRegion: {westeurope: 1}}
    cleanup:
      - {filter: 'repo-1.*:.*', ago: P10D, untagged: true}
assertions:
  - ${assertion}
variants:
  - {name: standard, set: {tier: Standard}}
  - {name: premium-retention-7, set: {tier: Premium, retentionDays: 7}}
  - {name: premium-retention-30, set: {tier: Premium, retentionDays: 30, replicas: [eastus]}}
`;

describe('variants side by side', () => {
  test('every variant draws the same pushes, day by day, run by run (common random numbers)', async () => {
    const sc = scenarioFromText(text('{kind: monthly-cost-below, usd: 40}'));
    expect(sc.variants!.map((v) => v.name)).toEqual(['standard', 'premium-retention-7', 'premium-retention-30']);
    const perVariant = await Promise.all(sc.variants!.map((v) => simulateRuns(applyVariant(sc, v), { workers: 0 })));
    const [base, ...others] = perVariant;
    for (const runs of others) {
      runs.forEach((r, i) => {
        expect(Array.from(r.registries[0]!.daily.pushes)).toEqual(Array.from(base![i]!.registries[0]!.daily.pushes));
        expect(r.registries[0]!.draws).toBe(base![i]!.registries[0]!.draws);
      });
    }
    // ... while the settings do change what is stored: retention 7 deletes untagged manifests.
    const untagged = (k: number): number => perVariant[k]![0]!.registries[0]!.daily.untaggedBytes[44]!;
    expect(untagged(1)).toBeLessThan(untagged(0));
    // and runs differ from each other (the draws are per run, not per variant).
    expect(Array.from(base![0]!.registries[0]!.daily.pushes)).not.toEqual(Array.from(base![1]!.registries[0]!.daily.pushes));
  });

  test('comparison: paired deltas against the first variant, and the cheapest variant that passes', async () => {
    const sc = scenarioFromText(text('{kind: monthly-cost-below, usd: 40}'));
    const c = await runVariants(sc, { workers: 0 });
    expect(c.kind).toBe('variant-comparison');
    expect(c.baseline).toBe('standard');
    expect(c.variants.every((v) => v.sameDraws)).toBe(true);
    expect(c.variants[0]!.deltas).toBeNull();
    const d = c.variants[1]!.deltas!;
    // Premium costs more every run; retention stores less every run.
    expect(d.totalCostUsd!.p10).toBeGreaterThan(0);
    expect(d.storedBytesAtHorizon!.p90).toBeLessThan(0);
    expect(d.storedBytesAtHorizon!.pairedRuns).toBe(5);
    // A replica adds a replica unit on top.
    expect(c.variants[2]!.deltas!.totalCostUsd!.p50).toBeGreaterThan(d.totalCostUsd!.p50);
    expect(c.variants.map((v) => v.passed)).toEqual([true, false, false]);
    expect(c.recommendation.variant).toBe('standard');
    expect(c.recommendation.text).toMatch(/^Recommended: standard, the cheapest variant that passes every assertion \(median total cost \$[\d.,]+ over 45 days; 2 of 3 variants fail an assertion\)\.$/);
    expect(c.passed).toBe(true);
    expect(c.variants[0]!.daily.storedBytes).toHaveLength(45);
    expect(c.variants[0]!.daily.monthlyCostUsd).toHaveLength(2);
  });

  test('no variant passes: the line names each failure, and the comparison fails', async () => {
    const c = await runVariants(scenarioFromText(text('{kind: monthly-cost-below, usd: 1}')), { workers: 0 });
    expect(c.recommendation.variant).toBeNull();
    expect(c.recommendation.text).toBe(
      'No variant passes every assertion: standard fails monthly cost of the fleet below $1 (fleet) | premium-retention-7 fails monthly cost of the fleet below $1 (fleet) | premium-retention-30 fails monthly cost of the fleet below $1 (fleet).',
    );
    expect(c.passed).toBe(false);
  });

  test('worker threads give the same comparison as one thread', async () => {
    const sc = scenarioFromText(text('{kind: monthly-cost-below, usd: 40}'));
    const [a, b] = [await runVariants(sc, { workers: 0 }), await runVariants(sc, { workers: 2 })];
    expect(JSON.parse(JSON.stringify(b))).toEqual(JSON.parse(JSON.stringify(a)));
  });

  test('scenario variants: unknown registry, region and a repeated name are input errors at their lines', () => {
    const bad = `horizon: P5D
registries:
  - {name: prod, location: westeurope}
variants:
  - {name: a, registry: nope}
  - {name: a, set: {replicas: [atlantis]}}
  - {name: c, set: {tier: Gold}}
`;
    let err: unknown;
    try {
      scenarioFromText(bad, 'v.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputErrors);
    const msg = (err as InputErrors).message;
    expect(msg).toContain('v.yaml:7#/variants/2/set/tier');
    const resolved = `horizon: P5D
registries:
  - {name: prod, location: westeurope}
variants:
  - {name: a, registry: nope}
  - {name: a, set: {replicas: [atlantis]}}
`;
    let err2: unknown;
    try {
      scenarioFromText(resolved, 'v.yaml');
    } catch (e) {
      err2 = e;
    }
    const m2 = (err2 as InputErrors).message;
    expect(m2).toContain(`v.yaml:5#/variants/0/registry: /variants/0/registry must name a registry of the scenario, got "nope": use one of 'prod' or '*'.`);
    expect(m2).toContain('v.yaml:6#/variants/1/name: /variants/1/name must be unique among the variants, got "a" again (variant 0 has it): rename one.');
    expect(m2).toContain('v.yaml:6#/variants/1/set/replicas/0: /variants/1/set/replicas/0 must be an Azure public region');
  });

  test('--vary: cartesian product, first value of each key first; unknown keys and values are usage errors', () => {
    const v = variantsFromVary(['retentionDays=0,7,30', 'tier=Standard,premium']);
    expect(v.map((x) => x.name)).toEqual([
      'retentionDays=0, tier=Standard',
      'retentionDays=0, tier=Premium',
      'retentionDays=7, tier=Standard',
      'retentionDays=7, tier=Premium',
      'retentionDays=30, tier=Standard',
      'retentionDays=30, tier=Premium',
    ]);
    expect(v[3]!.set).toEqual({ retentionDays: 7, tier: 'Premium' });
    expect(variantsFromVary(['replicas=none,eastus+japaneast'])[1]!.set.replicas!.map((r) => r.location)).toEqual(['eastus', 'japaneast']);
    expect(() => variantsFromVary(['retention=7'])).toThrow(new UsageError('--vary must be key=value,value with a key from tier, retentionDays, softDeleteDays, replicas, got "retention=7": e.g. --vary retentionDays=0,7,30.'));
    expect(() => variantsFromVary(['tier=Gold'])).toThrow(/--vary tier must list tiers from Basic, Standard, Premium, got "Gold"/);
    expect(() => variantsFromVary(['retentionDays=7,400'])).toThrow(/--vary retentionDays must list whole days 0-365, got "400"/);
    expect(() => variantsFromVary(['softDeleteDays=0,91'])).toThrow(/--vary softDeleteDays must list whole days 0 \(off\) or 1-90, got "91"/);
    expect(() => variantsFromVary(['replicas=eastus+atlantis'])).toThrow(/--vary replicas must list Azure regions joined by \+ \(or none\), got "atlantis"/);
    expect(() => variantsFromVary(['tier=Basic', 'tier=Premium'])).toThrow(/--vary must name each key once, got tier twice/);
    expect(() => variantsFromVary(['retentionDays=7,7'])).toThrow(/must list each value once/);
    expect(() => variantsFromVary(['retentionDays='])).toThrow(/must list at least one value/);
  });

  test('paired delta skips runs where either side never reaches a day', () => {
    expect(pairedDelta([10, null, 30], [12, 5, null])).toEqual({ mean: 2, p10: 2, p50: 2, p90: 2, pairedRuns: 1 });
    expect(pairedDelta([null], [null])).toBeNull();
  });
});
