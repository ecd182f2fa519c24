/**
 * The example that answers issue 15's question in one scenario: "we hold X today (az exports),
 * builds triple at day 90, retention 7 vs 30". Run through the CLI as a capacity planner would,
 * with fewer runs: the comparison table, the chart per metric and the recommendation line.
 */
import { readFileSync } from 'node:fs';
import { comparisonCharts } from '../../lib/report/simulation/comparison-html.js';
import { renderComparisonAs } from '../../lib/report/simulation/comparison-formats.js';
import { compareScenarioVariants } from '../../lib/workflows/variants.js';
import { distributionMean } from '../../lib/sim/scenario/bounds.js';
import { scenarioFromText } from '../../lib/sim/scenario/resolve.js';
import { runCli } from '../support/cli.js';

const SCENARIO = 'examples/what-if-today/what-if.yaml';
const ARGS = ['simulate', '--scenario', SCENARIO, '--runs', '3', '--workers', '0'];

/** Bytes the exports hold on day 0 under retention of `days`, by hand: imageSize x Size / sum of imageSize. */
function keptOnDay0(days: number): number {
  const dir = 'examples/what-if-today/exports/';
  const usage = JSON.parse(readFileSync(`${dir}usage.json`, 'utf8')) as { value: Array<{ name: string; currentValue: number }> };
  const size = usage.value.find((u) => u.name === 'Size')!.currentValue;
  const repos = JSON.parse(readFileSync(`${dir}repositories.json`, 'utf8')) as string[];
  const manifests = repos.flatMap((r) => JSON.parse(readFileSync(`${dir}manifests-${r.replace('/', '-')}.json`, 'utf8')) as Array<{ imageSize: number; lastUpdateTime: string; tags?: string[] }>);
  const total = manifests.reduce((s, m) => s + m.imageSize, 0);
  const day0 = Date.parse('2026-12-01T00:00:00Z');
  const kept = manifests.filter((m) => (m.tags?.length ?? 0) > 0 || Math.floor((day0 - Date.parse(m.lastUpdateTime)) / 86_400_000) < days);
  return (kept.reduce((s, m) => s + m.imageSize, 0) * size) / total;
}

/**
 * Bytes day 0's pushes are expected to add, from the means of the example's workload (the
 * small-team preset's image, 4 repositories x 50 pushes a day, weighted for day 0's weekday):
 * each repository's first push uploads a whole image, every push after it its changed layers.
 */
function day0PushedBytes(): number {
  const sc = scenarioFromText(
    'start: 2026-12-01\nhorizon: P1D\nregistries: [{ name: today, location: westeurope, tier: Premium }]\n' +
      'workloads: [{ preset: small-team, repositories: { initial: 4, growthPerMonth: 0 }, pushes: { perRepositoryPerDay: 50 } }]\n',
  );
  const w = sc.registries[0]!.workload!;
  const img = w.image;
  const layer = distributionMean(img.layerSize) * distributionMean(img.repositoryScale);
  const baseLayer = distributionMean(img.baseLayers.layerSize);
  const base = distributionMean(img.baseLayers.perImage);
  const image = (distributionMean(img.layers) - base) * layer + base * baseLayer + img.manifestBytes;
  const repos = w.repositories.initial;
  const pushes = repos * w.pushes.perRepositoryPerDay * w.pushes.weekly[sc.startWeekday]!;
  const changed = distributionMean(img.changedLayersPerPush) * Math.max(layer, baseLayer) + img.manifestBytes;
  return repos * image + Math.max(0, pushes - repos) * changed;
}

interface Comparison {
  kind: string;
  baseline: string;
  variants: Array<{
    name: string;
    passed: boolean;
    sameDraws: boolean;
    metrics: { storedBytesAtHorizon: { p50: number }; firstIncludedExceededDay: { p50: number | null } };
    deltas: { totalCostUsd: { p50: number } } | null;
    daily: { storedBytes: number[] };
  }>;
  recommendation: { variant: string | null; text: string };
}

test('today (imported), x3 at day 90, retention 30 vs 7: retention 30 goes over the included storage after day 90, 7 never does and is recommended', async () => {
  const r = await runCli([...ARGS, '--format', 'json']);
  expect(r.stderr).not.toContain('internal error');
  expect(r.code).toBe(0);
  const c = JSON.parse(r.stdout) as Comparison;
  expect(c.kind).toBe('variant-comparison');
  expect(c.variants.map((v) => v.name)).toEqual(['retention 30 days', 'retention 7 days']);
  const [r30, r7] = c.variants;
  // Common random numbers: both variants push the same images.
  expect(c.variants.every((v) => v.sameDraws)).toBe(true);
  // Day 0 is the imported registry: show-usage's Size shared over the manifests, less the
  // untagged ones 30 days old or more (retention 30 deletes them at once), plus day 0's pushes
  // (at most 3 times their expected bytes).
  const kept = keptOnDay0(30);
  expect(r30!.daily.storedBytes[0]!).toBeGreaterThan(kept);
  expect(r30!.daily.storedBytes[0]!).toBeLessThan(kept + 3 * day0PushedBytes());
  // Retention 30 crosses the 500 GiB included in Premium after the builds triple (day 90), retention 7 never does.
  expect(r30!.metrics.firstIncludedExceededDay.p50).toBeGreaterThan(90);
  expect(r30!.metrics.firstIncludedExceededDay.p50).toBeLessThan(365);
  expect(r7!.metrics.firstIncludedExceededDay.p50).toBeNull();
  expect(r7!.metrics.storedBytesAtHorizon.p50).toBeLessThan(r30!.metrics.storedBytesAtHorizon.p50 / 2);
  expect(r7!.deltas!.totalCostUsd.p50).toBeLessThan(0);
  expect([r30!.passed, r7!.passed]).toEqual([false, true]);
  expect(c.recommendation.variant).toBe('retention 7 days');
});

test('the Markdown and HTML comparisons have the table, the paired differences, a chart per metric and the recommendation', async () => {
  const c = await compareScenarioVariants(SCENARIO, { runs: 3, workers: 0 });
  const md = await renderComparisonAs(c, 'markdown');
  expect(md).toMatch(/^\| retention 30 days \(baseline\) \|/m);
  expect(md).toMatch(/^\| retention 7 days \| retentionDays 7 \| /m);
  expect(md).toContain('Paired difference from retention 30 days');
  expect(md).toMatch(/Recommended: retention 7 days, the cheapest variant that passes every assertion/);
  const html = await renderComparisonAs(c, 'html');
  expect(html).toContain('Recommended: retention 7 days');
  // One chart per daily metric, each with a line per variant.
  for (const chart of comparisonCharts(c).filter((d) => /daily|stored|billed|cost/i.test(d.id))) {
    expect(JSON.stringify(chart)).toContain('retention 30 days');
    expect(JSON.stringify(chart)).toContain('retention 7 days');
  }
  expect(comparisonCharts(c).length).toBeGreaterThanOrEqual(3);
});
