/**
 * The command-line conventions a user expects: `-` for standard input, colour switches,
 * no verb, unknown verbs and `--version`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useColor, type CliIO } from '../../lib/cli/io.js';
import { buildProgram } from '../../lib/cli/main.js';
import { ACRKIT_VERSION } from '../../lib/version.js';
import { runCli } from '../support/cli.js';

const root = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');
const PLAN = 'test/fixtures/plan/replace.json';
const TF_JSON = 'test/fixtures/tfjson/prod/cdk.tf.json';
const read = (p: string): string => readFileSync(join(root, p), 'utf8');
const ANSI = /\u001b\[/;

interface JsonFinding {
  ruleId: string;
  address: string;
  message: string;
  suppressed: boolean;
  location: { file?: string; line?: number; pointer?: string };
}
const findingsOf = (stdout: string): JsonFinding[] => (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;

describe("'-' reads standard input", () => {
  test('check -: a plan on stdin gives the same findings as the file, located at <stdin> with lines', async () => {
    const fromFile = await runCli(['check', PLAN, '--format', 'json'], { cwd: root });
    const fromStdin = await runCli(['check', '-', '--format', 'json'], { cwd: root, stdin: read(PLAN) });
    expect(fromStdin.stderr).toBe('');
    expect(fromStdin.code).toBe(fromFile.code);
    expect(fromStdin.stdinReads).toBe(1);
    const a = findingsOf(fromFile.stdout);
    const b = findingsOf(fromStdin.stdout);
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a.map((f) => ({ ...f, location: { ...f.location, file: '<stdin>' } })));
    expect(b.every((f) => f.location.line !== undefined)).toBe(true);
  });

  test('check -: a cdk.tf.json on stdin is detected as Terraform JSON, beside a file path', async () => {
    const tampered = read(TF_JSON).replace('"admin_enabled": false', '"admin_enabled": true');
    const r = await runCli(['check', PLAN, '-', '--format', 'json'], { cwd: root, stdin: tampered });
    expect(r.stderr).toBe('');
    const admin = findingsOf(r.stdout).filter((f) => f.ruleId === 'ACR-SEC-001');
    const onStdin = admin.find((f) => f.location.file === '<stdin>')!;
    expect(onStdin).toBeDefined();
    expect(onStdin.location.pointer).toMatch(/^\/resource\/azurerm_container_registry\//);
    expect(onStdin.location.line).toBe(tampered.slice(0, tampered.indexOf('"registry_71CE07F6"')).split('\n').length);
    expect(admin.some((f) => f.location.file === PLAN)).toBe(true);
    // The text report names it too.
    const text = await runCli(['check', '-'], { cwd: root, stdin: tampered });
    expect(text.stdout).toContain(`<stdin>:${onStdin.location.line}`);
  });

  test('the real process reads a piped plan (processIO)', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'lib/cli/main-bin.ts', 'check', '-', '--format', 'json'], { cwd: root, input: read(PLAN), encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const found = findingsOf(r.stdout);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.location.file === '<stdin>')).toBe(true);
  });

  test('stdin is read only when a path is -', async () => {
    const r = await runCli(['check', PLAN, '--format', 'json'], { cwd: root, stdin: 'not read' });
    expect(r.stdinReads).toBe(0);
  });

  test('check -: not JSON, or nothing, is an input error at <stdin> (exit 2)', async () => {
    const bad = await runCli(['check', '-', '--format', 'json'], { cwd: root, stdin: 'resource "x" {' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^acrkit: <stdin>(:\d+)?: standard input must be a plan JSON or a cdk\.tf\.json, got invalid JSON/m);
    const empty = await runCli(['check', '-'], { cwd: root, stdin: '' });
    expect(empty.code).toBe(2);
    expect(empty.stdout).toMatch(/<stdin>: standard input must hold a plan JSON or a cdk\.tf\.json, got nothing/);
    const other = await runCli(['check', '-', '--format', 'json'], { cwd: root, stdin: '{"hello": 1}' });
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/<stdin>: input must be a Terraform plan/);
  });

  test("'-' twice is a usage error (exit 2) and reads nothing", async () => {
    for (const argv of [['check', '-', '-'], ['check', '-', PLAN, '-'], ['review', '--base', '-', '--head', '-'], ['review', '--base', '-', PLAN, '--head', '-']]) {
      const r = await runCli(argv, { cwd: root, stdin: read(PLAN) });
      expect({ argv, code: r.code }).toEqual({ argv, code: 2 });
      expect(r.stderr).toMatch(/^acrkit: '-' \(standard input\) must be given at most once, got it 2 times: .+\.\n$/);
      expect(r.stdinReads).toBe(0);
      expect(r.stdout).toBe('');
    }
  });

  test('review --base FILE --head -: the head side from stdin, its new finding located at <stdin>', async () => {
    const head = read(TF_JSON).replace('"admin_enabled": false', '"admin_enabled": true');
    const r = await runCli(['review', '--base', TF_JSON, '--head', '-', '--format', 'json'], { cwd: root, stdin: head });
    expect(r.stderr).toBe('');
    expect(r.stdinReads).toBe(1);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { findings: { new: JsonFinding[] } };
    expect(doc.findings.new.map((f) => [f.ruleId, f.location.file])).toEqual([['ACR-SEC-001', '<stdin>']]);
    // And the other way round: base from stdin, nothing changed.
    const same = await runCli(['review', '--base', '-', '--head', TF_JSON, '--format', 'json'], { cwd: root, stdin: read(TF_JSON) });
    expect(same.code).toBe(0);
    expect((JSON.parse(same.stdout) as { changes: unknown[] }).changes).toEqual([]);
  });

  test('review -: one plan from stdin reviews like the file', async () => {
    const fromFile = await runCli(['review', PLAN, '--format', 'json'], { cwd: root });
    const fromStdin = await runCli(['review', '-', '--format', 'json'], { cwd: root, stdin: read(PLAN) });
    expect(fromStdin.code).toBe(fromFile.code);
    const a = JSON.parse(fromFile.stdout) as { verdict: string; changes: unknown[] };
    const b = JSON.parse(fromStdin.stdout) as { verdict: string; changes: unknown[] };
    expect(b.verdict).toBe(a.verdict);
    expect(b.changes).toEqual(a.changes);
    const bad = await runCli(['review', '-', '--format', 'json'], { cwd: root, stdin: '' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/acrkit: <stdin>: plan file must be valid JSON/);
  });
});

describe('colour: --no-color > NO_COLOR > FORCE_COLOR > terminal', () => {
  const io = (isTTY: boolean, env: Record<string, string>): CliIO => ({ out: () => {}, err: () => {}, isTTY, env, cwd: root });
  test.each([
    // [--no-color given, TTY, env, colour]
    [false, true, {}, true],
    [false, false, {}, false],
    [false, true, { TERM: 'dumb' }, false],
    [false, false, { FORCE_COLOR: '1' }, true],
    [false, false, { FORCE_COLOR: '3' }, true],
    [false, true, { FORCE_COLOR: '0' }, false],
    [false, true, { FORCE_COLOR: 'false' }, false],
    [false, true, { FORCE_COLOR: '' }, true],
    [false, true, { TERM: 'dumb', FORCE_COLOR: '1' }, true],
    [false, false, { NO_COLOR: '1', FORCE_COLOR: '1' }, false],
    [false, true, { NO_COLOR: '1' }, false],
    [false, true, { NO_COLOR: '' }, true],
    [true, true, {}, false],
    [true, false, { FORCE_COLOR: '1' }, false],
  ] as Array<[boolean, boolean, Record<string, string>, boolean]>)('--no-color %s, TTY %s, env %j: colour %s', (noColor, isTTY, env, expected) => {
    expect(useColor(io(isTTY, env), noColor ? false : undefined)).toBe(expected);
  });

  test('through the CLI: FORCE_COLOR colours a pipe, --no-color (before or after the verb) and NO_COLOR win over it', async () => {
    const text = async (argv: string[], env: Record<string, string>, isTTY = false): Promise<string> => (await runCli(argv, { cwd: root, env, isTTY })).stdout;
    expect(await text(['check', PLAN], {})).not.toMatch(ANSI);
    expect(await text(['check', PLAN], {}, true)).toMatch(ANSI);
    expect(await text(['check', PLAN], { FORCE_COLOR: '1' })).toMatch(ANSI);
    expect(await text(['check', PLAN], { FORCE_COLOR: '0' }, true)).not.toMatch(ANSI);
    expect(await text(['check', PLAN], { FORCE_COLOR: '1', NO_COLOR: '1' })).not.toMatch(ANSI);
    expect(await text(['check', PLAN, '--no-color'], { FORCE_COLOR: '1' })).not.toMatch(ANSI);
    expect(await text(['--no-color', 'check', PLAN], { FORCE_COLOR: '1' }, true)).not.toMatch(ANSI);
  });
});

describe('verbs and --version', () => {
  test('no verb: the help on stderr, nothing on stdout, exit 2', async () => {
    for (const argv of [[], ['--no-color']]) {
      const r = await runCli(argv);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^Usage: acrkit \[options\] \[command\]/);
      expect(r.stderr).toMatch(/^ {2}check \[options\] <paths\.\.\.>/m);
      expect(r.stderr).toMatch(/--no-color/);
    }
  });

  test('acrkit help and --help print the help on stdout and exit 0', async () => {
    for (const argv of [['help'], ['--help']]) {
      const r = await runCli(argv);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Usage: acrkit/);
    }
  });

  test("an unknown verb exits 2 with commander's message", async () => {
    const r = await runCli(['chekc', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: unknown command 'chekc'/);
    expect(r.stdout).toBe('');
  });

  test('--version prints the version in package.json, in process and from source (tsx)', async () => {
    const pkg = JSON.parse(read('package.json')) as { version: string };
    expect(ACRKIT_VERSION).toBe(pkg.version);
    for (const flag of ['--version', '-V']) {
      const r = await runCli([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${pkg.version}\n`);
      // A lone --version loads no verb's modules.
      expect((await buildProgram({ io: { out: () => {}, err: () => {}, isTTY: false, env: {}, cwd: root }, exitCode: 0 }, [flag])).commands).toEqual([]);
    }
    const src = spawnSync(process.execPath, ['--import', 'tsx', 'lib/cli/main-bin.ts', '--version'], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(src.stderr).toBe('');
    expect(src.stdout).toBe(`${pkg.version}\n`);
  });
});
