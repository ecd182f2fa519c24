/** ACR-HYG-003: Docker Content Trust is not used (deprecated). */
import { FEATURES } from '../../catalog/tiers.js';
import { isUnknown } from '../../model/unknown.js';
import { undecided, violation, type Rule } from '../rule.js';

/** Content trust is deprecated and should be replaced by Notation signing. */
export const ContentTrustDeprecated: Rule = {
  id: 'ACR-HYG-003',
  name: 'ContentTrustDeprecated',
  pack: 'hygiene-cost',
  severity: 'warning',
  info: 'Docker Content Trust is enabled, and it is deprecated.',
  explanation: `${FEATURES.contentTrust.note ?? 'Docker Content Trust is deprecated.'} It also cannot be combined with a customer-managed key, and azurerm 5.0 removes trust_policy_enabled. Sign images with Notation (Notary Project) and verify at deploy time, then set trust_policy_enabled = false.`,
  references: [{ kind: 'doc', id: FEATURES.contentTrust.source.ref, title: 'Content trust deprecation' }],
  check: (s) => {
    if (isUnknown(s.trust)) return [undecided('trust', s.trust, 'trust_policy_enabled')];
    return s.trust
      ? [violation('trust must be false (Docker Content Trust is deprecated since 2025-03-31), got true: sign with Notation and set trust: false.', 'trust_policy_enabled must be false (Docker Content Trust is deprecated since 2025-03-31), got true: sign with Notation and remove trust_policy_enabled.')]
      : 'compliant';
  },
};
