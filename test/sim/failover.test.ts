import { simulateRun } from '../../lib/sim/engine/engine.js';
import { fixedWorkload, scenario } from './helpers.js';

// Pulls at a flat 1 per minute (1,440 a day, peak-to-mean 1), so availability is a time fraction.
const pulls = (byRegion: Record<string, number>, extra: Partial<Parameters<typeof fixedWorkload>[0]> = {}) =>
  fixedWorkload({ repos: 1, perDay: 0, layers: 1, changed: 1, layerBytes: 1000, manifestBytes: 100, strategy: 'unique', pullsPerDay: 1440, pullsByRegion: byRegion, ...extra });

const outage = (region: string, kind: 'region-outage' | 'zone-outage' | 'replica-routing-disabled' = 'region-outage') =>
  ({ kind, region, at: 'P1D', duration: 'PT1H' }) as const;

describe('failover', () => {
  test('replica outage: its clients fail for the failover delay, then move; home clients unaffected', () => {
    const sc = scenario(
      [{ name: 'prod', tier: 'Premium', location: 'westeurope', replicas: ['eastus'] }],
      pulls({ westeurope: 0.5, eastus: 0.5 }),
      { horizon: 'P3D', events: [outage('eastus')] },
    );
    const r = simulateRun(sc, 0).registries[0]!;
    const o = r.outages[0]!;
    expect(o.availabilityByRegion.eastus).toBeCloseTo(57 / 60, 12);
    expect(o.availabilityByRegion.westeurope).toBe(1);
    expect(r.availabilityByRegion.eastus).toBeCloseTo(1 - 3 / (3 * 1440), 12);
    expect(r.blocked).toEqual([]);
  });

  test('home-region outage: data plane continues on replicas; config changes and purge are blocked', () => {
    const sc = scenario(
      [{ name: 'prod', tier: 'Premium', location: 'westeurope', replicas: ['northeurope'] }],
      pulls({ westeurope: 1 }, { cleanup: [{ name: 'nightly', filter: '.*:.*', ago: 'P1D', at: 'PT0H10M' }] }),
      {
        horizon: 'P3D',
        events: [
          { kind: 'region-outage', region: 'westeurope', at: 'P1D', duration: 'PT1H' },
          { kind: 'config-change', registry: 'prod', at: 'P1DT30M', set: { retentionDays: 3 } },
        ],
      },
    );
    const r = simulateRun(sc, 0).registries[0]!;
    expect(r.outages[0]!.home).toBe(true);
    expect(r.outages[0]!.availabilityByRegion.westeurope).toBeCloseTo(57 / 60, 12);
    expect(r.blocked).toEqual([
      { minute: 1440 + 10, action: 'purge', detail: 'nightly' },
      { minute: 1440 + 30, action: 'config-change', detail: 'event 1', deferredTo: 1440 + 60 },
    ]);
    expect(r.purge).toMatchObject({ runs: 2, blockedRuns: 1 });
  });

  test('an outage at a fraction of a minute, spanning midnight, with another the same day: each piece counted once', () => {
    // GIVEN a replica outage from day 1 23:30:30 for 61 minutes (into day 2) and a second one
    // from day 2 00:10 for 10 minutes (still inside the first), 3-minute failover delay.
    const sc = scenario(
      [{ name: 'prod', tier: 'Premium', location: 'westeurope', replicas: ['eastus'] }],
      pulls({ westeurope: 0.5, eastus: 0.5 }),
      {
        horizon: 'P4D',
        events: [
          { kind: 'region-outage', region: 'eastus', at: 'P1DT23H30M30S', duration: 'PT61M' },
          { kind: 'region-outage', region: 'eastus', at: 'P2DT10M', duration: 'PT10M' },
        ],
      },
    );
    const r = simulateRun(sc, 0).registries[0]!;
    // THEN eastus clients fail for the first 3 minutes only (the second outage falls after they moved).
    expect(r.outages[0]!.availabilityByRegion.eastus).toBeCloseTo(58 / 61, 12);
    expect(r.outages[1]!.availabilityByRegion.eastus).toBe(1);
    expect(r.availabilityByRegion.eastus).toBeCloseTo(1 - 3 / (4 * 1440), 12);
    expect(r.availabilityByRegion.westeurope).toBe(1);
  });

  test('no replicas: the registry is unavailable for the whole outage', () => {
    const sc = scenario([{ name: 'dev', tier: 'Basic', location: 'westeurope' }], pulls({ westeurope: 0.7, eastus: 0.3 }), {
      horizon: 'P3D',
      events: [outage('westeurope')],
    });
    const r = simulateRun(sc, 0).registries[0]!;
    expect(r.outages[0]!.availabilityByRegion).toEqual({ eastus: 0, westeurope: 0 });
    expect(r.availabilityByRegion.westeurope).toBeCloseTo(1 - 60 / (3 * 1440), 12);
  });

  test('zone outage in an availability-zone region costs only the zone downtime', () => {
    const sc = scenario([{ name: 'dev', tier: 'Basic', location: 'westeurope' }], pulls({ westeurope: 1 }), {
      horizon: 'P3D',
      events: [outage('westeurope', 'zone-outage')],
    });
    const o = simulateRun(sc, 0).registries[0]!.outages[0]!;
    expect(o.availabilityByRegion.westeurope).toBeCloseTo(1 - 10 / 60 / 60, 12);
  });

  test('routing disabled moves clients at once, without failures', () => {
    const sc = scenario(
      [{ name: 'prod', tier: 'Premium', location: 'westeurope', replicas: ['eastus'] }],
      pulls({ eastus: 1 }),
      { horizon: 'P3D', events: [outage('eastus', 'replica-routing-disabled')] },
    );
    expect(simulateRun(sc, 0).registries[0]!.outages[0]!.availabilityByRegion.eastus).toBe(1);
  });

  test('survivors take the failed replica\'s requests against their own limits', () => {
    // 30,000 one-request pulls a minute, half per replica: under Premium's 20,000 reads a minute
    // per replica until eastus fails; after the 3-minute delay westeurope gets all 30,000.
    const w = pulls({ westeurope: 0.5, eastus: 0.5 });
    const busy = { ...w, pulls: { ...w.pulls!, perDay: 30_000 * 1440, requestsPerPull: 1 } };
    const sc = scenario([{ name: 'prod', tier: 'Premium', location: 'westeurope', replicas: ['eastus'] }], busy, {
      horizon: 'P3D',
      events: [outage('eastus')],
    });
    const r = simulateRun(sc, 0).registries[0]!;
    expect(r.throttledMinutes).toBeCloseTo(57, 9);
    expect(r.throttledRequests).toBeCloseTo(57 * 10_000, 6);
  });

  test('writes within the replication lag before an outage are exposed', () => {
    // 1,440 pushes a day (1 a minute) from eastus clients, each 1 new layer of 1,000 B + 100 B manifest
    const w = fixedWorkload({
      repos: 1, perDay: 1440, layers: 1, changed: 1, layerBytes: 1000, manifestBytes: 100, strategy: 'unique',
      pullsPerDay: 0, pushesByRegion: { eastus: 1 },
    });
    const sc = scenario([{ name: 'prod', tier: 'Premium', location: 'westeurope', replicas: ['eastus'] }], w, {
      horizon: 'P3D',
      events: [{ kind: 'replication-lag', at: 'PT0S', lag: 'PT5M' }, outage('eastus')],
    });
    const o = simulateRun(sc, 0).registries[0]!.outages[0]!;
    expect(o.exposureManifests).toBeCloseTo(5, 9);
    expect(o.exposureBytes).toBeCloseTo(5 * 1100, 6);
  });
});
