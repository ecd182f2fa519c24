// The fleet of the fleet benchmarks (fleet-bench.ts): `count` registries of mixed tiers and
// workload presets, the Premium ones with one to three replicas, and a home-region outage.

const regions = ['westeurope', 'northeurope', 'eastus', 'westus2', 'southeastasia', 'japaneast', 'australiaeast'];
const presets = ['small-team', 'docker-hub-2017', 'ci-heavy'];
const tiers = ['Basic', 'Standard', 'Premium', 'Premium'];

/** A scenario (ScenarioInput) of `count` registries over `horizonDays` days with `runs` runs. */
export function fleetScenario(count, runs, horizonDays) {
  const registries = [];
  const workloads = [];
  for (let i = 0; i < count; i++) {
    const name = `contoso${String(i).padStart(3, '0')}`;
    const tier = tiers[i % tiers.length];
    const location = regions[i % regions.length];
    const replicas = tier === 'Premium' ? Array.from({ length: 1 + (i % 3) }, (_, k) => regions[(i + 1 + 2 * k) % regions.length]).filter((r) => r !== location) : [];
    registries.push({ name, tier, location, replicas, retentionDays: tier === 'Premium' ? 7 : 0 });
    workloads.push({ registry: name, preset: presets[i % presets.length], repositories: { initial: 10 + ((i * 7) % 50), growthPerMonth: i % 4 } });
  }
  return {
    name: `fleet of ${count}`,
    horizon: `P${horizonDays}D`,
    seed: 11,
    runs,
    registries,
    workloads,
    events: [{ kind: 'region-outage', region: 'westeurope', at: `P${Math.floor(horizonDays / 2)}DT10H`, duration: 'PT6H' }],
  };
}
