/**
 * The variants as a library caller meets them: compareScenarioVariants refuses a comparison
 * above the cost limits as `simulate` does (every variant counted), and runVariants refuses
 * variants a caller built with replicas the registry cannot have.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputErrors, UsageError } from '../../lib/errors.js';
import { costProblem, estimateCost } from '../../lib/sim/scenario/bounds.js';
import { scenarioFromText } from '../../lib/sim/scenario/resolve.js';
import { runVariants } from '../../lib/sim/variants/run.js';
import { compareScenarioVariants } from '../../lib/workflows/variants.js';

/** About 36.5M pushes a run over four registries: two runs fit the limits, two variants of them do not. */
const BUSY = `
name: busy
horizon: P365D
seed: 1
runs: 2
registries:
  - {name: prod-1, tier: Premium, location: westeurope}
  - {name: prod-2, tier: Premium, location: westeurope}
  - {name: prod-3, tier: Premium, location: westeurope}
  - {name: prod-4, tier: Premium, location: westeurope}
workloads:
  - preset: small-team
    repositories: {initial: 1000, growthPerMonth: 0}
    pushes: {perRepositoryPerDay: 25}
    pulls: {byRegion: {westeurope: 1}}
variants:
  - {name: now, set: {retentionDays: 0}}
  - {name: retention-7, set: {retentionDays: 7}}
`;

const SMALL = `
name: small
horizon: P10D
seed: 1
runs: 1
registries:
  - {name: prod, tier: Premium, location: westeurope}
workloads:
  - preset: small-team
    repositories: {initial: 5, growthPerMonth: 0}
    pushes: {perRepositoryPerDay: 1}
    pulls: {byRegion: {westeurope: 1}}
`;

describe('variants called as a library', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'acrkit-variants-lib-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('compareScenarioVariants counts every variant against the cost limits, before any run', async () => {
    writeFileSync(join(dir, 'busy.yaml'), BUSY);
    const sc = scenarioFromText(BUSY, 'busy.yaml');
    // One simulation of the scenario is within the limits; the comparison of two is not.
    expect(costProblem(estimateCost(sc, sc.runs, 1))).toBeUndefined();
    expect(costProblem(estimateCost(sc, sc.runs, 2))).toBeDefined();
    const started = Date.now();
    const e = await compareScenarioVariants('busy.yaml', { cwd: dir, workers: 0 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputErrors);
    const message = (e as InputErrors).errors.map((x) => x.message).join('\n');
    expect(message).toMatch(/busy\.yaml/);
    expect(message).toMatch(/100,000,000 pushes/);
    expect(message).toMatch(/allowLarge: true/);
    expect(Date.now() - started).toBeLessThan(10_000); // refused up front, not after simulating
  });

  test('runVariants refuses a replica in the home region or a region twice, naming the variant', async () => {
    const sc = scenarioFromText(SMALL, 'small.yaml');
    const home = { name: 'home', registries: null, set: { replicas: [{ location: 'westeurope', globalRouting: true }] } };
    await expect(runVariants(sc, { workers: 0 }, [home])).rejects.toThrow(UsageError);
    await expect(runVariants(sc, { workers: 0 }, [home])).rejects.toThrow(/variant "home" must not place a replica of registry "prod" in its home region, got "westeurope"/);
    const twice = { name: 'twice', registries: ['prod'], set: { replicas: [{ location: 'eastus', globalRouting: true }, { location: 'eastus', globalRouting: false }] } };
    await expect(runVariants(sc, { workers: 0 }, [twice])).rejects.toThrow(/variant "twice" must name each replica region once, got "eastus" twice/);
    // A valid replica runs.
    const ok = { name: 'east', registries: null, set: { replicas: [{ location: 'eastus', globalRouting: true }] } };
    const result = await runVariants(sc, { workers: 0 }, [ok]);
    expect(result.variants.map((v) => v.name)).toEqual(['east']);
  });
});
