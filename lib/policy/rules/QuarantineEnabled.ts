/** ACR-SEC-011: a Premium registry quarantines new images until a scanner releases them. */
import { tierSupports } from '../../catalog/tiers.js';
import { isUnknown } from '../../model/unknown.js';
import { undecided, violation, type Rule } from '../rule.js';

/** On Premium, the quarantine policy holds pushed images back until they are marked verified. */
export const QuarantineEnabled: Rule = {
  id: 'ACR-SEC-011',
  name: 'QuarantineEnabled',
  pack: 'security',
  severity: 'info',
  info: 'Pushed images can be pulled before anything has scanned them.',
  explanation:
    'With the quarantine policy (Premium, preview) a pushed image cannot be pulled until a scanner marks it verified, so an unscanned image never reaches a cluster. It needs a scanner that releases images; without one, every pull of a new image fails. Set quarantine: true (quarantine_policy_enabled = true) where a scanner is wired in. Basic and Standard cannot quarantine, so they are not checked.',
  references: [
    { kind: 'checkov', id: 'CKV_AZURE_166', title: 'Ensure container image quarantine, scan, and mark images verified' },
    { kind: 'psrule', id: 'Azure.ACR.Quarantine' },
  ],
  check: (s) => {
    if (isUnknown(s.tier)) return [undecided('whether the tier supports quarantine', s.tier, 'whether sku supports quarantine')];
    if (!tierSupports(s.tier, 'quarantine')) return 'not-applicable';
    if (isUnknown(s.quarantine)) return [undecided('quarantine', s.quarantine, 'quarantine_policy_enabled')];
    return s.quarantine
      ? 'compliant'
      : [violation('quarantine should be on where a scanner releases images, got false: set quarantine: true.', 'quarantine_policy_enabled should be true where a scanner releases images, got false: set quarantine_policy_enabled = true.')];
  },
};
