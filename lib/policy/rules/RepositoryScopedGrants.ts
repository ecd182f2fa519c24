/** ACR-SEC-018: in ABAC mode, repository roles are limited to repositories where they can be. */
import { roleKind } from '../../catalog/abac.js';
import { isUnknown, known, show } from '../../model/unknown.js';
import { undecided, violation, type Rule, type RuleFinding } from '../rule.js';

/** A repository role without a condition reaches every repository, present and future. */
export const RepositoryScopedGrants: Rule = {
  id: 'ACR-SEC-018',
  name: 'RepositoryScopedGrants',
  pack: 'security',
  severity: 'info',
  info: 'A repository role is assigned registry-wide where an ABAC condition could limit it to repositories.',
  explanation:
    'In ABAC mode a Container Registry Repository Reader, Writer or Contributor assignment without a condition covers every repository of the registry, including ones added later. Most identities need a few: a cluster pulls its applications, a pipeline pushes one namespace. Limit the assignment with an ABAC condition on the repository name (grantPull(principal, { repositories: [\'team-a/*\'] }) in acrkit, or condition and condition_version = "2.0" on azurerm_role_assignment), and keep registry-wide grants for identities that really need them (suppress with the reason).',
  references: [
    { kind: 'doc', id: 'https://learn.microsoft.com/azure/container-registry/container-registry-rbac-abac-repository-permissions', title: 'Azure ABAC repository permissions in Azure Container Registry' },
    { kind: 'mcsb', id: 'PA-7' },
  ],
  check: (s) => {
    const repo = s.roleAssignments.filter((ra) => roleKind({ name: known(ra.roleName ?? ''), id: known(ra.roleId ?? '') }) === 'repository');
    const open = repo.filter((ra) => ra.condition === null);
    const unknownCondition = repo.find((ra) => ra.condition !== null && isUnknown(ra.condition));
    if (open.length === 0 && !unknownCondition) return repo.length ? 'compliant' : 'not-applicable';
    if (isUnknown(s.permissionsMode)) return [undecided('whether conditions can limit the repository roles', s.permissionsMode, 'role_assignment_mode')];
    if (s.permissionsMode !== 'rbac-abac') return 'not-applicable';
    const out: RuleFinding[] = open.map((ra) =>
      violation(
        `${ra.address} should be limited to the repositories ${show(ra.principalId)} needs, got ${show(ra.roleName ?? ra.roleId ?? 'a repository role')} on every repository: pass repositories (['team-a/*']) to the grant, or suppress with the reason it needs them all.`,
        `${ra.address} should have a condition limiting it to the repositories principal_id ${show(ra.principalId)} needs, got ${show(ra.roleName ?? ra.roleId ?? 'a repository role')} on every repository: add condition (repositories:name StringStartsWithIgnoreCase 'team-a/') with condition_version = "2.0", or suppress with the reason it needs them all.`,
      ),
    );
    if (unknownCondition && isUnknown(unknownCondition.condition)) out.push(undecided(`the condition of ${unknownCondition.address}`, unknownCondition.condition));
    return out;
  },
};
