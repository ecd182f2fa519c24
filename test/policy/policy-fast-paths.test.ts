/**
 * The fast paths of the policy step give what the plain code gave: the tier table against the
 * feature list, violations without spreads, the summary in one pass, rule throws as `error`
 * findings, and the scrub of sensitive values that copies only what it changes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FEATURES, TIERS, tierSupports, type FeatureFacts, type FeatureId, type Tier } from '../../lib/catalog/tiers.js';
import { evaluate } from '../../lib/policy/engine.js';
import { anyFailing, failing, summarize, type Finding } from '../../lib/policy/finding.js';
import { violation, type Rule } from '../../lib/policy/rule.js';
import { runCheck } from '../../lib/workflows/check.js';
import { scrubber } from '../../lib/sources/plan-sensitive.js';
import { spec } from './helpers.js';

describe('tierSupports', () => {
  test('matches the tiers of every feature (one added to the catalog too), and is false for what is not a tier', () => {
    for (const f of Object.keys(FEATURES) as FeatureId[]) {
      for (const t of TIERS) expect(tierSupports(t, f)).toBe(FEATURES[f].tiers.includes(t));
      for (const bad of ['premium', 'constructor', '', '__proto__']) expect(tierSupports(bad as Tier, f)).toBe(false);
      expect(tierSupports({ unknown: true } as unknown as Tier, f)).toBe(false);
    }
    const catalog = FEATURES as Record<string, FeatureFacts>;
    const added = 'addedForTest' as FeatureId;
    catalog[added] = { ...FEATURES.cacheRules, id: added, tiers: ['Basic'] };
    try {
      expect(TIERS.map((t) => tierSupports(t, added))).toEqual([true, false, false]);
    } finally {
      delete catalog[added];
    }
  });
});

describe('violation', () => {
  test('keys in the same order, and none for what is not given', () => {
    expect(Object.keys(violation('m'))).toEqual(['status', 'message']);
    expect(Object.keys(violation('m', 't'))).toEqual(['status', 'message', 'terraformMessage']);
    expect(Object.keys(violation('m', undefined, 'info'))).toEqual(['status', 'message', 'severity']);
    expect(violation('m', 't', 'warning')).toEqual({ status: 'non-compliant', message: 'm', terraformMessage: 't', severity: 'warning' });
  });
});

describe('summarize and anyFailing', () => {
  test('counts suppressed, unknown and each severity; anyFailing is whether failing finds any', () => {
    const f = (severity: Finding['severity'], status: Finding['status'], suppressed: boolean): Finding =>
      ({ ruleId: 'X', ruleName: 'X', pack: 'security', severity, status, address: 'a', message: 'm', location: {}, suppressed }) as Finding;
    const findings = [f('error', 'non-compliant', false), f('error', 'error', false), f('warning', 'non-compliant', false), f('info', 'non-compliant', false), f('warning', 'unknown', false), f('info', 'non-compliant', true), f('error', 'unknown', true)];
    expect(summarize(findings)).toEqual({ error: 2, warning: 1, info: 1, suppressed: 2, unknown: 1 });
    expect(Object.keys(summarize([]))).toEqual(['error', 'warning', 'info', 'suppressed', 'unknown']);
    for (const failOn of ['error', 'warning', 'info', 'never'] as const) {
      for (let n = 0; n <= findings.length; n++) expect(anyFailing(findings.slice(0, n), failOn)).toBe(failing(findings.slice(0, n), failOn).length > 0);
    }
  });
});

describe('evaluate', () => {
  test('a rule that throws is one error finding; an empty list and not-applicable are none', () => {
    const base = { pack: 'security', severity: 'warning', info: 'i', explanation: 'e', references: [] } as const;
    const rules: Rule[] = [
      { ...base, id: 'T-1', name: 'Throws', check: () => { throw new Error('boom'); } },
      { ...base, id: 'T-2', name: 'Empty', check: () => [] },
      { ...base, id: 'T-3', name: 'NotApplicable', check: () => 'not-applicable' },
      { ...base, id: 'T-4', name: 'Two', check: () => [violation('first'), violation('second', undefined, 'info')] },
    ];
    const r = evaluate([spec({})], { rules });
    expect(r.findings.map((x) => [x.ruleId, x.status, x.severity, x.message])).toEqual([
      ['T-1', 'error', 'error', 'rule T-1 (Throws) must evaluate, got an exception: boom; report this to acrkit with the input.'],
      ['T-4', 'non-compliant', 'warning', 'first'],
      ['T-4', 'non-compliant', 'info', 'second'],
    ]);
  });
});

describe('sensitive values in findings', () => {
  test('every text of every finding is scrubbed as a full copy would; findings with nothing to scrub are kept as they are', async () => {
    const secret = 'northeurope';
    const registry = (i: number, location: string): Record<string, unknown> => ({ name: `acrkitreg${i}`, sku: 'Premium', location, resource_group_name: 'rg', admin_enabled: true, georeplications: [{ location: secret }] });
    const change = (i: number, location: string): Record<string, unknown> => ({
      address: `azurerm_container_registry.r${i}`, mode: 'managed', type: 'azurerm_container_registry', name: `r${i}`,
      change: { actions: ['create'], before: null, after: registry(i, location), after_unknown: {} },
    });
    const plan = {
      format_version: '1.2',
      variables: { pw: { value: secret } },
      configuration: { root_module: { variables: { pw: { sensitive: true } } } },
      resource_changes: [change(0, 'westeurope'), change(1, 'eastus')],
    };
    const dir = mkdtempSync(join(tmpdir(), 'acrkit-scrub-'));
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan));
    const run = await runCheck(['plan.json'], { cwd: dir });
    const text = JSON.stringify(run.result.report.findings);
    expect(text).toContain('(sensitive)');
    expect(text).not.toContain(secret);
    // The same findings as a scrub of every string of every finding, copying all of them.
    const scrub = scrubber([secret]);
    const deep = (v: unknown): unknown => {
      if (typeof v === 'string') return scrub(v);
      if (Array.isArray(v)) return v.map(deep);
      if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deep(x)]));
      return v;
    };
    const { loadInputs } = await import('../../lib/workflows/load-inputs.js');
    const loaded = await loadInputs(['plan.json'], { cwd: dir });
    const plain = evaluate(loaded.registries).findings;
    expect(JSON.stringify(plain.map(deep))).toBe(text);
    expect(run.result.report.findings.length).toBe(plain.length);
  });
});
