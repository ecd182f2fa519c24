/**
 * Repository, tag and manifest counts per day: the store's O(1) counters against a scan, hand
 * arithmetic of a fixed workload, the listing cost (100 entries a page), the growth warning, the
 * `counts-below` assertion, and every output format.
 */
import { LIST_PAGE_SIZE } from '../../lib/catalog/listing.js';
import { simulateRun } from '../../lib/sim/engine/engine.js';
import { ManifestState, RegistryStore } from '../../lib/sim/engine/store.js';
import { runMonteCarlo } from '../../lib/sim/montecarlo.js';
import { Rng } from '../../lib/sim/random/random.js';
import { scenarioFromObject } from '../../lib/sim/scenario/resolve.js';
import type { AssertionInput, InlineRegistryInput, WorkloadInput } from '../../lib/sim/scenario/types.js';
import { renderSimulation } from '../../lib/report/simulation/render.js';
import { fixedWorkload } from './helpers.js';

/** Counts recomputed by scanning the store (what the counters must equal). */
function scan(s: RegistryStore, repos: number): { repos: number; tags: number; maxTags: number; pages: number; listing: number } {
  const perRepo = new Array<number>(repos).fill(0);
  const live = new Array<boolean>(repos).fill(false);
  for (let m = 0; m < s.manifestCount; m++) {
    const st = s.mState[m];
    if (st === ManifestState.Deleted) continue;
    live[s.mRepo[m]!] = true;
    if (st === ManifestState.Tagged) perRepo[s.mRepo[m]!]! += 1 + (m < s.seedExtraTags.length ? s.seedExtraTags[m]! : 0);
  }
  const liveRepos = live.filter(Boolean).length;
  const pages = perRepo.reduce((a, t) => a + Math.ceil(t / LIST_PAGE_SIZE.value), 0);
  const withTags = perRepo.filter((t) => t > 0).length;
  return {
    repos: liveRepos,
    tags: perRepo.reduce((a, b) => a + b, 0),
    maxTags: Math.max(0, ...perRepo),
    pages,
    listing: Math.max(1, Math.ceil(liveRepos / LIST_PAGE_SIZE.value)) + pages + (liveRepos - withTags),
  };
}

test('the counters equal a scan of the store after 20,000 random pushes, untags and deletes', () => {
  const rng = Rng.forRun(7, 0, 0);
  const repos = 12;
  const s = new RegistryStore(10, { manifests: 16, layers: 16, refs: 64, days: 400 });
  s.ensureRepos(repos);
  const layer = Int32Array.of(s.addLayer(5));
  for (let i = 0; i < 20_000; i++) {
    const op = rng.int(10);
    const day = Math.floor(i / 100);
    if (op < 6 || s.manifestCount === 0) s.push(rng.int(repos), layer, 1, day, i, -1);
    else if (op < 8) s.untag(rng.int(s.manifestCount), day);
    else s.delete(rng.int(s.manifestCount), day);
    if (i % 997 === 0 || i === 19_999) {
      const c = scan(s, repos);
      expect([s.liveRepos, s.liveTags, s.maxRepoTags, s.tagPages, s.listingRequests]).toEqual([c.repos, c.tags, c.maxTags, c.pages, c.listing]);
      expect(s.liveManifests).toBe(s.mState.subarray(0, s.manifestCount).filter((x) => x !== ManifestState.Deleted).length);
    }
  }
  // Some repository went past one page of tags (so the page arithmetic was exercised).
  expect(s.maxRepoTags).toBeGreaterThan(LIST_PAGE_SIZE.value);
});

const reg = (extra: Partial<InlineRegistryInput> = {}): InlineRegistryInput => ({ name: 'ci', location: 'westeurope', tier: 'Standard', ...extra });

function run(w: WorkloadInput, days: number, extra: { registry?: Partial<InlineRegistryInput>; assertions?: AssertionInput[] } = {}) {
  return scenarioFromObject({ horizon: `P${days}D`, seed: 1, registries: [reg(extra.registry)], workloads: [w], assertions: extra.assertions ?? [] });
}

describe('a fixed workload: 2 repositories, one unique tag each a day', () => {
  const w = fixedWorkload({ repos: 2, perDay: 1, layers: 1, changed: 1, layerBytes: 1000, manifestBytes: 10, strategy: 'unique' });

  test('day d holds 2 (d + 1) tags and manifests, d + 1 in the largest repository; listing pages turn at 100 tags', () => {
    const d = simulateRun(run(w, 101), 0).registries[0]!.daily;
    expect([d.repositories[0], d.tags[0], d.manifests[0], d.maxTagsPerRepository[0]]).toEqual([2, 2, 2, 1]);
    expect([d.tags[50], d.manifests[50], d.maxTagsPerRepository[50]]).toEqual([102, 102, 51]);
    // One catalog page plus one tag page per repository up to 100 tags, two from 101.
    expect(d.listingRequests[98]).toBe(1 + 2);
    expect(d.listingRequests[99]).toBe(1 + 2); // 100 tags: still one page
    expect(d.listingRequests[100]).toBe(1 + 4); // 101 tags
  });

  test('summaries: day 0, horizon, most, listing minutes against the Standard read limit, and a warning naming the purge', async () => {
    const r = await runMonteCarlo(run(w, 101), { workers: 0 });
    const c = r.registries[0]!.counts!;
    expect(c.start.tags.p50).toBe(2);
    expect(c.horizon.tags.p50).toBe(202);
    expect(c.max.maxTagsPerRepository.p50).toBe(101);
    expect(c.daily.tags.p50[10]).toBe(22);
    expect(c.listing.pageSize).toBe(100);
    expect(c.listing.readLimitPerMinute).toBe(10_000);
    expect(c.listing.minutesOfReadLimit.p50).toBeCloseTo(5 / 10_000, 12);
    expect(c.warnings).toEqual([expect.stringContaining('tags grow from 1 to 101 per repository (the largest) over 101 days with no purge to bound them')]);
    expect(c.warnings[0]).toContain("acr purge --filter '.*:.*' --ago 30d --keep 10 --untagged");
  });

  test('a purge bounds them: no warning, and the tags stop at ago + 1 days', async () => {
    const purged = { ...w, cleanup: [{ filter: '.*:.*', ago: 'P30D', keep: 0, untagged: true }] };
    const r = await runMonteCarlo(run(purged, 101), { workers: 0 });
    const c = r.registries[0]!.counts!;
    expect(c.warnings).toEqual([]);
    // Pushes stamped at the start of day d; a purge at 00:00 deletes what is more than 30 days older.
    expect(c.horizon.maxTagsPerRepository.p50).toBeLessThanOrEqual(31);
  });

  test('counts-below holds or fails on the most over the horizon', async () => {
    const assertions: AssertionInput[] = [
      { kind: 'counts-below', tagsPerRepository: 100, manifests: 1000, repositories: 3 },
      { kind: 'counts-below', tagsPerRepository: 102 },
    ];
    const r = await runMonteCarlo(run(w, 101, { assertions }), { workers: 0 });
    const got = r.assertions.map((a) => [a.index, a.text, a.actual, a.passed]);
    expect(got).toEqual([
      [0, 'repositories stay below 3 through the horizon', 2, true],
      [0, 'tags per repository (the largest) stay below 100 through the horizon', 101, false],
      [0, 'manifests stay below 1000 through the horizon', 202, true],
      [1, 'tags per repository (the largest) stay below 102 through the horizon', 101, true],
    ]);
    expect(r.passed).toBe(false);
  });

  test('counts-below without a bound is refused', () => {
    expect(() => run(w, 5, { assertions: [{ kind: 'counts-below' } as AssertionInput] })).toThrow(/must set repositories, tagsPerRepository or manifests/);
  });

  test('text, Markdown, JSON and HTML show the counts, the listing and the warning', async () => {
    const r = await runMonteCarlo(run(w, 101), { workers: 0 });
    const text = renderSimulation(r);
    expect(text).toContain('Repositories, tags and manifests (median)');
    expect(text).toMatch(/ci\s+2 -> 2\s+2 -> 202\s+101\s+2 -> 202\s+5 \(100 a page\)\s+<0\.01 min of 10,000\/min \(Standard, per replica\)/);
    expect(text).toContain('100 entries a page');
    expect(text).toContain('- ci: tags grow from 1 to 101 per repository');
    expect(renderSimulation(r, true)).toContain('| ci | 2 -\\> 2 |');
    const json = JSON.parse(JSON.stringify(r));
    expect(json.registries[0].counts.daily.maxTagsPerRepository.p50[100]).toBe(101);
    const { renderSimulationHtml } = await import('../../lib/report/html/html.js');
    const html = await renderSimulationHtml(r);
    expect(html).toContain('<section id="counts">');
    expect(html).toContain('2 → 202');
    expect(html).toContain('counts grow');
  });
});

describe('mutable tags: tags stay, untagged manifests pile up', () => {
  const w = fixedWorkload({ repos: 1, perDay: 1, layers: 1, changed: 1, layerBytes: 1000, manifestBytes: 10, strategy: 'mutable' });

  test('without retention: a warning naming retention', async () => {
    const r = await runMonteCarlo(run(w, 60), { workers: 0 });
    const c = r.registries[0]!.counts!;
    expect(c.horizon.tags.p50).toBe(1);
    expect(c.horizon.manifests.p50).toBe(60);
    expect(c.warnings).toEqual([expect.stringContaining('untagged manifests grow from about 0 to 59 over 60 days with no retention or purge to bound them; retention 7 days')]);
  });

  test('with retention 7 days: bounded, no warning', async () => {
    const r = await runMonteCarlo(run(w, 60, { registry: { tier: 'Premium', retentionDays: 7 } }), { workers: 0 });
    const c = r.registries[0]!.counts!;
    expect(c.warnings).toEqual([]);
    // Untagged on day d, deleted on day d + 7: 1 tagged plus 7 or 8 untagged.
    expect(c.horizon.manifests.p50).toBeLessThanOrEqual(9);
  });
});
