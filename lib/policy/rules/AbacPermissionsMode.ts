/** ACR-SEC-017: the registry uses ABAC repository permissions (Microsoft's coming default), with the migration path. */
import { legacyRoleOf, ROLE_ASSIGNMENT_MODE } from '../../catalog/abac.js';
import { isUnknown, known, show } from '../../model/unknown.js';
import { undecided, violation, type Rule } from '../rule.js';

const { rbac: LEGACY, 'rbac-abac': ABAC } = ROLE_ASSIGNMENT_MODE.value;

/** Legacy mode works today; Microsoft will make ABAC mode the default and recommends migrating, roles first. */
export const AbacPermissionsMode: Rule = {
  id: 'ACR-SEC-017',
  name: 'AbacPermissionsMode',
  pack: 'security',
  severity: 'info',
  info: 'The registry uses legacy registry permissions, not ABAC repository permissions.',
  explanation:
    'In legacy mode (role_assignment_mode = "LegacyRegistryPermissions", Azure\'s default) AcrPull, AcrPush and AcrDelete grant access to every repository, and Owner, Contributor and Reader on the registry, its resource group or subscription read and write images too. Microsoft says the ABAC mode will become the default and recommends migrating: there the Container Registry Repository roles grant data-plane access, optionally limited to repositories with an ABAC condition, and control-plane roles no longer read images. Migrate in two changes: first assign the repository role beside each legacy one (Reader for AcrPull, Writer for AcrPush, Contributor for AcrDelete, Owner and Contributor), and the roles ACR Tasks use; then set permissionsMode: \'rbac-abac\' (role_assignment_mode = "AbacRepositoryPermissions" with azurerm >= 4.81, or the AzAPI roleAssignmentMode). Switching first cuts every identity off.',
  references: [
    { kind: 'doc', id: 'https://learn.microsoft.com/azure/container-registry/container-registry-rbac-abac-repository-permissions', title: 'Azure ABAC repository permissions in Azure Container Registry' },
    { kind: 'mcsb', id: 'PA-7' },
  ],
  check: (s) => {
    if (isUnknown(s.permissionsMode)) return [undecided('permissionsMode', s.permissionsMode, 'role_assignment_mode')];
    if (s.permissionsMode === 'rbac-abac') return 'compliant';
    const steps = s.roleAssignments.flatMap((ra) => {
      const l = legacyRoleOf({ name: known(ra.roleName ?? ''), id: known(ra.roleId ?? '') });
      return l ? [`${l.replacement} beside ${l.role} for ${show(ra.principalId)}`] : [];
    });
    const first = steps.length ? `assign ${steps.join('; ')} first` : 'assign the repository roles to every identity that pulls or pushes (assignments made outside this configuration too) first';
    return [
      violation(
        `permissionsMode should be 'rbac-abac' (Microsoft will make it the default), got 'rbac': ${first}, then set permissionsMode: 'rbac-abac'.`,
        `role_assignment_mode should be "${ABAC}" (Microsoft will make it the default), got "${LEGACY}": ${first}, then set role_assignment_mode = "${ABAC}" (azurerm >= 4.81).`,
      ),
    ];
  },
};
