/**
 * Fuzz: ps-rule.yaml and a .ps-rule/*.Rule.yaml, mutated from seeds written for this test,
 * through the parsers (never a throw, only input errors and warnings) and through `acrkit check`
 * (exit 0, 1 or 2, never 70; no raw control character from the file in a message).
 */
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InputError } from '../../lib/errors.js';
import { parsePsRuleOptions, parseSuppressionGroups, psRuleSuppressionsFor, type PsRuleWarning } from '../../lib/policy/psrule.js';
import { runCli } from '../support/cli.js';
import { expectNoProblem, FUZZ_TIMEOUT_MS, fuzzParams, mutateText, runProblem, textMutations } from '../fuzz/fuzz.js';
import { spec } from './helpers.js';

const OPTIONS = `# PSRule for Azure, shop platform
input:
  pathIgnore:
  - '*.md'
suppression:
  # Build agents in dev still use the admin user
  Azure.ACR.AdminUser:
  - acrkittest01
  Azure.ACR.Firewall:
    targetName:
    - acrkittest01 # office VPN only
  Azure.Storage.SoftDelete: [stshop01]
`;

const GROUPS = `---
# Synopsis: Development registries may keep exports on
apiVersion: github.com/microsoft/PSRule/v1
kind: SuppressionGroup
metadata:
  name: Local.DevExports
spec:
  expiresOn: 2030-01-01T00:00:00Z
  rule:
  - Azure.ACR.ExportPolicy
  if:
    anyOf:
    - field: tags.env
      in: [dev, test]
    - name: '.'
      startsWith: acrkit
`;

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

test(
  'mutated PSRule files: the parsers never throw and every message is one safe line',
  () => {
    fc.assert(
      fc.property(textMutations, textMutations, (m1, m2) => {
        const errors: InputError[] = [];
        const warnings: PsRuleWarning[] = [];
        const entries = [
          ...parsePsRuleOptions({ file: 'ps-rule.yaml', text: mutateText(OPTIONS, m1) }, errors, warnings),
          ...parseSuppressionGroups({ file: '.ps-rule/Dev.Rule.yaml', text: mutateText(GROUPS, m2) }, errors, warnings),
        ];
        const suppressions = psRuleSuppressionsFor(entries, spec({ tags: { env: 'dev' } }), { now: new Date('2026-01-01T00:00:00Z') }, warnings);
        for (const s of suppressions) expect(s.reason.length).toBeGreaterThanOrEqual(10);
        for (const text of [...errors.map((e) => e.message), ...warnings.map((w) => w.message)]) {
          if (CONTROL.test(text) || text.includes('\n')) throw new Error(`message must be one line without control characters, got ${JSON.stringify(text)}`);
        }
      }),
      fuzzParams(),
    );
  },
  FUZZ_TIMEOUT_MS,
);

const dir = mkdtempSync(join(tmpdir(), 'acrkit-fuzz-psrule-'));
writeFileSync(
  join(dir, 'main.tf'),
  'resource "azurerm_container_registry" "acr" {\n  name                = "acrkittest01"\n  resource_group_name = "rg"\n  location            = "westeurope"\n  sku                 = "Standard"\n  admin_enabled       = true\n  tags                = { env = "dev" }\n}\n',
);
mkdirSync(join(dir, '.ps-rule'));
let n = 0;

test(
  'mutated PSRule files through acrkit check: exit 0, 1 or 2',
  async () => {
    await fc.assert(
      fc.asyncProperty(textMutations, textMutations, fc.constantFrom('text', 'json'), async (m1, m2, format) => {
        const options = mutateText(OPTIONS, m1);
        const groups = mutateText(GROUPS, m2);
        writeFileSync(join(dir, 'ps-rule.yaml'), options);
        writeFileSync(join(dir, '.ps-rule', 'Dev.Rule.yaml'), groups);
        n++;
        const r = await runCli(['check', 'main.tf', '--format', format], { cwd: dir });
        expectNoProblem(runProblem(r), `${options}\n---- groups ----\n${groups}`);
      }),
      { ...fuzzParams(), numRuns: Math.min(50, fuzzParams().numRuns ?? 50) },
    );
    expect(n).toBeGreaterThan(0);
  },
  FUZZ_TIMEOUT_MS,
);
