/** ACR-HYG-002: the tier is no larger than the features in use need. */
import { monthlyBaseCostUsd, round2 } from '../../catalog/prices.js';
import { FEATURES, TIERS } from '../../catalog/tiers.js';
import { usesUnsupportedSetting } from '../../model/features.js';
import { isUnknown } from '../../model/unknown.js';
import { featuresUsed, smallestTierFor } from '../feature-use.js';
import { undecided, violation, type Rule } from '../rule.js';

/** A registry should not pay for a tier whose features it does not use. */
export const TierRightSized: Rule = {
  id: 'ACR-HYG-002',
  name: 'TierRightSized',
  pack: 'hygiene-cost',
  severity: 'info',
  info: 'The registry uses no feature of its tier that a cheaper tier lacks.',
  explanation:
    'Each tier is a fixed daily price. A Premium registry without geo-replication, private endpoints, a network rule set (even one that only says Allow: azurerm refuses the block below Premium), a customer-managed key, retention or the other Premium-only features pays the Premium unit for nothing but higher included storage (500 GiB vs 100 GiB) and request-rate limits. If the stored data and the request rate fit the cheaper tier, change tier (sku); switching is online. Prices come from lib/catalog/prices.ts.',
  references: [],
  check: (s) => {
    if (isUnknown(s.tier)) return [undecided('the tier', s.tier, 'sku')];
    if (!TIERS.includes(s.tier)) return 'not-applicable';
    const use = featuresUsed(s);
    if ('unknown' in use) return [undecided(`whether ${use.field} needs the ${s.tier} tier`, use.unknown)];
    let target = smallestTierFor(s, use.features);
    // Never a tier the configuration cannot run on: every setting of the one feature table
    // (network_rule_set included) must fit the tier suggested.
    while (TIERS.indexOf(target) < TIERS.indexOf(s.tier) && usesUnsupportedSetting(s, target)) target = TIERS[TIERS.indexOf(target) + 1]!;
    if (TIERS.indexOf(target) >= TIERS.indexOf(s.tier)) return 'compliant';
    const replicas = isUnknown(s.replicas) ? 0 : s.replicas.length;
    const saving = round2(monthlyBaseCostUsd(s.tier, replicas) - monthlyBaseCostUsd(target, 0));
    const used = use.features.length ? `uses only ${use.features.map((f) => FEATURES[f].title).join(', ')}` : 'uses no tier-gated feature';
    return [
      violation(
        `tier ${s.tier} could be ${target}: the registry ${used}, saving about $${saving.toFixed(2)} a month; set tier: '${target}' if the stored data and request rate fit.`,
        `sku "${s.tier}" could be "${target}": the registry ${used}, saving about $${saving.toFixed(2)} a month; set sku = "${target}" if the stored data and request rate fit.`,
      ),
    ];
  },
};
