/** ACR-SEC-001: the admin user is off. */
import { isUnknown } from '../../model/unknown.js';
import { undecided, violation, type Rule } from '../rule.js';

/** The registry's admin user (a shared username and password) must be off. */
export const AdminUserDisabled: Rule = {
  id: 'ACR-SEC-001',
  name: 'AdminUserDisabled',
  pack: 'security',
  severity: 'error',
  info: 'The admin user is enabled.',
  explanation:
    'The admin user is one shared username and password with push and pull rights on the whole registry; it bypasses Entra ID, per-identity RBAC and audit. Use managed identities or service principals with AcrPull/AcrPush instead, then turn it off: adminEnabled: false (admin_enabled = false).',
  references: [
    { kind: 'checkov', id: 'CKV_AZURE_137', title: 'Ensure ACR admin account is disabled' },
    { kind: 'azure-policy', id: 'dc921057-6b28-4fbe-9b83-f7bec05db6c2', title: 'Container registries should have local admin account disabled.' },
    { kind: 'psrule', id: 'Azure.ACR.AdminUser' },
    { kind: 'mcsb', id: 'IM-1' },
    { kind: 'mcsb', id: 'IM-3' },
    { kind: 'mcsb', id: 'PA-1' },
  ],
  check: (s) => {
    if (isUnknown(s.adminEnabled)) return [undecided('adminEnabled', s.adminEnabled, 'admin_enabled')];
    return s.adminEnabled
      ? [violation('adminEnabled must be false, got true: set adminEnabled: false and grant AcrPull/AcrPush to identities instead.', 'admin_enabled must be false, got true: set admin_enabled = false and grant AcrPull/AcrPush to identities instead.')]
      : 'compliant';
  },
};
