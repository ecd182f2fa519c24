import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Aspects, Testing } from 'cdktf';
import { PremiumGeoCmkStack } from '../../examples/premium-geo-cmk/main.js';
import { ContainerRegistry } from '../../lib/constructs/container-registry.js';
import { AcrPolicy, AcrPolicyChecks, InvalidSuppressionError } from '../../lib/constructs/policy-aspect.js';
import { registriesOf } from '../../lib/constructs/registries-of.js';
import { isInputError, type InputErrors } from '../../lib/errors.js';
import { runCheck } from '../../lib/workflows/check.js';
import { parseConfig } from '../../lib/policy/config.js';
import { evaluate } from '../../lib/policy/engine.js';
import { failing } from '../../lib/policy/finding.js';
import { loadRegistries } from '../../lib/workflows/load.js';
import { spec } from './helpers.js';

const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;

describe('engine', () => {
  test('suppressed findings stay in the report, marked, and do not fail the run', () => {
    const s = spec({ adminEnabled: true });
    const r = evaluate([s], { packs: ['security'], suppressions: [{ id: 'ACR-SEC-001', reason: 'legacy pipeline until Q3', kind: 'external', origin: 'acrkit.config.json' }] });
    const admin = r.findings.find((f) => f.ruleId === 'ACR-SEC-001')!;
    expect(admin).toMatchObject({ suppressed: true, reason: 'legacy pipeline until Q3', suppression: { kind: 'external' } });
    expect(failing(r.findings, 'error')).toEqual([]);
    expect(failing(r.findings, 'warning').map((f) => f.ruleId)).toEqual(['ACR-SEC-003']); // Basic cannot restrict the network: a warning
    // Legacy permissions mode and ARM-audience tokens: advice at info level (ACR-SEC-017, ACR-SEC-019).
    expect(r.summary).toEqual({ error: 0, warning: 1, info: 2, suppressed: 1, unknown: 0 });
  });

  test('unknown findings are counted apart and never fail', () => {
    const r = evaluate([spec({ adminEnabled: { unknown: true, reason: 'var.admin has no literal default' } })], { packs: ['security'] });
    expect(r.findings.find((f) => f.ruleId === 'ACR-SEC-001')!.status).toBe('unknown');
    expect(r.summary.unknown).toBe(1);
    expect(failing(r.findings, 'info').some((f) => f.status === 'unknown')).toBe(false);
  });
});

describe('config', () => {
  test('valid config: packs, failOn, options, suppressions', () => {
    const c = parseConfig({ packs: ['security'], failOn: 'warning', packOptions: { resilience: { productionMinReplicas: 2 } }, suppressions: [{ id: 'ACR-SEC-004', address: 'azurerm_container_registry.dev', reason: 'dev registry is public by design' }] }, 'acrkit.config.json');
    expect(c.suppressions[0]).toMatchObject({ id: 'ACR-SEC-004', kind: 'external', address: 'azurerm_container_registry.dev' });
  });

  test('errors name the file, JSON pointer, rule and value', () => {
    let err: InputErrors | undefined;
    try {
      parseConfig({ failOn: 'sometimes', suppressions: [{ id: 'ACR-SEC-001', reason: 'short' }], extra: 1 }, 'acrkit.config.json');
    } catch (e) {
      err = e as InputErrors;
    }
    expect(err && isInputError(err)).toBe(true);
    const text = err!.message;
    expect(text).toMatch(/acrkit.config.json#\/failOn: \/failOn must be one of "error", "warning", "info", "never" \(rule enum\), got "sometimes": use one of them\./);
    expect(text).toMatch(/acrkit.config.json#\/suppressions\/0\/reason: .*at least 10 characters \(rule minLength\), got "short"/);
    expect(text).toMatch(/#\/extra: \(top level\) has no field 'extra' \(rule additionalProperties\), got 1: remove it or use one of \$schema, packs, failOn, packOptions, suppressions\./);
  });

  test('unknown rule id in a suppression is rejected', () => {
    expect(() => parseConfig({ suppressions: [{ id: 'ACR-SEC-999', reason: 'this does not exist anyway' }] }, 'c.json')).toThrow(/suppression id must be a known rule id, got 'ACR-SEC-999'/);
  });

  test('runCheck picks up acrkit.config.json from cwd; # acrkit:ignore comments apply, short reasons are input errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acrkit-cfg-'));
    writeFileSync(join(dir, 'acrkit.config.json'), JSON.stringify({ packs: ['security'], failOn: 'warning' }));
    const run = await runCheck([join(FIXTURES, 'tf/multi')], { cwd: dir });
    expect(run.failOn).toBe('warning');
    expect(new Set(run.result.report.findings.map((f) => f.pack))).toEqual(new Set(['security']));
    const dev = run.result.report.findings.find((f) => f.address === 'azurerm_container_registry.dev' && f.ruleId === 'ACR-SEC-001')!;
    expect(dev).toMatchObject({ suppressed: true, suppression: { kind: 'inSource' } });
    expect(run.result.inputErrors!.map((e) => e.message).join('\n')).toMatch(/main.tf:58: # acrkit:ignore reason must be at least 10 characters, got 'x'/);
    expect(run.exitCode).toBe(2);
  });
});

describe('premium-geo-cmk example', () => {
  // Quarantine (it needs a scanner that releases images) and dedicated data endpoints are
  // advice at info level that the example does not take.
  const ADVICE = [['ACR-SEC-011', 'info'], ['ACR-SEC-012', 'info']];

  test('passes the security and azure-rules packs with nothing above info (construct tree and synthesized JSON)', async () => {
    const stack = new PremiumGeoCmkStack(Testing.app(), 'x');
    const fromTree = evaluate(registriesOf(stack), { packs: ['security', 'azure-rules'] });
    expect(fromTree.registries).toBe(1);
    expect(fromTree.findings.map((f) => [f.ruleId, f.severity])).toEqual(ADVICE);
    const dir = mkdtempSync(join(tmpdir(), 'acrkit-ex-'));
    writeFileSync(join(dir, 'cdk.tf.json'), Testing.synth(stack));
    const loaded = await loadRegistries([dir]);
    expect(loaded.errors).toEqual([]);
    expect(loaded.registries).toHaveLength(1);
    expect(evaluate(loaded.registries, { packs: ['security', 'azure-rules'] }).findings.map((f) => [f.ruleId, f.severity])).toEqual(ADVICE);
  });
});

describe('AcrPolicyChecks aspect', () => {
  test('errors fail the synth at the construct path; suppression on an ancestor counts', () => {
    const app = Testing.app();
    const stack = new PremiumGeoCmkStack(app, 'ok');
    const bad = new ContainerRegistry(stack, 'dev', { name: 'acrkitdev0001', resourceGroupName: 'rg', location: 'westeurope', tier: 'Basic', adminEnabled: true });
    Aspects.of(stack).add(new AcrPolicyChecks({ packs: ['security'] }));
    expect(() => Testing.fullSynth(stack)).toThrow(/\[ok\/dev\] \[ACR-SEC-001\] adminEnabled must be false/);
    const msgs = bad.node.metadata.map((m) => String(m.data));
    expect(msgs.some((m) => m.startsWith('[ACR-SEC-003]'))).toBe(true);

    const app2 = Testing.app();
    const stack2 = new PremiumGeoCmkStack(app2, 'ok2');
    const dev = new ContainerRegistry(stack2, 'dev', { name: 'acrkitdev0001', resourceGroupName: 'rg', location: 'westeurope', tier: 'Basic', adminEnabled: true });
    AcrPolicy.suppress(stack2, [
      { id: 'ACR-SEC-001', reason: 'dev registry for a legacy pipeline' },
      { id: 'ACR-SEC-003', reason: 'Basic tier cannot restrict the network' },
    ]);
    Aspects.of(stack2).add(new AcrPolicyChecks({ packs: ['security'] }));
    expect(() => Testing.fullSynth(stack2)).not.toThrow();
    expect(dev.node.metadata.some((m) => String(m.data).includes('(suppressed: dev registry for a legacy pipeline)'))).toBe(true);
  });

  test('suppress rejects short reasons and unknown ids', () => {
    const stack = new PremiumGeoCmkStack(Testing.app(), 's');
    expect(() => AcrPolicy.suppress(stack, [{ id: 'ACR-SEC-001', reason: 'meh' }])).toThrow(InvalidSuppressionError);
    expect(() => AcrPolicy.suppress(stack, [{ id: 'NOPE', reason: 'a long enough reason' }])).toThrow(/known rule id, got 'NOPE'/);
  });
});
