/**
 * `#checkov:skip=<id>:<reason>` in a .tf file suppresses the acrkit rule the parity table maps
 * the Checkov check to, with the reason; a skip without a reason (valid for Checkov) does not.
 */
import { runCheck } from '../../lib/workflows/check.js';

const cwd = new URL('../fixtures/tf/', import.meta.url).pathname;

test('a Checkov skip with a reason suppresses the mapped acrkit rule', async () => {
  const run = await runCheck(['checkov-skip'], { cwd, packs: ['security'] });
  expect(run.result.inputErrors).toEqual([]);
  const admin = run.result.report.findings.filter((f) => f.ruleId === 'ACR-SEC-001');
  expect(admin.map((f) => [f.address, f.suppressed])).toEqual([
    ['azurerm_container_registry.legacy', true],
    ['azurerm_container_registry.noreason', false],
  ]);
  expect(admin[0]).toMatchObject({ reason: 'the legacy build agents log in with the admin user until March (checkov:skip=CKV_AZURE_137)', suppression: { kind: 'inSource', origin: expect.stringMatching(/checkov-skip\/main\.tf:3$/) } });
});
