import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { InputErrors } from '../../lib/errors.js';
import { loadScenario } from '../../lib/workflows/load-scenario.js';
import { scenarioFromText } from '../../lib/sim/scenario/resolve.js';
import { parseDurationMinutes, parseSize } from '../../lib/sim/scenario/duration.js';
import { SCENARIO_SCHEMA } from '../../lib/sim/scenario/parse.js';

const fixtures = fileURLToPath(new URL('../fixtures/sim/', import.meta.url));

async function errorsOf(file: string): Promise<InputErrors> {
  try {
    await loadScenario(file, { cwd: fixtures });
  } catch (e) {
    if (e instanceof InputErrors) return e;
    throw e;
  }
  throw new Error('expected InputErrors');
}

describe('scenario validation', () => {
  test('a YAML file with bad fields gives file:line, pointer, rule and value, all at once', async () => {
    const e = await errorsOf('bad-field.yaml');
    const lines = e.errors.map((x) => `${x.location.file}:${x.location.line}#${x.location.pointer} ${x.reason}`);
    expect(lines).toEqual([
      "bad-field.yaml:9#/workloads/0/pushes/perRepoPerDay /workloads/0/pushes has no field 'perRepoPerDay' (rule additionalProperties), got 3: remove it or use one of perRepositoryPerDay, weekly, arrival, peakToMean, byRegion.",
      "bad-field.yaml:13#/events/0/at /events/0/at must match the expected format (rule pattern), got \"3 days\": write an ISO-8601 duration such as P365D, PT6H or P1M (30 days).",
      'bad-field.yaml:17#/assertions/0/usd /assertions/0/usd must be >= 0 (rule minimum), got -5: use a value >= 0.',
    ]);
  });

  test('checks beyond the schema: registry references, regions, shares', async () => {
    const e = await errorsOf('semantic.yaml');
    const reasons = e.errors.map((x) => `${x.location.line} ${x.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^8 \/workloads\/0\/pulls\/byRegion\/westeuropa must be an Azure public region, got "westeuropa": use 'westeurope'/),
        expect.stringMatching(/^8 \/workloads\/0\/pulls\/byRegion shares must sum to 1, got 0.7/),
        expect.stringMatching(/^6 \/workloads\/0\/registry must name a registry of the scenario, got "staging": use one of 'prod' or '\*'\.$/),
      ]),
    );
    expect(e.errors).toHaveLength(3);
  });

  test('JSON scenarios load with inline registries through normalizeSpec', async () => {
    const sc = await loadScenario('inline.json', { cwd: fixtures, runs: 5 });
    expect(sc.runs).toBe(5);
    expect(sc.seed).toBe(3);
    expect(sc.registries[0]).toMatchObject({ name: 'prod', address: 'inline.prod', tier: 'Premium', location: 'westeurope', replicas: [{ location: 'eastus', globalRouting: true }] });
    expect(sc.registries[0]!.workload?.preset).toBe('small-team');
  });

  test('a preset can be overridden field by field', () => {
    const sc = scenarioFromText(
      'horizon: P1D\nregistries: [{name: r, location: westeurope}]\nworkloads:\n  - preset: ci-heavy\n    pushes: {perRepositoryPerDay: 1}\n',
    );
    const w = sc.registries[0]!.workload!;
    expect(w.pushes.perRepositoryPerDay).toBe(1);
    expect(w.tags.strategy).toBe('unique');
    expect(w.cleanup[0]).toMatchObject({ repoPattern: '.*', tagPattern: 'build-.*', agoMinutes: 30 * 1440, keep: 20, untagged: true });
  });

  test('the shipped JSON Schema is the one the validator uses', () => {
    const file = JSON.parse(readFileSync(new URL('../../lib/sim/scenario/scenario.schema.json', import.meta.url), 'utf8')) as object;
    expect(SCENARIO_SCHEMA).toEqual(file);
  });
});

describe('units', () => {
  test.each([
    ['P365D', 365 * 1440],
    ['PT6H', 360],
    ['P1M', 30 * 1440],
    ['P1Y', 365 * 1440],
    ['P1DT1H30M', 1440 + 90],
    ['PT10S', 10 / 60],
    ['1D', undefined],
    ['P', undefined],
  ])('duration %s', (text, minutes) => expect(parseDurationMinutes(text)).toBe(minutes));

  test.each([
    ['17 MB', 17e6],
    ['4 MiB', 4 * 1024 ** 2],
    [1234, 1234],
    ['4 mb', undefined],
  ] as const)('size %s', (v, bytes) => expect(parseSize(v)).toBe(bytes));
});
