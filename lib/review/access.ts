/**
 * What a change of the registry's permissions mode does to the principals with roles on it.
 *
 * `rbac` -> `rbac-abac`: AcrPull, AcrPush and AcrDelete stop granting anything, and Owner,
 * Contributor and Reader keep only control-plane access (container-registry-rbac-abac-repository-permissions.md).
 * Every principal that reads or writes images through one of them loses that access at the
 * switch, unless a repository role was assigned to it before: a role assignment takes up to 10
 * minutes to apply, so one added in the same change comes too late. ACR Tasks lose their default
 * data-plane access as well.
 *
 * `rbac-abac` -> `rbac`: the legacy roles grant registry-wide access again, and repository
 * conditions are not supported in that mode: access widens.
 */
import { legacyRoleOf, ROLE_ASSIGNMENT_MODE } from '../catalog/abac.js';
import { RBAC_PROPAGATION_SECONDS } from '../catalog/roles.js';
import type { RegistrySpec, RoleAssignmentSpec } from '../model/registry-spec.js';
import { isUnknown, known, show } from '../model/unknown.js';

/** A flag about access that a mode switch changes. */
export interface AccessReason {
  /** `access-loss`: principals lose data-plane access; `access-widened`: principals gain it. */
  readonly kind: 'access-loss' | 'access-widened';
  /** Who, what, and what to do first. */
  readonly message: string;
}

const role = (ra: RoleAssignmentSpec): { name?: string; id?: string } => ({ name: known(ra.roleName ?? '') || undefined, id: known(ra.roleId ?? '') || undefined });

/** The principal of an assignment as a message shows it. */
function who(ra: RoleAssignmentSpec): string {
  return isUnknown(ra.principalId) ? `the principal of ${ra.address} (${ra.principalId.reason})` : `principal ${ra.principalId}`;
}

/** Whether `spec` already had `roleName` for the principal of `ra` (by known principal id). */
function holds(spec: RegistrySpec, ra: RoleAssignmentSpec, roleName: string): boolean {
  const p = known(ra.principalId);
  return p !== undefined && spec.roleAssignments.some((x) => known(x.principalId) === p && known(x.roleName ?? '') === roleName);
}

/** The access flags of a registry change from `before` to `after` (the same registry). */
export function accessReasons(before: RegistrySpec, after: RegistrySpec): AccessReason[] {
  const from = before.permissionsMode;
  const to = after.permissionsMode;
  if (isUnknown(from) || isUnknown(to) || from === to) return [];
  const abac = ROLE_ASSIGNMENT_MODE.value['rbac-abac'];
  const minutes = Math.round(RBAC_PROPAGATION_SECONDS.value / 60);
  if (from === 'rbac' && to === 'rbac-abac') {
    const out: AccessReason[] = [];
    // The legacy assignments that exist when the mode switches: those of before, and any the change keeps or adds.
    const legacy = [...before.roleAssignments, ...after.roleAssignments.filter((a) => !before.roleAssignments.some((b) => b.address === a.address))];
    const seen = new Set<string>();
    for (const ra of legacy) {
      const l = legacyRoleOf(role(ra));
      if (!l) continue;
      const key = `${show(ra.principalId)}|${l.role}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (holds(before, ra, l.replacement)) continue;
      const inChange = holds(after, ra, l.replacement);
      out.push({
        kind: 'access-loss',
        message: `switching permissionsMode to 'rbac-abac' (role_assignment_mode = "${abac}") ends the ${l.access} access ${l.role} gives ${who(ra)} (${ra.address}): ${
          inChange
            ? `the ${l.replacement} assignment this change adds may apply up to ${minutes} minutes after the switch; assign it in an earlier change`
            : `assign ${l.replacement} to it (limited to its repositories) in an earlier change`
        }, then switch.`,
      });
    }
    out.push({
      kind: 'access-loss',
      message: `switching permissionsMode to 'rbac-abac' also ends AcrPull, AcrPush and AcrDelete assignments made outside this configuration (on the registry, its resource group or subscription; az aks update --attach-acr makes one) and the default data-plane access of ACR Tasks: list them with az role assignment list --scope <registry id> --include-inherited and give each a repository role first.`,
    });
    return out;
  }
  // rbac-abac -> rbac
  const widened = after.roleAssignments.flatMap((ra) => {
    const l = legacyRoleOf(role(ra));
    return l ? [`${l.role} gives ${who(ra)} ${l.access} on every repository`] : [];
  });
  const conditioned = before.roleAssignments.filter((ra) => ra.condition !== null).map((ra) => ra.address);
  return [
    {
      kind: 'access-widened',
      message: `switching permissionsMode back to 'rbac' (legacy) makes AcrPull, AcrPush, AcrDelete and Owner, Contributor and Reader grant registry-wide data-plane access again${widened.length ? ` (${widened.join('; ')})` : ''}${
        conditioned.length ? `, and that mode takes no repository conditions (${conditioned.join(', ')})` : ''
      }: keep 'rbac-abac', or review every legacy assignment on the registry, its resource group and subscription before switching.`,
    },
  ];
}
