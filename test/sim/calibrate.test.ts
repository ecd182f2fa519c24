/**
 * Calibration recovers known parameters: a metrics history is generated FROM the simulator
 * (one run of a scenario with known pushes, weekly shape, pulls and image sizes, its daily
 * series converted to the JSON `az monitor metrics list ... -o json` prints), then calibrated.
 */
import { sampler } from '../../lib/sim/random/distributions.js';
import { fitWorkload } from '../../lib/sim/calibrate/fit.js';
import { parseMetricsExport } from '../../lib/sim/calibrate/metrics.js';
import { fittedScenario } from '../../lib/sim/calibrate/scenario.js';
import { scenarioFromObject, scenarioFromText } from '../../lib/sim/scenario/resolve.js';
import { InputErrors } from '../../lib/errors.js';
import { known, metricsExport, normalized, PULL_WEEKLY, PUSH_WEEKLY, START } from './calibrate-helpers.js';

function within(actual: number, expected: number, tolerance = 0.1): void {
  expect(Math.abs(actual - expected) / expected).toBeLessThanOrEqual(tolerance);
}

describe('simulate calibrate', () => {
  const layerMean = sampler({ kind: 'lognormal', median: 8_000_000, p90: 40_000_000 }).mean;
  const newBytesPerPush = 2 * layerMean + 4096;

  test.each([
    ['unique', 0],
    ['mutable', 7],
  ] as const)('recovers every known parameter within 10%% (%s tags, retention %d days)', (tags, retention) => {
    const sc = scenarioFromObject(known(tags, retention));
    const h = parseMetricsExport(metricsExport(sc), 'metrics.json');
    expect(h.days).toHaveLength(91);
    expect(h.days[0]).toBe(START);
    expect(h.registry).toBe('shopacr');
    expect(h.region).toBe('westeurope');
    const fit = fitWorkload(h, { tags, retentionDays: retention });
    expect(fit.model).toBe(retention ? 'retention-window' : 'cumulative');
    within(fit.pushesPerDay, 400);
    normalized(PUSH_WEEKLY).forEach((w, k) => within(fit.pushWeekly[k]!, w));
    within(fit.pullsPerDay!, 5000);
    normalized(PULL_WEEKLY).forEach((w, k) => within(fit.pullWeekly![k]!, w));
    within(fit.newBytesPerPush, newBytesPerPush);
    expect(fit.quality.storageR2).toBeGreaterThan(0.9);
    expect(fit.replay).toHaveLength(91);
  });

  test('the fitted scenario is valid YAML of the scenario format, starting the day after the history', () => {
    const sc = scenarioFromObject(known('unique', 0));
    const fit = fitWorkload(parseMetricsExport(metricsExport(sc), 'metrics.json'));
    const out = fittedScenario(fit, { file: 'metrics.json\n# injected: true', repositories: 40 });
    expect(out.yaml).toMatch(/^# Fitted by acrkit simulate calibrate from metrics.json # injected: true:\n# 91 days, 2026-01-05 to 2026-04-05\.$/m);
    expect(out.yaml).not.toMatch(/^# injected/m);
    const resolved = scenarioFromText(out.yaml, 'fitted.yaml');
    expect(resolved.startWeekday).toBe(0); // 2026-04-06 is a Monday
    const w = resolved.registries[0]!.workload!;
    within(w.repositories.initial * w.pushes.perRepositoryPerDay, 400);
    expect(resolved.registries[0]!.name).toBe('shopacr');
    expect(resolved.registries[0]!.location).toBe('westeurope');
  });

  test('a bad export is an input error with the file, the pointer, the value and the fix', () => {
    const bad = JSON.stringify({
      value: [
        { name: { value: 'StorageUsed' }, unit: 'Bytes', timeseries: [{ data: [{ timeStamp: '2026-01-05T00:00:00Z', total: 5 }, { timeStamp: 'yesterday', average: 1 }] }] },
        { name: { value: 'SuccessfulPushCount' }, unit: 'Count', timeseries: [{ data: [{ timeStamp: '2026-01-05T00:00:00Z', total: -3 }] }] },
      ],
    });
    let err: unknown;
    try {
      parseMetricsExport(bad, 'm.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputErrors);
    const lines = (err as InputErrors).message.split('\n');
    expect(lines).toEqual([
      'm.json#/value/0/timeseries/0/data/0/average: /value/0/timeseries/0/data/0/average must be the Average aggregation of StorageUsed (bytes held that day), got 5: export with --aggregation Total Average: a total of hourly samples is not the bytes held.',
      expect.stringMatching(/^m\.json#\/value\/0\/timeseries\/0\/data\/1\/timeStamp: .* must be an ISO-8601 time with a 4-digit year \(2026-01-05T00:00:00Z\), got "yesterday": write it with az monitor metrics list/),
      expect.stringMatching(/^m\.json#\/value\/1\/timeseries\/0\/data\/0\/total: .* must be a number of at least 0, got -3: write it with az monitor metrics list/),
    ]);
    expect(() => parseMetricsExport('{"value": [{"name": {"value": "StorageUsed"}, "timeseries": []}]}', 'm.json')).toThrow(/m\.json#\/value: \/value must be a list holding the SuccessfulPushCount metric, got \["StorageUsed"\]: add it: az monitor metrics list/);
    expect(() => parseMetricsExport('{"value": 3', 'm.json')).toThrow(/^m\.json(:\d+)?: metrics export must be valid JSON, got .*: write it with az monitor metrics list/);
  });

  test('a file that is not JSON is refused without quoting it', () => {
    let err: unknown;
    try {
      parseMetricsExport('SECRET_TOKEN=ghp_0123456789abcdef\nOTHER=1\n', 'm.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputErrors);
    expect((err as InputErrors).message).toMatch(/^m\.json(:\d+)?: metrics export must be valid JSON/);
    expect((err as InputErrors).message).not.toContain('SECRET');
    expect((err as InputErrors).message).not.toContain('ghp_');
  });

  test.each([
    ['a date without a time', '2026-01-05'],
    ['a year past 9999', '+010000-01-05T00:00:00Z'],
    ['a local time without an offset', '2026-01-05T00:00:00'],
    ['an RFC 2822 date', 'Mon, 05 Jan 2026 00:00:00 GMT'],
    ['a 5-digit year', '20260-01-05T00:00:00Z'],
  ])('a time stamp that is not ISO-8601 with a 4-digit year is refused at its pointer: %s', (_, stamp) => {
    const text = JSON.stringify({
      value: [
        { name: { value: 'StorageUsed' }, timeseries: [{ data: [{ timeStamp: '2026-01-05T00:00:00Z', average: 1 }] }] },
        { name: { value: 'SuccessfulPushCount' }, timeseries: [{ data: [{ timeStamp: stamp, total: 1 }] }] },
      ],
    });
    expect(() => parseMetricsExport(text, 'm.json')).toThrow(/^m\.json#\/value\/1\/timeseries\/0\/data\/0\/timeStamp: .* must be an ISO-8601 time with a 4-digit year/);
  });

});
