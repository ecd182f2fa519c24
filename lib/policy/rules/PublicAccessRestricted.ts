/** ACR-SEC-003: the public endpoint is off, or default-deny with IP rules. */
import { monthlyBaseCostUsd } from '../../catalog/prices.js';
import { tierSupports } from '../../catalog/tiers.js';
import { usd } from '../../format/numbers.js';
import { isUnknown } from '../../model/unknown.js';
import { undecided, violation, type Rule } from '../rule.js';

// What Premium costs a month more than a tier, formatted once a tier (a large input names it in
// thousands of findings).
const PREMIUM_EXTRA = new Map<string, string>();

function premiumExtra(tier: Parameters<typeof monthlyBaseCostUsd>[0]): string {
  let more = PREMIUM_EXTRA.get(tier);
  if (more === undefined) {
    more = usd(monthlyBaseCostUsd('Premium', 0) - monthlyBaseCostUsd(tier, 0));
    PREMIUM_EXTRA.set(tier, more);
  }
  return more;
}

/** Public network access must be off, or the network rule set must deny by default. */
export const PublicAccessRestricted: Rule = {
  id: 'ACR-SEC-003',
  name: 'PublicAccessRestricted',
  pack: 'security',
  severity: 'error',
  info: 'The registry accepts connections from any network.',
  explanation:
    'A registry with public access and no firewall can be reached (and attacked with stolen credentials) from the whole internet. Turn public access off and reach the registry through private endpoints (network: { publicAccess: false }, public_network_access_enabled = false), or keep it public with a default-deny rule set that allows only your IP ranges (Premium). Basic and Standard cannot restrict network access at all: there the finding is a warning that names the monthly cost of moving to Premium.',
  references: [
    { kind: 'checkov', id: 'CKV_AZURE_139', title: 'Ensure ACR set to disable public networking' },
    { kind: 'azure-policy', id: 'd0793b48-0edc-4296-a390-4c75d1bdfd71', title: 'Container registries should not allow unrestricted network access' },
    { kind: 'azure-policy', id: '0fdf0491-d080-4575-b627-ad0e843cba0f', title: 'Public network access should be disabled for Container registries' },
    { kind: 'azure-policy', id: 'bd560fc0-3c69-498a-ae9f-aa8eb7de0e13', title: 'Container registries should have SKUs that support Private Links' },
    { kind: 'psrule', id: 'Azure.ACR.Firewall' },
    { kind: 'mcsb', id: 'NS-2' },
  ],
  check: (s) => {
    const { publicAccess, defaultAction, ipRules } = s.network;
    if (publicAccess === false) return 'compliant';
    if (!isUnknown(s.tier) && !tierSupports(s.tier, 'publicAccessDisabled') && !tierSupports(s.tier, 'networkRules')) {
      // The tier cannot comply: say so, and what the move that can costs (a warning, not an error).
      const more = premiumExtra(s.tier);
      return [
        violation(
          `network.publicAccess cannot be restricted on ${s.tier}, got a public registry: Premium can (private endpoints or IP rules) for ${more} a month more; move to tier: 'Premium', or accept it with a suppression.`,
          `public_network_access_enabled cannot be false on ${s.tier}, got a public registry: Premium can (private endpoints or network_rule_set) for ${more} a month more; set sku = "Premium", or accept it with a suppression.`,
          'warning',
        ),
      ];
    }
    if (defaultAction === 'Deny') {
      if (isUnknown(ipRules) || ipRules.length > 0 || publicAccess === true) return 'compliant';
    }
    if (isUnknown(publicAccess)) return [undecided('network.publicAccess', publicAccess, 'public_network_access_enabled')];
    if (isUnknown(defaultAction)) return [undecided('network.defaultAction', defaultAction, 'network_rule_set.default_action')];
    return [
      violation(
        `network.publicAccess must be false or network.defaultAction 'Deny', got publicAccess true and defaultAction '${defaultAction}': set network: { publicAccess: false, privateEndpoints: [...] }, or network: { defaultAction: 'Deny', ipRules: [...] } (Premium).`,
        `public_network_access_enabled must be false or network_rule_set.default_action "Deny", got true and "${defaultAction}": set public_network_access_enabled = false with a private endpoint, or network_rule_set { default_action = "Deny" ip_rule { ... } } (Premium).`,
      ),
    ];
  },
};
