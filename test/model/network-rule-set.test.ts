/**
 * A network rule set is Premium-only even when it only says `default_action = "Allow"`: azurerm
 * refuses the block on Basic and Standard. One row of the feature table carries it to
 * validateSpec, the right-size advice and the tier matrix; the simulator has no network rule set
 * and is not affected.
 */
import { TIER_GATED_SETTINGS, unsupportedSettings, withoutSetting } from '../../lib/model/features.js';
import { validateSpec } from '../../lib/model/validate.js';
import { featuresUsed, smallestTierFor } from '../../lib/policy/feature-use.js';
import { runRule } from '../../lib/policy/engine.js';
import { TierRightSized } from '../../lib/policy/rules/TierRightSized.js';
import { spec, U } from '../policy/helpers.js';

const row = TIER_GATED_SETTINGS.find((s) => s.field === 'network.ruleSet')!;

test('the feature table has one row for the block, gated on network rules', () => {
  expect(row).toMatchObject({ attribute: 'network_rule_set', feature: 'networkRules' });
  // The row comes after the rows of the arguments inside the block.
  const at = (a: string): number => TIER_GATED_SETTINGS.findIndex((s) => s.attribute === a);
  expect(at('network_rule_set')).toBeGreaterThan(at('network_rule_set.ip_rule'));
  expect(at('network_rule_set')).toBeGreaterThan(at('network_rule_set.default_action'));
});

test('validateSpec: a rule set with only Allow on Basic is an error with the downgrade fix; with IP rules one message, not two', () => {
  const allowOnly = validateSpec(spec({ tier: 'Basic', network: { ruleSet: true, defaultAction: 'Allow' } }));
  expect(allowOnly.map((d) => d.terraformMessage)).toEqual([
    'network_rule_set needs the Premium tier, got sku "Basic": set sku = "Premium" or remove the network_rule_set block (network_rule_set = [] when moving an existing registry down from Premium).',
  ]);
  const withRules = validateSpec(spec({ tier: 'Standard', network: { ruleSet: true, defaultAction: 'Deny', ipRules: ['203.0.113.0/24'] } }));
  expect(withRules.map((d) => d.attribute)).toEqual(['network_rule_set.ip_rule', 'network_rule_set.default_action']);
  expect(validateSpec(spec({ tier: 'Premium', network: { ruleSet: true } }))).toEqual([]);
  // An unknown rule set on a known Premium tier fits whatever it holds.
  expect(validateSpec(spec({ tier: 'Premium', network: { ruleSet: U } }))).toEqual([]);
});

test('feature use and the smallest tier count the block', () => {
  const s = spec({ tier: 'Premium', network: { ruleSet: true, defaultAction: 'Allow' } });
  expect(featuresUsed(s)).toEqual({ features: ['networkRules'] });
  expect(smallestTierFor(s, ['networkRules'])).toBe('Premium');
  expect(featuresUsed(spec({ tier: 'Premium', network: { ruleSet: U } }))).toMatchObject({ field: 'network.ruleSet' });
});

test('right-size advice never suggests a tier the rule set cannot run on', () => {
  expect(runRule(TierRightSized, spec({ tier: 'Premium', network: { ruleSet: true, defaultAction: 'Allow' } }))).toEqual([]);
  const none = runRule(TierRightSized, spec({ tier: 'Premium' }));
  expect(none.map((f) => f.message)).toEqual([expect.stringMatching(/^sku "Premium" could be "Basic"/)]);
});

test('the simulator and construct settings have no rule set: the row never applies to them', () => {
  const sim = { tier: 'Basic' as const, replicas: [], retentionDays: 0, softDeleteDays: 0 };
  expect(unsupportedSettings(sim, 'Basic')).toEqual([]);
  const props = { network: { publicAccess: true } };
  expect(unsupportedSettings(props, 'Basic')).toEqual([]);
  // Turning the setting off on a spec clears the flag and keeps the rest of network.
  const s = spec({ tier: 'Basic', network: { ruleSet: true, publicAccess: true } });
  expect(withoutSetting(s, row).network).toMatchObject({ ruleSet: false, publicAccess: true });
});

test('normalize implies a rule set from Deny or rules when the source does not say', () => {
  expect(spec({ network: { defaultAction: 'Deny' } }).network.ruleSet).toBe(true);
  expect(spec({ network: { ipRules: ['203.0.113.0/24'] } }).network.ruleSet).toBe(true);
  expect(spec().network.ruleSet).toBe(false);
  expect(spec().network.virtualNetworkRules).toEqual([]);
});
