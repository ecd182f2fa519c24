/**
 * Parity with Checkov, PSRule for Azure and Azure Policy: one test per peer check. A check
 * mapped to an acrkit rule is listed in that rule's references (so docs and SARIF name it);
 * one that is not states why.
 */
import { ALL_RULES, findRule } from '../../lib/policy/packs/index.js';
import { PEER_CHECKS } from '../../lib/policy/parity.js';

describe.each(PEER_CHECKS.map((p) => [`${p.tool} ${p.id}`, p] as const))('%s', (_, peer) => {
  if (peer.rule) {
    test(`maps to ${peer.rule}, which lists it`, () => {
      const rule = findRule(peer.rule!);
      expect(rule).toBeDefined();
      expect(rule!.references.filter((r) => r.kind === peer.tool).map((r) => r.id)).toContain(peer.id);
    });
  } else {
    test('states the divergence', () => {
      expect(peer.divergence?.length ?? 0).toBeGreaterThan(40);
    });
  }
});

test('every peer id a rule lists is in the parity table, once', () => {
  const listed = ALL_RULES.flatMap((r) => r.references.filter((x) => x.kind === 'checkov' || x.kind === 'psrule' || x.kind === 'azure-policy').map((x) => `${x.kind} ${x.id}`));
  const table = PEER_CHECKS.map((p) => `${p.tool} ${p.id}`);
  expect(new Set(table).size).toBe(table.length);
  expect(listed.filter((id) => !table.includes(id))).toEqual([]);
});
