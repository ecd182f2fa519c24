/**
 * Issue 17, "bounded cost": scenario counts and sizes are bounded by the catalog and a documented
 * cost model, a simulation's cost is estimated before it starts and refused above the limits
 * unless --allow-large, replicas follow the model's rules, and no result is NaN or Infinity.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TIER_FACTS } from '../../lib/catalog/tiers.js';
import { simulateRun } from '../../lib/sim/engine/engine.js';
import { RegistryStore } from '../../lib/sim/engine/store.js';
import {
  assertAffordable,
  COST_LIMITS,
  estimateCost,
  JUMPS_PER_SECOND,
  PUSHES_PER_SECOND,
  REGISTRY_DAYS_PER_SECOND,
  SCENARIO_MAXIMA,
  STORE_BYTES_PER_LAYER,
  STORE_BYTES_PER_MANIFEST,
} from '../../lib/sim/scenario/bounds.js';
import type { ResolvedScenario } from '../../lib/sim/scenario/model.js';
import { inlineSpec, scenarioFromText } from '../../lib/sim/scenario/resolve.js';
import { runCli } from '../support/cli.js';
import { scenarioErrorOf as errorOf } from './helpers.js';


const REG = 'registries: [{ name: contosoprod, location: westeurope, tier: Premium }]\n';

describe('maxima from the catalog', () => {
  test('webhooks: 100000000 is refused at parse time, naming the pointer, value, maximum and source', () => {
    const msg = errorOf('horizon: P30D\nregistries:\n  - { name: contosoprod, location: westeurope, tier: Premium, webhooks: 100000000 }\n');
    expect(msg).toBe(
      's.yaml:3#/registries/0/webhooks: /registries/0/webhooks must be <= 500 (rule maximum: the most webhooks Azure allows a registry, on Premium; ' +
        `source: ${TIER_FACTS.Premium.webhooks.source.ref}), got 100000000: use a value <= 500.`,
    );
  });

  test.each([
    ['webhooks', TIER_FACTS.Premium.webhooks.value],
    ['tokens', TIER_FACTS.Premium.tokens.value],
    ['scopeMaps', TIER_FACTS.Premium.scopeMaps.value],
    ['cacheRules', TIER_FACTS.Premium.cacheRules.value],
  ])('%s: the maximum is the catalog\'s Premium limit, which is accepted; one more is not', (field, max) => {
    expect(SCENARIO_MAXIMA.find((m) => m.path === `/registries/*/${field}`)?.maximum).toBe(max);
    const at = (n: number): string => `horizon: P1D\nregistries:\n  - { name: contosoprod, location: westeurope, tier: Premium, ${field}: ${n} }\n`;
    expect(scenarioFromText(at(max)).registries[0]![field as 'tokens']).toBe(max);
    expect(errorOf(at(max + 1))).toContain(`#/registries/0/${field}: /registries/0/${field} must be <= ${max} (rule maximum`);
  });

  test('a layer above 200 GiB and a manifest above 4 MiB are refused, strings included', () => {
    const msg = errorOf(`horizon: P1D\n${REG}workloads:\n  - image: { manifestSize: 10 MB, layerSize: { kind: fixed, value: 300 GiB } }\n`);
    expect(msg).toContain('/workloads/0/image/layerSize/value must be at most 200.00 GiB (the largest layer Azure accepts; source: ');
    expect(msg).toContain('got "300 GiB": use a smaller size.');
    expect(msg).toContain('/workloads/0/image/manifestSize must be at most 4.00 MiB (the largest manifest Azure accepts;');
  });
});

describe('maxima from the cost model', () => {
  test.each([
    ['pushes: { perRepositoryPerDay: 920902874 }', '/workloads/0/pushes/perRepositoryPerDay must be <= 1440'],
    ['tags: { perRepository: 1000000000 }', '/workloads/0/tags/perRepository must be <= 1000'],
    ['image: { baseLayers: { pool: 100000000 } }', '/workloads/0/image/baseLayers/pool must be <= 100000'],
    ['repositories: { initial: 1000000000 }', '/workloads/0/repositories/initial must be <= 100000'],
    ['pulls: { perDay: 1e300 }', '/workloads/0/pulls/perDay must be <= 1000000000'],
    ['image: { layers: { kind: fixed, value: 5000 } }', '/workloads/0/image/layers/value must be <= 120'],
  ])('%s', (workload, expected) => {
    expect(errorOf(`horizon: P1D\n${REG}workloads:\n  - ${workload}\n`)).toContain(expected);
  });

  test('numbers that are not finite are refused wherever they are', () => {
    const msg = errorOf(`horizon: P1D\n${REG}assumptions: { taskVcpus: .inf }\nassertions: [{ kind: monthly-cost-below, usd: .inf }]\n`);
    expect(msg).toContain('#/assumptions/taskVcpus: /assumptions/taskVcpus must be a finite number, got Infinity: write a number.');
    expect(msg).toContain('#/assertions/0/usd: /assertions/0/usd must be a finite number, got Infinity: write a number.');
  });

  test('a duration too long to be finite is refused', () => {
    expect(errorOf(`horizon: P1D\n${REG}workloads: [{ peak: { start: P${'9'.repeat(400)}D } }]\n`)).toContain('/workloads/0/peak/start must be an ISO-8601 duration');
  });

  test('a workload beyond 32-bit ids is refused even though each figure is within its maximum', () => {
    const msg = errorOf(`horizon: P3650D\n${REG}workloads: [{ repositories: { initial: 100000, growthPerMonth: 10000 }, pushes: { perRepositoryPerDay: 1440 } }]\n`);
    expect(msg).toMatch(/^s\.yaml: registry contosoprod's workload must fit the simulator's 32-bit ids, got an estimate of [\d,]+ pushes a run/);
  });
});

describe('distributions', () => {
  test('a lognormal with median 0 is refused with its pointer and the fix (it gave NaN)', () => {
    expect(errorOf(`horizon: P3D\n${REG}workloads:\n  - image:\n      layerSize: { kind: lognormal, median: 0, p90: 1 MB }\n`)).toBe(
      's.yaml:5#/workloads/0/image/layerSize/median: /workloads/0/image/layerSize/median must be greater than 0 for a lognormal, got 0 B: use a positive median, or kind fixed with value 0.',
    );
  });

  test('p90 below the median, and a spread beyond 1,000x, are refused', () => {
    expect(errorOf(`horizon: P3D\n${REG}workloads: [{ image: { repositoryScale: { kind: lognormal, median: 5, p90: 2 } } }]\n`)).toContain(
      '/workloads/0/image/repositoryScale/p90 must be greater than the median, got 2: use a p90 above 5.',
    );
    expect(errorOf(`horizon: P3D\n${REG}workloads: [{ image: { layerSize: { kind: lognormal, median: 1 B, p90: 1 GB } } }]\n`)).toContain(
      '/workloads/0/image/layerSize/p90 must be at most 1000 times the median',
    );
  });

  test('a layer-count distribution whose mean exceeds 120 layers is refused', () => {
    expect(errorOf(`horizon: P3D\n${REG}workloads: [{ image: { layers: { kind: lognormal, median: 100, p90: 120 }, changedLayersPerPush: { kind: lognormal, median: 0.12, p90: 120 } } }]\n`)).toContain(
      '/workloads/0/image/changedLayersPerPush must have a mean of at most 120 (the most layers an image may have in the simulator), got a mean of',
    );
  });
});

describe('replicas follow the model', () => {
  test('an inline replica in the home region or listed twice is an input error, with the model\'s wording', () => {
    const msg = errorOf('horizon: P3D\nregistries:\n  - { name: contosoprod, location: westeurope, tier: Premium, replicas: [westeurope, northeurope, North Europe] }\n');
    expect(msg.split('\n')).toEqual([
      "s.yaml:3#/registries/0/replicas/0: /registries/0/replicas/0 must differ from the home region, got 'westeurope': remove this replica (the home region always holds the registry).",
      "s.yaml:3#/registries/0/replicas/2: /registries/0/replicas/2 must be unique, got 'northeurope' again (also /registries/0/replicas/1): remove the duplicate.",
    ]);
  });

  test("a config change's replicas are checked against the home of the registry it changes", () => {
    const msg = errorOf(`horizon: P3D\n${REG}events:\n  - { kind: config-change, registry: contosoprod, at: P1D, set: { replicas: [eastus, westeurope, eastus] } }\n`);
    expect(msg).toContain("s.yaml:4#/events/0/set/replicas/1: /events/0/set/replicas/1 must differ from the home region, got 'westeurope'");
    expect(msg).toContain("/events/0/set/replicas/2 must be unique, got 'eastus' again (also /events/0/set/replicas/0): remove the duplicate.");
  });

  test('a registry from another input loses the bad replicas with a warning, and is not billed for them', () => {
    const spec = inlineSpec({ name: 'contosoprod', location: 'westeurope', tier: 'Premium', replicas: ['westeurope', 'northeurope', 'northeurope'] });
    const sc = scenarioFromText('horizon: P3D\n', 's.yaml', [spec]);
    const reg = sc.registries[0]!;
    expect(reg.replicas.map((r) => r.location)).toEqual(['northeurope']);
    expect(reg.warnings).toEqual([
      "replicas[0] must differ from the home region, got 'westeurope'; left out",
      "replicas[2] must be unique, got 'northeurope' again (also replicas[1]); left out",
    ]);
    const once = scenarioFromText('horizon: P3D\n', 's.yaml', [inlineSpec({ name: 'contosoprod', location: 'westeurope', tier: 'Premium', replicas: ['northeurope'] })]);
    expect(simulateRun(sc, 0).registries[0]!.totalCostUsd).toBe(simulateRun(once, 0).registries[0]!.totalCostUsd);
  });
});

describe('cost estimate', () => {
  const big = `horizon: P3650D\nruns: 100\n${REG}workloads: [{ preset: ci-heavy }]\n`;

  test('the estimate follows the documented model: pushes from repositories, rate and days, times runs', () => {
    const sc = scenarioFromText(`horizon: P30D\nruns: 4\n${REG}workloads: [{ repositories: { initial: 100, growthPerMonth: 60 }, pushes: { perRepositoryPerDay: 2 } }]\n`);
    const e = estimateCost(sc);
    // (100 + 60 x 30 / 60) x 2 x 30 = 7,800 pushes a run
    expect(e.pushesPerRun).toBeCloseTo(7_800);
    expect(e.pushes).toBeCloseTo(4 * 7_800);
    expect(e.largest).toBe('contosoprod');
    expect(estimateCost(sc, 1).pushes).toBeCloseTo(7_800);
  });

  test('a workload change that scales pushes counts in the estimate, and one beyond the maxima is refused', () => {
    const base = `horizon: P30D\n${REG}workloads: [{ repositories: { initial: 100, growthPerMonth: 0 }, pushes: { perRepositoryPerDay: 2 } }]\n`;
    const doubled = scenarioFromText(`${base}events: [{ kind: workload-change, registry: contosoprod, at: P10D, pushes: { scale: 2 } }]\n`);
    // 100 x 2 x 10 days, then 100 x 4 x 20 days
    expect(estimateCost(doubled).pushesPerRun).toBeCloseTo(2_000 + 8_000);
    expect(estimateCost(scenarioFromText(base)).pushesPerRun).toBeCloseTo(6_000);
    const msg = errorOf(`${base}events: [{ kind: workload-change, at: P10D, pushes: { scale: 1000000 } }, { kind: workload-change, at: P12D, imageSize: { scale: 1e9 } }]\n`);
    expect(msg).toContain(
      '#/events/0/pushes: /events/0/pushes must keep the pushes per repository per day at most 1440 (one push a minute to every repository, around the clock), got 2000000 in force for registry contosoprod from day 10: use a smaller scale or set.',
    );
    expect(msg).toContain('#/events/1/imageSize/scale: /events/1/imageSize/scale must keep the product of image-size scales at most 1000');
  });

  test('ten years of ci-heavy x 100 runs is refused with the figures; allowLarge goes on', () => {
    const sc = scenarioFromText(big, 's.yaml');
    let msg = '';
    try {
      assertAffordable(sc);
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toMatch(
      /^s\.yaml: the simulation must stay within acrkit's cost limits \(100,000,000 pushes, 5 min on one thread; docs\/scenario\.md "Bounds and the cost model"\), got an estimate of [\d,]+ pushes \([\d,]+ a run x 100 runs\), [\d.]+ GiB of store memory per worker thread \(registry contosoprod\) and about [\d.]+ (min|h) on one thread \(at 500,000 pushes\/s\): lower runs, the horizon or the workload, or pass --allow-large to run it anyway\.$/,
    );
    expect(assertAffordable(sc, { allowLarge: true }).pushes).toBeGreaterThan(COST_LIMITS.pushes);
    expect(() => assertAffordable(sc, { runs: 1 })).not.toThrow();
  });

  test('the fleet example and the benchmark scenario are within the limits', () => {
    const fleet = readFileSync(new URL('../../examples/fleet/what-if.yaml', import.meta.url), 'utf8').replace(/^registries:[\s\S]*?^(?=\S)/m, '');
    const specs = [
      inlineSpec({ name: 'acrkitfleetprod', location: 'westeurope', tier: 'Premium', replicas: ['eastus'] }),
      inlineSpec({ name: 'acrkitfleetstaging', location: 'westeurope', tier: 'Standard' }),
      inlineSpec({ name: 'acrkitfleetdev', location: 'westeurope', tier: 'Basic' }),
    ];
    const sc = scenarioFromText(fleet, 'what-if.yaml', specs);
    expect(() => assertAffordable(sc)).not.toThrow();
    const bench = scenarioFromText(`horizon: P365D\nruns: 8\n${REG}workloads: [{ repositories: { initial: 1000, growthPerMonth: 0 }, pushes: { perRepositoryPerDay: 5 } }]\n`);
    expect(() => assertAffordable(bench)).not.toThrow();
  });

  test('the store bytes of the model match the store the engine allocates', () => {
    const manifests = 10_000;
    const sizes = (s: RegistryStore, n: number): number =>
      Object.values(s).reduce<number>((sum, v) => (ArrayBuffer.isView(v) && (v as Int32Array).length >= n && (v as Int32Array).length <= n + 1 ? sum + v.byteLength : sum), 0);
    const m = new RegistryStore(0, { manifests, layers: 16, refs: 64, days: 0 });
    expect(Math.round(sizes(m, manifests) / manifests)).toBe(STORE_BYTES_PER_MANIFEST);
    const l = new RegistryStore(0, { manifests: 16, layers: manifests, refs: 64, days: 0 });
    const layerBytes = Object.values(l).reduce<number>((sum, v) => (ArrayBuffer.isView(v) && ((v as Int32Array).length === manifests || (v as Int32Array).length === 2 * manifests) ? sum + v.byteLength : sum), 0);
    expect(layerBytes / manifests).toBe(STORE_BYTES_PER_LAYER);
  });

  describe('CLI', () => {
    const dir = mkdtempSync(join(tmpdir(), 'acrkit-bounds-'));
    writeFileSync(join(dir, 'big.yaml'), big);
    writeFileSync(join(dir, 'small.yaml'), `horizon: P3D\n${REG}`);
    writeFileSync(join(dir, 'year.yaml'), `horizon: P365D\n${REG}workloads: [{ preset: small-team }]\n`);

    test('simulate refuses a large simulation before it starts: exit 2 with the estimate and the flag', async () => {
      const r = await runCli(['simulate', '--scenario', 'big.yaml', '--workers', '0'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^acrkit: big\.yaml: the simulation must stay within acrkit's cost limits .* pushes \([\d,]+ a run x 100 runs\).*pass --allow-large to run it anyway\.\n$/);
    });

    test('100,000 year-long runs of a registry without workload are refused on their registry-days alone', async () => {
      writeFileSync(join(dir, 'idle-year.yaml'), `horizon: P3650D\n${REG}`);
      const r = await runCli(['simulate', '--scenario', 'idle-year.yaml', '--workers', '0', '--runs', '100000'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/got an estimate of 0 pushes \(0 a run x 100,000 runs\), .* and about [\d.]+ (min|h) on one thread/);
    });

    test('--runs on the command line counts, and --allow-large is accepted', async () => {
      expect((await runCli(['simulate', '--scenario', 'small.yaml', '--workers', '0', '--allow-large'], { cwd: dir })).code).toBe(0);
      const r = await runCli(['simulate', '--scenario', 'year.yaml', '--workers', '0', '--runs', '100000'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(' a run x 100,000 runs)');
    });

    test('review --scenario refuses a large forecast before simulating either side', async () => {
      writeFileSync(join(dir, 'base.tf.json'), JSON.stringify({ resource: { azurerm_container_registry: { acr: { name: 'contosoprod', resource_group_name: 'rg', location: 'westeurope', sku: 'Premium' } } } }));
      writeFileSync(join(dir, 'head.tf.json'), JSON.stringify({ resource: { azurerm_container_registry: { acr: { name: 'contosoprod', resource_group_name: 'rg', location: 'westeurope', sku: 'Standard' } } } }));
      const big2 = `horizon: P3650D\nruns: 100\nworkloads: [{ preset: ci-heavy }]\n`;
      writeFileSync(join(dir, 'forecast.yaml'), big2);
      const r = await runCli(['review', '--base', 'base.tf.json', '--head', 'head.tf.json', '--scenario', 'forecast.yaml', '--format', 'markdown'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("forecast.yaml: the simulation must stay within acrkit's cost limits");
      expect(r.stderr).toContain('(base and head together).');
    });
  });
});

describe('no NaN or Infinity reaches results', () => {
  test('the engine turns a non-finite figure into an internal error naming the registry', () => {
    const sc = scenarioFromText(`horizon: P3D\n${REG}workloads: [{ image: { layerSize: { kind: fixed, value: 1 MB } } }]\n`);
    const reg = sc.registries[0]!;
    const broken: ResolvedScenario = {
      ...sc,
      registries: [{ ...reg, workload: { ...reg.workload!, image: { ...reg.workload!.image, layerSize: { kind: 'fixed', value: Number.NaN } } } }],
    };
    expect(() => simulateRun(broken, 0)).toThrow(/non-finite figure for registry contosoprod/);
  });
});

test('docs/scenario.md states every maximum and cost limit that bounds.ts holds', () => {
  const doc = readFileSync(new URL('../../docs/scenario.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf('## Bounds and the cost model'), doc.indexOf('## JSON output'));
  const shown = (x: number): string => x.toLocaleString('en-US');
  for (const m of SCENARIO_MAXIMA) {
    const field = m.path.split('/').filter((t) => t !== '*' && t !== 'workloads' && t !== 'registries').slice(-1)[0]!;
    expect([field, section.includes(shown(m.maximum))]).toEqual([field, true]);
  }
  expect(section).toContain(`limit **${shown(COST_LIMITS.pushes)}**`);
  expect(section).toContain(`limit **${COST_LIMITS.storeBytes / 2 ** 30} GiB**`);
  expect(section).toContain(`limit **${COST_LIMITS.seconds / 60} minutes**`);
  expect(section).toContain(`/ ${shown(PUSHES_PER_SECOND)} per second`);
  expect(section).toContain(`${shown(REGISTRY_DAYS_PER_SECOND)} per second`);
  expect(section).toContain(`stream jumps / ${shown(JUMPS_PER_SECOND)} per second`);
  expect(section).toContain(`${STORE_BYTES_PER_MANIFEST}\n  bytes a manifest, ${STORE_BYTES_PER_LAYER} a layer`);
});
