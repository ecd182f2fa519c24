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
import { billedChart, LAYER, monthlyCostChart, REFERENCE_LINE_MAX_RATIO, renderChart, sampleIndices, slug } from '../../lib/report/html/charts.js';
import { renderReviewHtml, renderSimulationHtml } from '../../lib/report/html/html.js';
import { writeSimulationReport } from '../../lib/workflows/write-report.js';
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
      attributes: [
        { name: 'sku', before: 'Standard', after: 'Premium' },
        { name: 'georeplications', before: [], after: [{ location: 'eastus' }] },
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
  verdict: '1 destructive change, 1 new finding',
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
    const billedRefs = within(g.includedBytes, billedPeak) ? 1 : 0;
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
    const sides = (f.base ? 1 : 0) + (f.head ? 1 : 0);
    if (sides) out.push({ figure: `forecast-${slug(f.address)}`, selector: marks(LAYER.forecast, 'path'), count: sides });
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
  // The only absolute URLs are SVG namespace names, which are never fetched.
  const urls = [...html.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0]);
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
    expect(html).toContain('<p class="verdict fail">1 destructive change, 1 new finding</p>');
    expect(html).toContain('<strong>destructive</strong> <code>stack/legacy</code>');
    expect(html).toContain('<h3>New (1)</h3>');
    expect(html).toContain('<h3>Fixed (1)</h3>');
    expect(html).toContain('legacy &lt;CI&gt;');
    expect(html).toContain('$25.00 → $105.00 (+$80.00)');
    expect(html).toContain('[{&quot;location&quot;:&quot;eastus&quot;}]');
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

describe('HTML report (headless Chromium)', () => {
  let browser: Browser;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'acrkit-html-browser-'));
    // No skip: without a browser this throws and the tests fail.
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
    await context.setOffline(true);
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Opens `html` from a file and checks every expectation, the network and the console. */
  async function open(html: string, name: string, expectations: readonly Expectation[]): Promise<void> {
    const file = join(dir, `${name}.html`);
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const activity = recordActivity(page);
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

    // A4 print layout: 210 mm - 2 x 15 mm = 180 mm = 680 CSS px; nothing wider than the page.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 680, height: 900 });
    const print = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      widest: Math.max(...Array.from(document.querySelectorAll('figure.chart svg')).map((s) => s.getBoundingClientRect().right)),
    }));
    expect(print.scroll).toBeLessThanOrEqual(680);
    expect(print.widest).toBeLessThanOrEqual(680);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1024, height: 900 });

    await page.screenshot({ path: join(outDir, `html-report-${name}.png`), fullPage: true });
    page.removeAllListeners('console');
    page.removeAllListeners('pageerror');
    page.removeAllListeners('request');
    expect(activity.errors).toEqual([]);
    expect(activity.requests).toEqual([url]);
  }

  test('simulation report: charts render with the expected marks, offline, without errors', async () => {
    await open(simHtml, 'simulation', simulationExpectations(simulation(5)));
  });

  test('review report: cost chart and base-vs-head forecasts render', async () => {
    await open(reviewHtml, 'review', reviewExpectations(reviewResult));
  });
});

