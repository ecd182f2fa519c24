/**
 * The policy Aspect and validation across a whole cdktf app, synthesized for real (App.synth
 * to a temporary folder): the README's `Aspects.of(app)` form checks every stack, every stack's
 * problems come out of one synth, and nothing is skipped silently.
 */
import { App, Aspects, TerraformStack } from 'cdktf';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider/index.js';
import { AcrStack } from '../../lib/constructs/acr-stack.js';
import { AppProblemsError } from '../../lib/constructs/app-checks.js';
import { ContainerRegistry } from '../../lib/constructs/container-registry.js';
import { AcrPolicy, AcrPolicyChecks } from '../../lib/constructs/policy-aspect.js';

const registry = (name: string) => ({ name, resourceGroupName: 'rg', location: 'westeurope', tier: 'Basic' as const });

function app(options: { skipValidation?: boolean } = {}): App {
  return new App({ outdir: mkdtempSync(join(tmpdir(), 'acrkit-app-')), ...options });
}

/** Annotations of one stack as cdktf wrote them to manifest.json: [level, path, message]. */
function annotations(a: App, stack: string): Array<[string, string, string]> {
  const manifest = JSON.parse(readFileSync(join(a.outdir, 'manifest.json'), 'utf8'));
  return manifest.stacks[stack].annotations.map((x: { level: string; constructPath: string; message: string }) => [x.level, x.constructPath, x.message]);
}

function synthError(a: App): Error {
  try {
    a.synth();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected synth to fail');
}

describe('Aspects.of(app).add(new AcrPolicyChecks())', () => {
  test('checks the registries of every stack and reports all failing findings in one error', () => {
    const a = app();
    for (const env of ['dev', 'prod']) new ContainerRegistry(new AcrStack(a, env, { backend: 'local' }), 'registry', { ...registry(`acrkit${env}01`), adminEnabled: true });
    Aspects.of(a).add(new AcrPolicyChecks({ packs: ['security'] }));
    const e = synthError(a);
    expect(e).toBeInstanceOf(AppProblemsError);
    expect(e.message).toMatch(/^acrkit found \d+ problems in 2 stacks \(every stack is checked before synth stops\):\n/);
    expect(e.message).toContain('[dev/registry] [ACR-SEC-001] adminEnabled must be false');
    expect(e.message).toContain('[prod/registry] [ACR-SEC-001] adminEnabled must be false');
  });

  test('findings below failOn become annotations on every stack, once each even when attached twice', () => {
    const a = app();
    const stacks = ['dev', 'prod'].map((env) => new AcrStack(a, env, { backend: 'local' }));
    stacks.forEach((s, i) => new ContainerRegistry(s, 'registry', registry(`acrkitreg0${i}`)));
    const checks = new AcrPolicyChecks({ packs: ['security'], failOn: 'never' });
    Aspects.of(a).add(checks);
    Aspects.of(stacks[1]!).add(checks);
    a.synth();
    for (const env of ['dev', 'prod']) {
      const public_ = annotations(a, env).filter(([, path, msg]) => path === `${env}/registry` && msg.startsWith('[ACR-SEC-003]'));
      expect(public_).toHaveLength(1);
      expect(public_[0]![0]).toBe('@cdktf/warn');
    }
  });

  test('works in a plain TerraformStack too (the registry hands itself to the app-level checks)', () => {
    const a = app();
    const stack = new TerraformStack(a, 'plain');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const reg = new ContainerRegistry(stack, 'registry', { ...registry('acrkitplain01'), adminEnabled: true });
    Aspects.of(a).add(new AcrPolicyChecks({ packs: ['security'] }));
    expect(() => a.synth()).toThrow(/\[plain\/registry\] \[ACR-SEC-001\]/);
    expect(reg.node.metadata.some((m) => String(m.data).startsWith('[ACR-SEC-001]'))).toBe(true);
  });

  test('a suppression on one stack does not reach the other', () => {
    const a = app();
    const [dev, prod] = ['dev', 'prod'].map((env) => new AcrStack(a, env, { backend: 'local' }));
    new ContainerRegistry(dev!, 'registry', { ...registry('acrkitdev001'), adminEnabled: true });
    new ContainerRegistry(prod!, 'registry', { ...registry('acrkitprod01'), adminEnabled: true });
    AcrPolicy.suppress(dev!, [{ id: 'ACR-SEC-001', reason: 'dev pipeline still logs in with the admin user' }]);
    Aspects.of(a).add(new AcrPolicyChecks({ packs: ['security'] }));
    const e = synthError(a);
    expect(e.message).toContain('[prod/registry] [ACR-SEC-001]');
    expect(e.message).not.toContain('[dev/registry] [ACR-SEC-001]');
  });

  test('a check on a stack without a registry, or on an app without any, says so', () => {
    const a = app();
    const empty = new AcrStack(a, 'network', { backend: 'local' });
    new ContainerRegistry(new AcrStack(a, 'dev', { backend: 'local' }), 'registry', registry('acrkitdev002'));
    Aspects.of(empty).add(new AcrPolicyChecks({ failOn: 'never' }));
    a.synth();
    expect(annotations(a, 'network')).toContainEqual(['@cdktf/warn', 'network', expect.stringMatching(/^AcrPolicyChecks visited no ContainerRegistry in stack network/)]);

    const b = app();
    new AcrStack(b, 'only-network', { backend: 'local' });
    Aspects.of(b).add(new AcrPolicyChecks());
    b.synth();
    expect(annotations(b, 'only-network')).toContainEqual(['@cdktf/warn', 'only-network', expect.stringMatching(/^AcrPolicyChecks on the app visited no ContainerRegistry/)]);
  });
});

describe('validation of every stack before synth stops', () => {
  test('tier problems of two stacks come out of one synth', () => {
    const a = app();
    new ContainerRegistry(new AcrStack(a, 'dev', { backend: 'local' }), 'registry', { ...registry('acrkitdev003'), replicas: [{ location: 'eastus' }] });
    new ContainerRegistry(new AcrStack(a, 'staging', { backend: 'local' }), 'registry', { ...registry('acrkitstg003'), tier: 'Standard', retentionDays: 7 });
    const e = synthError(a);
    expect(e.message).toMatch(/^acrkit found 2 problems in 2 stacks/);
    expect(e.message).toContain('[dev/registry] replicas need the Premium tier');
    expect(e.message).toContain('[staging/registry] ');
    expect(e.message).toMatch(/\[staging\/registry\] .*retention/i);
  });

  test("with cdktf's skipValidation the problems are warnings that name acrkit check, not silence", () => {
    const a = app({ skipValidation: true });
    new ContainerRegistry(new AcrStack(a, 'dev', { backend: 'local' }), 'registry', { ...registry('acrkitdev004'), replicas: [{ location: 'eastus' }] });
    a.synth();
    expect(annotations(a, 'dev')).toContainEqual([
      '@cdktf/warn',
      'dev/registry',
      expect.stringMatching(/^skipValidation is on, so this does not stop the synth: replicas need the Premium tier.*acrkit check cdktf\.out reports it/),
    ]);
  });
});

test("replica positions in synth messages follow the user's order, not the sorted blocks", () => {
  const a = app();
  new ContainerRegistry(new AcrStack(a, 'prod', { backend: 'local' }), 'registry', {
    ...registry('acrkitprod05'),
    tier: 'Premium',
    network: { publicAccess: true },
    replicas: [{ location: 'southeastasia' }, { location: 'westeurope' }, { location: 'eastus' }],
  });
  expect(synthError(a).message).toMatch(/\[prod\/registry\] replicas\[1\]\.location must differ from the home region/);
});
