import { runMonteCarlo, simulateRuns } from '../../lib/sim/montecarlo.js';
import { scenarioFromText } from '../../lib/sim/scenario/resolve.js';
import { quantile, summarize } from '../../lib/sim/results/stats.js';

const text = `
horizon: P20D
seed: 11
runs: 4
registries:
  - {name: prod, tier: Premium, location: westeurope, replicas: [eastus]}
  - {name: dev, location: westeurope}
workloads:
  - preset: docker-hub-2017
    repositories: {initial: 5, growthPerMonth: 3}
    pulls: {byRegion: {westeurope: 0.6, eastus: 0.4}}
events:
  - {kind: region-outage, region: eastus, at: P3D, duration: PT2H}
assertions:
  - {kind: monthly-cost-below, usd: 1000}
  - {kind: pull-availability-at-least, value: 0.9999, registry: prod, region: eastus}
`;

describe('Monte Carlo', () => {
  test('same seed, same result whatever the worker count (0, 1, 2 threads)', async () => {
    const sc = scenarioFromText(text);
    const inProcess = await runMonteCarlo(sc, { workers: 0 });
    const one = await runMonteCarlo(sc, { workers: 1 });
    const two = await runMonteCarlo(sc, { workers: 2 });
    expect(one).toEqual(inProcess);
    expect(two).toEqual(inProcess);
    expect(inProcess.runs).toBe(4);
    expect(inProcess.seed).toBe(11);
  });

  test('runs differ from each other and another seed gives other numbers', async () => {
    const sc = scenarioFromText(text);
    const runs = await simulateRuns(sc, { workers: 0 });
    expect(runs[0]!.registries[0]!.pushes).not.toBe(runs[1]!.registries[0]!.pushes);
    const other = await simulateRuns({ ...sc, seed: 12 }, { workers: 0 });
    expect(other[0]!.registries[0]!.storedBytesAtHorizon).not.toBe(runs[0]!.registries[0]!.storedBytesAtHorizon);
  });

  test('assertions are evaluated at their percentile and fail the result', async () => {
    const r = await runMonteCarlo(scenarioFromText(text), { workers: 0 });
    const avail = r.assertions.find((a) => a.kind === 'pull-availability-at-least')!;
    // eastus clients fail for 3 minutes of a 2-hour outage in 20 days: below 99.99%
    expect(avail.subject).toBe('prod (eastus clients)');
    expect(avail.percentile).toBe('p10');
    expect(avail.passed).toBe(false);
    expect(r.assertions.find((a) => a.kind === 'monthly-cost-below')!.passed).toBe(true);
    expect(r.passed).toBe(false);
  });
});

describe('percentiles', () => {
  test('R-7 quantiles; never sorts last', () => {
    expect(quantile([10, 20, 30], 0.25)).toBe(15);
    expect(summarize([1, 2, 3, 4])).toEqual({ mean: 2.5, p10: 1.3, p50: 2.5, p90: 3.7, p99: 3.9699999999999998 });
    expect(summarize([5, null, 1]).p50).toBe(5);
    expect(summarize([5, null, 1]).p90).toBeNull();
  });
});
