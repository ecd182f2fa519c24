/** ACR-SEC-007: the Key Vault holding the customer-managed key has purge protection. */
import { isUnknown, unknown } from '../../model/unknown.js';
import { undecided, violation, type Rule } from '../rule.js';

/** The vault of a customer-managed key must have purge protection. */
export const KeyVaultPurgeProtection: Rule = {
  id: 'ACR-SEC-007',
  name: 'KeyVaultPurgeProtection',
  pack: 'security',
  severity: 'error',
  info: 'The Key Vault of the customer-managed key can be purged.',
  explanation:
    'If the key or its vault is deleted and purged, every image in the registry becomes unreadable for good. Purge protection keeps deleted keys recoverable for the soft-delete window; the ACR docs recommend it for CMK. Set purge_protection_enabled = true on the azurerm_key_vault (CustomerManagedKey does this).',
  references: [],
  check: (s) => {
    if (isUnknown(s.encryption)) return [undecided('encryption', s.encryption)];
    if (s.encryption.kind !== 'customer-managed') return 'not-applicable';
    const vault = s.encryption.keyVault;
    if (!vault) return [undecided("the key vault's purge protection", unknown('the Key Vault is not in this configuration'))];
    if (isUnknown(vault.purgeProtection)) return [undecided(`purge protection of ${vault.address}`, vault.purgeProtection)];
    return vault.purgeProtection
      ? 'compliant'
      : [violation(`the key vault ${vault.address} must have purge protection, got purgeProtection false: set purge_protection_enabled = true on the vault.`, `purge_protection_enabled on ${vault.address} must be true, got false: set purge_protection_enabled = true.`)];
  },
};
