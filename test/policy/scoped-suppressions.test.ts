/**
 * Config suppressions on a cdktf app's synthesized stacks: cdktf gives a registry the same
 * logical id in every stack, so a suppression by that address alone is ambiguous (an error
 * that lists the stacks), and `stack` or the construct path scopes it to one.
 */
import { App } from 'cdktf';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AcrStack } from '../../lib/constructs/acr-stack.js';
import { ContainerRegistry } from '../../lib/constructs/container-registry.js';
import { runCheck } from '../../lib/workflows/check.js';

const dir = mkdtempSync(join(tmpdir(), 'acrkit-scoped-'));
const app = new App({ outdir: join(dir, 'cdktf.out') });
for (const env of ['dev', 'prod']) {
  new ContainerRegistry(new AcrStack(app, env, { backend: 'local' }), 'registry', { name: `acrkit${env}77`, resourceGroupName: 'rg', location: 'westeurope', tier: 'Basic', adminEnabled: true });
}
app.synth();
const logicalId = Object.keys(
  (JSON.parse(readFileSync(join(dir, 'cdktf.out/stacks/dev/cdk.tf.json'), 'utf8')) as { resource: Record<string, Record<string, unknown>> }).resource.azurerm_container_registry!,
)[0]!;

async function check(suppression: Record<string, string>) {
  writeFileSync(join(dir, 'acrkit.config.json'), JSON.stringify({ suppressions: [{ id: 'ACR-SEC-001', reason: 'dev pipeline logs in with the admin user', ...suppression }] }));
  const run = await runCheck(['cdktf.out'], { cwd: dir, packs: ['security'] });
  const admin = run.result.report.findings.filter((f) => f.ruleId === 'ACR-SEC-001');
  return { run, suppressed: admin.filter((f) => f.suppressed).map((f) => f.location.constructPath), open: admin.filter((f) => !f.suppressed).map((f) => f.location.constructPath) };
}

test('the same logical id in two stacks: the bare address is an error naming both stacks', async () => {
  const { run, suppressed } = await check({ address: `azurerm_container_registry.${logicalId}` });
  expect(run.exitCode).toBe(2);
  expect(run.result.inputErrors?.map((e) => e.message)).toEqual([
    `acrkit.config.json#/suppressions/0: suppression address must name one registry, got 'azurerm_container_registry.${logicalId}' in 2 places (stack dev, stack prod): add "stack" or "file" to say which, or use the construct path (e.g. "dev/registry/registry").`,
  ]);
  expect(suppressed).toHaveLength(2); // the report still shows what it would have matched
});

test('"stack" scopes it: dev is suppressed, prod is not', async () => {
  const { run, suppressed, open } = await check({ address: `azurerm_container_registry.${logicalId}`, stack: 'dev' });
  expect(run.result.inputErrors).toEqual([]);
  expect(suppressed).toEqual(['dev/registry/registry']);
  expect(open).toEqual(['prod/registry/registry']);
  expect(run.exitCode).toBe(1);
});

test('a construct path scopes it on its own', async () => {
  const { run, suppressed, open } = await check({ address: 'prod/registry' });
  expect(run.result.inputErrors).toEqual([]);
  expect(suppressed).toEqual(['prod/registry/registry']);
  expect(open).toEqual(['dev/registry/registry']);
});

test('reports name cdktf registries by construct path, the logical id only as a detail', async () => {
  const { run } = await check({ address: 'prod/registry' });
  const { renderText } = await import('../../lib/report/check/text.js');
  const { renderMarkdown } = await import('../../lib/report/check/markdown.js');
  const text = renderText(run.result);
  expect(text).toMatch(new RegExp(`^dev/registry/registry  cdktf.out/stacks/dev/cdk.tf.json:\\d+#\\S+ \\(azurerm_container_registry\\.${logicalId}\\)$`, 'm'));
  expect(text).not.toMatch(new RegExp(`^azurerm_container_registry\\.${logicalId}`, 'm'));
  expect(renderMarkdown(run.result)).toContain('| ACR-SEC-001 | `dev/registry/registry` |');
});
