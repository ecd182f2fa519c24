import fc from 'fast-check';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../lib/cli/main.js';
import type { CliIO } from '../../lib/cli/io.js';
import { aggregate, simulateRuns } from '../../lib/sim/montecarlo.js';
import { partialJsonParts, shardRunIndices, toPartial, type PartialResult } from '../../lib/sim/results/partial.js';
import { assertBinaryPartFits, partialBinaryParts } from '../../lib/sim/results/part-binary.js';
import type { ResolvedScenario } from '../../lib/sim/scenario/model.js';
import { parseScenario } from '../../lib/sim/scenario/parse.js';
import { inlineSpec, resolveScenarioDocument } from '../../lib/sim/scenario/resolve.js';
import { renderSimulationAs } from '../../lib/report/simulation/formats.js';
import { loadScenario } from '../../lib/workflows/load-scenario.js';
import { mergeParts } from '../../lib/workflows/shards.js';
import { DEFAULT_WHAT_IF } from '../../lib/workflows/what-if.js';
import { ACRKIT_VERSION } from '../../lib/version.js';

const fixtures = fileURLToPath(new URL('../fixtures/sim/', import.meta.url));
const RUNS = 8;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'acrkit-shards-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The fleet what-if example with the fleet's registries inline (as test/sim/what-if.test.ts), as
 * written but for 4 runs (one a shard) and a horizon of 210 days (its outage and configuration
 * change fall on day 200), to keep the suite fast.
 */
function fleetWhatIf(): ResolvedScenario {
  const doc = parseScenario(readFileSync(DEFAULT_WHAT_IF, 'utf8'), 'examples/fleet/what-if.yaml');
  const specs = [
    inlineSpec({ name: 'acrkitfleetdev', location: 'westeurope', tier: 'Basic' }),
    inlineSpec({ name: 'acrkitfleetstaging', location: 'westeurope', tier: 'Standard' }),
    inlineSpec({ name: 'acrkitfleetprod', location: 'westeurope', tier: 'Premium', replicas: ['eastus', 'southeastasia'], retentionDays: 7 }),
  ];
  return resolveScenarioDocument({ ...doc, input: { ...doc.input, horizon: 'P210D', registries: [] } }, specs, { runs: 4 });
}

/** Writes the parts of `sc` split into `n` shards, binary or JSON as the CLI writes them; returns their paths. */
async function writeParts(sc: ResolvedScenario, name: string, n: number, format: 'binary' | 'json' = 'json'): Promise<string[]> {
  const paths: string[] = [];
  for (let i = 1; i <= n; i++) {
    const shard = { index: i, count: n };
    const results = await simulateRuns(sc, { workers: 0, runIndices: shardRunIndices(sc.runs, shard) });
    const path = join(dir, `${name}-${i}.${format === 'json' ? 'json' : 'part'}`);
    const pieces = format === 'json' ? [...partialJsonParts(sc, shard, results, ACRKIT_VERSION)] : [...partialBinaryParts(sc, shard, results, ACRKIT_VERSION)];
    writeFileSync(path, Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))));
    paths.push(path);
  }
  return paths;
}

async function expectInputError(paths: string[], message: RegExp): Promise<void> {
  await expect(mergeParts(paths, { cwd: dir })).rejects.toMatchObject({ name: 'InputErrors', message });
}

describe('shards', () => {
  test('shard i/n holds the runs r with r % n === i - 1', () => {
    expect(shardRunIndices(8, { index: 1, count: 4 })).toEqual([0, 4]);
    expect(shardRunIndices(8, { index: 4, count: 4 })).toEqual([3, 7]);
    expect(shardRunIndices(2, { index: 3, count: 4 })).toEqual([]);
  });

  const scenarios: Array<[string, () => Promise<ResolvedScenario>]> = [
    ['examples/fleet/what-if.yaml (inline registries)', async () => fleetWhatIf()],
    ['inline.json', () => loadScenario('inline.json', { cwd: fixtures, runs: RUNS })],
    ['from-file.yaml', () => loadScenario('from-file.yaml', { cwd: fixtures, runs: RUNS })],
  ];
  test.each(scenarios)('%s: 4 shards + merge give the JSON of one process, byte for byte, from binary and from JSON parts', async (name, load) => {
    const sc = await load();
    const one = await renderSimulationAs(aggregate(sc, await simulateRuns(sc, { workers: 0 })), 'json');
    for (const format of ['binary', 'json'] as const) {
      const parts = await writeParts(sc, name.replace(/\W+/g, '_'), 4, format);
      const merged = await mergeParts([...parts].reverse(), { cwd: dir });
      expect(await renderSimulationAs(merged, 'json')).toBe(one);
    }
  });

  test('a part is written in pieces, one run each, that make the text JSON.stringify makes', async () => {
    const sc = fleetWhatIf();
    const shard = { index: 2, count: 3 };
    const results = await simulateRuns(sc, { workers: 0, runIndices: shardRunIndices(sc.runs, shard) });
    const pieces = [...partialJsonParts(sc, shard, results, ACRKIT_VERSION)];
    expect(pieces).toHaveLength(results.length + 2);
    expect(pieces.join('')).toBe(JSON.stringify(toPartial(sc, shard, results, ACRKIT_VERSION)));
    const none = [...partialJsonParts(sc, { index: 4, count: 4 }, [], ACRKIT_VERSION)].join('');
    expect(none).toBe(JSON.stringify(toPartial(sc, { index: 4, count: 4 }, [], ACRKIT_VERSION)));
  });

  test('a part larger than simulate merge reads is refused, naming the shard count that fits', async () => {
    const sc = fleetWhatIf();
    const shard = { index: 1, count: 1 };
    const results = await simulateRuns(sc, { workers: 0 });
    const size = [...partialJsonParts(sc, shard, results, ACRKIT_VERSION)].join('').length;
    const head = JSON.stringify(toPartial(sc, shard, [], ACRKIT_VERSION)).length;
    // Room for about two and a half runs: the 4 runs need 2 shards.
    const maxBytes = Math.floor(head + 2.5 * ((size - head) / results.length));
    const write = (): string => [...partialJsonParts(sc, shard, results, ACRKIT_VERSION, { maxBytes })].join('');
    expect(write).toThrow(expect.objectContaining({ name: 'UsageError', message: expect.stringMatching(/^a part must be at most \d+ bytes for simulate merge to read it, got more in shard 1\/1 \(about \d+ bytes a run, 4 runs\): split the 4 runs into 2 or more shards \(--shard i\/2\)\.$/) }));
    expect([...partialJsonParts(sc, shard, results, ACRKIT_VERSION, { maxBytes: size })].join('')).toHaveLength(size);
    // A binary part is refused before a byte is written, with the same advice.
    const binarySize = [...partialBinaryParts(sc, shard, results, ACRKIT_VERSION)].reduce((n, p) => n + (typeof p === 'string' ? Buffer.byteLength(p) : p.byteLength), 0);
    const binaryHead = [...partialBinaryParts(sc, shard, [], ACRKIT_VERSION)].reduce((n, p) => n + (typeof p === 'string' ? Buffer.byteLength(p) : p.byteLength), 0);
    const pieces = partialBinaryParts(sc, shard, results, ACRKIT_VERSION, { maxBytes: Math.floor(binaryHead + 2.5 * ((binarySize - binaryHead) / results.length)) });
    expect(() => pieces.next()).toThrow(/split the 4 runs into 2 or more shards \(--shard i\/2\)\.$/);
  });

  describe('bad parts are exit-2 input errors', () => {
    let parts: string[];
    beforeAll(async () => {
      parts = await writeParts(await loadScenario('inline.json', { cwd: fixtures, runs: RUNS }), 'bad', 4);
    });

    test('a missing part: the runs and the shard to add', async () => {
      await expectInputError([parts[0]!, parts[2]!, parts[3]!], /^bad-1\.json: parts must cover runs 0 to 7 exactly once, got runs 1, 5 in none of the 3 parts: add the part of shard 2\/4/);
    });

    test('a part given twice: the file and the runs held twice', async () => {
      const copy = join(dir, 'bad-2-copy.json');
      writeFileSync(copy, readFileSync(parts[1]!));
      await expectInputError([...parts, copy], /^bad-2-copy\.json: parts must hold each run exactly once, got runs 1, 5 twice: they are also in bad-2\.json/);
    });

    test('another seed or scenario', async () => {
      const other = await loadScenario('inline.json', { cwd: fixtures, runs: RUNS, seed: 4 });
      const [seeded] = await writeParts(other, 'seed', 4);
      await expectInputError([parts[0]!, seeded!, parts[2]!, parts[3]!], /^seed-1\.json: part must have the seed of bad-1\.json \(3\), got seed 4: merge only the parts of one simulation/);
      const [foreign] = await writeParts(await loadScenario('from-file.yaml', { cwd: fixtures, runs: RUNS, seed: 3 }), 'foreign', 4);
      await expectInputError([parts[0]!, foreign!], /^foreign-1\.json: part must be of the scenario of bad-1\.json \(hash [0-9a-f]{12}…\), got a different scenario/);
    });

    test('another acrkit version, an edited part, a file that is no part', async () => {
      const part = JSON.parse(readFileSync(parts[1]!, 'utf8')) as PartialResult;
      writeFileSync(join(dir, 'old.json'), JSON.stringify({ ...part, acrkitVersion: '0.0.1' }));
      await expectInputError([parts[0]!, 'old.json'], /^old\.json: part must come from the acrkit version of bad-1\.json \(.+\), got 0\.0\.1/);
      writeFileSync(join(dir, 'edited.json'), JSON.stringify({ ...part, scenario: { ...part.scenario, name: 'x' } }));
      await expectInputError(['edited.json'], /^edited\.json: scenarioHash must be the hash of the part's own scenario/);
      writeFileSync(join(dir, 'report.json'), '{"scenario": "inline.json"}');
      await expectInputError(['report.json'], /^report\.json: the simulation part must have 'format'/);
      // A binary part's layout fields in a JSON part, and a binary header without them.
      writeFileSync(join(dir, 'mixed.json'), JSON.stringify({ ...part, encoding: 'binary', days: 3 }));
      await expectInputError(['mixed.json'], /^mixed\.json: a JSON part must not have encoding, series or days, which only a binary part's header has, got encoding and days: write the part again with acrkit simulate --shard --format partial-json\./);
      const { results: _, ...head } = part;
      const bare = { ...head, results: part.results.map((r) => ({ run: r.run, registries: r.registries.map(({ daily: __, ...g }) => g) })) };
      writeFileSync(join(dir, 'bare.part'), `acrkit-simulation-part binary\n${JSON.stringify({ ...bare, series: [] })}\n`);
      await expectInputError(['bare.part'], /^bare\.part: a binary part's header must have encoding, series and days, got only series: write the part again/);
    });
  });
});

describe('acrkit simulate --shard and simulate merge', () => {
  function io(): CliIO & { stdout: string[]; stderr: string[] } {
    const stdout: string[] = [];
    const stderr: string[] = [];
    return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), isTTY: false, env: {}, cwd: fixtures };
  }

  test('round trip through the verbs with --out files: the merge writes what one process writes', async () => {
    const parts: string[] = [];
    for (let i = 1; i <= 4; i++) {
      const out = join(dir, `cli-${i}.part`);
      expect(await main(['simulate', '--scenario', 'inline.json', '--runs', String(RUNS), '--workers', '0', '--shard', `${i}/4`, '--out', out], io())).toBe(0);
      parts.push(out);
    }
    // A binary part by default: the magic line, then the JSON header.
    const [magic, header] = readFileSync(parts[1]!, 'latin1').split('\n', 2);
    expect(magic).toBe('acrkit-simulation-part binary');
    expect(JSON.parse(header!)).toMatchObject({ format: 'acrkit-simulation-part', encoding: 'binary', seed: 3, runs: RUNS, shard: { index: 2, count: 4 }, runIndices: [1, 5], acrkitVersion: ACRKIT_VERSION });
    const one = join(dir, 'cli-one.json');
    const merged = join(dir, 'cli-merged.json');
    expect(await main(['simulate', '--scenario', 'inline.json', '--runs', String(RUNS), '--workers', '0', '--format', 'json', '--out', one], io())).toBe(1);
    expect(await main(['simulate', 'merge', ...parts, '--format', 'json', '--out', merged], io())).toBe(1); // the inline scenario's assertion fails
    expect(readFileSync(merged, 'utf8')).toBe(readFileSync(one, 'utf8'));
    const text = io();
    expect(await main(['simulate', 'merge', ...parts], text)).toBe(1);
    expect(text.stdout.join('')).toContain('acrkit simulate: inline.json');
    // JSON parts (--format partial-json, to a file or standard output) merge alike, mixed with binary ones.
    const json = join(dir, 'cli-2.json');
    expect(await main(['simulate', '--scenario', 'inline.json', '--runs', String(RUNS), '--workers', '0', '--shard', '2/4', '--format', 'partial-json', '--out', json], io())).toBe(0);
    expect(JSON.parse(readFileSync(json, 'utf8'))).toMatchObject({ format: 'acrkit-simulation-part', runIndices: [1, 5] });
    const printed = io();
    expect(await main(['simulate', '--scenario', 'inline.json', '--runs', String(RUNS), '--workers', '0', '--shard', '3/4', '--format', 'partial-json'], printed)).toBe(0);
    const json3 = join(dir, 'cli-3.json');
    writeFileSync(json3, printed.stdout.join(''));
    const mixed = join(dir, 'cli-mixed.json');
    expect(await main(['simulate', 'merge', parts[0]!, json, json3, parts[3]!, '--format', 'json', '--out', mixed], io())).toBe(1);
    expect(readFileSync(mixed, 'utf8')).toBe(readFileSync(one, 'utf8'));
  });

  test('a binary part goes to a file: without --out it is a usage error that says what to add', async () => {
    const x = io();
    expect(await main(['simulate', '--scenario', 'inline.json', '--runs', String(RUNS), '--shard', '1/4'], x)).toBe(2);
    expect(x.stderr.join('')).toContain('a binary part is written to a file, got no --out: add --out parts/part-1.part, or use --format partial-json to print the part as JSON.');
    expect(x.stdout.join('')).toBe('');
  });

  test('a shard whose binary part a merge could not read is refused before a run is simulated, with the shard count that fits', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'acrkit-big-part-'));
    // One registry over ten years: 11 series x 3,650 days x 8 bytes = 321,200 bytes a run, so
    // 1,000 runs are 321 MB, over the 256 MiB a merge reads.
    writeFileSync(join(cwd, 'ten-years.yaml'), 'horizon: P3650D\nseed: 1\nregistries: [{ name: prod, tier: Basic, location: westeurope }]\nworkloads: [{ preset: small-team }]\n');
    const x = { ...io(), cwd };
    expect(await main(['simulate', '--scenario', 'ten-years.yaml', '--runs', '1000', '--shard', '1/1', '--out', 'p.part', '--allow-large', '--workers', '0'], x)).toBe(2);
    expect(x.stderr.join('')).toContain('a part must be at most 268435456 bytes for simulate merge to read it, got more in shard 1/1 (about 321200 bytes a run, 1000 runs): split the 1000 runs into 2 or more shards (--shard i/2).');
    expect(existsSync(join(cwd, 'p.part'))).toBe(false);
    // The check needs the scenario only: no run results.
    const sc = await loadScenario('ten-years.yaml', { cwd, runs: 1000 });
    expect(() => assertBinaryPartFits(sc, { index: 1, count: 1 })).toThrow(/split the 1000 runs into 2 or more shards/);
    expect(() => assertBinaryPartFits(sc, { index: 1, count: 2 })).not.toThrow();
  });

  test('a damaged binary part is an exit-2 input error naming the file and what is wrong, never a stack trace', async () => {
    const good = readFileSync(join(dir, 'cli-1.part'));
    const cases: Array<[string, Buffer, RegExp]> = [
      ['cut short', good.subarray(0, good.length - 8), /cli-bad\.part: the series after the header must be \d+ bytes \(2 runs x 1 registries x 11 series x \d+ days x 8\), got \d+: the file was cut short or damaged/],
      ['no header line', Buffer.from('acrkit-simulation-part binary\n{"format":'), /cli-bad\.part: a binary simulation part must have its header on the line after 'acrkit-simulation-part binary', got no second line/],
      ['a header that is no JSON', Buffer.concat([Buffer.from('acrkit-simulation-part binary\nnot json\n'), Buffer.alloc(8)]), /cli-bad\.part(:1)?: simulation part header must be valid JSON/],
    ];
    // A NaN in the payload: the last double of the file.
    const nan = Buffer.from(good);
    nan.writeDoubleLE(Number.NaN, nan.length - 8);
    cases.push(['a NaN', nan, /cli-bad\.part: series values must be finite numbers, got NaN in run 4, registry \S+, listingRequests day \d+: write the part again/]);
    for (const [name, bytes, message] of cases) {
      writeFileSync(join(dir, 'cli-bad.part'), bytes);
      const x = io();
      const parts = [join(dir, 'cli-bad.part'), ...[2, 3, 4].map((i) => join(dir, `cli-${i}.part`))];
      expect([name, await main(['simulate', 'merge', ...parts, '--format', 'json'], x)]).toEqual([name, 2]);
      expect(x.stderr.join('')).toMatch(message);
      expect(x.stderr.join('')).not.toMatch(/\n\s+at /);
    }
  });

  test('a binary part with any bytes overwritten merges or is an input error, never another error', async () => {
    const good = readFileSync(join(dir, 'cli-1.part'));
    const others = [2, 3, 4].map((i) => join(dir, `cli-${i}.part`));
    const bad = join(dir, 'cli-fuzz.part');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat({ max: good.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), fc.nat({ max: good.length }), async (writes, cut) => {
        const bytes = Buffer.from(good.subarray(0, Math.max(cut, good.length - 64)));
        for (const [at, b] of writes) if (at < bytes.length) bytes[at] = b;
        writeFileSync(bad, bytes);
        await mergeParts([bad, ...others], { cwd: dir }).catch((e: Error) => expect(e.name).toBe('InputErrors'));
      }),
      { numRuns: 150, seed: 16 },
    );
  });

  test('a missing part exits 2 and names the runs; bad --shard and --format are usage errors', async () => {
    const parts = [1, 3, 4].map((i) => join(dir, `cli-${i}.part`));
    const x = io();
    expect(await main(['simulate', 'merge', ...parts, '--format', 'json'], x)).toBe(2);
    expect(x.stderr.join('')).toMatch(/got runs 1, 5 in none of the 3 parts: add the part of shard 2\/4/);
    expect(x.stdout.join('')).toBe('');
    const bad = io();
    expect(await main(['simulate', '--scenario', 'inline.json', '--shard', '5/4'], bad)).toBe(2);
    expect(bad.stderr.join('')).toContain('--shard must be i/n with 1 <= i <= n');
    const text = io();
    expect(await main(['simulate', '--scenario', 'inline.json', '--shard', '1/4', '--format', 'text'], text)).toBe(2);
    expect(text.stderr.join('')).toContain('--shard writes a part to merge, got --format text');
  });
});
