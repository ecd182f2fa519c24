/** ACR-SEC-002: anonymous pull is off. */
import { isUnknown } from '../../model/unknown.js';
import { undecided, violation, type Rule } from '../rule.js';

/** Anonymous (unauthenticated) pull must be off. */
export const AnonymousPullDisabled: Rule = {
  id: 'ACR-SEC-002',
  name: 'AnonymousPullDisabled',
  pack: 'security',
  severity: 'error',
  info: 'Anonymous pull is enabled.',
  explanation:
    'With anonymous pull anyone who can reach the registry can pull every image without signing in. Keep it only for registries that publish public images; otherwise set anonymousPull: false (anonymous_pull_enabled = false).',
  references: [
    { kind: 'checkov', id: 'CKV_AZURE_138', title: 'Ensures that ACR disables anonymous pulling of images' },
    { kind: 'azure-policy', id: '9f2dea28-e834-476c-99c5-3507b4728395', title: 'Container registries should have anonymous authentication disabled.' },
    { kind: 'psrule', id: 'Azure.ACR.AnonymousAccess' },
    { kind: 'mcsb', id: 'IM-1' },
  ],
  check: (s) => {
    if (isUnknown(s.anonymousPull)) return [undecided('anonymousPull', s.anonymousPull, 'anonymous_pull_enabled')];
    return s.anonymousPull
      ? [violation('anonymousPull must be false, got true: set anonymousPull: false.', 'anonymous_pull_enabled must be false, got true: set anonymous_pull_enabled = false.')]
      : 'compliant';
  },
};
