/**
 * Fuzz: scenario YAML, mutated from a seed written for this test, both as a tree (dumped to
 * YAML) and as text (anchors, aliases, tags, broken indentation), through `simulate`
 * (one run, in process), and with its numbers set to edge values. Properties: exit 0, 1 or 2
 * (never 70: counts are bounded by lib/sim/scenario/bounds.ts); well-formed Markdown; no NaN or
 * Infinity in a report.
 */
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runCli } from '../support/cli.js';
import { expectNoProblem, FUZZ_TIMEOUT_MS, fuzzParams, jsonMutations, mutateJson, mutateText, runProblem, textMutations } from './fuzz.js';

const SEED = {
  name: 'fuzz what-if',
  horizon: 'P3D',
  seed: 7,
  runs: 1,
  registries: [
    { name: 'contosoprod', tier: 'Premium', location: 'westeurope', replicas: ['northeurope'], retentionDays: 7 },
    { name: 'contosodev', tier: 'Basic', location: 'eastus' },
  ],
  workloads: [
    { registry: 'contosoprod', preset: 'ci-heavy', repositories: { initial: 5, growthPerMonth: 1 }, pushes: { perRepositoryPerDay: 2, byRegion: { westeurope: 0.8, northeurope: 0.2 } }, pulls: { perDay: 500, byRegion: { westeurope: 0.5, northeurope: 0.5 } } },
    { registry: 'contosodev', preset: 'small-team' },
  ],
  events: [
    { kind: 'region-outage', region: 'westeurope', at: 'P1DT10H', duration: 'PT6H' },
    { kind: 'config-change', registry: 'contosoprod', at: 'P2D', set: { retentionDays: 14 } },
  ],
  assertions: [
    { kind: 'monthly-cost-below', usd: 2000 },
    { kind: 'pull-availability-at-least', registry: 'contosoprod', value: 0.99 },
    { kind: 'storage-below', of: 'limit' },
  ],
};
const SEED_YAML = `# fuzz seed
name: &n fuzz what-if
description: *n
horizon: P3D
seed: 7
runs: 1
registries:
  - name: contosoprod
    tier: Premium
    location: westeurope
    replicas: [northeurope]
workloads:
  - registry: contosoprod
    preset: ci-heavy
    pulls:
      perDay: 500
      byRegion: { westeurope: 1 }
assertions:
  - kind: monthly-cost-below
    usd: 2000
`;

const dir = mkdtempSync(join(tmpdir(), 'acrkit-fuzz-scenario-'));
let n = 0;

test.each([['tree'], ['text']])('the %s seed simulates', async (kind) => {
  writeFileSync(join(dir, 'seed.yaml'), kind === 'tree' ? stringify(SEED) : SEED_YAML);
  const r = await runCli(['simulate', '--scenario', 'seed.yaml', '--workers', '0', '--format', 'json'], { cwd: dir });
  expect(r.stderr).toBe('');
  expect([0, 1]).toContain(r.code);
});

/**
 * Simulates `yaml` (written to `file`) in `format` and fails on a problem: an exit code other
 * than 0/1/2 (counts are bounded by the catalog and the cost model, lib/sim/scenario/bounds.ts,
 * so never 70), broken Markdown, or a non-finite figure (NaN, Infinity) in the output.
 */
async function simulateChecked(yaml: string, file: string, format: string): Promise<void> {
  writeFileSync(join(dir, file), yaml);
  const r = await runCli(['simulate', '--scenario', file, '--workers', '0', '--runs', '1', '--format', format], { cwd: dir });
  expectNoProblem(runProblem(r, { markdown: format === 'markdown', secrets: [] }), yaml);
  if (r.code !== 2) expectNoProblem(/\bNaN\b|\bInfinity\b/.test(r.stdout) ? `output must hold finite figures, got NaN or Infinity: ${r.stdout.slice(0, 300)}` : undefined, yaml);
}

test(
  'mutated scenarios: exit 0/1/2, well-formed Markdown',
  async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), jsonMutations, textMutations, fc.constantFrom('text', 'json', 'markdown'), async (asTree, tree, text, format) => {
        const yaml = asTree ? stringify(mutateJson(SEED, tree)) : mutateText(SEED_YAML, text);
        await simulateChecked(yaml, `s${n++}.yaml`, format);
      }),
      fuzzParams(),
    );
  },
  FUZZ_TIMEOUT_MS,
);

/** A seed with every workload figure written out, for the numeric property below. */
const FULL = {
  horizon: 'P3D',
  runs: 1,
  registries: [{ name: 'contosoprod', tier: 'Premium', location: 'westeurope', replicas: ['northeurope'], webhooks: 2, tokens: 3, scopeMaps: 1, cacheRules: 1 }],
  assumptions: { taskVcpus: 2 },
  workloads: [
    {
      preset: 'ci-heavy',
      repositories: { initial: 20, growthPerMonth: 3 },
      pushes: { perRepositoryPerDay: 2, weekly: [1, 1, 1, 1, 1, 0.5, 0.5], peakToMean: 3, byRegion: { westeurope: 0.75, northeurope: 0.25 } },
      image: {
        layers: { kind: 'lognormal', median: 8, p90: 14 },
        layerSize: { kind: 'lognormal', median: 3_000_000, p90: 40_000_000 },
        manifestSize: 4096,
        changedLayersPerPush: { kind: 'uniform', min: 1, max: 3 },
        repositoryScale: { kind: 'lognormal', median: 1, p90: 4 },
        baseLayers: { perImage: { kind: 'fixed', value: 3 }, pool: 20, zipf: 1.1, layerSize: { kind: 'uniform', min: 1_000_000, max: 50_000_000 } },
      },
      tags: { strategy: 'mutable', perRepository: 2 },
      pulls: { perDay: 1000, peakToMean: 3, weekly: [1, 1, 1, 1, 1, 1, 1], requestsPerPull: 12 },
      peak: { minutes: 120, start: 'PT9H' },
      cleanup: [{ filter: '.*:.*', ago: 'P1D', keep: 1, untagged: true, runSeconds: 60 }],
    },
  ],
  events: [{ kind: 'region-outage', region: 'westeurope', at: 'P1D', duration: 'PT6H' }],
  assertions: [{ kind: 'exposure-at-most', bytes: 1_000_000, manifests: 3 }],
};

/** Numeric leaves of {@link FULL}, as paths. */
function numberPaths(v: unknown, at: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  if (typeof v === 'number') out.push(at);
  else if (Array.isArray(v)) v.forEach((x, i) => numberPaths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) numberPaths(x, [...at, k], out);
  return out;
}
const NUMBER_PATHS = numberPaths(FULL);

/** Edge numbers: zero, denormals, the maxima and one above, 32-bit edges, huge. */
const edgeNumber = fc.oneof(
  fc.constantFrom(0, 5e-324, 1e-300, 1e-9, 0.5, 1, 2, 120, 121, 123, 500, 1000, 1001, 1440, 1441, 50_000, 100_000, 1e9, 2 ** 31, 2 ** 53, 1e300, -1),
  fc.double({ min: 0, max: 1e6, noNaN: true }),
  fc.integer({ min: 0, max: 200 }),
);

test(
  'numbers at their edges: exit 0/1/2, finite figures',
  async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(), edgeNumber), { minLength: 1, maxLength: 3 }), fc.constantFrom('text', 'markdown'), async (edits, format) => {
        const doc = structuredClone(FULL) as unknown as Record<string, unknown>;
        for (const [i, value] of edits) {
          const path = NUMBER_PATHS[i % NUMBER_PATHS.length]!;
          const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((x, k) => x[k] as Record<string | number, unknown>, doc);
          parent[path[path.length - 1]!] = value;
        }
        const yaml = stringify(doc);
        await simulateChecked(yaml, `e${n++}.yaml`, format);
      }),
      fuzzParams(),
    );
  },
  FUZZ_TIMEOUT_MS,
);
