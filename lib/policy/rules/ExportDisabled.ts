/** ACR-SEC-008: a Premium registry disables export. */
import { tierSupports } from '../../catalog/tiers.js';
import { isUnknown } from '../../model/unknown.js';
import { undecided, violation, type Rule } from '../rule.js';

/** A Premium registry should not allow artifacts to be exported. */
export const ExportDisabled: Rule = {
  id: 'ACR-SEC-008',
  name: 'ExportDisabled',
  pack: 'security',
  severity: 'warning',
  info: 'Artifacts can be exported out of the Premium registry.',
  explanation:
    'With export enabled, anyone with the right role can copy images out with az acr import or ACR transfer, around your network rules. Disabling export (Premium, and only with public access off) keeps data reachable only through the data plane: exportEnabled: false (export_policy_enabled = false) with network.publicAccess false. Other tiers cannot disable export and are not checked.',
  references: [
    { kind: 'azure-policy', id: '524b0254-c285-4903-bee6-bb8126cde579', title: 'Container registries should have exports disabled' },
    { kind: 'psrule', id: 'Azure.ACR.ExportPolicy' },
  ],
  check: (s) => {
    if (isUnknown(s.tier)) return [undecided('whether the tier can disable export', s.tier, 'whether sku can disable export')];
    if (!tierSupports(s.tier, 'exportDisabled')) return 'not-applicable';
    if (isUnknown(s.exportEnabled)) return [undecided('exportEnabled', s.exportEnabled, 'export_policy_enabled')];
    return s.exportEnabled
      ? [violation('exportEnabled must be false on Premium, got true: set exportEnabled: false together with network.publicAccess: false.', 'export_policy_enabled must be false on Premium, got true: set export_policy_enabled = false together with public_network_access_enabled = false.')]
      : 'compliant';
  },
};
