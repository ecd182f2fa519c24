/**
 * Regressions from the review of the simulator: the cost estimate counts variants only where
 * they run, variant replicas follow the replica rules, initial sizes and ages are bounded,
 * anchored regexes cannot escape their anchors, and the count warning trusts only a retention
 * the tier honours.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REGIONS } from '../../lib/catalog/regions.js';
import { UsageError } from '../../lib/errors.js';
import { StoreEventRunner } from '../../lib/sim/engine/events.js';
import { runMonteCarlo } from '../../lib/sim/montecarlo.js';
import { assertAffordable, estimateCost } from '../../lib/sim/scenario/bounds.js';
import { MAX_INITIAL_AGE_DAYS, MAX_INITIAL_BYTES } from '../../lib/sim/scenario/initial.js';
import { anchoredPattern, MAX_PATTERN_LENGTH, patternProblem } from '../../lib/sim/scenario/patterns.js';
import { scenarioFromObject, scenarioFromText } from '../../lib/sim/scenario/resolve.js';
import type { ScenarioInput } from '../../lib/sim/scenario/types.js';
import { variantsFromVary } from '../../lib/sim/variants/vary.js';
import { chooseVariants } from '../../lib/workflows/variants.js';
import schema from '../../lib/sim/scenario/scenario.schema.json' with { type: 'json' };
import { runCli } from '../support/cli.js';
import { fixedWorkload } from './helpers.js';
import { scenarioErrorOf as errorOf } from './helpers.js';


const REG = 'registries: [{ name: shop, location: westeurope, tier: Premium }]\n';
/** `perDay` pushes per repository a day on 1,000 repositories, every day alike. */
const busy = (perDay: number): string =>
  `workloads: [{ repositories: { initial: 1000, growthPerMonth: 0 }, pushes: { perRepositoryPerDay: ${perDay}, weekly: [1, 1, 1, 1, 1, 1, 1] } }]\n`;
const FIVE_VARIANTS = `variants:\n${[0, 1, 7, 14, 30].map((d) => `  - { name: r${d}, set: { retentionDays: ${d} } }\n`).join('')}`;

describe('the cost estimate counts variants once, and only where they run', () => {
  // 1,000 repositories x 10 pushes x 100 days = 1,000,000 pushes a run.
  const sc = scenarioFromText(`horizon: P100D\nruns: 10\n${REG}${busy(10)}${FIVE_VARIANTS}`, 's.yaml');

  test('5 variants x 10 runs x 1M pushes estimates 50M pushes; the scenario list alone counts one', () => {
    expect(sc.variants).toHaveLength(5);
    expect(estimateCost(sc).pushesPerRun).toBeCloseTo(1_000_000);
    // review and start ignore variants: the scenario's list does not multiply.
    expect(estimateCost(sc).pushes).toBeCloseTo(10_000_000);
    expect(estimateCost(sc).simulations).toBe(1);
    expect(estimateCost(sc, 10, 5).pushes).toBeCloseTo(50_000_000);
    expect(assertAffordable(sc, { variants: 5 }).pushes).toBeCloseTo(50_000_000);
    expect(assertAffordable(sc, { variants: chooseVariants(sc)!.length }).simulations).toBe(5);
  });

  test('simulate with the scenario variants estimates variants x runs once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acrkit-cost-'));
    // 6,000,000 pushes a run: 5 x 10 x 6M = 300M (the old estimate said 5 x 5 x 10 x 6M).
    writeFileSync(join(dir, 's.yaml'), `horizon: P300D\nruns: 10\n${REG}${busy(20)}${FIVE_VARIANTS}`);
    const r = await runCli(['simulate', '--scenario', 's.yaml', '--workers', '0'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('got an estimate of 300,000,000 pushes (6,000,000 a run x 10 runs x 5 variants)');
    // --vary replaces the scenario's variants: its product counts, not the scenario's list too.
    const v = await runCli(['simulate', '--scenario', 's.yaml', '--workers', '0', '--vary', 'tier=Standard,Premium'], { cwd: dir });
    expect(v.code).toBe(2);
    expect(v.stderr).toContain('got an estimate of 120,000,000 pushes (6,000,000 a run x 10 runs x 2 variants)');
  });
});

describe('variant replicas follow the replica rules', () => {
  const two = 'registries: [{ name: shop, location: westeurope, tier: Premium }, { name: lab, location: eastus, tier: Premium }]\nhorizon: P3D\n';

  test("a variant replica in a changed registry's home region or twice is refused with its pointer", () => {
    const home = errorOf(`${two}variants: [{ name: a, set: { replicas: [westeurope, eastus] } }]\n`);
    expect(home).toContain("#/variants/0/set/replicas/0: /variants/0/set/replicas/0 must differ from the home region, got 'westeurope': remove this replica");
    // eastus is lab's home: the variant changes every registry.
    expect(home).toContain("#/variants/0/set/replicas/1: /variants/0/set/replicas/1 must differ from the home region, got 'eastus'");
    const twice = errorOf(`${REG}horizon: P3D\nvariants: [{ name: a, set: { replicas: [eastus, { location: East US }] } }]\n`);
    expect(twice).toContain("/variants/0/set/replicas/1 must be unique, got 'eastus' again (also /variants/0/set/replicas/0): remove the duplicate");
    // The review's case: written twice, the schema refuses it before anything runs or bills.
    expect(errorOf(`${REG}horizon: P3D\nvariants: [{ name: a, set: { replicas: [westeurope, eastus, eastus] } }]\n`)).toMatch(/\/variants\/0\/set\/replicas/);
  });

  test("only the selected registry's home counts", () => {
    const sc = scenarioFromText(`${two}variants: [{ name: a, registry: lab, set: { replicas: [westeurope] } }]\n`);
    expect(sc.variants![0]!.set.replicas!.map((r) => r.location)).toEqual(['westeurope']);
    expect(errorOf(`${two}variants: [{ name: a, registry: shop, set: { replicas: [westeurope] } }]\n`)).toContain('/variants/0/set/replicas/0 must differ from the home region');
  });

  test('the schema bounds the list: unique, at most one replica per other region of the catalog', () => {
    const replicas = (schema as { $defs: { variant: { properties: { set: { properties: { replicas: { maxItems: number; uniqueItems: boolean } } } } } } }).$defs.variant.properties.set.properties.replicas;
    expect(replicas.uniqueItems).toBe(true);
    expect(replicas.maxItems).toBe(REGIONS.length - 1);
  });

  test("--vary replicas naming a registry's home region is a usage error naming it", async () => {
    const homes = [{ name: 'shop', location: 'westeurope' }];
    expect(() => variantsFromVary(['replicas=none,eastus+West Europe'], homes)).toThrow(
      new UsageError(`--vary replicas must not name a registry's home region, got "westeurope" in "eastus+West Europe", the home of registry "shop": drop it (the home region always holds the registry).`),
    );
    expect(variantsFromVary(['replicas=none,eastus'], homes)[1]!.set.replicas).toEqual([{ location: 'eastus', globalRouting: true }]);
    const r = await runCli(['simulate', '--scenario', 'variants.yaml', '--workers', '0', '--vary', 'replicas=westeurope'], { cwd: new URL('../fixtures/sim/', import.meta.url).pathname });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the home of registry "shop"');
  });
});

describe('initial content is bounded', () => {
  const withInitial = (initial: string): string => `${REG}horizon: P3D\ninitial:\n  shop: ${initial}\n`;

  test('bytes above the Premium storage limit, or infinite, are refused with the pointer, value, maximum and source', () => {
    expect(MAX_INITIAL_BYTES).toBe(100 * 1024 ** 4);
    const huge = errorOf(withInitial('{ taggedBytes: 1.0e+308 }'));
    expect(huge).toContain('#/initial/shop/taggedBytes: /initial/shop/taggedBytes must be at most 100 TiB (the storage limit of a Premium registry');
    expect(huge).toContain('got 1e+308');
    expect(huge).toMatch(/source: \S+/);
    const inf = errorOf(withInitial(`{ taggedBytes: 1 GiB, untaggedBytes: "${'9'.repeat(400)} TiB" }`));
    expect(inf).toContain('/initial/shop/untaggedBytes must be at most 100 TiB');
    expect(() => scenarioFromText(withInitial('{ taggedBytes: 100 TiB }'))).not.toThrow();
  });

  test('a median alone whose oldest (twice it) passes the 16-bit push days is refused; an oldest keeps it', () => {
    expect(MAX_INITIAL_AGE_DAYS).toBe(30_000);
    const msg = errorOf(withInitial('{ taggedBytes: 1 GiB, age: { median: P20000D } }'));
    expect(msg).toContain('#/initial/shop/age/median: /initial/shop/age/median must be at most P15000D without an oldest age');
    expect(msg).toContain('got "P20000D"');
    expect(() => scenarioFromText(withInitial('{ taggedBytes: 1 GiB, age: { median: P15000D } }'))).not.toThrow();
    expect(() => scenarioFromText(withInitial('{ taggedBytes: 1 GiB, age: { median: P20000D, oldest: P30000D } }'))).not.toThrow();
  });
});

describe('anchored regexes cannot escape their anchors', () => {
  test('a pattern must compile on its own and stay short', () => {
    expect(new RegExp('^(?:x)|(.*)$').test('anything')).toBe(true); // what the wrapper alone allowed
    expect(patternProblem('x)|(.*')?.rule).toMatch(/must be a complete regular expression on its own/);
    expect(patternProblem('a)|(b')).toBeDefined();
    expect(patternProblem('repo-(0|1)')).toBeUndefined();
    expect(patternProblem('a'.repeat(MAX_PATTERN_LENGTH))).toBeUndefined();
    expect(patternProblem('a'.repeat(MAX_PATTERN_LENGTH + 1))?.rule).toContain(`at most ${MAX_PATTERN_LENGTH} characters`);
    expect(() => anchoredPattern('x)|(.*')).toThrow(RangeError);
    expect(anchoredPattern('repo-(0|1)').test('repo-10')).toBe(false);
    expect(() => new StoreEventRunner({ kind: 'delete', index: 0, startMinute: 0, registries: null, repoPattern: 'x)|(.*', olderThanMinutes: 0 })).toThrow(RangeError);
  });

  test('delete, untag and purge filters with an escaping or long pattern are refused at resolve time', () => {
    const base = `${REG}horizon: P3D\n`;
    const del = errorOf(`${base}events: [{ kind: delete, at: P1D, repository: "x)|(.*" }]\n`);
    expect(del).toContain('#/events/0/repository: /events/0/repository must be a complete regular expression on its own (it is anchored as ^(?:pattern)$), got "x)|(.*" (');
    expect(del).toMatch(/: close every group and class/);
    expect(errorOf(`${base}events: [{ kind: untag, at: P1D, repository: "${'a'.repeat(300)}" }]\n`)).toContain('/events/0/repository must be at most 256 characters long');
    const purge = errorOf(`${base}workloads: [{ cleanup: [{ filter: "x)|(.*:.*", ago: P1D }] }]\n`);
    expect(purge).toContain(`/workloads/0/cleanup/0/filter's repository regex must be a complete regular expression on its own`);
    const tag = errorOf(`${base}workloads: [{ cleanup: [{ filter: "repo-.*:a)|(b", ago: P1D }] }]\n`);
    expect(tag).toContain(`/workloads/0/cleanup/0/filter's tag regex must be a complete regular expression on its own`);
    expect(() => scenarioFromText(`${base}events: [{ kind: delete, at: P1D, repository: "repo-(0|1)" }]\n`)).not.toThrow();
  });
});

describe('the count warning trusts only a retention the tier honours', () => {
  // One repository, one push a day, one mutable tag: untagged manifests pile up by one a day.
  const w = fixedWorkload({ repos: 1, perDay: 1, layers: 1, changed: 1, layerBytes: 1000, manifestBytes: 10, strategy: 'mutable' });
  const warnings = async (registry: Record<string, unknown>, events: ScenarioInput['events'] = []): Promise<readonly string[]> => {
    const sc = scenarioFromObject({ horizon: 'P60D', runs: 1, registries: [{ name: 'ci', location: 'westeurope', tier: 'Standard', ...registry }], workloads: [w], events } as ScenarioInput);
    const r = await runMonteCarlo(sc, { workers: 0 });
    return r.registries[0]!.counts!.warnings;
  };
  const untagged = expect.stringContaining('untagged manifests grow from about 0 to 59 over 60 days with no retention or purge to bound them');

  test('retention on Standard (ignored) still warns; on Premium it bounds', async () => {
    expect(await warnings({ tier: 'Standard', retentionDays: 7 })).toEqual([untagged]);
    expect(await warnings({ tier: 'Basic' }, [{ kind: 'config-change', registry: 'ci', at: 'P1D', set: { retentionDays: 7 } }])).toEqual([untagged]);
    expect(await warnings({ tier: 'Premium', retentionDays: 7 })).toEqual([]);
  });

  test('a change to Premium with retention bounds; a later tier change alone does not revive a dropped one', async () => {
    expect(await warnings({ tier: 'Standard' }, [{ kind: 'config-change', registry: 'ci', at: 'P1D', set: { tier: 'Premium', retentionDays: 7 } }])).toEqual([]);
    const revived = await warnings({ tier: 'Standard', retentionDays: 7 }, [{ kind: 'config-change', registry: 'ci', at: 'P1D', set: { tier: 'Premium' } }]);
    expect(revived).toEqual([untagged]);
  });
});
