/**
 * "Start from today": a registry's content on day 0, written by hand or imported from Azure CLI
 * exports, and retention, purge and the included storage acting on it from day 0. Every
 * expectation is hand arithmetic.
 */
import { mkdirSync, mkdtempSync, writeFileSync, cpSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { simulateRun } from '../../lib/sim/engine/engine.js';
import { runMonteCarlo } from '../../lib/sim/montecarlo.js';
import { scenarioFromObject } from '../../lib/sim/scenario/resolve.js';
import { loadScenario } from '../../lib/workflows/load-scenario.js';
import { loadRegistries } from '../../lib/workflows/load.js';
import { simulationDelta } from '../../lib/workflows/review-forecast.js';
import { withInitial } from '../../lib/sim/scenario/initial-resolve.js';
import { InputErrors } from '../../lib/errors.js';
import { runCli } from '../support/cli.js';
import { fixedWorkload, scenario } from './helpers.js';

const TIB = 1024 ** 4;
const GIB = 1024 ** 3;
const MB = 1e6;
const exportsDir = new URL('../fixtures/az-exports/', import.meta.url).pathname;

describe('initial content written by hand', () => {
  // 3.2 TiB: 2.8 TiB tagged, 0.4 TiB untagged in 100 repositories of 10 tagged and 10 untagged
  // manifests; half of the untagged are 3 days old, half 30 days. No pushes.
  const initial = {
    taggedBytes: '2.8 TiB',
    untaggedBytes: '0.4 TiB',
    repositories: 100,
    tagsPerRepository: 10,
    manifestsPerRepository: 20,
    age: [
      { age: 'P3D', share: 0.5 },
      { age: 'P30D', share: 0.5 },
    ],
  };

  test('retention 7 days deletes the untagged part older than 7 days on day 0, the rest on day 7 - 3 = 4', () => {
    const sc = scenario([{ name: 'prod', location: 'westeurope', tier: 'Premium', retentionDays: 7, initial }], undefined, { horizon: 'P10D' });
    const r = simulateRun(sc, 0).registries[0]!;
    const d = r.daily;
    expect(d.taggedBytes[0]! / TIB).toBeCloseTo(2.8, 9);
    // 0.4 TiB untagged: the 30-day-old half is due on day max(0, -30 + 7) = 0.
    expect(d.untaggedBytes[0]! / TIB).toBeCloseTo(0.2, 9);
    expect(d.untaggedBytes[3]! / TIB).toBeCloseTo(0.2, 9);
    // The 3-day-old half: untagged on day -3, due on day 4.
    expect(d.untaggedBytes[4]! / TIB).toBeCloseTo(0, 9);
    expect(r.retentionDeleted).toBe(1000);
    // Counts: 2,000 manifests less 500 on day 0, less 500 more on day 4; tags never change.
    expect(d.manifests[0]).toBe(1500);
    expect(d.manifests[4]).toBe(1000);
    expect(d.tags[0]).toBe(1000);
    expect(d.repositories[0]).toBe(100);
    expect(d.maxTagsPerRepository[0]).toBe(10);
    // One catalog page plus one tag page per repository.
    expect(d.listingRequests[0]).toBe(1 + 100);
  });

  test('without retention the untagged bytes stay', () => {
    const sc = scenario([{ name: 'prod', location: 'westeurope', tier: 'Premium', initial }], undefined, { horizon: 'P10D' });
    const r = simulateRun(sc, 0).registries[0]!;
    expect(r.daily.untaggedBytes[9]! / TIB).toBeCloseTo(0.4, 9);
    expect(r.storedBytesAtHorizon / TIB).toBeCloseTo(3.2, 9);
  });

  test('the included storage is passed 10 days in, not 50: 400 GiB held, 10 GiB pushed a day, 500 GiB included', () => {
    const w = fixedWorkload({ repos: 1, perDay: 1, layers: 1, changed: 1, layerBytes: 10 * GIB, manifestBytes: 0, strategy: 'unique' });
    const reg = { name: 'prod', location: 'westeurope', tier: 'Premium' as const };
    const from = scenario([{ ...reg, initial: { taggedBytes: '400 GiB', repositories: 1, tagsPerRepository: 4, age: { median: 'P20D', oldest: 'P60D' } } }], w, { horizon: 'P30D' });
    const empty = scenario([reg], w, { horizon: 'P60D' });
    const a = simulateRun(from, 0).registries[0]!;
    const b = simulateRun(empty, 0).registries[0]!;
    // Day d holds 400 + 10 (d + 1) GiB: above 500 GiB from d = 10.
    expect(a.daily.taggedBytes[9]! / GIB).toBeCloseTo(500, 6);
    expect(a.firstIncludedExceededDay).toBe(10);
    // Empty on day 0: 10 (d + 1) > 500 from d = 50.
    expect(b.firstIncludedExceededDay).toBe(50);
  });

  test.each([
    ['P9D', true],
    ['P11D', false],
  ])('storage-below included over %s: %s (day 8 holds 490 GiB, day 10 holds 510 GiB)', async (horizon, passed) => {
    const w = fixedWorkload({ repos: 1, perDay: 1, layers: 1, changed: 1, layerBytes: 10 * GIB, manifestBytes: 0, strategy: 'unique' });
    const sc = scenarioFromObject({
      horizon,
      registries: [{ name: 'prod', location: 'westeurope', tier: 'Premium', initial: { taggedBytes: '400 GiB', tagsPerRepository: 4 } }],
      workloads: [w],
      assertions: [{ kind: 'storage-below', of: 'included' }],
    });
    const r = await runMonteCarlo(sc, { workers: 0 });
    expect(r.assertions.map((a) => a.passed)).toEqual([passed]);
  });

  test('a 30-day purge deletes the 40-day-old half on day 0 (ages count back from day 0)', () => {
    const w = fixedWorkload({
      repos: 0,
      perDay: 0,
      layers: 1,
      changed: 1,
      layerBytes: 1,
      manifestBytes: 0,
      strategy: 'unique',
      cleanup: [{ name: 'nightly', filter: '.*:.*', ago: 'P30D', keep: 0, untagged: true, at: 'PT1H' }],
    });
    const sc = scenario(
      [{ name: 'prod', location: 'westeurope', tier: 'Standard', initial: { taggedBytes: '40 GiB', repositories: 4, tagsPerRepository: 10, age: [{ age: 'P40D', share: 0.5 }, { age: 'P10D', share: 0.5 }] } }],
      w,
      { horizon: 'P5D' },
    );
    const r = simulateRun(sc, 0).registries[0]!;
    expect(r.purge.tagsDeleted).toBe(20);
    expect(r.purge.manifestsDeleted).toBe(20);
    expect(r.daily.taggedBytes[0]! / GIB).toBeCloseTo(20, 9);
    expect(r.daily.untaggedBytes[0]).toBeCloseTo(0, 3);
    expect(r.daily.tags[0]).toBe(20);
    // The 10-day-old half is 30 days old on day 20, after the horizon.
    expect(r.daily.taggedBytes[4]! / GIB).toBeCloseTo(20, 9);
  });

  test('a scenario without initial content keeps its scenario hash shape (no initial key)', () => {
    const sc = scenario([{ name: 'prod', location: 'westeurope' }], undefined, { horizon: 'P2D' });
    expect(Object.keys(sc.registries[0]!)).not.toContain('initial');
  });

  test('the layer-sharing assumption is in the registry assumptions of every format', async () => {
    const sc = scenarioFromObject({ horizon: 'P3D', registries: [{ name: 'prod', location: 'westeurope', initial }] });
    const r = await runMonteCarlo(sc, { workers: 0 });
    expect(r.registries[0]!.assumptions?.join('\n')).toContain('no layer shared between initial manifests or with new pushes');
    expect(r.registries[0]!.assumptions?.join('\n')).toContain("the workload's re-pushed tags never move an initial tag");
  });

  test.each([
    [{ taggedBytes: '1 GiB', tagsPerRepository: 0 }, '/registries/0/initial/tagsPerRepository must be at least 1 when taggedBytes is above 0, got 0'],
    [{ untaggedBytes: '1 GiB', tagsPerRepository: 2, manifestsPerRepository: 2 }, '/registries/0/initial/manifestsPerRepository must exceed tagsPerRepository (2) when untaggedBytes is above 0, got 2'],
    [{ taggedBytes: '1 GiB', age: { median: 'P30D', oldest: 'P10D' } }, '/registries/0/initial/age/oldest must be at least the median'],
    [{ taggedBytes: '1 GiB', age: [{ age: 'P1D', share: 0.3 }] }, '/registries/0/initial/age shares must sum to 1, got 0.3'],
    [{ taggedBytes: 'lots' }, '/registries/0/initial/taggedBytes'],
  ])('a bad figure is exit-2 material with pointer, value and fix: %j', (bad, message) => {
    expect(() => scenarioFromObject({ horizon: 'P3D', registries: [{ name: 'prod', location: 'westeurope', initial: bad as never }] })).toThrow(message);
  });

  test('top-level initial must name a registry', () => {
    expect(() => scenarioFromObject({ horizon: 'P3D', registries: [{ name: 'prod', location: 'westeurope' }], initial: { nope: { taggedBytes: '1 GiB' } } })).toThrow(
      "/initial/nope must name a registry of the scenario, got \"nope\": use one of 'prod'",
    );
  });
});

describe('initial content imported from Azure CLI exports', () => {
  // imageSize: api 120 + 118 + 117.5 (untagged) + 116 (untagged), web 80 + 79 (untagged) MB;
  // ci-runner from show-tags only: 2 manifests at the mean, 630.5 / 6 MB. In all 840.67 MB;
  // show-usage Size 504.4 MB, so each manifest holds 0.6 of its imageSize.
  test('stored bytes match show-usage; retention deletes the untagged manifests by age; counts from the exports', async () => {
    const sc = await loadScenario('test/fixtures/az-exports/scenario.yaml');
    const inv = sc.registries[0]!.initial!;
    expect(inv.source).toBe('az');
    expect(inv.repositories).toBe(3);
    expect(inv.manifests).toBe(8);
    expect(inv.tags).toBe(7);
    expect((inv.taggedBytes + inv.untaggedBytes) / MB).toBeCloseTo(504.4, 6);
    const r = simulateRun(sc, 0).registries[0]!;
    const d = r.daily;
    // Untagged: 117.5 (52 days) and 79 (90 days) are due on day 0; 116 (5 days) on day 2.
    expect(d.untaggedBytes[0]! / MB).toBeCloseTo(116 * 0.6, 6);
    expect(d.untaggedBytes[1]! / MB).toBeCloseTo(116 * 0.6, 6);
    expect(d.untaggedBytes[2]! / MB).toBeCloseTo(0, 6);
    expect(d.taggedBytes[0]! / MB).toBeCloseTo((120 + 118 + 80 + 2 * (630.5 / 6)) * 0.6, 6);
    expect(d.repositories[0]).toBe(3);
    expect(d.tags[0]).toBe(7);
    // 8 manifests less the two untagged ones due on day 0, less one more on day 2.
    expect(d.manifests[0]).toBe(6);
    expect(d.manifests[2]).toBe(5);
    expect(d.maxTagsPerRepository[0]).toBe(3);
    expect(d.listingRequests[0]).toBe(1 + 3);
    expect(sc.registries[0]!.assumptions!.join('\n')).toContain("the workload's re-pushed tags never move an initial tag");
    expect(sc.registries[0]!.assumptions!.join('\n')).toMatch(/imageSize x 0\.6000 alone, so the total matches show-usage Size/);
  });

  test('purge filters see the imported repository and tag names: team/.*:v.* older than 30 days', async () => {
    const top = mkdtempSync(join(tmpdir(), 'acrkit-initial-'));
    cpSync(exportsDir, join(top, 'x'), { recursive: true });
    writeFileSync(
      join(top, 'x/purge.yaml'),
      `start: 2026-12-01
horizon: P3D
registries: [{ name: acrprod, location: westeurope, tier: Premium }]
workloads:
  - repositories: { initial: 0 }
    cleanup: [{ filter: 'team/.*:v.*', ago: P30D, keep: 0, at: PT1H }]
initial:
  acrprod:
    from:
      usage: usage.json
      repositories: repositories.json
      manifests: { team/api: manifests-team-api.json, team/web: manifests-team-web.json }
      tags: { tools/ci-runner: tags-tools-ci-runner.json }
`,
    );
    const sc = await loadScenario('x/purge.yaml', { cwd: top });
    const r = simulateRun(sc, 0).registries[0]!;
    // Only v1.3.2 (51 days) matches and is old enough; v1.4.0 is 2 days old, 2026.11.30 and the
    // ci-runner tags do not match.
    expect(r.purge.tagsDeleted).toBe(1);
    expect(r.daily.tags[0]).toBe(6);
    expect(r.daily.untaggedBytes[0]! / MB).toBeCloseTo((117.5 + 116 + 79 + 118) * 0.6, 6);
  });

  /** Simulates the exports under `cleanup` (a YAML flow list), 3 days from 2026-12-01. */
  async function purgeExports(cleanup: string): Promise<ReturnType<typeof simulateRun>['registries'][number]> {
    const top = mkdtempSync(join(tmpdir(), 'acrkit-initial-'));
    cpSync(exportsDir, join(top, 'x'), { recursive: true });
    writeFileSync(
      join(top, 'x/purge.yaml'),
      `start: 2026-12-01\nhorizon: P3D\nregistries: [{ name: acrprod, location: westeurope, tier: Premium }]\nworkloads:\n  - repositories: { initial: 0 }\n    cleanup: ${cleanup}\ninitial:\n  acrprod:\n    from:\n      usage: usage.json\n      repositories: repositories.json\n      manifests: { team/api: manifests-team-api.json, team/web: manifests-team-web.json }\n      tags: { tools/ci-runner: tags-tools-ci-runner.json }\n`,
    );
    return simulateRun(await loadScenario('x/purge.yaml', { cwd: top }), 0).registries[0]!;
  }

  test('a purge deletes the tags of an imported manifest it matches, and untags the manifest only with its last tag', async () => {
    // team/api's newest manifest (2 days old) has tags v1.4.0 and latest; v1.3.2 (51 days) has one.
    const versions = await purgeExports(`[{ filter: 'team/api:v.*', ago: P1D, keep: 0, untagged: true, at: PT1H }]`);
    expect(versions.purge.tagsDeleted).toBe(2);
    expect(versions.daily.tags[0]).toBe(5);
    // latest keeps the 120 MB manifest; v1.3.2's 118 MB manifest went with its only tag.
    expect(versions.daily.taggedBytes[0]! / MB).toBeCloseTo((120 + 80 + 2 * (630.5 / 6)) * 0.6, 6);
    expect(versions.daily.manifests[0]).toBe(8 - 2 - 1);
    // Its other tag too: then the manifest is untagged, and deleted as untagged.
    const both = await purgeExports(`[{ filter: 'team/api:v.*', ago: P1D, keep: 0, at: PT1H }, { filter: 'team/api:latest', ago: P1D, keep: 0, untagged: true, at: PT2H }]`);
    expect(both.purge.tagsDeleted).toBe(3);
    expect(both.daily.tags[0]).toBe(4);
    expect(both.daily.taggedBytes[0]! / MB).toBeCloseTo((80 + 2 * (630.5 / 6)) * 0.6, 6);
    // --keep counts tags: the newest matching tag (latest, or v1.4.0: one manifest) is kept.
    const keep = await purgeExports(`[{ filter: 'team/api:.*', ago: P1D, keep: 1, at: PT1H }]`);
    expect(keep.purge.tagsDeleted).toBe(2);
    expect(keep.daily.taggedBytes[0]! / MB).toBeCloseTo((120 + 80 + 2 * (630.5 / 6)) * 0.6, 6);
  });

  function badLayout(files: Record<string, string>, initial: string): string {
    const top = mkdtempSync(join(tmpdir(), 'acrkit-initial-bad-'));
    const cwd = join(top, 'repo');
    mkdirSync(join(cwd, 'sim'), { recursive: true });
    for (const [f, text] of Object.entries(files)) writeFileSync(join(top, f.startsWith('../') ? f.slice(3) : join('repo/sim', f)), text);
    writeFileSync(join(cwd, 'sim/s.yaml'), `horizon: P5D\nregistries: [{ name: acrprod, location: westeurope }]\ninitial:\n  acrprod:\n    from:\n${initial}\n`);
    return cwd;
  }

  test('a bad export is exit 2 with the file, line, JSON pointer, value and fix', async () => {
    const cwd = badLayout(
      { 'm.json': '[\n  { "digest": "sha256:aa", "imageSize": 10, "lastUpdateTime": "2026-11-01T00:00:00Z", "tags": ["a"] },\n  { "digest": "sha256:bb", "imageSize": "big", "lastUpdateTime": "2026-11-01T00:00:00Z" }\n]\n' },
      '      manifests: { app: m.json }',
    );
    const r = await runCli(['simulate', '--scenario', 'sim/s.yaml', '--workers', '0'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sim/m.json:3#/1/imageSize: /1/imageSize must be a number of bytes of at least 0, got "big": export it again with `az acr manifest list-metadata');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test.each([
    ['usage without Size', { 'u.json': '{ "value": [ { "name": "Webhooks", "currentValue": 1, "limit": 2, "unit": "Count" } ] }' }, '      usage: u.json', "sim/u.json:1#/value: /value must hold the usage named 'Size', got [\"Webhooks\"]"],
    ['show-tags without --detail', { 't.json': '["latest", "v1"]' }, '      tags: { app: t.json }', 'sim/t.json:1#/0: /0 must be a tag with name, digest and lastUpdateTime, got "latest": add --detail to the command'],
    ['a repository list of objects', { 'r.json': '[{ "name": "app" }]' }, '      repositories: r.json', 'sim/r.json:1#/0: /0 must be a repository name, got an object'],
    ['a document of the wrong shape (its type named, never its content)', { 'r.json': '{ "auths": { "acrprod.azurecr.io": { "auth": "c2VjcmV0LXRva2Vu" } } }' }, '      repositories: r.json', 'sim/r.json:1: sim/r.json must be the array of repository names `az acr repository list -n <registry> -o json` prints, got an object:'],
    ['manifests given as an object', { 'm.json': '{ "value": [1, 2, 3] }' }, '      manifests: { app: m.json }', 'sim/m.json must be the array `az acr manifest list-metadata -r <registry> -n <repository> -o json` prints, got an object:'],
    ['usage without a value list', { 'u.json': '{ "value": { "password": "hunter2" } }' }, '      usage: u.json', '/value must be the list of usages `az acr show-usage -n <registry> -o json` prints, got an object:'],
    ['not JSON', { 'm.json': '[ { "digest": ' }, '      manifests: { app: m.json }', 'sim/m.json:1: sim/m.json must be JSON, got a syntax error'],
    ['a bad time', { 'm.json': '[{ "digest": "sha256:aa", "imageSize": 1, "lastUpdateTime": "yesterday" }]' }, '      manifests: { app: m.json }', "#/0/lastUpdateTime: /0/lastUpdateTime must be an ISO-8601 time like '2026-11-30T08:15:00Z', got \"yesterday\""],
  ])('%s is refused with where and how to fix it', async (_, files, initial, message) => {
    const cwd = badLayout(files, initial);
    await expect(loadScenario('sim/s.yaml', { cwd })).rejects.toThrow(InputErrors);
    await expect(loadScenario('sim/s.yaml', { cwd })).rejects.toThrow(message);
  });

  test('an export path outside the working tree is refused with the scenario line, unless --allow-outside', async () => {
    const cwd = badLayout({ '../outside.json': '["app"]' }, '      repositories: ../../outside.json');
    await expect(loadScenario('sim/s.yaml', { cwd })).rejects.toThrow(
      'sim/s.yaml:6#/initial/acrprod/from/repositories: an initial export path must stay inside the working directory, got "../../outside.json"',
    );
    const sc = await loadScenario('sim/s.yaml', { cwd, allowOutside: true });
    expect(sc.registries[0]!.initial!.repositories).toBe(1);
  });

  test('an export that is a symbolic link out of the working tree is refused, and nothing of its target is printed', async () => {
    const secret = join(mkdtempSync(join(tmpdir(), 'acrkit-secret-')), 'config.json');
    writeFileSync(secret, '{ "auths": { "acrprod.azurecr.io": { "auth": "ZmFrZXVzZXI6RkFLRV9TRUNSRVRfVE9LRU4=" } }, "credsStore": "FAKE_SECRET_STORE" }\n');
    const cwd = badLayout({ 'usage.json': '{ "value": [ { "name": "Size", "currentValue": 1000, "unit": "Bytes" } ] }' }, '      usage: usage.json\n      repositories: exports/repositories.json');
    mkdirSync(join(cwd, 'sim/exports'));
    symlinkSync(secret, join(cwd, 'sim/exports/repositories.json'));
    const r = await runCli(['simulate', '--scenario', 'sim/s.yaml', '--workers', '0'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'sim/s.yaml:7#/initial/acrprod/from/repositories: an initial export path must stay inside the working directory, got "exports/repositories.json" (a symbolic link to a path outside',
    );
    for (const leak of ['auths', 'ZmFrZXVzZXI6RkFLRV9TRUNSRVRfVE9LRU4', 'FAKE_SECRET', secret]) {
      expect(r.stderr).not.toContain(leak);
      expect(r.stdout).not.toContain(leak);
    }
    // One error for the `from`: no second one claiming the scenario was given as data.
    expect(r.stderr).not.toContain('needs its files read');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    // Trusted (--allow-outside): read, and refused for its shape by type only.
    const trusted = await runCli(['simulate', '--scenario', 'sim/s.yaml', '--workers', '0', '--allow-outside'], { cwd });
    expect(trusted.code).toBe(2);
    expect(trusted.stderr).toContain('must be the array of repository names `az acr repository list -n <registry> -o json` prints, got an object:');
    for (const leak of ['auths', 'ZmFrZXVzZXI6RkFLRV9TRUNSRVRfVE9LRU4', 'FAKE_SECRET']) expect(trusted.stderr).not.toContain(leak);
    expect(trusted.stderr).not.toContain('needs its files read');
  });

  test('a bad export is reported once: no second error about the scenario given as data', async () => {
    const cwd = badLayout({ 'r.json': '[ "app", ' }, '      repositories: r.json');
    let err: unknown;
    try {
      await loadScenario('sim/s.yaml', { cwd });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputErrors);
    expect((err as InputErrors).errors).toHaveLength(1);
    expect((err as InputErrors).message).toMatch(/^sim\/r\.json:\d+: sim\/r\.json must be JSON, got a syntax error/);
  });

  test('a bad from/asOf is reported at its own pointer; a bad start is left to /start (reported once, by the scenario check)', () => {
    const errs: Array<[string, string]> = [];
    const x = new Map([['/initial/acrprod/from', { files: [], manifests: {}, tags: {}, usage: { sizeBytes: 1000 } }]]);
    const reg = [{ name: 'acrprod', address: 'acrprod' }] as never;
    withInitial({ initial: { acrprod: { from: { usage: 'u.json', asOf: 'soon' } } } } as never, reg, (p, t) => errs.push([p, t]), x);
    expect(errs).toEqual([['/initial/acrprod/from/asOf', '/initial/acrprod/from/asOf must be a date, got "soon": write YYYY-MM-DD']]);
    errs.length = 0;
    withInitial({ start: 'soon', initial: { acrprod: { from: { usage: 'u.json' } } } } as never, reg, (p, t) => errs.push([p, t]), x);
    expect(errs.filter(([p, t]) => p !== t.split(' ')[0])).toEqual([]);
    expect(errs.some(([p]) => p.endsWith('/asOf'))).toBe(false);
  });

  test('review --scenario reads initial.from exports as simulate does', async () => {
    const top = mkdtempSync(join(tmpdir(), 'acrkit-initial-review-'));
    cpSync(exportsDir, join(top, 'x'), { recursive: true });
    writeFileSync(
      join(top, 'main.tf'),
      'resource "azurerm_container_registry" "prod" {\n  name                = "acrprod"\n  resource_group_name = "rg-shop"\n  location            = "westeurope"\n  sku                 = "Premium"\n}\n',
    );
    const { registries, errors } = await loadRegistries(['main.tf'], { cwd: top });
    expect(errors).toEqual([]);
    const delta = await simulationDelta('x/scenario.yaml', registries, registries, { cwd: top, workers: 0, runs: 2 });
    const stored = delta.rows.find((r) => r.metric === 'stored GiB at horizon (p50)')!;
    // Day 0 holds show-usage's 504.4 MB; no pushes, and retention is off on the plan's registry.
    expect(stored.base! * GIB / MB).toBeGreaterThan(400);
    expect(stored.head).toBe(stored.base);
    // Its exports are confined like simulate's.
    writeFileSync(join(top, 'x/out.yaml'), 'start: 2026-12-01\nhorizon: P3D\nregistries: []\ninitial:\n  acrprod:\n    from:\n      usage: ../../elsewhere/usage.json\n');
    await expect(simulationDelta('x/out.yaml', registries, registries, { cwd: top, workers: 0, runs: 2 })).rejects.toThrow('an initial export path must stay inside the working directory');
  });

  test('review --scenario refuses initial exports outside the working tree unless --allow-outside, as simulate does', async () => {
    const top = mkdtempSync(join(tmpdir(), 'acrkit-initial-review-'));
    const outside = mkdtempSync(join(tmpdir(), 'acrkit-initial-outside-'));
    writeFileSync(join(outside, 'usage.json'), '{ "value": [ { "name": "Size", "currentValue": 504400000, "limit": 536870912000, "unit": "Bytes" } ] }\n');
    writeFileSync(
      join(top, 'main.tf'),
      'resource "azurerm_container_registry" "prod" {\n  name                = "acrprod"\n  resource_group_name = "rg-shop"\n  location            = "westeurope"\n  sku                 = "Premium"\n}\n',
    );
    mkdirSync(join(top, 'x'));
    writeFileSync(join(top, 'x/s.yaml'), `start: 2026-12-01\nhorizon: P3D\nruns: 2\nregistries: []\ninitial:\n  acrprod:\n    from:\n      usage: ${relative(join(top, 'x'), join(outside, 'usage.json'))}\n`);
    const args = ['review', '--base', 'main.tf', '--head', 'main.tf', '--scenario', 'x/s.yaml', '--workers', '0', '--format', 'json'];
    const refused = await runCli(args, { cwd: top });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('an initial export path must stay inside the working directory');
    expect(refused.stderr).toContain('pass --allow-outside if you trust this scenario');
    const trusted = await runCli([...args, '--allow-outside'], { cwd: top });
    expect(trusted.stderr).toBe('');
    expect(trusted.code).toBe(0);
    const review = JSON.parse(trusted.stdout) as { simulation?: { rows: Array<{ metric: string; base: number }> } };
    expect(review.simulation!.rows.map((r) => r.metric)).toContain('stored GiB at horizon (p50)');
    // The outside file is what was read: broken, it is the error.
    writeFileSync(join(outside, 'usage.json'), '{ "value": [ \n');
    const broken = await runCli([...args, '--allow-outside'], { cwd: top });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/usage\.json:\d+: .*usage\.json must be JSON, got a syntax error/);
  });

  test('figures and from together are refused', () => {
    expect(() =>
      scenarioFromObject({ horizon: 'P3D', registries: [{ name: 'prod', location: 'westeurope', initial: { taggedBytes: '1 GiB', from: { usage: 'u.json' } } }] }),
    ).toThrow('/registries/0/initial must give figures or from, got both (taggedBytes beside from)');
  });
});
