/** ACR-SEC-005: a Premium registry encrypts with a customer-managed key. */
import { tierSupports } from '../../catalog/tiers.js';
import { isUnknown } from '../../model/unknown.js';
import { undecided, violation, type Rule } from '../rule.js';

/** A Premium registry should encrypt with a customer-managed key. */
export const CustomerManagedKey: Rule = {
  id: 'ACR-SEC-005',
  name: 'CustomerManagedKey',
  pack: 'security',
  severity: 'warning',
  info: 'The Premium registry does not use a customer-managed key.',
  explanation:
    'A customer-managed key (CMK) adds a second encryption layer you control: revoking the key blocks all registry data. It can only be set when the registry is created, so decide before the first apply. Use encryption: new CustomerManagedKey(...) (an encryption { key_vault_key_id, identity_client_id } block with a user-assigned identity). Only Premium supports CMK; other tiers are not checked.',
  references: [{ kind: 'azure-policy', id: '5b9159ae-1701-4a6f-9a7a-aa9c8ddd0580', title: 'Container registries should be encrypted with a customer-managed key' }],
  check: (s) => {
    if (isUnknown(s.tier)) return [undecided('whether the tier supports customer-managed keys', s.tier, 'whether sku supports customer-managed keys')];
    if (!tierSupports(s.tier, 'customerManagedKey')) return 'not-applicable';
    if (isUnknown(s.encryption)) return [undecided('encryption', s.encryption)];
    return s.encryption.kind === 'customer-managed'
      ? 'compliant'
      : [violation("encryption must use a customer-managed key on Premium, got platform-managed keys: set encryption: new CustomerManagedKey(...) when creating the registry (it cannot be added later).", 'encryption must use a customer-managed key on Premium, got none: add an encryption { key_vault_key_id, identity_client_id } block when creating the registry (it cannot be added later).')];
  },
};
