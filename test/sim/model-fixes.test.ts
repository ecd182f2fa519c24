/**
 * The fixes of issue 15 ("Fix what was found in the model"): each test failed before its fix.
 */
import { simulateRun } from '../../lib/sim/engine/engine.js';
import { firstDayAbove } from '../../lib/sim/engine/limits.js';
import { aggregate } from '../../lib/sim/montecarlo.js';
import { renderSimulation } from '../../lib/report/simulation/render.js';
import { limitDayText, outageRows } from '../../lib/report/simulation/rows.js';
import { billedChart } from '../../lib/report/html/charts.js';
import { headline } from '../../lib/report/simulation/headline.js';
import { formatBytes } from '../../lib/format/numbers.js';
import { scenarioFromText } from '../../lib/sim/scenario/resolve.js';
import type { ResolvedScenario } from '../../lib/sim/scenario/model.js';
import type { SimulationResult } from '../../lib/sim/results/result.js';
import { fixedWorkload, scenario } from './helpers.js';

const GiB = 1024 ** 3;

function simulate(sc: ResolvedScenario): SimulationResult {
  return aggregate(sc, Array.from({ length: sc.runs }, (_, r) => simulateRun(sc, r)));
}

/** 10 GiB of new layers a day (ten repositories, one unique-tagged push each, one new 1 GiB layer). */
const tenGiBaDay = fixedWorkload({ repos: 10, perDay: 1, layers: 1, changed: 1, layerBytes: GiB, manifestBytes: 0, strategy: 'unique' });

describe('included storage: one definition for the headline, the first day over and the assertion', () => {
  test('one allowance for three billed copies: the assertion fails on the day the headline says it is exceeded', () => {
    // Premium with two replicas, 500 GiB included once (not per replica), every copy billed.
    const sc = scenario([{ name: 'r', location: 'westeurope', tier: 'Premium', replicas: ['eastus', 'southeastasia'] }], tenGiBaDay, {
      assumptions: { includedStoragePerReplica: false, storageBilledPerReplica: true },
      assertions: [{ kind: 'storage-below', of: 'included' }],
    });
    const r = simulate(sc);
    const g = r.registries[0]!;
    // Day d stores 10(d + 1) GiB, billed three times: over 500 GiB from day 16 (510 GiB billed).
    expect(g.metrics.firstIncludedExceededDay.p50).toBe(16);
    expect(headline(r)).toContain('Included storage first exceeded: r on day 16.');
    const a = r.assertions[0]!;
    expect(a.passed).toBe(false);
    expect(a.actual).toBeCloseTo((3 * 300) / 500, 9); // 300 GiB stored on day 29, three copies, one allowance
    expect(a.threshold).toBe(1);
  });

  test('an allowance per replica with storage billed once: never exceeded, and the assertion agrees', () => {
    const sc = scenario([{ name: 'r', location: 'westeurope', tier: 'Premium', replicas: ['eastus', 'southeastasia'] }], tenGiBaDay, {
      assumptions: { includedStoragePerReplica: true, storageBilledPerReplica: false },
      assertions: [{ kind: 'storage-below', of: 'included' }],
    });
    const r = simulate(sc);
    expect(r.registries[0]!.metrics.firstIncludedExceededDay.p50).toBeNull();
    expect(r.assertions[0]).toMatchObject({ passed: true, actual: 300 / 1500 });
  });
});

describe('storage assertions compare against the tier in force each day', () => {
  test('Basic for 20 days, then Premium: storage over Basic before the upgrade fails storage-below included', () => {
    const sc = scenario(
      [{ name: 'r', location: 'westeurope', tier: 'Basic' }],
      fixedWorkload({ repos: 1, perDay: 1, layers: 1, changed: 1, layerBytes: GiB, manifestBytes: 0, strategy: 'unique' }),
      { events: [{ kind: 'config-change', registry: 'r', at: 'P20D', set: { tier: 'Premium' } }], assertions: [{ kind: 'storage-below', of: 'included' }] },
    );
    const r = simulate(sc);
    expect(r.registries[0]!.metrics.firstIncludedExceededDay.p50).toBe(10);
    // Day 19 (still Basic) holds 20 GiB against 10 GiB: twice the allowance.
    expect(r.assertions[0]).toMatchObject({ passed: false, actual: 2 });
    expect(r.assertions[0]!.text).toContain('every day');
  });

  test('storage-below limit reads the share of the limit of the tier in force', () => {
    const sc = scenario([{ name: 'r', location: 'westeurope', tier: 'Basic' }], tenGiBaDay, { assertions: [{ kind: 'storage-below', of: 'limit' }] });
    const r = simulate(sc);
    expect(r.assertions[0]!.passed).toBe(true);
    expect(r.assertions[0]!.actual).toBeCloseTo(300 / (40 * 1024), 9);
  });
});

describe('availability during outages, and push availability', () => {
  const text = (assertion: string): string =>
    [
      'horizon: P30D',
      'registries: [{ name: solo, location: westeurope, tier: Standard }]',
      'workloads: [{ preset: small-team, pushes: { arrival: fixed, weekly: [1, 1, 1, 1, 1, 1, 1] } }]',
      'events: [{ kind: region-outage, name: noon-outage, region: westeurope, at: P10DT10H, duration: PT2H }]',
      `assertions: [${assertion}]`,
    ].join('\n');

  test('a registry with no replica down 2 hours passes 0.98 over the horizon but fails it during the outage', () => {
    const whole = simulate(scenarioFromText(text('{ kind: pull-availability-at-least, value: 0.98 }')));
    expect(whole.passed).toBe(true);
    const during = simulate(scenarioFromText(text('{ kind: pull-availability-at-least, value: 0.98, during: outages }')));
    expect(during.passed).toBe(false);
    expect(during.assertions).toHaveLength(1);
    expect(during.assertions[0]).toMatchObject({ actual: 0, subject: 'solo (westeurope clients, during region-outage westeurope (event 0))' });
    const named = simulate(scenarioFromText(text('{ kind: pull-availability-at-least, value: 0.98, during: noon-outage }')));
    expect(named.assertions.map((a) => a.passed)).toEqual([false]);
  });

  test('an unknown event name is a scenario error', () => {
    expect(() => scenarioFromText(text('{ kind: pull-availability-at-least, value: 0.98, during: nope }'))).toThrow(/during must be 'outages' or the name of an outage-like event, got "nope"/);
  });

  test('pushes fail during the outage: counted, and reported as push availability in the results and the rows', () => {
    const r = simulate(scenarioFromText(text('{ kind: no-throttling }')));
    const g = r.registries[0]!;
    const o = g.outages[0]!;
    expect(o.pushAvailabilityByRegion!['westeurope']!.p50).toBe(0);
    expect(o.failedPushes!.p50).toBeGreaterThan(0);
    expect(g.metrics.failedPushes!.p50).toBeCloseTo(o.failedPushes!.p50!, 9);
    expect(g.pushAvailabilityByRegion!['westeurope']!.p50).toBeLessThan(1);
    expect(g.pushAvailabilityByRegion!['westeurope']!.p50).toBeGreaterThan(0.99);
    const row = outageRows(r)[0]!;
    expect(row[4]).toMatch(/^westeurope 0\.000% \([\d.]+ pushes failed\)$/);
    expect(renderSimulation(r)).toContain('Push availability by client region (p50)');
    expect(renderSimulation(r, true)).toContain('pushes failed');
  });
});

describe('presets state what they imply in the reports', () => {
  test("ci-heavy's nightly purge is listed under Assumptions in text and Markdown, and in the HTML findings", async () => {
    const sc = scenarioFromText('horizon: P3D\nregistries: [{ name: ci, location: westeurope, tier: Premium }]\nworkloads: [{ preset: ci-heavy, repositories: { initial: 5, growthPerMonth: 0 } }]');
    const r = simulate(sc);
    for (const md of [false, true]) {
      const out = renderSimulation(r, md);
      expect(out).toMatch(md ? /### Assumptions\n- ci: workload preset ci-heavy adds purge task nightly-purge/ : /Assumptions\n-----------\n- ci: workload preset ci-heavy adds purge task nightly-purge/);
    }
    const { renderSimulationHtml } = await import('../../lib/report/html/html.js');
    const html = await renderSimulationHtml(r);
    expect(html).toMatch(/<td>assumption<\/td>\s*<td>workload preset ci-heavy adds purge task nightly-purge/);
  });
});

describe('the billed-storage chart draws the allowance of billed bytes', () => {
  test('three copies with included storage per replica: the rule is 3 x 500 GiB', () => {
    const sc = scenario([{ name: 'r', location: 'westeurope', tier: 'Premium', replicas: ['eastus', 'southeastasia'] }], tenGiBaDay, {
      horizon: 'P60D',
    });
    const g = simulate(sc).registries[0]!;
    expect(g.billedAllowanceBytes).toBe(1500 * GiB);
    const chart = billedChart(g, 1);
    expect(chart.caption).toContain(`included ${formatBytes(1500 * GiB)}`);
    expect(chart.caption).not.toContain(`included ${formatBytes(500 * GiB)}`);
  });
});

describe('the storage limit day past ten years', () => {
  test('a slow growth gives null with limitHitBeyondYears 10, not a day in the trillions', () => {
    const series = Float64Array.from({ length: 60 }, (_, d) => 1e9 + d);
    expect(firstDayAbove(series, 40 * 1024 ** 4)).toEqual({ day: null, extrapolated: false, beyond: true });
    // Within ten years: still extrapolated.
    expect(firstDayAbove(Float64Array.from({ length: 60 }, (_, d) => d * 1e6), 1e9)).toEqual({ day: 1000, extrapolated: true, beyond: false });
  });

  test('the registry result and the row say beyond 10 years', () => {
    const sc = scenario(
      [{ name: 'r', location: 'westeurope', tier: 'Basic' }],
      fixedWorkload({ repos: 1, perDay: 1, layers: 1, changed: 1, layerBytes: 1000, manifestBytes: 0, strategy: 'unique' }),
    );
    const run = simulateRun(sc, 0).registries[0]!;
    expect(run.limitHitDay).toBeNull();
    expect(run.limitHitBeyondYears).toBe(10);
    const g = aggregate(sc, [simulateRun(sc, 0)]).registries[0]!;
    expect(g.limitHitBeyondYears).toBe(10);
    expect(limitDayText(g)).toBe('beyond 10 years');
  });
});
