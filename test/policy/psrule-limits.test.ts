/**
 * A hostile ps-rule.yaml stays cheap: a long comment block above a rule with thousands of
 * targets (all on one line) gives each suppression a short reason built once, the targets read
 * are capped with a warning, and an absurdly long rule name gets no "did you mean".
 */
import { InputError } from '../../lib/errors.js';
import { MAX_PSRULE_TARGETS, MAX_REASON_LENGTH, parsePsRuleOptions, type PsRuleWarning } from '../../lib/policy/psrule.js';

describe('PSRule options limits', () => {
  test('a 6000-line comment block above a rule with 6000 targets: capped reasons and targets, one warning', () => {
    const comment = Array.from({ length: 6000 }, (_, i) => `  # exception ${i} approved by the platform team`).join('\n');
    const targets = Array.from({ length: 6000 }, (_, i) => `crshop${String(i).padStart(5, '0')}`);
    const text = `suppression:\n${comment}\n  Azure.ACR.AdminUser: [${targets.join(', ')}]\n`;
    const errors: InputError[] = [];
    const warnings: PsRuleWarning[] = [];
    const out = parsePsRuleOptions({ file: 'ps-rule.yaml', text }, errors, warnings);
    expect(errors).toEqual([]);
    expect(out).toHaveLength(MAX_PSRULE_TARGETS);
    expect(out[0]!.targets).toEqual(['crshop00000']);
    const suffix = ' (PSRule Azure.ACR.AdminUser)';
    for (const s of out) {
      expect(s.reason.length).toBeLessThanOrEqual(MAX_REASON_LENGTH + suffix.length);
      expect(s.reason.endsWith(`...${suffix}`)).toBe(true);
    }
    expect(out[0]!.reason.startsWith('exception 0 approved by the platform team exception 1 approved')).toBe(true);
    // Built once per line: every suppression shares the same reason.
    expect(new Set(out.map((s) => s.reason)).size).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain(`at most ${MAX_PSRULE_TARGETS} target names for acrkit, got 6000`);
    expect(warnings[0]!.message).toContain('the other 5000 are not');
  });

  test('a trailing comment is capped too; a short one is kept whole', () => {
    const long = 'x'.repeat(5000);
    const text = `suppression:\n  Azure.ACR.AdminUser:\n  - crshopdev01 # ${long}\n  - crshopdev02 # office VPN only\n`;
    const out = parsePsRuleOptions({ file: 'ps-rule.yaml', text }, [], []);
    expect(out.map((s) => s.reason.length)).toEqual([MAX_REASON_LENGTH + ' (PSRule Azure.ACR.AdminUser)'.length, 'office VPN only (PSRule Azure.ACR.AdminUser)'.length]);
  });

  test('a rule name longer than 100 characters gets no guess; a typo still does', () => {
    const long = `Azure.ACR.${'AdminUser'.repeat(50)}`;
    const warnings: PsRuleWarning[] = [];
    const errors: InputError[] = [];
    parsePsRuleOptions({ file: 'ps-rule.yaml', text: `suppression:\n  ${long}: [crshopdev01]\n  Azure.ACR.AdminUsr: [crshopdev01]\n` }, errors, warnings);
    expect(errors).toEqual([]);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]!.message).not.toContain('did you mean');
    expect(warnings[0]!.message.length).toBeLessThan(400);
    expect(warnings[1]!.message).toContain("did you mean 'Azure.ACR.AdminUser'?");
  });
});
