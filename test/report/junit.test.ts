import { DOMParser, type Element } from '@xmldom/xmldom';
import { main } from '../../lib/cli/main.js';
import type { CliIO } from '../../lib/cli/io.js';
import { runCheck } from '../../lib/workflows/check.js';
import { renderJunit } from '../../lib/report/check/junit.js';
import { xmlSafe } from '../../lib/report/check/xml-escape.js';
import { NASTY_FILE, NASTY_INPUT, NASTY_MESSAGE, NASTY_REASON, nastyResult, RULES } from './nasty-result.js';

const root = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');

/**
 * Parses with a real XML parser that throws on any warning or error, after the checks that
 * parser is lenient about: characters XML 1.0 forbids, a bare `&`, `]]>` in character data.
 */
function parse(xml: string): Element {
  expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
  expect(xml).not.toMatch(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/);
  expect(xml).not.toContain(']]>');
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  const doc = new DOMParser({
    onError: (level, message) => {
      throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(xml, 'text/xml');
  return doc.documentElement!;
}

const children = (e: Element, tag: string): Element[] => Array.from(e.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).tagName === tag);
const only = (e: Element, tag: string): Element | undefined => children(e, tag)[0];
const int = (e: Element, a: string): number => Number(e.getAttribute(a));

describe('JUnit XML', () => {
  const result = nastyResult();
  let rootEl: Element;
  let suites: Element[];
  beforeAll(() => {
    rootEl = parse(renderJunit(result));
    suites = children(rootEl, 'testsuite');
  });
  const suite = (name: string): Element => suites.find((s) => s.getAttribute('name') === name)!;
  const testcase = (s: Element, classname: string, ruleId: string): Element => children(s, 'testcase').find((c) => c.getAttribute('classname') === classname && c.getAttribute('name')!.startsWith(`${ruleId} `))!;

  test('parses; the common schema shape: testsuites > testsuite > testcase with counts that add up', () => {
    expect(rootEl.tagName).toBe('testsuites');
    const allowed: Record<string, string[]> = {
      testsuites: ['name', 'tests', 'failures', 'errors', 'time', 'disabled'],
      testsuite: ['name', 'tests', 'failures', 'errors', 'skipped', 'time', 'id', 'package', 'timestamp', 'hostname', 'disabled'],
      testcase: ['name', 'classname', 'time', 'assertions', 'status'],
      failure: ['message', 'type'],
      error: ['message', 'type'],
      skipped: ['message'],
    };
    const walk = (e: Element): void => {
      const names = Array.from(e.attributes).map((a) => a.name);
      if (allowed[e.tagName]) expect({ tag: e.tagName, extra: names.filter((n) => !allowed[e.tagName]!.includes(n)) }).toEqual({ tag: e.tagName, extra: [] });
      for (const c of Array.from(e.childNodes)) if (c.nodeType === 1) walk(c as Element);
    };
    walk(rootEl);
    expect(suites.map((s) => s.getAttribute('name'))).toEqual([xmlSafe(NASTY_FILE), 'main.tf', 'stack', 'bad<&>.json']);
    let tests = 0;
    let failures = 0;
    let errors = 0;
    for (const s of suites) {
      const cases = children(s, 'testcase');
      expect(int(s, 'tests')).toBe(cases.length);
      expect(int(s, 'failures')).toBe(cases.filter((c) => only(c, 'failure')).length);
      expect(int(s, 'errors')).toBe(cases.filter((c) => only(c, 'error')).length);
      expect(int(s, 'skipped')).toBe(cases.filter((c) => only(c, 'skipped')).length);
      tests += cases.length;
      failures += int(s, 'failures');
      errors += int(s, 'errors');
    }
    expect([int(rootEl, 'tests'), int(rootEl, 'failures'), int(rootEl, 'errors')]).toEqual([tests, failures, errors]);
    // One testcase per (registry, rule): two registries in the nasty file, one in each other.
    expect(children(suite(xmlSafe(NASTY_FILE)), 'testcase')).toHaveLength(2 * RULES.length);
    expect(children(suite('main.tf'), 'testcase')).toHaveLength(RULES.length);
    expect(children(suite('stack'), 'testcase').map((c) => c.getAttribute('classname'))).toEqual(RULES.map(() => 'stack/registry'));
  });

  test('failing finding: <failure> with the message escaped and read back intact (control characters as pictures)', () => {
    const s = suite(xmlSafe(NASTY_FILE));
    const c = testcase(s, 'azurerm_container_registry.a["x,y:z"]', 'TST-001');
    expect(c.getAttribute('name')).toBe('TST-001 Rule001');
    const failure = only(c, 'failure')!;
    expect(failure.getAttribute('type')).toBe('error');
    expect(failure.getAttribute('message')).toBe(xmlSafe(NASTY_MESSAGE));
    expect(xmlSafe(NASTY_MESSAGE)).toBe('sku must be "Premium" & <b>not</b> ]]> Basic,\u2407 got 100%: fix\r\nit\u241b[31m.');
    expect(failure.textContent).toContain(xmlSafe(NASTY_MESSAGE));
    expect(failure.textContent).toContain(`registry: azurerm_container_registry.a["x,y:z"] at ${xmlSafe(NASTY_FILE)}:3`);
  });

  test('below --fail-on passes with the finding in <system-out>; --fail-on warning makes it a failure', () => {
    const c = testcase(suite('main.tf'), 'azurerm_container_registry.main', 'TST-002');
    expect(only(c, 'failure')).toBeUndefined();
    expect(only(c, 'system-out')!.textContent).toContain('warning: a warning, below the threshold.');
    const strict = parse(renderJunit(result, { failOn: 'warning' }));
    const s2 = children(strict, 'testsuite').find((s) => s.getAttribute('name') === 'main.tf')!;
    expect(only(testcase(s2, 'azurerm_container_registry.main', 'TST-002'), 'failure')!.getAttribute('type')).toBe('warning');
    const never = parse(renderJunit(result, { failOn: 'never' }));
    expect(int(never, 'failures')).toBe(0);
  });

  test('suppressed and unknown findings are <skipped> with the reason; passing rules are empty testcases; a rule that threw is an <error>', () => {
    const s = suite('main.tf');
    expect(only(testcase(s, 'azurerm_container_registry.main', 'TST-004'), 'skipped')!.getAttribute('message')).toBe(`suppressed: ${NASTY_REASON}`);
    expect(only(testcase(s, 'azurerm_container_registry.main', 'TST-003'), 'skipped')!.getAttribute('message')).toMatch(/^could not decide: cannot check sku/);
    expect(testcase(s, 'azurerm_container_registry.main', 'TST-005').childNodes.length).toBe(0);
    const crashed = only(testcase(s, 'azurerm_container_registry.main', 'TST-006'), 'error')!;
    expect(crashed.getAttribute('type')).toBe('rule-error');
    expect(crashed.getAttribute('message')).toMatch(/must evaluate, got an exception: boom <&>/);
  });

  test('an input error is an <error> testcase in its file\'s suite', () => {
    const c = children(suite('bad<&>.json'), 'testcase');
    expect(c).toHaveLength(1);
    expect(c[0]!.getAttribute('name')).toBe('input can be read');
    const e = only(c[0]!, 'error')!;
    expect(e.getAttribute('type')).toBe('input-error');
    expect(e.getAttribute('message')).toBe(xmlSafe(NASTY_INPUT));
    expect(e.textContent).toBe(`bad<&>.json:2: ${xmlSafe(NASTY_INPUT)}`);
  });

  test('acrkit check --format junit on a plan: exit code as usual, failures match the error findings', async () => {
    let stdout = '';
    const io: CliIO = { out: (t) => (stdout += t), err: () => {}, isTTY: false, env: {}, cwd: root };
    expect(await main(['check', 'test/fixtures/plan/replace.json', '--format', 'junit'], io)).toBe(1);
    const doc = parse(stdout);
    const [s] = children(doc, 'testsuite');
    expect(s!.getAttribute('name')).toBe('test/fixtures/plan/replace.json');
    expect(int(doc, 'failures')).toBeGreaterThan(0);
    const { report } = (await runCheck(['test/fixtures/plan/replace.json'], { cwd: root })).result;
    expect(int(doc, 'tests')).toBe(report.registries * report.rules.length); // every registry x every rule
    let warn = '';
    const io2: CliIO = { ...io, out: (t) => (warn += t) };
    await main(['check', 'test/fixtures/plan/replace.json', '--format', 'junit', '--fail-on', 'warning'], io2);
    expect(int(parse(warn), 'failures')).toBeGreaterThan(int(doc, 'failures'));
  });
});

test('150,000 test cases render (each case appended, never spread into one call: that overflowed the stack, exit 70)', () => {
  const r = nastyResult();
  const base = r.report.findings;
  // A case per registry and rule.
  const findings = Array.from({ length: Math.ceil(150_000 / r.report.rules.length) }, (_, i) => ({ ...base[i % base.length]!, address: `azurerm_container_registry.r${i}`, location: { kind: 'hcl' as const, file: 'main.tf', line: 1 } }));
  const xml = renderJunit({ ...r, report: { ...r.report, findings, checked: findings.map((f) => ({ address: f.address, location: f.location })) } });
  // One suite (main.tf) holds a case per registry and rule.
  expect(xml.match(/<testcase /g)!.length).toBeGreaterThanOrEqual(150_000);
});

test('appendAll appends more items than one call can take as arguments', async () => {
  const { appendAll } = await import('../../lib/mutable.js');
  const items = Array.from({ length: 500_000 }, (_, i) => i);
  expect(() => [].push(...(items as never[]))).toThrow(RangeError);
  expect(appendAll([-1], items)).toHaveLength(500_001);
});
