/// <reference lib="dom" />
/**
 * The HTML report: self-contained markup (string checks), the CLI's `--format html`, and a
 * real headless Chromium that opens the files and checks every chart drew the marks its data
 * calls for, with no console errors and no network request.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { main } from '../../lib/cli/main.js';
import type { CliIO } from '../../lib/cli/io.js';
import type { Finding } from '../../lib/policy/finding.js';
import { billedChart, FORECAST_REFERENCE_MAX_RATIO, LAYER, monthlyCostChart, REFERENCE_LINE_MAX_RATIO, renderChart, sampleIndices, slug } from '../../lib/report/html/charts.js';
import { renderReviewHtml, renderSimulationHtml } from '../../lib/report/html/html.js';
import { writeSimulationReport } from '../../lib/workflows/write-report.js';
import { runReview } from '../../lib/workflows/review.js';
import { simulationDelta } from '../../lib/workflows/review-forecast.js';
import { loadScenario } from '../../lib/workflows/load-scenario.js';
import { runMonteCarlo } from '../../lib/sim/montecarlo.js';
import type { ReviewResult } from '../../lib/review/review-types.js';
import type { OutageSummary, RegistrySummary, SimulationResult } from '../../lib/sim/results/result.js';
import type { SimAssumptions, SimFailover } from '../../lib/sim/scenario/model.js';
import type { SeriesSummary, Summary } from '../../lib/sim/results/stats.js';
import { launchBrowser, recordActivity } from '../support/browser.js';

const GIB = 1024 ** 3;
const root = fileURLToPath(new URL('../../', import.meta.url));
const outDir = join(root, 'test-output');

// ---------------------------------------------------------------------------------------------
// Fixtures: plain data shaped like the simulator's and the review's results.

function summary(p50: number | null, spread = 0.1): Summary {
  return p50 === null
    ? { mean: null, p10: null, p50: null, p90: null, p99: null }
    : { mean: p50, p10: p50 * (1 - spread), p50, p90: p50 * (1 + spread), p99: p50 * (1 + 2 * spread) };
}

function series(days: number, f: (d: number) => number): SeriesSummary {
  const p50 = Array.from({ length: days }, (_, d) => f(d));
  return { mean: p50, p10: p50.map((v) => v * 0.9), p50, p90: p50.map((v) => v * 1.15), p99: p50.map((v) => v * 1.3) };
}

function outage(event: number, region: string, startDay: number, hours: number, availability: Record<string, number>, manifests: number): OutageSummary {
  const start = startDay * 1440 + 600;
  return {
    event,
    kind: event === 0 ? 'region-outage' : 'zone-outage',
    region,
    startMinute: start,
    endMinute: start + hours * 60,
    home: region === 'westeurope',
    availabilityByRegion: Object.fromEntries(Object.entries(availability).map(([k, v]) => [k, summary(v, 0)])),
    exposureManifests: summary(manifests),
    exposureBytes: summary(manifests * 350 * 1024 ** 2),
  };
}

function registry(name: string, o: { tier: RegistrySummary['tier']; days: number; included: number; limit: number; growGiB: number; outages?: OutageSummary[] }): RegistrySummary {
  const { days } = o;
  const m = (v: number | null): Summary => summary(v);
  const months = Math.ceil(days / 30);
  return {
    address: `azurerm_container_registry.${name.replace(/\W/g, '_')}`,
    name,
    tier: o.tier,
    tierAtHorizon: o.tier,
    home: 'westeurope',
    replicas: o.tier === 'Premium' ? ['eastus', 'southeastasia'] : [],
    includedBytes: o.included,
    limitBytes: o.limit,
    metrics: {
      storedBytesAtHorizon: m(o.growGiB * days * GIB),
      maxStoredBytes: m(o.growGiB * days * GIB),
      maxBillableBytes: m(o.growGiB * days * GIB),
      billedBytesAtHorizon: m(o.growGiB * days * GIB),
      totalCostUsd: m(120.5),
      maxMonthlyCostUsd: m(60.25),
      throttledMinutes: m(0),
      throttledRequests: m(0),
      pushes: m(900),
      repositories: m(12),
      retentionDeleted: m(3),
      firstIncludedExceededDay: m(20),
      limitHitDay: m(null),
    },
    limitHitExtrapolated: false,
    monthlyCostUsd: Array.from({ length: months }, (_, i) => summary(20 + 10 * i)),
    availabilityByRegion: { westeurope: summary(0.9995, 0), eastus: summary(1, 0) },
    outages: o.outages ?? [],
    blocked: o.outages?.length ? [{ minute: 40 * 1440 + 660, action: 'config-change', detail: '1', deferredTo: 40 * 1440 + 960 }] : [],
    purge: { runs: 0, blockedRuns: 0, tagsDeleted: m(0), manifestsDeleted: m(0) },
    countViolations: o.tier === 'Basic' ? [{ what: 'webhooks', count: 3, limit: 2, tier: 'Basic', day: 0 }] : [],
    warnings: [`retention ignored on the ${o.tier} tier`],
    daily: {
      taggedBytes: series(days, (d) => o.growGiB * 0.3 * d * GIB),
      untaggedBytes: series(days, (d) => o.growGiB * 0.6 * d * GIB),
      softDeletedBytes: series(days, (d) => o.growGiB * 0.1 * d * GIB),
      billedBytes: series(days, (d) => o.growGiB * d * GIB),
      costUsd: series(days, (d) => 1 + d / 100),
    },
  };
}

/** Two registries: `alpha` (Premium, two outages, limit far above) and one with markup in its name. */
function simulation(runs: number): SimulationResult {
  const days = 90;
  return {
    scenario: 'html fixture',
    file: 'test/fixtures/sim/html.yaml',
    seed: 7,
    runs,
    horizonDays: days,
    assumptions: {} as SimAssumptions,
    failover: {} as SimFailover,
    registries: [
      registry('alpha', {
        tier: 'Premium',
        days,
        included: 500 * GIB,
        limit: 100 * 1024 * GIB,
        growGiB: 2.5,
        outages: [
          outage(0, 'westeurope', 40, 6, { westeurope: 0.9712, eastus: 1, southeastasia: 0.995 }, 3.02),
          outage(1, 'eastus', 75, 2, { eastus: 0.9999, westeurope: 1 }, 0),
        ],
      }),
      registry('beta <b>&"x"', { tier: 'Basic', days, included: 10 * GIB, limit: 40 * GIB, growGiB: 0.3 }),
    ],
    fleet: { maxMonthlyCostUsd: summary(120.5), totalCostUsd: summary(241), storedBytesAtHorizon: summary(250 * GIB) },
    assertions: [
      { index: 0, kind: 'monthly-cost-below', text: 'monthly cost of the fleet below $2000', percentile: 'p90', subject: 'fleet', actual: 132.55, threshold: 2000, passed: true, where: 'html.yaml:12' },
      { index: 1, kind: 'pull-availability-at-least', text: 'pull availability at least 99.900%', percentile: 'p10', subject: 'alpha (westeurope clients)', actual: 0.9985, threshold: 0.999, passed: false, where: 'html.yaml:14' },
    ],
    passed: false,
  };
}

function finding(ruleId: string, address: string, suppressed = false): Finding {
  return {
    ruleId,
    ruleName: 'AdminUserDisabled',
    pack: 'security',
    severity: 'error',
    status: 'non-compliant',
    address,
    message: 'admin_enabled must be false, got true: set admin_enabled = false.',
    location: { file: 'head/main.tf', line: 8 },
    suppressed,
    ...(suppressed ? { reason: 'legacy <CI>', suppression: { kind: 'inSource' as const, origin: 'head/main.tf:7' } } : {}),
  };
}

const reviewResult: ReviewResult = {
  inputs: { base: ['base/cdk.tf.json'], head: ['head/cdk.tf.json'] },
  changes: [
    {
      address: 'stack/prod',
      type: 'azurerm_container_registry',
      action: 'update',
      destructive: false,
      irreversible: false,
      terraformAddress: 'azurerm_container_registry.registry_71CE07F6',
      attributes: [
        { name: 'sku', before: 'Standard', after: 'Premium' },
        {
          name: 'georeplications',
          before: [{ location: 'northeurope', zone_redundancy_enabled: false }, { location: 'westus', zone_redundancy_enabled: false }],
          after: [{ location: 'eastus', zone_redundancy_enabled: true }, { location: 'northeurope', zone_redundancy_enabled: true }],
          items: [
            { op: 'remove', key: 'westus', fields: [] },
            { op: 'add', key: 'eastus', fields: [{ name: 'zone_redundancy_enabled', before: null, after: true }] },
            { op: 'change', key: 'northeurope', fields: [{ name: 'zone_redundancy_enabled', before: false, after: true }] },
          ],
        },
        {
          name: 'encryption',
          before: 'platform-managed',
          after: { key_vault_key_id: 'https://kv-contoso-prod-weu-0001.vault.azure.net/keys/acr-prod-encryption-key-with-a-long-name/0123456789abcdef0123456789abcdef', identity_client_id: '00000000-0000-0000-0000-000000000000' },
        },
      ],
      reasons: [],
    },
    {
      address: 'stack/legacy',
      type: 'azurerm_container_registry',
      action: 'delete',
      destructive: true,
      irreversible: true,
      attributes: [],
      reasons: [{ kind: 'destructive', message: 'deleting the registry deletes every image; export them first.' }],
    },
  ],
  findings: { new: [finding('ACR-SEC-001', 'stack/prod')], fixed: [finding('ACR-SEC-002', 'stack/legacy')], unchanged: [], suppressed: [finding('ACR-SEC-003', 'stack/prod', true)] },
  cost: {
    base: 25,
    head: 105,
    delta: 80,
    unknown: 0,
    registries: [
      { address: 'stack/prod', base: 20, head: 100, delta: 80 },
      { address: 'stack/legacy', base: 5, head: null, delta: -5 },
      { address: 'stack/new', base: null, head: 5, delta: 5 },
    ],
  },
  simulation: {
    scenario: 'examples/fleet/what-if.yaml',
    seed: 42,
    runs: 4,
    horizonDays: 60,
    rows: [
      { address: 'stack/prod', metric: 'stored GiB at horizon (p50)', base: 120.5, head: 80.25 },
      { address: 'stack/prod', metric: 'limit hit day (p50)', base: null, head: null },
    ],
    forecast: [
      { address: 'stack/prod', base: Array.from({ length: 60 }, (_, d) => 2 * d), head: Array.from({ length: 60 }, (_, d) => 1.3 * d) },
      { address: 'stack/new', base: null, head: Array.from({ length: 60 }, (_, d) => 0.5 * d) },
      { address: 'stack/legacy', base: null, head: null },
    ],
  },
  inputErrors: [],
  verdict: 'fail',
  reasons: [
    { kind: 'destructive', count: 1, fails: true, message: '1 change deletes data: change the plan, or accept it with --allow-destroy.' },
    { kind: 'finding', count: 1, fails: true, message: '1 new finding at or above error (--fail-on): fix it, or suppress with a reason.' },
  ],
  summary: '2 changes, 1 destructive, 1 new finding, 1 fixed, cost +$80.00/month.',
  exitCode: 1,
};

// ---------------------------------------------------------------------------------------------
// What each chart must draw, derived from the data passed in (not from the HTML).

/** `selector` (a data-mark group and its element) and how many of them the figure `figure` must have. */
interface Expectation {
  readonly figure: string;
  readonly selector: string;
  readonly count: number;
}

const marks = (layer: string, element: string): string => `g.role-mark.${layer}_marks > ${element}`;

function simulationExpectations(r: SimulationResult): Expectation[] {
  const out: Expectation[] = [];
  for (const g of r.registries) {
    const s = slug(g.name);
    const d = g.daily;
    const components = [d.taggedBytes, d.untaggedBytes, d.softDeletedBytes];
    const peak = Math.max(...d.taggedBytes.p50.map((_, i) => components.reduce((sum, c) => sum + c.p50[i]!, 0)));
    const within = (bytes: number, top: number): boolean => bytes <= top * REFERENCE_LINE_MAX_RATIO;
    const storageRefs = [g.includedBytes, g.limitBytes].filter((b) => within(b, peak)).length;
    const billedPeak = Math.max(...(r.runs > 1 ? d.billedBytes.p90 : d.billedBytes.p50));
    const billedRefs = within(g.billedAllowanceBytes ?? g.includedBytes, billedPeak) ? 1 : 0;
    out.push(
      { figure: `storage-${s}`, selector: marks(LAYER.stored, 'path'), count: components.length },
      { figure: `storage-${s}`, selector: marks(LAYER.reference, 'line'), count: storageRefs },
      { figure: `storage-${s}`, selector: marks(LAYER.referenceLabel, 'text'), count: storageRefs },
      { figure: `billed-${s}`, selector: marks(LAYER.billedBand, 'path'), count: r.runs > 1 ? 1 : 0 },
      { figure: `billed-${s}`, selector: marks(LAYER.billedMedian, 'path'), count: 1 },
      { figure: `billed-${s}`, selector: marks(LAYER.reference, 'line'), count: billedRefs },
      { figure: `cost-${s}`, selector: marks(LAYER.costBar, 'path'), count: g.monthlyCostUsd.length },
      { figure: `cost-${s}`, selector: marks(LAYER.costRange, 'line'), count: r.runs > 1 ? g.monthlyCostUsd.length : 0 },
    );
    if (g.outages.length) {
      const lanes = g.outages.reduce((n, o) => n + Object.keys(o.availabilityByRegion).length, 0);
      out.push(
        { figure: `outages-${s}`, selector: marks(LAYER.outage, 'path'), count: g.outages.length },
        { figure: `outages-${s}`, selector: marks(LAYER.outageLabel, 'text'), count: g.outages.length },
        { figure: `outages-${s}`, selector: marks(LAYER.availability, 'path'), count: lanes },
        { figure: `outages-${s}`, selector: marks(LAYER.availabilityLabel, 'text'), count: lanes },
      );
    }
  }
  return out;
}

function reviewExpectations(r: ReviewResult): Expectation[] {
  const out: Expectation[] = [];
  const costBars = r.cost.registries.reduce((n, c) => n + (c.base === null ? 0 : 1) + (c.head === null ? 0 : 1), 0);
  if (costBars) out.push({ figure: 'review-cost', selector: marks(LAYER.reviewCost, 'path'), count: costBars });
  for (const f of r.simulation?.forecast ?? []) {
    const sides = (['base', 'head'] as const).filter((side) => f[side]);
    if (!sides.length) continue;
    const figure = `forecast-${slug(f.address)}`;
    const days = Math.max(...sides.map((side) => f[side]!.length));
    const peak = Math.max(0, ...(f.base ?? []), ...(f.head ?? []));
    // Included storage and the limit: one rule when both sides share it, else one per side; drawn within 5x of the peak.
    const rules: Array<{ kind: 'included' | 'limit'; sides: readonly string[]; gib: number }> = [];
    for (const kind of ['included', 'limit'] as const) {
      const gib = (side: 'base' | 'head'): number | undefined => (kind === 'included' ? f.storage?.[side]?.includedGiB : f.storage?.[side]?.limitGiB);
      const b = gib('base');
      const h = gib('head');
      if (b !== undefined && b === h) rules.push({ kind, sides: ['base', 'head'], gib: b });
      else for (const [side, v] of [['base', b], ['head', h]] as const) if (v !== undefined) rules.push({ kind, sides: [side], gib: v });
    }
    const drawn = rules.filter((x) => peak > 0 && x.gib <= peak * FORECAST_REFERENCE_MAX_RATIO);
    // A dot where a side first crosses a drawn rule, within the horizon.
    const crossings = sides.reduce((n, side) => {
      const st = f.storage?.[side];
      if (!st) return n;
      const crossed: Array<['included' | 'limit', number | null]> = [['included', st.includedDay], ['limit', st.limitDay]];
      return n + crossed.filter(([kind, day]) => day !== null && day <= days - 1 && drawn.some((x) => x.kind === kind && x.sides.includes(side))).length;
    }, 0);
    // Where the lines part (further apart than 1% or 0.01 GiB): a vertical rule, unless from day 0.
    const differ = (a: number, b: number): boolean => Math.abs(a - b) > Math.max(0.01, 0.01 * Math.max(Math.abs(a), Math.abs(b)));
    const part = f.base && f.head ? f.base.findIndex((v, d) => d < f.head!.length && differ(v, f.head![d]!)) : -1;
    out.push(
      { figure, selector: marks(LAYER.forecast, 'path'), count: sides.length },
      { figure, selector: marks(LAYER.forecastReference, 'line'), count: drawn.length },
      { figure, selector: marks(LAYER.forecastReferenceLabel, 'text'), count: drawn.length },
      { figure, selector: marks(LAYER.forecastCrossing, 'path'), count: crossings },
      { figure, selector: marks(LAYER.forecastCrossingLabel, 'text'), count: crossings },
      { figure, selector: marks(LAYER.forecastPart, 'line'), count: part > 0 ? 1 : 0 },
      { figure, selector: marks(LAYER.forecastPartLabel, 'text'), count: part > 0 ? 1 : 0 },
      // Each line's end labelled where they differ; one `base = head` label where they never part.
      { figure, selector: marks(LAYER.forecastLabel, 'text'), count: sides.length === 2 ? (part === -1 ? 1 : 2) : 0 },
    );
  }
  return out;
}

/** Figures a report must contain: one per distinct expectation figure. */
function figureIds(ex: readonly Expectation[]): string[] {
  return [...new Set(ex.map((e) => e.figure))].sort();
}

// ---------------------------------------------------------------------------------------------

function expectSelfContained(html: string): void {
  expect(html.startsWith('<!doctype html>')).toBe(true);
  expect(html).not.toMatch(/<script\b/i);
  expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
  expect(html).not.toMatch(/\bsrc\s*=/i);
  expect(html).not.toMatch(/@import|@font-face|url\(\s*['"]?(https?:|\/\/)/i);
  // The only absolute URLs in markup are SVG namespace names, which are never fetched (text may name a URL: a key id, a webhook).
  const urls = [...html.matchAll(/<[^>]*?(https?:\/\/[^\s"'<>)]+)/g)].map((m) => m[1]);
  expect(urls.filter((u) => !/^http:\/\/www\.w3\.org\/(2000\/svg|1999\/xlink)$/.test(u))).toEqual([]);
  expect(html).toContain("default-src 'none'");
  expect(html).toContain('@page { size: A4; margin: 15mm; }');
  expect(html).toMatch(/break-inside: avoid/);
}

// Rendered once, checked as markup and in the browser.
let simHtml: string;
let reviewHtml: string;
beforeAll(async () => {
  simHtml = await renderSimulationHtml(simulation(5));
  reviewHtml = await renderReviewHtml(reviewResult);
});

describe('HTML report (markup)', () => {
  test('simulation report is self-contained, escapes text and has every figure with a text alternative', () => {
    const r = simulation(5);
    expectSelfContained(simHtml);
    expect(simHtml).not.toContain('<b>&"x"');
    expect(simHtml).toContain('beta &lt;b&gt;&amp;&quot;x&quot;');
    const figs = [...simHtml.matchAll(/<figure class="chart" id="fig-([^"]+)"/g)].map((m) => m[1]).sort();
    expect(figs).toEqual(figureIds(simulationExpectations(r)));
    for (const id of figs) {
      const block = simHtml.slice(simHtml.indexOf(`id="fig-${id}"`), simHtml.indexOf('</figure>', simHtml.indexOf(`id="fig-${id}"`)));
      expect(block).toMatch(/role="img" aria-label="[^"]{40,}"/);
      expect(block).toContain(`aria-describedby="data-${id}"`);
      expect(block).toMatch(/<figcaption id="cap-[^"]+"><strong>[^<]+\(?.*\)?\.<\/strong>/);
      expect(block).toMatch(/<div class="visually-hidden" id="data-[^"]+">[\s\S]*<table>/);
      expect(block).toMatch(/<svg[^>]*class="marks"/);
    }
    // Units in titles and axes.
    expect(simHtml).toContain('alpha: stored storage (GiB)');
    expect(simHtml).toContain('day of the simulation (days)');
    expect(simHtml).toContain('cost (USD)');
  });

  test('tables: headline figures, assertions pass/fail, findings', () => {
    expect(simHtml).toContain('<caption>Headline figures (p50, with p10-p90 when runs differ)</caption>');
    expect(simHtml).toContain('<caption>1 passed, 1 failed</caption>');
    expect(simHtml.match(/<span class="status pass">PASS<\/span>/g)).toHaveLength(1);
    expect(simHtml.match(/<span class="status fail">FAIL<\/span>/g)).toHaveLength(1);
    expect(simHtml).toContain('1 of 2 assertion checks fail');
    expect(simHtml).toContain('3 webhooks exceed the Basic maximum of 2 (from day 0)');
    expect(simHtml).toContain('retention ignored on the Premium tier');
    expect(simHtml).toContain('deferred to day 40 16:00');
  });

  test('the limit far above the data is left out and the text alternative says so', () => {
    const alpha = simHtml.slice(simHtml.indexOf('id="fig-storage-alpha"'), simHtml.indexOf('</figure>', simHtml.indexOf('id="fig-storage-alpha"')));
    expect(alpha).toMatch(/Not drawn because it is more than 10x the peak of [\d.]+ GiB: limit 100.00 TiB/);
    expect(alpha).toContain('Drawn as labelled horizontal rules: included 500.00 GiB.');
    const beta = simHtml.slice(simHtml.indexOf('id="fig-storage-beta-b-x"'), simHtml.indexOf('</figure>', simHtml.indexOf('id="fig-storage-beta-b-x"')));
    expect(beta).toContain('Drawn as labelled horizontal rules: included 10.00 GiB, limit 40.00 GiB.');
  });

  test('a single run has no percentile band or range, and says so', async () => {
    const g = simulation(1).registries[0]!;
    const billed = await renderChart(billedChart(g, 1));
    const cost = await renderChart(monthlyCostChart(g, 1, 90));
    expect(billed.svg).toContain(`${LAYER.billedMedian}_marks`);
    expect(billed.svg).not.toContain(`${LAYER.billedBand}_marks`);
    expect(cost.svg).not.toContain(`${LAYER.costRange}_marks`);
    expect(billed.alt).toContain('A single run: no percentile band.');
    expect(cost.table.header).toEqual(['Month', 'Cost (USD)']);
    expect(sampleIndices(90)).toHaveLength(13);
    expect(sampleIndices(90)).toEqual(expect.arrayContaining([0, 89]));
  });

  test('review report: verdict, changes, findings, cost and base-vs-head forecast', () => {
    const html = reviewHtml;
    expectSelfContained(html);
    expect(html).toMatch(/<div class="verdict fail"><p><svg class="icon fail"[^>]*>.*?<\/svg> <strong>Fail:<\/strong> 2 changes, 1 destructive, 1 new finding, 1 fixed, cost \+\$80\.00\/month\.<\/p><ul class="reasons">/);
    expect(html).toContain('<title>acrkit plan review: Fail</title>');
    // Lists element by element, marks as text; the logical id as a detail under the construct path.
    expect(html).toContain('<ul class="diff"><li class="remove"><span class="mark" aria-label="removed">-</span>westus</li><li class="add"><span class="mark" aria-label="added">+</span>eastus (zone redundancy on)</li><li class="change"><span class="mark" aria-label="changed">~</span>northeurope: zone redundancy off → on</li></ul>');
    expect(html).toContain('<code>stack/prod</code><span class="detail" title="Terraform address">azurerm_container_registry.registry_71CE07F6</span>');
    // No emoji: a font may lack it.
    expect(html).not.toMatch(/[\u{1F300}-\u{1FAFF}\u2705\u274C\u26D4\u2795]/u);
    expect(html).toContain('<strong>destructive</strong> <code>stack/legacy</code>');
    expect(html).toContain('<h3>New (1)</h3>');
    expect(html).toContain('<h3>Fixed (1)</h3>');
    expect(html).toContain('legacy &lt;CI&gt;');
    expect(html).toContain('$25.00 → $105.00 (+$80.00)');

    const figs = [...html.matchAll(/<figure class="chart" id="fig-([^"]+)"/g)].map((m) => m[1]).sort();
    expect(figs).toEqual(figureIds(reviewExpectations(reviewResult)));
    expect(html).toContain('The registry is absent in base.');
  });

  test('acrkit simulate --format html --out writes the report; writeSimulationReport creates folders', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acrkit-html-'));
    const stdout: string[] = [];
    const stderr: string[] = [];
    const io: CliIO = { out: (t) => stdout.push(t), err: (t) => stderr.push(t), isTTY: false, env: {}, cwd: join(root, 'test/fixtures/sim') };
    const out = join(dir, 'ci/report.html');
    const code = await main(['simulate', '--scenario', 'inline.json', '--runs', '2', '--workers', '0', '--format', 'html', '--out', out], io);
    expect(code).toBe(1); // the fixture's $1 budget fails
    expect(stdout.join('')).toBe('');
    expect(stderr.join('')).toContain(`wrote the HTML report to ${out}`);
    const html = readFileSync(out, 'utf8');
    expectSelfContained(html);
    expect(html).toContain('<h1>acrkit simulate: inline.json</h1>');
    expect(html).toContain('<span class="status fail">FAIL</span>');
    expect(html.match(/<figure class="chart"/g)!.length).toBeGreaterThanOrEqual(3);

    const written = await writeSimulationReport(simulation(2), join(dir, 'nested/deeper/r.html'));
    expect(written).toBe(join(dir, 'nested/deeper/r.html'));
    expect(existsSync(written)).toBe(true);
  });
});

/** What makes a page hard to read: wider than the window, a table cell whose text does not fit, a glyph no font has. */
interface Readability {
  /** The document's width and the window's. */
  readonly width: number;
  readonly window: number;
  /** Table cells (with open details) whose content overflows the cell or the window: their text. */
  readonly clipped: readonly string[];
  /** Cells checked. */
  readonly cells: number;
}

/** Opens every `<details>`, then measures the document and every table cell (but the hidden chart data tables). */
async function readability(page: Page): Promise<Readability> {
  return page.evaluate(() => {
    for (const d of Array.from(document.querySelectorAll('details'))) d.open = true;
    const win = document.documentElement.clientWidth;
    const clipped: string[] = [];
    const cells = Array.from(document.querySelectorAll('td, th')).filter((c) => !c.closest('.visually-hidden'));
    for (const c of cells) {
      const box = c.getBoundingClientRect();
      const text = (c.textContent ?? '').trim();
      if (!text) continue;
      const inside = Array.from(c.querySelectorAll('*')).every((e) => {
        const b = e.getBoundingClientRect();
        return b.width === 0 || (b.left >= box.left - 1 && b.right <= box.right + 1);
      });
      if (c.scrollWidth > c.clientWidth + 1 || box.right > win + 0.5 || box.left < -0.5 || !inside) clipped.push(text.slice(0, 80));
    }
    return { width: document.documentElement.scrollWidth, window: win, clipped, cells: cells.length };
  });
}

/**
 * Characters drawn with no glyph (an empty box): each non-ASCII character of the page (SVG
 * text included) drawn on a canvas in the font its element uses, compared with a code point
 * no font has. `probe` is that the comparison can tell (two such code points draw alike).
 */
async function missingGlyphs(page: Page): Promise<{ missing: string[]; checked: number; probe: boolean }> {
  return page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 48;
    canvas.height = 48;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    const pixels = (ch: string, font: string): string => {
      ctx.clearRect(0, 0, 48, 48);
      ctx.font = `32px ${font}`;
      ctx.fillText(ch, 4, 36);
      return Array.from(ctx.getImageData(0, 0, 48, 48).data).join(',');
    };
    const seen = new Map<string, [string, string]>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const font = getComputedStyle(n.parentElement!).fontFamily;
      for (const ch of (n as Text).data) if (ch.codePointAt(0)! > 0x7e && !/[\s\p{Cf}]/u.test(ch)) seen.set(`${ch}|${font}`, [ch, font]);
    }
    const tofu = new Map<string, string>();
    const missing: string[] = [];
    for (const [ch, font] of seen.values()) {
      if (!tofu.has(font)) tofu.set(font, pixels('\u{10FFFD}', font));
      if (pixels(ch, font) === tofu.get(font)) missing.push(`${ch} U+${ch.codePointAt(0)!.toString(16).toUpperCase()} (${font})`);
    }
    const body = getComputedStyle(document.body).fontFamily;
    return { missing, checked: seen.size, probe: pixels('\u{10FFFC}', body) === pixels('\u{10FFFD}', body) };
  });
}

/** A4 portrait with 15 mm margins: 210 mm - 2 x 15 mm = 180 mm = 680 CSS px. */
const A4_WIDTH = 680;

describe('HTML report (headless Chromium)', () => {
  let browser: Browser;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'acrkit-html-browser-'));
    // No skip: without a browser this throws and the tests fail.
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.setOffline(true);
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  /**
   * Opens `html` from a file and checks every expectation, the network and the console; that
   * at 1280 px and printed on A4 the document is no wider than the page and every table
   * cell's text fits; and that no character lacks a glyph. Saves a full-page screenshot.
   */
  async function open(html: string, name: string, expectations: readonly Expectation[]): Promise<void> {
    const file = join(dir, `${name}.html`);
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const activity = recordActivity(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(url, { waitUntil: 'load' });

    const figures = await page.$$eval('figure.chart', (els) => els.map((e) => e.id.replace(/^fig-/, '')).sort());
    expect(figures).toEqual(figureIds(expectations));
    for (const e of expectations) {
      const found = await page.$$eval(`#fig-${e.figure} svg ${e.selector}`, (els) => els.length);
      expect({ figure: e.figure, selector: e.selector, count: found }).toEqual(e);
    }
    // Every chart drew something visible, within its figure's width.
    const boxes = await page.$$eval('figure.chart', (els) =>
      els.map((f) => {
        const svg = f.querySelector('svg')!.getBoundingClientRect();
        const marks = Array.from(f.querySelectorAll('g.role-mark')).map((g) => (g as SVGGElement).getBBox());
        return { id: f.id, w: svg.width, h: svg.height, fig: f.getBoundingClientRect().width, drawn: marks.some((b) => b.width > 0 && b.height > 0) };
      }),
    );
    for (const b of boxes) {
      expect(b.w).toBeGreaterThan(100);
      expect(b.h).toBeGreaterThan(50);
      expect(b.w).toBeLessThanOrEqual(b.fig + 0.5);
      expect(b.drawn).toBe(true);
    }
    // Every chart has an accessible name from its text alternative.
    const names = await page.$$eval('figure.chart [role="img"]', (els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    expect(names.every((n) => n.length > 40)).toBe(true);

    // A 1280-pixel window: nothing wider than it, every cell's text visible, every glyph drawn.
    const screen = await readability(page);
    expect(screen.cells).toBeGreaterThan(10);
    expect(screen.width).toBeLessThanOrEqual(screen.window);
    expect(screen.clipped).toEqual([]);
    const glyphs = await missingGlyphs(page);
    expect(glyphs.probe).toBe(true);
    expect(glyphs.checked).toBeGreaterThan(0);
    expect(glyphs.missing).toEqual([]);
    await page.screenshot({ path: join(outDir, `html-report-${name}.png`), fullPage: true });

    // A4 print layout: nothing wider than the page, every cell's text visible.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: A4_WIDTH, height: 900 });
    const print = await readability(page);
    const widest = await page.evaluate(() => Math.max(...Array.from(document.querySelectorAll('figure.chart svg')).map((s) => s.getBoundingClientRect().right)));
    expect(print.width).toBeLessThanOrEqual(A4_WIDTH);
    expect(widest).toBeLessThanOrEqual(A4_WIDTH);
    expect(print.clipped).toEqual([]);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1280, height: 900 });

    page.removeAllListeners('console');
    page.removeAllListeners('pageerror');
    page.removeAllListeners('request');
    expect(activity.errors).toEqual([]);
    expect(activity.requests).toEqual([url]);
  }

  /** Screenshots the page from its top to the bottom of `until`, cropped to the body's width (the pictures docs/review.md shows). */
  async function shoot(file: string, until: string): Promise<void> {
    const { left, width, bottom } = await page.evaluate((sel) => {
      const body = document.body.getBoundingClientRect();
      return { left: body.left, width: body.width, bottom: document.querySelector(sel)!.getBoundingClientRect().bottom + window.scrollY };
    }, until);
    await page.screenshot({ path: join(outDir, file), fullPage: true, clip: { x: Math.max(0, left - 8), y: 0, width: width + 16, height: Math.ceil(bottom) + 12 } });
  }

  test('simulation report: charts render with the expected marks, offline, without errors; readable at 1280 px and on A4', async () => {
    await open(simHtml, 'simulation', simulationExpectations(simulation(5)));
  });

  test('simulation of a cdktf app (the review fixture\'s head, a West Europe outage): readable at 1280 px and on A4', async () => {
    const cwd = join(root, 'test/fixtures/review');
    const r = await runMonteCarlo(await loadScenario('replicas/scenario.yaml', { cwd, inputs: ['replicas/head'] }), { workers: 0 });
    await open(await renderSimulationHtml(r), 'simulation-replicas', simulationExpectations(r));
    // docs/images/simulation-page.png: headline, figures, assertions and the first registry's storage chart.
    await shoot('simulation-page.png', '[id^="fig-storage-"]');
  });

  test('review report: cost chart and base-vs-head forecasts render; readable at 1280 px and on A4', async () => {
    await open(reviewHtml, 'review', reviewExpectations(reviewResult));
  });

  test('review of a cdktf app (replicas added, removed and changed; dev moved to Basic) with its forecast: readable at 1280 px and on A4', async () => {
    const cwd = join(root, 'test/fixtures/review');
    const r = await runReview({ base: ['replicas/base'], head: ['replicas/head'] }, { cwd, simulate: (base, head) => simulationDelta('replicas/scenario.yaml', base, head, { cwd, workers: 0 }) });
    const html = await renderReviewHtml(r);
    const ex = reviewExpectations(r);
    // Dev on Basic goes over its 10 GiB long before Standard's 100 GiB: both rules drawn, head's crossing marked.
    expect(ex).toContainEqual({ figure: 'forecast-contoso-dev-registry-registry', selector: marks(LAYER.forecastReference, 'line'), count: 2 });
    expect(ex.find((e) => e.figure === 'forecast-contoso-dev-registry-registry' && e.selector === marks(LAYER.forecastCrossing, 'path'))!.count).toBeGreaterThanOrEqual(1);
    await open(html, 'review-replicas', ex);
    expect(html).toContain('<p class="forecast-note">Head goes over its included storage (10 GiB) on day ');
    // docs/images/review-page.png: the verdict, the changes and their attributes (lists element by element);
    // docs/images/review-forecast.png: dev's forecast, Basic's 10 GiB against Standard's 100 GiB.
    await page.goto(pathToFileURL(join(dir, 'review-replicas.html')).href, { waitUntil: 'load' });
    await shoot('review-page.png', '#changes > table.attributes:last-of-type');
    const top = await page.evaluate(() => document.querySelector('#fig-forecast-contoso-dev-registry-registry')!.getBoundingClientRect().top + window.scrollY);
    const bottom = await page.evaluate(() => document.querySelector('#fig-forecast-contoso-dev-registry-registry + p.forecast-note')!.getBoundingClientRect().bottom + window.scrollY);
    const body = await page.evaluate(() => document.body.getBoundingClientRect());
    await page.screenshot({ path: join(outDir, 'review-forecast.png'), fullPage: true, clip: { x: body.left - 8, y: top - 8, width: body.width + 16, height: bottom - top + 20 } });
  });
});
