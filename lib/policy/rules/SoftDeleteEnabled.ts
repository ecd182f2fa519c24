/** ACR-RES-007: soft delete keeps deleted artifacts recoverable for a while. */
import { SOFT_DELETE_DAYS } from '../../catalog/tiers.js';
import { isUnknown, known } from '../../model/unknown.js';
import { undecided, violation, type Rule } from '../rule.js';

/** Soft delete (all tiers, preview) lets a deleted tag or manifest be restored within its window. */
export const SoftDeleteEnabled: Rule = {
  id: 'ACR-RES-007',
  name: 'SoftDeleteEnabled',
  pack: 'resilience',
  severity: 'info',
  info: 'A deleted image cannot be restored.',
  explanation: `With soft delete (all tiers, preview) a deleted artifact stays restorable for ${SOFT_DELETE_DAYS.value.min}-${SOFT_DELETE_DAYS.value.max} days, and is billed meanwhile. It cannot be combined with the retention policy or geo-replication, so registries with either are not checked. Set softDeleteDays: 7 (the SoftDeletePolicy construct writes it through AzAPI).`,
  references: [{ kind: 'psrule', id: 'Azure.ACR.SoftDelete' }],
  check: (s) => {
    if ((known(s.retentionDays) ?? 0) > 0 || (known(s.replicas)?.length ?? 0) > 0) return 'not-applicable';
    if (isUnknown(s.softDeleteDays)) return [undecided('softDeleteDays', s.softDeleteDays)];
    return s.softDeleteDays > 0 ? 'compliant' : [violation(`softDeleteDays should be ${SOFT_DELETE_DAYS.value.min}-${SOFT_DELETE_DAYS.value.max}, got 0 (off): set softDeleteDays: 7.`)];
  },
};
