import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../lib/errors.js';
import { evaluate } from '../../lib/policy/engine.js';
import { escapeData, escapeProperty, renderGithubActions } from '../../lib/report/check/github-actions.js';
import { runCli } from '../support/cli.js';
import { NASTY_FILE, NASTY_INPUT, NASTY_MESSAGE, nastyResult } from './nasty-result.js';

const root = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');

/**
 * Reads one workflow command line back the way the Actions runner does: split at the first
 * `::` after the properties, properties at `,` and `=`, then unescape.
 */
function parseCommand(line: string): { level: string; props: Record<string, string>; message: string } {
  const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const unData = (s: string): string => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  const unProp = (s: string): string => unData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));
  const props: Record<string, string> = {};
  for (const kv of (m[2] ?? '').split(',').filter(Boolean)) {
    const i = kv.indexOf('=');
    props[kv.slice(0, i)] = unProp(kv.slice(i + 1));
  }
  return { level: m[1]!, props, message: unData(m[3]!) };
}

describe('GitHub Actions workflow commands', () => {
  test("GitHub's escaping: % CR LF in data; also : and , in properties", () => {
    expect(escapeData('100%\r\nnext: a,b')).toBe('100%25%0D%0Anext: a,b');
    expect(escapeProperty('100%\r\nnext: a,b')).toBe('100%25%0D%0Anext%3A a%2Cb');
    // `%` first, so an escape sequence in the input is not unescaped by the runner.
    expect(escapeData('%0A')).toBe('%250A');
  });

  test('one command per unsuppressed finding: level by severity, unknowns as notices, file relative, line, title; round-trips', () => {
    const out = renderGithubActions(nastyResult(), { cwd: '/repo' });
    const lines = out.trimEnd().split('\n');
    // Nothing but commands, and a last plain summary line.
    expect(lines.at(-1)).toMatch(/^acrkit check: 4 registries checked with 6 rules: \d+ errors?, \d+ warnings?, \d+ info, \d+ unknown, 4 suppressed, 1 input error\.$/);
    const commands = lines.slice(0, -1).map(parseCommand);
    for (const l of lines.slice(0, -1)) {
      // No raw newline, and properties carry no raw ':' or ','.
      expect(l).not.toMatch(/[\r\n]/);
      const props = /^::\w+ ([^:]*)::/.exec(l)![1]!;
      expect(props.split(',').every((p) => /^(file|line|title)=[^,:]*$/.test(p))).toBe(true);
    }
    // Suppressed findings are not emitted.
    expect(commands.some((c) => c.props.title?.startsWith('TST-004'))).toBe(false);
    expect(commands.filter((c) => c.props.title === 'TST-001 Rule001').map((c) => c.level)).toEqual(['error', 'error', 'error', 'error']);
    expect(commands.filter((c) => c.props.title === 'TST-002 Rule002').map((c) => c.level)).toEqual(['warning', 'warning', 'warning', 'warning']);
    expect(commands.filter((c) => c.props.title === 'TST-003 Rule003 (could not decide)').map((c) => c.level)).toEqual(['notice', 'notice', 'notice', 'notice']);
    expect(commands.filter((c) => c.props.title === 'TST-006 Rule006 (rule error)').map((c) => c.level)).toEqual(['error', 'error', 'error', 'error']);
    const nasty = commands.find((c) => c.props.title === 'TST-001 Rule001')!;
    expect(nasty.props).toEqual({ file: NASTY_FILE, line: '3', title: 'TST-001 Rule001' });
    expect(nasty.message).toBe(`azurerm_container_registry.a["x,y:z"]: ${NASTY_MESSAGE}`);
    // A construct tree has no file: no file= and no line=.
    const construct = commands.find((c) => c.message.startsWith('stack/registry: '))!;
    expect(Object.keys(construct.props)).toEqual(['title']);
    // The input error: file and line as properties, the reason as the message.
    const input = commands.find((c) => c.props.title === 'acrkit input error')!;
    expect(input).toEqual({ level: 'error', props: { file: 'bad<&>.json', line: '2', title: 'acrkit input error' }, message: NASTY_INPUT });
  });

  test('paths are relative to the working directory, with / separators; absolute ones below it are made relative', () => {
    const result = nastyResult();
    const moved = { ...result, report: evaluate([], { rules: [] }), inputErrors: [new InputError({ file: '/repo/infra/plan.json', line: 4 }, 'x must be y, got z.'), new InputError({ file: '/elsewhere/p.json' }, 'x must be y, got z.')] };
    const [a, b] = renderGithubActions(moved, { cwd: '/repo' }).split('\n').map((l) => (l.startsWith('::') ? parseCommand(l) : undefined));
    expect(a!.props.file).toBe('infra/plan.json');
    expect(b!.props.file).toBe('../elsewhere/p.json');
  });

  test('acrkit check --format github: relative paths, lines, exit code unchanged; stdin findings carry no file=', async () => {
    const r = await runCli(['check', 'test/fixtures/tf/multi', '--format', 'github'], { cwd: root });
    expect(r.code).toBe(2); // the fixture holds an invalid # acrkit:ignore comment
    const commands = r.stdout.trimEnd().split('\n').slice(0, -1).map(parseCommand);
    expect(commands.length).toBeGreaterThan(0);
    expect(commands.every((c) => c.props.file === 'test/fixtures/tf/multi/main.tf')).toBe(true);
    // ACR-SEC-001 on .dev is suppressed by a comment in the fixture: not emitted.
    expect(commands.some((c) => c.props.title?.startsWith('ACR-SEC-001') && c.message.startsWith('azurerm_container_registry.dev:'))).toBe(false);
    expect(commands.find((c) => c.props.title === 'ACR-SEC-003 PublicAccessRestricted' && c.message.startsWith('azurerm_container_registry.dev:'))).toMatchObject({ level: 'warning', props: { line: '8' } }); // Basic cannot restrict the network: a warning
    const s = await runCli(['check', '-', '--format', 'github'], { cwd: mkdtempSync(join(tmpdir(), 'acrkit-gh-')), stdin: readFileSync(join(root, 'test/fixtures/plan/replace.json'), 'utf8') });
    expect(s.code).toBe(1);
    const fromStdin = s.stdout.trimEnd().split('\n').slice(0, -1).map(parseCommand);
    expect(fromStdin.length).toBeGreaterThan(0);
    expect(fromStdin.every((c) => c.props.file === undefined && c.props.line === undefined)).toBe(true);
  });
});
