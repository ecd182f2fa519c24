import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../lib/cli/main.js';
import { AcrkitError, isAcrkitError } from '../../lib/errors.js';
import { CalibrationDataError } from '../../lib/sim/calibrate/fit.js';
import type { CliIO } from '../../lib/cli/io.js';
import type { CalibrationResult } from '../../lib/sim/calibrate/result.js';
import type { SimulationResult } from '../../lib/sim/results/result.js';
import { scenarioFromObject } from '../../lib/sim/scenario/resolve.js';
import { known, metricsExport } from './calibrate-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'acrkit-calibrate-'));
writeFileSync(join(dir, 'metrics.json'), metricsExport(scenarioFromObject(known('mutable', 7))));

function io(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), isTTY: false, env: {}, cwd: dir };
}

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const x = io();
  const code = await main(args, x);
  return { code, out: x.stdout.join(''), err: x.stderr.join('') };
}

describe('acrkit simulate calibrate', () => {
  test('text: parameters, goodness of fit, replay next to the history; --out writes a scenario acrkit simulates', async () => {
    const r = await run('simulate', 'calibrate', 'metrics.json', '--tags', 'mutable', '--retention-days', '7', '--repositories', '40', '--tier', 'Premium', '--out', 'fitted.yaml');
    expect(r.code).toBe(0);
    expect(r.out).toContain('acrkit simulate calibrate: metrics.json');
    expect(r.out).toContain('91 days, 2026-01-05 to 2026-04-05; mutable tags, retention 7 days (retention-window storage model).');
    expect(r.out).toMatch(/^Pushes per day +\d{3}\.\d +SuccessfulPushCount/m);
    expect(r.out).toMatch(/^Goodness of fit of the replayed history: storage R\^2 0\.\d{3} \(MAPE \d+\.\d%\), daily pushes R\^2 0\.\d{3}/m);
    expect(r.out).toMatch(/^Day +Stored \(observed\) +Stored \(replayed\) +Pushes \(observed\) +Pushes \(replayed\) +Pulls \(observed\) +Pulls \(replayed\)$/m);
    expect(r.out).toMatch(/^2026-04-05 /m);
    expect(r.out).toContain('Fitted scenario written to fitted.yaml.');
    expect(r.err).toContain('wrote the fitted scenario to fitted.yaml');
    const yaml = readFileSync(join(dir, 'fitted.yaml'), 'utf8');
    expect(yaml).toMatch(/^# Fitted by acrkit simulate calibrate from metrics\.json/);
    expect(yaml).toContain('retentionDays: 7');
    const sim = await run('simulate', '--scenario', 'fitted.yaml', '--runs', '2', '--workers', '0', '--format', 'json');
    expect(sim.code).toBe(0);
    const s = JSON.parse(sim.out) as SimulationResult;
    expect(s.registries[0]).toMatchObject({ name: 'shopacr', tier: 'Premium', home: 'westeurope' });
    // The fitted workload pushes what the history pushed: about 400 a day.
    const perDay = s.registries[0]!.metrics.pushes.p50! / s.horizonDays;
    expect(Math.abs(perDay / 400 - 1)).toBeLessThan(0.1);
    // ... and holds what the history held: retention keeps the storage at its observed level.
    const m = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')) as { value: Array<{ name: { value: string }; timeseries: Array<{ data: Array<{ average: number }> }> }> };
    const observed = m.value.find((x) => x.name.value === 'StorageUsed')!.timeseries[0]!.data.at(-1)!.average;
    expect(Math.abs(s.registries[0]!.metrics.storedBytesAtHorizon.p50! / observed - 1)).toBeLessThan(0.15);
  });

  test('json and html: the fit and the charts of observed vs replayed history', async () => {
    const j = await run('simulate', 'calibrate', 'metrics.json', '--format', 'json');
    const c = JSON.parse(j.out) as CalibrationResult;
    expect(c.kind).toBe('calibration');
    expect(c.fit.replay).toHaveLength(91);
    expect(c.scenarioYaml).toContain('perRepositoryPerDay');
    const h = await run('simulate', 'calibrate', 'metrics.json', '--format', 'html', '--registry', '<b>acr</b>');
    expect(h.code).toBe(0);
    for (const id of ['calibration-storage', 'calibration-pushes', 'calibration-pulls']) expect(h.out).toContain(`id="fig-${id}"`);
    expect(h.out).toContain('role-mark observed_marks');
    expect(h.out).toContain('role-mark replayed_marks');
    expect(h.out).not.toContain('<b>acr</b>');
  }, 60000);

  test('a bad metrics file exits 2 with the file, pointer, value and fix; so does one too short to fit', async () => {
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ value: [{ name: { value: 'SuccessfulPushCount' }, timeseries: [{ data: [{ timeStamp: '2026-01-05T00:00:00Z', total: 'many' }] }] }] }));
    const r = await run('simulate', 'calibrate', 'bad.json');
    expect(r.code).toBe(2);
    expect(r.err).toContain('bad.json#/value/0/timeseries/0/data/0/total: /value/0/timeseries/0/data/0/total must be a number of at least 0, got "many": write it with az monitor metrics list');
    expect(r.err).toContain('bad.json#/value: /value must be a list holding the StorageUsed metric');
    expect(r.err).not.toMatch(/\n\s+at /);
    const day = (d: number): string => `2026-01-0${d + 1}T00:00:00Z`;
    writeFileSync(
      join(dir, 'short.json'),
      JSON.stringify({
        value: [
          { name: { value: 'StorageUsed' }, timeseries: [{ data: [0, 1, 2].map((d) => ({ timeStamp: day(d), average: 1e9 + d })) }] },
          { name: { value: 'SuccessfulPushCount' }, timeseries: [{ data: [0, 1, 2].map((d) => ({ timeStamp: day(d), total: 5 })) }] },
        ],
      }),
    );
    const s = await run('simulate', 'calibrate', 'short.json');
    expect(s.code).toBe(2);
    expect(s.err).toContain('short.json#/value: SuccessfulPushCount must have at least 7 days with data, got 3: export a longer timespan');
    const missing = await run('simulate', 'calibrate', 'nope.json');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope.json');
    const loc = await run('simulate', 'calibrate', 'metrics.json', '--location', 'atlantis');
    expect(loc.code).toBe(2);
    expect(loc.err).toContain('--location must be an Azure public region, got "atlantis"');
  });

  test('options: a hostile --location is quoted escaped and cut; --repositories has the scenario maximum; the tier default is in the help', async () => {
    const hostile = `\u001b]0;pwned\u0007${'x'.repeat(5000)}`;
    const loc = await run('simulate', 'calibrate', 'metrics.json', '--location', hostile);
    expect(loc.code).toBe(2);
    expect(loc.err).not.toContain('\u001b');
    expect(loc.err).not.toContain('\u0007');
    expect(loc.err).toContain('--location must be an Azure public region, got "\\u001b]0;pwned');
    expect(loc.err.length).toBeLessThan(1000);
    const many = await run('simulate', 'calibrate', 'metrics.json', '--repositories', '100001');
    expect(many.code).toBe(2);
    expect(many.err).toContain('--repositories must be 1-100000, got 100001');
    const ok = await run('simulate', 'calibrate', 'metrics.json', '--repositories', '100000', '--format', 'json');
    expect(ok.code).toBe(0);
    const help = await run('simulate', 'calibrate', '--help');
    expect(help.out).toMatch(/default Standard; Premium\s+when\s+--retention-days > 0/);
    // With retention and no --tier, the fitted scenario is Premium (the only tier with retention).
    const c = JSON.parse((await run('simulate', 'calibrate', 'metrics.json', '--retention-days', '7', '--format', 'json')).out) as CalibrationResult;
    expect(c.scenarioYaml).toMatch(/tier: Premium/);
  }, 60000);

  test('too little data is an acrkit input error (exit 2), also when the library fit is called directly', () => {
    const e = new CalibrationDataError('SuccessfulPushCount must have at least 7 days with data, got 3');
    expect(e).toBeInstanceOf(AcrkitError);
    expect(isAcrkitError(e)).toBe(true);
    expect(e.pointer).toBe('/value');
  });

  test('the library refuses a repository count above the scenario maximum too', async () => {
    const { calibrateFromFile } = await import('../../lib/workflows/calibrate.js');
    await expect(calibrateFromFile('metrics.json', { cwd: dir, repositories: 100_001 })).rejects.toThrow('repositories must be an integer from 1 to 100000');
  });
});
