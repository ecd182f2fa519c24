/** ACR-RES-004: a management lock protects the registry. */
import { violation, type Rule } from '../rule.js';

/** The registry (or its resource group) should carry a management lock. */
export const LockPresent: Rule = {
  id: 'ACR-RES-004',
  name: 'LockPresent',
  pack: 'resilience',
  severity: 'warning',
  info: 'No management lock protects the registry.',
  explanation:
    'Deleting a registry deletes every image, replica and setting, and cannot be undone. A CanNotDelete lock on the registry (or its resource group) makes deletion a two-step decision. Set lock: \'CanNotDelete\' (an azurerm_management_lock with scope = the registry id and lock_level = "CanNotDelete").',
  references: [],
  check: (s) =>
    s.locks.length > 0
      ? 'compliant'
      : [violation("locks must include a management lock, got none: set lock: 'CanNotDelete'.", 'an azurerm_management_lock must target the registry or its resource group, got none: add one with lock_level = "CanNotDelete".')],
};
