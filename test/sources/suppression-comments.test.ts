/**
 * Suppressions come from real comments only (issue 17): a heredoc or a string whose line reads
 * `# acrkit:ignore ...` or `#checkov:skip=...` is data a pull request controls, never a
 * suppression; braces inside a heredoc never end the block early. Every file here is hostile.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commentsFor } from '../../lib/sources/suppression-comments.js';
import { runCli } from '../support/cli.js';

const REGISTRY = '  name                = "acrheredoc"\n  resource_group_name = "rg"\n  location            = "westeurope"\n  sku                 = "Basic"\n  admin_enabled       = true\n';

async function check(text: string): Promise<{ code: number; suppressed: string[]; ruleIds: string[] }> {
  const cwd = mkdtempSync(join(tmpdir(), 'acrkit-heredoc-'));
  writeFileSync(join(cwd, 'main.tf'), text);
  const r = await runCli(['check', '--format', 'json', 'main.tf'], { cwd });
  const { findings } = JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; suppressed: boolean }> };
  return { code: r.code, suppressed: findings.filter((f) => f.suppressed).map((f) => f.ruleId), ruleIds: findings.map((f) => f.ruleId) };
}

test('a heredoc line starting with # acrkit:ignore suppresses nothing', async () => {
  const text = `resource "azurerm_container_registry" "r" {\n${REGISTRY}  tags = {\n    note = <<EOT\n# acrkit:ignore ACR-SEC-001 injected through a heredoc by a pull request\n#checkov:skip=CKV_AZURE_137: injected too\nEOT\n  }\n}\n`;
  const r = await check(text);
  expect(r.ruleIds).toContain('ACR-SEC-001');
  expect(r.suppressed).toEqual([]);
  expect(r.code).toBe(1);
});

test('the same comment as a real comment does suppress (the control)', async () => {
  const text = `resource "azurerm_container_registry" "r" {\n${REGISTRY}  # acrkit:ignore ACR-SEC-001 the build agent still uses the admin user until the migration (ticket 42)\n}\n`;
  const r = await check(text);
  expect(r.suppressed).toContain('ACR-SEC-001');
});

test('commentsFor tells comments from heredocs, strings and block comments', () => {
  const text = [
    '# acrkit:ignore ACR-A-001 above the block',
    'resource "t" "a" {',
    '  policy = <<-JSON',
    '    # acrkit:ignore ACR-A-002 in a heredoc',
    '    { "x": "}" }',
    '    }',
    '    JSON',
    '  script = "# acrkit:ignore ACR-A-003 in a string"',
    '  // acrkit:ignore ACR-A-004 a real comment',
    '  /*',
    '  # acrkit:ignore ACR-A-005 inside a block comment',
    '  */',
    '  t = "${jsonencode({ a = "}" })}"',
    '  #checkov:skip=CKV_AZURE_1: a real checkov skip',
    '}',
    '# acrkit:ignore ACR-A-006 after the block, not in it',
    'resource "t" "b" {',
    '  x = <<EOT',
    '# acrkit:ignore ACR-A-007 above nothing: heredoc',
    'EOT',
    '}',
  ].join('\n');
  expect(commentsFor(text, 2).map((c) => c.ruleId)).toEqual(['ACR-A-001', 'ACR-A-004', 'ACR-A-005', 'CKV_AZURE_1']);
  expect(commentsFor(text, 17).map((c) => c.ruleId)).toEqual(['ACR-A-006']);
});

test('a heredoc marker line ends the heredoc; a later resource keeps its own comments', () => {
  const text = ['resource "t" "a" {', '  x = <<EOT', '{{{', 'EOT', '}', '', '# acrkit:ignore ACR-B-001 belongs to b', 'resource "t" "b" {', '}'].join('\n');
  expect(commentsFor(text, 1)).toEqual([]);
  expect(commentsFor(text, 8).map((c) => [c.ruleId, c.line])).toEqual([['ACR-B-001', 7]]);
});
