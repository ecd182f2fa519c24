/** ACR-HYG-001: a Premium registry deletes untagged manifests after a retention period. */
import { RETENTION_DAYS, tierSupports } from '../../catalog/tiers.js';
import { isUnknown } from '../../model/unknown.js';
import { undecided, violation, type Rule } from '../rule.js';

/** A Premium registry should turn on the retention policy for untagged manifests. */
export const RetentionEnabled: Rule = {
  id: 'ACR-HYG-001',
  name: 'RetentionEnabled',
  pack: 'hygiene-cost',
  severity: 'warning',
  info: 'Untagged manifests are kept forever.',
  explanation:
    `Every push to an existing tag leaves the old manifest untagged, still holding its unique layers: storage (billed per replica) grows without bound. The retention policy (Premium, preview) deletes manifests untagged after it was enabled, ${RETENTION_DAYS.value.min}-${RETENTION_DAYS.value.max} days later. Set retentionDays: 7 (retention_policy_in_days = 7). It cannot be combined with soft delete, so registries with soft delete are not checked.`,
  references: [
    { kind: 'checkov', id: 'CKV_AZURE_167', title: 'Ensure a retention policy is set to cleanup untagged manifests.' },
    { kind: 'psrule', id: 'Azure.ACR.Retention' },
  ],
  check: (s) => {
    if (isUnknown(s.tier)) return [undecided('whether the tier supports retention', s.tier, 'whether sku supports retention')];
    if (!tierSupports(s.tier, 'retentionPolicy')) return 'not-applicable';
    if (!isUnknown(s.softDeleteDays) && s.softDeleteDays > 0) return 'not-applicable';
    if (isUnknown(s.retentionDays)) return [undecided('retentionDays', s.retentionDays, 'retention_policy_in_days')];
    return s.retentionDays > 0
      ? 'compliant'
      : [violation(`retentionDays must be 1-${RETENTION_DAYS.value.max} on Premium, got 0 (off): set retentionDays: 7.`, `retention_policy_in_days must be 1-${RETENTION_DAYS.value.max} on Premium, got none: set retention_policy_in_days = 7.`)];
  },
};
