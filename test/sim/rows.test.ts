import { runMonteCarlo } from '../../lib/sim/montecarlo.js';
import { renderSimulation } from '../../lib/report/simulation/render.js';
import type { SimulationResult } from '../../lib/sim/results/result.js';
import { blockedRows, day, monthlyCostText, outageRows, registryColumns, registryRow, tierText, violationText } from '../../lib/report/simulation/rows.js';
import type { Summary } from '../../lib/sim/results/stats.js';
import { fixedWorkload, scenario } from './helpers.js';
import { percent, minuteText } from '../../lib/format/numbers.js';

describe('day()', () => {
  test('days within the horizon, extrapolations, and never', () => {
    expect(day(null)).toBe('never');
    expect(day(47.6)).toBe('day 48');
    expect(day(400, true)).toBe('day 400 (extrapolated)');
    expect(day(3650, true)).toBe('day 3650 (extrapolated)');
    // A straight line drawn decades ahead says little: it reads as beyond the 10-year cap.
    expect(day(36080, true)).toBe('beyond 10 years');
    expect(day(36080, false)).toBe('day 36080');
  });

  test('minutes as day and clock time; shares with three decimals', () => {
    expect(minuteText(1440 + 90)).toBe('day 1 01:30');
    expect(minuteText(0)).toBe('day 0 00:00');
    expect(percent(0.99995)).toBe('99.995%');
    expect(percent(null)).toBe('never');
  });
});

describe('table rows shared by the text, Markdown and HTML renderings', () => {
  // GIVEN a Basic registry with more webhooks than Basic allows that a configuration change
  // moves to Standard, and a Premium one whose home region goes down while its retention is
  // being changed (deferred) and its purge task is due (skipped), over 3 days.
  let r: SimulationResult;
  beforeAll(async () => {
    const sc = scenario(
      [
        { name: 'dev', tier: 'Basic', location: 'westeurope', webhooks: 3 },
        { name: 'prod', tier: 'Premium', location: 'westeurope', replicas: ['northeurope'] },
      ],
      fixedWorkload({
        repos: 2,
        perDay: 4,
        layers: 3,
        changed: 1,
        layerBytes: 2 ** 20,
        manifestBytes: 4096,
        strategy: 'unique',
        pullsPerDay: 1440,
        pullsByRegion: { westeurope: 1 },
        cleanup: [{ name: 'nightly', filter: '.*:.*', ago: 'P1D', at: 'PT0H10M' }],
      }),
      {
        horizon: 'P3D',
        runs: 2,
        events: [
          { kind: 'region-outage', region: 'westeurope', at: 'P1D', duration: 'PT1H' },
          { kind: 'config-change', registry: 'prod', at: 'P1DT30M', set: { retentionDays: 3 } },
          { kind: 'config-change', registry: 'dev', at: 'P2D', set: { tier: 'Standard' } },
        ],
      },
    );
    r = await runMonteCarlo(sc, { workers: 0 });
  });

  test('a registry row has a cell per column, with the tier change marked by the arrow asked for', () => {
    const [dev, prod] = r.registries;
    const plain = (s: Summary, fmt: (n: number) => string): string => fmt(s.p50 ?? 0);
    expect(registryRow(dev!, plain)).toHaveLength(registryColumns(r.horizonDays).length);
    expect(registryRow(dev!, plain, { totalCost: true })).toHaveLength(registryColumns(r.horizonDays, true).length);
    expect(registryColumns(r.horizonDays, true).map((c) => c.header)).toContain('Total cost, 3 days (USD)');
    expect(tierText(dev!)).toBe('Basic -> Standard');
    expect(tierText(dev!, '→')).toBe('Basic → Standard');
    expect(registryRow(prod!, plain, { arrow: '→' }).slice(0, 2)).toEqual(['prod', 'Premium']);
    // The cell type is the rendering's: here objects, as the HTML report passes.
    const cells = registryRow(prod!, (s) => ({ median: s.p50 }), { totalCost: true });
    expect(cells[5]).toEqual({ median: prod!.metrics.totalCostUsd.p50 });
  });

  test('outages, blocked actions and count violations read the same wherever they are rendered', () => {
    const outages = outageRows(r);
    expect(outages).toHaveLength(2);
    // dev has no replica: its clients have nothing to fail over to for the hour.
    expect(outages[0]).toEqual(['dev', 'region-outage westeurope (home)', 'day 1 00:00 for 60 min', 'westeurope 0.000%', 'westeurope 0.000% (0.33 pushes failed)', '0.00 manifests, 0 B']);
    expect(outages[1]!.slice(0, 3)).toEqual(['prod', 'region-outage westeurope (home)', 'day 1 00:00 for 60 min']);
    expect(blockedRows(r)).toEqual([
      ['dev', 'purge', 'day 1 00:10', 'skipped (nightly)'],
      ['prod', 'purge', 'day 1 00:10', 'skipped (nightly)'],
      ['prod', 'config-change', 'day 1 00:30', 'deferred to day 1 01:00'],
    ]);
    expect(r.registries[0]!.countViolations.map(violationText)).toEqual(['3 webhooks exceed the Basic maximum of 2 (from day 0)']);
    const text = renderSimulation(r);
    for (const row of [...outages, ...blockedRows(r)]) for (const cell of row) expect(text).toContain(cell);
    expect(text).toContain('dev: 3 webhooks exceed the Basic maximum of 2 (from day 0)');
  });
});

describe('monthly cost month by month', () => {
  test('a tier change at day 45 shows in the months, not only in the highest one', async () => {
    const sc = scenario(
      [{ name: 'dev', tier: 'Basic', location: 'westeurope' }],
      fixedWorkload({ repos: 1, perDay: 1, layers: 1, changed: 1, layerBytes: 2 ** 20, manifestBytes: 4096, strategy: 'unique' }),
      { horizon: 'P90D', runs: 1, events: [{ kind: 'config-change', registry: 'dev', at: 'P45D', set: { tier: 'Premium' } }] },
    );
    const r = await runMonteCarlo(sc, { workers: 0 });
    const [dev] = r.registries;
    // Basic is $0.167 a day, Premium $1.667 (the catalog's prices): month 1 all Basic, month 2 half and half, month 3 all Premium.
    expect(monthlyCostText(dev!)).toBe('month 1 $5.01, month 2 $27.51, month 3 $50.01');
    expect(renderSimulation(r)).toContain('- dev: month 1 $5.01, month 2 $27.51, month 3 $50.01');
    expect(renderSimulation(r, true)).toContain('### Monthly cost (median)');
  });

  test('past 12 months: the first, the highest and the last month', () => {
    const months = [5, 5, 5, 50, 50, 20, 20, 20, 20, 20, 20, 20, 20].map((v) => ({ p10: v, p50: v, p90: v, mean: v }) as unknown as Summary);
    expect(monthlyCostText({ monthlyCostUsd: months } as unknown as SimulationResult['registries'][number])).toBe('first month $5.00, highest month 4 $50.00, last month 13 $20.00');
  });
});
