/**
 * Fuzz: scenario YAML, mutated from a seed written for this test, both as a tree (dumped to
 * YAML) and as text (anchors, aliases, tags, broken indentation), through `simulate`
 * (one run, in process). Properties: exit 0, 1 or 2; well-formed Markdown.
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

/**
 * Open item of issue 17 ("memory and time bounded by the input's meaning"): a count so large the
 * simulator cannot allocate its arrays (e.g. `pushes.perRepositoryPerDay: 920902874`) exits 70.
 * It needs schema maxima from a cost model; until then such cases are counted and reported here
 * rather than failed. FUZZ_STRICT=1 fails on them.
 */
const KNOWN_OPEN = /RangeError: (Invalid typed array length|Array buffer allocation failed|Invalid array length)/;
let knownOpen = 0;

afterAll(() => {
  if (knownOpen) console.warn(`scenario fuzz: ${knownOpen} case(s) hit the open unbounded-count item (exit 70 on allocation); set FUZZ_STRICT=1 to fail on them.`);
});

test.each([['tree'], ['text']])('the %s seed simulates', async (kind) => {
  writeFileSync(join(dir, 'seed.yaml'), kind === 'tree' ? stringify(SEED) : SEED_YAML);
  const r = await runCli(['simulate', '--scenario', 'seed.yaml', '--workers', '0', '--format', 'json'], { cwd: dir });
  expect(r.stderr).toBe('');
  expect([0, 1]).toContain(r.code);
});

test(
  'mutated scenarios: exit 0/1/2, well-formed Markdown',
  async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), jsonMutations, textMutations, fc.constantFrom('text', 'json', 'markdown'), async (asTree, tree, text, format) => {
        const yaml = asTree ? stringify(mutateJson(SEED, tree)) : mutateText(SEED_YAML, text);
        const file = `s${n++}.yaml`;
        writeFileSync(join(dir, file), yaml);
        const r = await runCli(['simulate', '--scenario', file, '--workers', '0', '--runs', '1', '--format', format], { cwd: dir });
        if (r.code === 70 && KNOWN_OPEN.test(r.stderr) && !process.env.FUZZ_STRICT) {
          knownOpen++;
          return;
        }
        expectNoProblem(runProblem(r, { markdown: format === 'markdown', secrets: [] }), yaml);
      }),
      fuzzParams(),
    );
  },
  FUZZ_TIMEOUT_MS,
);
