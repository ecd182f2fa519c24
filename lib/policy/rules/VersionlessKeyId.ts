/** ACR-SEC-006: the customer-managed key id is versionless, so the key rotates automatically. */
import { isUnknown, show } from '../../model/unknown.js';
import { undecided, violation, type Rule } from '../rule.js';

/** A customer-managed key should be referenced without its version. */
export const VersionlessKeyId: Rule = {
  id: 'ACR-SEC-006',
  name: 'VersionlessKeyId',
  pack: 'security',
  severity: 'warning',
  info: 'The customer-managed key id names a key version, so rotation is manual.',
  explanation:
    'With a versionless key id ACR checks Key Vault and moves to a new key version within an hour of a rotation. A versioned id pins one version: when it expires or is disabled, the registry loses access to its data until someone runs az acr encryption rotate-key. Use the versionless id (azurerm_key_vault_key.<name>.versionless_id, https://<vault>.vault.azure.net/keys/<name>).',
  references: [],
  check: (s) => {
    if (isUnknown(s.encryption)) return [undecided('encryption', s.encryption)];
    if (s.encryption.kind !== 'customer-managed') return 'not-applicable';
    const v = s.encryption.versionless;
    if (isUnknown(v)) return [undecided('whether encryption.keyId is versionless', v, 'whether encryption.key_vault_key_id is versionless')];
    return v
      ? 'compliant'
      : [violation(`encryption.keyId must be versionless, got ${show(s.encryption.keyId)}: use the key's versionless id (key.versionlessId).`, `encryption.key_vault_key_id must be versionless, got ${show(s.encryption.keyId)}: use azurerm_key_vault_key.<name>.versionless_id.`)];
  },
};
