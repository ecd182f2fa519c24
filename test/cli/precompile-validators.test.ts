import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { PRECOMPILED, writePrecompiledValidators } from '../../lib/cli/precompile-validators.js';
import { loadPrecompiledValidator, schemaValidator } from '../../lib/input/schema.js';
import { CONFIG_SCHEMA } from '../../lib/policy/config-schema.js';
import { SCENARIO_SCHEMA } from '../../lib/sim/scenario/parse.js';
import partSchema from '../../lib/sim/results/part.schema.json' with { type: 'json' };

const root = new URL('../../', import.meta.url);
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'acrkit-validators-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A scenario from the examples, and broken copies of it (wrong types, unknown keys, a bad discriminated event). */
function scenarios(): unknown[] {
  const good = parseYaml(readFileSync(new URL('examples/fleet/what-if.yaml', root), 'utf8')) as Record<string, unknown>;
  return [
    good,
    { ...good, horizon: 365, surprise: true },
    { ...good, registries: [{ name: 'x', tier: 'Platinum', location: 'mars', replicas: 'eastus' }] },
    { ...good, events: [{ kind: 'region-outage', region: 'westeurope', at: 'tomorrow' }, { kind: 'teleport' }] },
    { ...good, seed: -1, runs: 'many', startDate: 'not-a-date' },
    { horizon: 'P1D', workloads: [{ pushes: { perRepositoryPerDay: '10' }, image: { layers: { dist: 'zipf' } } }] },
  ];
}

describe('precompiled validators (the build writes them to dist/validators)', () => {
  test('writes one module per schema, once, and removes modules of schemas that changed', () => {
    writeFileSync(join(dir, 'stale0123456789abcdef.cjs'), 'module.exports = () => true;');
    const first = writePrecompiledValidators(dir);
    expect(first.sort()).toEqual(Object.values(PRECOMPILED).map((v) => `${v.key}.cjs`).sort());
    expect(readdirSync(dir).sort()).toEqual(first.sort());
    expect(writePrecompiledValidators(dir)).toEqual([]);
  });

  test.each([
    ['scenario', SCENARIO_SCHEMA, { formats: true, discriminator: true }, scenarios],
    ['part', partSchema, {}, () => [{}, { version: 1, kind: 'acrkit-simulation-part', runs: [{ run: 'a' }] }, { scenarioHash: 7, seed: 'x', runIndices: [-1, 1.5] }]],
    ['config', CONFIG_SCHEMA, {}, () => [{}, { suppressions: [{ rule: 'ACR-SEC-001' }] }, { packs: ['security', 'bogus'], unknown: 1 }, { suppressions: [{ rule: 'x', address: 'a', reason: '' }] }]],
  ] as const)('the %s validator precompiled gives the errors ajv compiles', (_name, schema, options, docs) => {
    writePrecompiledValidators(dir);
    const precompiled = schemaValidator(schema, { ...options, precompiledDir: pathToFileURL(`${dir}/`) });
    const compiled = schemaValidator(schema, { ...options, precompiledDir: pathToFileURL(join(dir, 'none/')) });
    // The same schema and options as the one the build wrote, so the module is found.
    expect(Object.values(PRECOMPILED).map((v) => v.key)).toContain(precompiled.key);
    expect(loadPrecompiledValidator(precompiled.key, pathToFileURL(`${dir}/`))).toBeDefined();
    expect(loadPrecompiledValidator(precompiled.key, pathToFileURL(join(dir, 'none/')))).toBeUndefined();
    let errors = 0;
    for (const doc of docs()) {
      const got = precompiled(doc);
      expect(got).toEqual(compiled(doc));
      errors += got.length;
    }
    expect(errors).toBeGreaterThan(3);
  });

  test('on arbitrary documents, the precompiled scenario validator and ajv agree error for error', () => {
    writePrecompiledValidators(dir);
    const options = { formats: true, discriminator: true } as const;
    const precompiled = schemaValidator(SCENARIO_SCHEMA, { ...options, precompiledDir: pathToFileURL(`${dir}/`) });
    const compiled = schemaValidator(SCENARIO_SCHEMA, { ...options, precompiledDir: pathToFileURL(join(dir, 'none/')) });
    const base = scenarios()[0] as Record<string, unknown>;
    const key = fc.constantFrom(...Object.keys(base), 'events', 'variants', 'assertions', 'x');
    const doc = fc.oneof(fc.anything(), fc.dictionary(key, fc.oneof(fc.anything(), fc.constantFrom(...Object.values(base)))).map((d) => ({ ...base, ...d })));
    fc.assert(fc.property(doc, (d) => expect(precompiled(d)).toEqual(compiled(d))), { numRuns: 300, seed: 16 });
  });

  test('npm run build wrote the module of every schema (a run loads it instead of compiling)', () => {
    const built = new URL('dist/validators/', root);
    for (const v of Object.values(PRECOMPILED)) expect(existsSync(new URL(`${v.key}.cjs`, built))).toBe(true);
  });
});
