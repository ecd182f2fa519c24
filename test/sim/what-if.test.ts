import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../lib/workflows/load-scenario.js';
import { defaultWhatIf } from '../../lib/workflows/what-if.js';
import { headline } from '../../lib/report/simulation/headline.js';
import { inlineSpec } from '../../lib/sim/scenario/resolve.js';

const fixtures = fileURLToPath(new URL('../fixtures/sim/', import.meta.url));

describe('registries from acrkit inputs', () => {
  test('a scenario names a cdk.tf.json; its registry is simulated', async () => {
    const sc = await loadScenario('from-file.yaml', { cwd: fixtures });
    expect(sc.registries.map((r) => [r.name, r.tier, r.location])).toEqual([['acrkitfleetdev', 'Basic', 'westeurope']]);
  });
});

describe('defaultWhatIf', () => {
  test('the fleet what-if runs on the fleet registries and gives a headline', async () => {
    const specs = [
      inlineSpec({ name: 'acrkitfleetdev', location: 'westeurope', tier: 'Basic' }),
      inlineSpec({ name: 'acrkitfleetstaging', location: 'westeurope', tier: 'Standard' }),
      inlineSpec({ name: 'acrkitfleetprod', location: 'westeurope', tier: 'Premium', replicas: ['eastus', 'southeastasia'], retentionDays: 7 }),
    ];
    const r = await defaultWhatIf(specs, { workers: 0, runs: 2 });
    expect(r.registries.map((g) => g.name)).toEqual(['acrkitfleetdev', 'acrkitfleetstaging', 'acrkitfleetprod']);
    const prod = r.registries[2]!;
    expect(prod.outages[0]).toMatchObject({ region: 'westeurope', home: true });
    expect(prod.outages[0]!.availabilityByRegion.eastus!.p50).toBe(1);
    expect(prod.blocked[0]).toMatchObject({ action: 'config-change' });
    const text = headline(r);
    expect(text).toMatch(/fleet cost up to \$[\d,.]+ a month/);
    expect(text).toMatch(/Worst outage exposure: acrkitfleetprod/);
  });
});
