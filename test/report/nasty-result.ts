/**
 * A check result built to stress reporters: markup, XML-forbidden control characters and
 * GitHub's command separators in file names, addresses, messages and reasons, and every
 * outcome a finding can have (failing, below the threshold, unknown, suppressed, a rule that
 * threw, an input error).
 */
import { InputError } from '../../lib/errors.js';
import { normalizeSpec } from '../../lib/model/normalize.js';
import type { RegistrySpec, RegistrySpecInput } from '../../lib/model/registry-spec.js';
import { evaluate } from '../../lib/policy/engine.js';
import type { Rule, RuleResult, Severity } from '../../lib/policy/rule.js';
import type { CheckResult } from '../../lib/report/check/check-result.js';

/** A file name with markup, a control character, `%`, `:` and `,`. */
export const NASTY_FILE = 'infra/a&b <x>]]>\u0001,50%:y.tf';
/** A message with markup, `]]>`, quotes, control characters, a CR LF, `%`, `:` and `,`. */
export const NASTY_MESSAGE = 'sku must be "Premium" & <b>not</b> ]]> Basic,\u0007 got 100%: fix\r\nit\u001b[31m.';
/** A suppression reason with markup. */
export const NASTY_REASON = 'accepted <until> Q3 & ]]> reviewed';
/** An input error's reason with markup and a control character. */
export const NASTY_INPUT = 'input must be JSON, got \u0002 ]]> & < "x":, 5%.';

function rule(id: string, severity: Severity, check: () => RuleResult): Rule {
  return { id, name: `Rule${id.slice(-3)}`, pack: 'security', severity, info: `What ${id} checks <&>.`, explanation: 'Why.', references: [], check };
}

/** TST-001 fails (error), TST-002 warns, TST-003 is unknown, TST-004 is suppressed, TST-005 passes, TST-006 throws. */
export const RULES: readonly Rule[] = [
  rule('TST-001', 'error', () => [{ status: 'non-compliant', message: NASTY_MESSAGE }]),
  rule('TST-002', 'warning', () => [{ status: 'non-compliant', message: 'a warning, below the threshold.' }]),
  rule('TST-003', 'error', () => [{ status: 'unknown', message: 'cannot check sku: the value is not known statically, got var.sku.' }]),
  rule('TST-004', 'error', () => [{ status: 'non-compliant', message: 'suppressed finding.' }]),
  rule('TST-005', 'error', () => 'compliant'),
  rule('TST-006', 'error', () => {
    throw new Error('boom <&>');
  }),
];

function spec(address: string, source: RegistrySpecInput['source']): RegistrySpec {
  return normalizeSpec({ address, source, name: 'acrkittest01', resourceGroupName: 'rg', location: 'westeurope', tier: 'Basic' });
}

/** Two registries in the nasty file, one in main.tf, one in a construct tree; one input error. */
export function nastyResult(): CheckResult {
  const registries = [
    spec('azurerm_container_registry.a["x,y:z"]', { kind: 'hcl', file: NASTY_FILE, line: 3 }),
    spec('azurerm_container_registry.b', { kind: 'hcl', file: NASTY_FILE, line: 12 }),
    spec('azurerm_container_registry.main', { kind: 'hcl', file: 'main.tf', line: 1 }),
    spec('stack/registry', { kind: 'construct', constructPath: 'stack/registry' }),
  ];
  const report = evaluate(registries, { rules: RULES, suppressions: [{ id: 'TST-004', reason: NASTY_REASON, kind: 'external', origin: 'acrkit.config.json' }] });
  return { report, inputErrors: [new InputError({ file: 'bad<&>.json', line: 2 }, NASTY_INPUT)] };
}
