/**
 * The JSON report's findings are written by hand (lib/report/check/json.ts) rather than by
 * JSON.stringify; the bytes must stay exactly JSON.stringify's for any finding: unusual
 * locations (missing, undefined or non-finite values, nested objects, a prototype, toJSON),
 * arguments, suppression reasons, strings JSON escapes, a rule whose severity changes between
 * findings, and findings that share or do not share their location object.
 */
import { renderJsonParts, toJsonReport, JSON_PART_FINDINGS } from '../../lib/report/check/json.js';
import type { CheckResult } from '../../lib/report/check/check-result.js';
import type { Finding } from '../../lib/policy/finding.js';
import { summarize } from '../../lib/policy/finding.js';

/** A finding with the usual keys, overridden by `over`. */
function finding(over: Record<string, unknown> = {}): Finding {
  return {
    ruleId: 'ACR-SEC-001',
    ruleName: 'AdminUserDisabled',
    pack: 'security',
    severity: 'error',
    status: 'non-compliant',
    address: 'azurerm_container_registry.a',
    message: 'admin_enabled must be false, got true: set admin_enabled = false.',
    location: { file: 'plan.json', line: 1, pointer: '/planned_values/root_module/resources/0' },
    suppressed: false,
    ...over,
  } as Finding;
}

/** A check result of `findings`, no input errors. */
function result(findings: Finding[]): CheckResult {
  return { report: { findings, rules: [], registries: 1, summary: summarize(findings) }, inputErrors: [] } as unknown as CheckResult;
}

/** The report as JSON.stringify writes it, and as the parts write it, for part sizes 1, 2, 3 and the CLI's. */
function both(findings: Finding[]): { whole: string; parts: string[] } {
  const r = result(findings);
  const whole = JSON.stringify(toJsonReport(r), null, 2);
  return { whole, parts: [1, 2, 3, JSON_PART_FINDINGS].map((n) => [...renderJsonParts(r, n)].join('')) };
}

describe('the hand-written JSON findings', () => {
  test('shared and separate locations, addresses and rules: the same bytes as JSON.stringify', () => {
    const shared = { file: 'plan.json', line: 1, pointer: '/a' };
    const list = [
      finding({ location: shared }),
      finding({ location: shared, ruleId: 'ACR-SEC-003', severity: 'warning' }),
      finding({ location: { ...shared }, severity: 'info' }),
      finding({ location: shared, ruleId: 'ACR-SEC-003', severity: 'error', status: 'unknown' }),
      finding({ address: 'module.x["a"].azurerm_container_registry.b', location: { file: 'x.tf', line: 12 } }),
      finding({ address: 'module.x["a"].azurerm_container_registry.b', location: { constructPath: 'Stack/Acr' } }),
      finding({ location: {} }),
    ];
    const { whole, parts } = both(list);
    for (const p of parts) expect(p).toBe(whole);
  });

  test('strings JSON escapes, arguments, reasons, suppressed findings', () => {
    const list = [
      finding({ message: 'quotes " and backslashes \\ and a tab \t, a newline \n, a control \u0001 and a lone surrogate \ud800 and ü €' }),
      finding({ message: 'quotes " and backslashes \\ and a tab \t, a newline \n, a control \u0001 and a lone surrogate \ud800 and ü €' }),
      finding({ argument: { name: 'georeplications[0].location', file: 'main.tf', line: 7 } }),
      finding({ suppressed: true, reason: 'dev registry is public on purpose', suppression: { kind: 'external', origin: 'acrkit.config.json' } }),
      finding({ suppressed: true, reason: 'a "quoted"\nreason', argument: { name: 'sku', file: 'a/b.tf', line: 3 } }),
      finding({ address: 'azurerm_container_registry.\u2028odd', message: '' }),
    ];
    const { whole, parts } = both(list);
    for (const p of parts) expect(p).toBe(whole);
  });

  test('values JSON.stringify leaves out or rewrites: undefined, non-finite numbers, nested objects, toJSON, prototypes', () => {
    class Where {
      constructor(readonly file: string) {}
    }
    const list = [
      finding({ location: { file: 'plan.json', line: undefined, pointer: '/b' } }),
      finding({ location: { file: 'plan.json', line: Number.NaN } }),
      finding({ location: { file: 'plan.json', line: Number.POSITIVE_INFINITY, pointer: '' } }),
      finding({ location: { file: 'plan.json', nested: { a: [1, { b: 'c' }], d: null } } }),
      finding({ location: { file: 'plan.json', toJSON: () => ({ replaced: true }) } }),
      finding({ location: new Where('w.json') }),
      finding({ location: { file: 'plan.json', fn: () => 1, flag: true } }),
      finding({ argument: { name: 'x', file: 'y', line: 1, extra: [1, 2] } }),
      finding({ message: 'not a message' as unknown as string, reason: undefined }),
      finding({ ruleId: undefined, suppressed: undefined }),
      finding({ argument: undefined, reason: undefined }),
    ];
    const { whole, parts } = both(list);
    for (const p of parts) expect(p).toBe(whole);
  });
});
