/** ACR-SEC-016: no AcrPull, AcrPush or AcrDelete assignment on a registry in ABAC mode (they grant nothing there). */
import { legacyRoleOf, ROLE_ASSIGNMENT_MODE } from '../../catalog/abac.js';
import type { RoleAssignmentSpec } from '../../model/registry-spec.js';
import { isUnknown, known, show } from '../../model/unknown.js';
import { undecided, violation, type Rule, type RuleFinding } from '../rule.js';

const ABAC = ROLE_ASSIGNMENT_MODE.value['rbac-abac'];

/** The legacy Acr* role of an assignment, with its replacement, if it is one. */
function acrRole(ra: RoleAssignmentSpec): { role: string; replacement: string } | undefined {
  const l = legacyRoleOf({ name: known(ra.roleName ?? ''), id: known(ra.roleId ?? '') });
  return l && l.role.startsWith('Acr') ? l : undefined;
}

/** In ABAC mode the legacy registry roles are not honoured: an assignment of one is an identity without access. */
export const LegacyRolesInAbacMode: Rule = {
  id: 'ACR-SEC-016',
  name: 'LegacyRolesInAbacMode',
  pack: 'security',
  severity: 'error',
  info: 'A legacy registry role (AcrPull, AcrPush, AcrDelete) is assigned on a registry in ABAC mode, where it grants nothing.',
  explanation:
    'A registry in the "RBAC Registry + ABAC Repository Permissions" mode (permissionsMode \'rbac-abac\', role_assignment_mode = "AbacRepositoryPermissions") does not honour AcrPull, AcrPush or AcrDelete: the identity holding one can neither pull nor push, and the deploy that relies on it fails at run time. Assign the repository role instead (Container Registry Repository Reader for AcrPull, Writer for AcrPush, Contributor for AcrDelete), limited to the repositories the identity needs, then remove the legacy assignment. In acrkit constructs, grantPull/grantPush/grantDelete pick the role of the mode.',
  references: [
    { kind: 'doc', id: 'https://learn.microsoft.com/azure/container-registry/container-registry-rbac-abac-repository-permissions', title: 'Azure ABAC repository permissions in Azure Container Registry' },
    { kind: 'mcsb', id: 'PA-7' },
  ],
  check: (s) => {
    const legacy = s.roleAssignments.flatMap((ra) => {
      const l = acrRole(ra);
      return l ? [{ ra, ...l }] : [];
    });
    if (legacy.length === 0) return 'compliant';
    if (isUnknown(s.permissionsMode)) return [undecided('whether the legacy role assignments grant anything', s.permissionsMode, 'role_assignment_mode')];
    if (s.permissionsMode !== 'rbac-abac') return 'compliant';
    return legacy.map(({ ra, role, replacement }): RuleFinding =>
      violation(
        `${ra.address} must assign a repository role in permissionsMode 'rbac-abac' (${role} grants nothing there), got ${role} for principal ${show(ra.principalId)}: grant with grantPull/grantPush/grantDelete (${replacement}) instead and remove this assignment.`,
        `role of ${ra.address} must be a repository role with role_assignment_mode = "${ABAC}" (${role} grants nothing there), got "${role}" for principal_id ${show(ra.principalId)}: assign "${replacement}" instead and remove this assignment.`,
      ),
    );
  },
};
