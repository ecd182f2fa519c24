/**
 * Repository permissions with Microsoft Entra ABAC (attribute-based access control) in Azure
 * Container Registry: the registry's role assignment permissions mode, which roles each mode
 * honours, the repository role that replaces each legacy one, and the condition format that
 * limits a repository role to repositories or namespaces. Every fact carries its source and date.
 *
 * Semantics (container-registry-rbac-abac-repository-permissions.md, ms.date 12/11/2025): in
 * ABAC mode AcrPull, AcrPush and AcrDelete are not honoured and Owner, Contributor and Reader
 * give control-plane access only; data-plane access comes from the Container Registry
 * Repository Reader / Writer / Contributor roles, registry-wide without a condition or limited
 * to repositories with one. ACR Tasks lose their default data-plane access in that mode.
 * Microsoft says the ABAC mode will become the default and recommends migrating, after
 * assigning the repository roles first.
 */
import { amd, fact, tf, type Fact, type Source } from './fact.js';
import { BUILT_IN_ROLES, builtInRoleById, builtInRoleByName, type BuiltInRoleName } from './roles.js';

/** The ABAC repository permissions how-to (MicrosoftDocs/azure-management-docs). */
const ABAC_DOC: Source = {
  ref: 'MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-rbac-abac-repository-permissions.md (ms.date 12/11/2025)',
  asOf: '2025-12-11',
  confirmed: true,
};

/** A registry's role assignment permissions mode, as acrkit and the Azure CLI name it (`--role-assignment-mode`). */
export type PermissionsMode = 'rbac' | 'rbac-abac';

/** The two modes, legacy first. */
export const PERMISSIONS_MODES: readonly PermissionsMode[] = ['rbac', 'rbac-abac'];

/** The ARM `roleAssignmentMode` value (also azurerm's `role_assignment_mode`) of each mode. */
export const ROLE_ASSIGNMENT_MODE: Fact<Readonly<Record<PermissionsMode, string>>> = fact(
  { rbac: 'LegacyRegistryPermissions', 'rbac-abac': 'AbacRepositoryPermissions' },
  {
    ...ABAC_DOC,
    note: 'az acr create/update --role-assignment-mode rbac | rbac-abac; ARM properties.roleAssignmentMode (API 2025-03-01-preview and later, stable in 2025-11-01); azurerm role_assignment_mode from v4.81.0 (PR #31667). LegacyRegistryPermissions is the default.',
  },
);

/** The azurerm version that added `role_assignment_mode` and `azuread_authentication_as_arm_policy_enabled`. */
export const AZURERM_ROLE_ASSIGNMENT_MODE_VERSION: Fact<string> = fact('4.81.0', {
  ...tf('website/docs/r/container_registry.html.markdown'),
  note: 'Added by hashicorp/terraform-provider-azurerm PR #31667 (ACR API 2025-11-01); acrkit pins @cdktf/provider-azurerm 14.23.1 = azurerm 4.55.0, which has neither argument.',
});

/** The mode of an ARM `roleAssignmentMode` value (case-insensitive), or `undefined` for anything else. */
export function modeOfRoleAssignmentMode(value: string): PermissionsMode | undefined {
  const v = value.trim().toLowerCase();
  return PERMISSIONS_MODES.find((m) => ROLE_ASSIGNMENT_MODE.value[m].toLowerCase() === v);
}

/** The mode Azure gives a registry that does not set one. */
export const DEFAULT_PERMISSIONS_MODE: Fact<PermissionsMode> = fact('rbac', ABAC_DOC);

/** Microsoft's plan for the modes: ABAC becomes the default; migrate after assigning the repository roles. */
export const ABAC_BECOMES_DEFAULT: Fact<string> = fact(
  'ABAC-enabled mode (rbac-abac) will become the default role assignment permissions mode; Microsoft recommends migrating existing registries, after assigning the ABAC-enabled roles first, or existing identities lose access.',
  { ref: 'learn.microsoft.com/azure/container-registry/container-registry-rbac-abac-repository-permissions ("Important" note)', asOf: '2026-02-06', confirmed: true },
);

/** A data-plane role and the repository role that replaces it in ABAC mode. */
export interface LegacyRole {
  /** The role that grants data-plane access only in legacy mode. */
  readonly role: BuiltInRoleName;
  /** The repository role that grants the same (or the nearest wider) access in ABAC mode. */
  readonly replacement: BuiltInRoleName;
  /** What the role lets a principal do on the registry's data in legacy mode. */
  readonly access: string;
}

/**
 * The roles that give data-plane access in legacy mode and none in ABAC mode, with their
 * replacements. AcrDelete has no delete-only repository role: Contributor also reads and writes.
 * Owner, Contributor and Reader keep their control-plane access in ABAC mode.
 */
export const LEGACY_DATA_PLANE_ROLES: Fact<readonly LegacyRole[]> = fact(
  [
    { role: 'AcrPull', replacement: 'Container Registry Repository Reader', access: 'pull' },
    { role: 'AcrPush', replacement: 'Container Registry Repository Writer', access: 'push and pull' },
    { role: 'AcrDelete', replacement: 'Container Registry Repository Contributor', access: 'delete' },
    { role: 'Reader', replacement: 'Container Registry Repository Reader', access: 'pull' },
    { role: 'Contributor', replacement: 'Container Registry Repository Contributor', access: 'push, pull and delete' },
    { role: 'Owner', replacement: 'Container Registry Repository Contributor', access: 'push, pull and delete' },
  ],
  { ...ABAC_DOC, note: 'Reader (*/read) includes registries/pull/read, Owner and Contributor (*) every registry action (built-in-roles.md).' },
);

/** The repository roles: honoured in ABAC mode, limited to repositories by an optional condition. */
export const REPOSITORY_ROLES: Fact<readonly BuiltInRoleName[]> = fact(
  ['Container Registry Repository Reader', 'Container Registry Repository Writer', 'Container Registry Repository Contributor'],
  ABAC_DOC,
);

/** How a role assignment's role relates to the permissions modes. */
export type RoleKind = 'legacy-data-plane' | 'repository' | 'other';

/** The kind of a role given by name or definition id (either may be undefined). */
export function roleKind(role: { readonly name?: string | undefined; readonly id?: string | undefined }): RoleKind {
  const known = (role.id !== undefined ? builtInRoleById(role.id) : undefined) ?? (role.name !== undefined ? builtInRoleByName(role.name) : undefined);
  if (!known) return 'other';
  if (LEGACY_DATA_PLANE_ROLES.value.some((l) => l.role === known.name)) return 'legacy-data-plane';
  if ((REPOSITORY_ROLES.value as readonly string[]).includes(known.name)) return 'repository';
  return 'other';
}

/** The legacy role entry for a role given by name or id, if it is one. */
export function legacyRoleOf(role: { readonly name?: string | undefined; readonly id?: string | undefined }): LegacyRole | undefined {
  const known = (role.id !== undefined ? builtInRoleById(role.id) : undefined) ?? (role.name !== undefined ? builtInRoleByName(role.name) : undefined);
  return known ? LEGACY_DATA_PLANE_ROLES.value.find((l) => l.role === known.name) : undefined;
}

/**
 * The data actions each repository role grants (built-in-roles/containers.md): an ABAC
 * condition lists the ones it limits to the repositories.
 */
export const REPOSITORY_DATA_ACTIONS: Fact<Readonly<Record<string, readonly string[]>>> = fact(
  {
    'Container Registry Repository Reader': [
      'Microsoft.ContainerRegistry/registries/repositories/content/read',
      'Microsoft.ContainerRegistry/registries/repositories/metadata/read',
    ],
    'Container Registry Repository Writer': [
      'Microsoft.ContainerRegistry/registries/repositories/content/read',
      'Microsoft.ContainerRegistry/registries/repositories/metadata/read',
      'Microsoft.ContainerRegistry/registries/repositories/content/write',
      'Microsoft.ContainerRegistry/registries/repositories/metadata/write',
    ],
    'Container Registry Repository Contributor': [
      'Microsoft.ContainerRegistry/registries/repositories/content/read',
      'Microsoft.ContainerRegistry/registries/repositories/metadata/read',
      'Microsoft.ContainerRegistry/registries/repositories/content/write',
      'Microsoft.ContainerRegistry/registries/repositories/metadata/write',
      'Microsoft.ContainerRegistry/registries/repositories/content/delete',
      'Microsoft.ContainerRegistry/registries/repositories/metadata/delete',
    ],
  },
  { ...BUILT_IN_ROLES['Container Registry Repository Reader'].source },
);

/** The request attribute an ABAC condition compares the repository name with. */
export const REPOSITORY_NAME_ATTRIBUTE: Fact<string> = fact('@Request[Microsoft.ContainerRegistry/registries/repositories:name]', ABAC_DOC);

/** The condition syntax version of ABAC repository conditions. */
export const CONDITION_VERSION: Fact<string> = fact('2.0', ABAC_DOC);

/**
 * A repository pattern of `grantPull(..., { repositories })`: `team-a/*` (a namespace: every
 * repository under `team-a/`, the trailing slash kept so `team-ab` does not match) or
 * `base/nginx` (one repository, compared case-insensitively).
 */
export interface RepositoryPattern {
  /** `prefix` for a namespace, `exact` for one repository. */
  readonly match: 'prefix' | 'exact';
  /** The namespace with its trailing slash, or the repository name. */
  readonly value: string;
}

/** Repository names: lowercase path components of letters, digits and `._-`, separated by `/` (the OCI distribution rule). */
const REPOSITORY = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;

/**
 * Parses one repository pattern: `name`, `namespace/name`, or `namespace/*`. Returns the
 * problem as `<what> <rule>, got <value>` (no fix) when it is not one.
 */
export function parseRepositoryPattern(pattern: string): RepositoryPattern | { readonly problem: string } {
  const p = pattern.trim();
  if (p.endsWith('/*')) {
    const ns = p.slice(0, -2);
    if (REPOSITORY.test(ns)) return { match: 'prefix', value: `${ns}/` };
  } else if (REPOSITORY.test(p)) {
    return { match: 'exact', value: p };
  }
  return {
    problem: `repository '${pattern}' must be a repository name (lowercase letters, digits, '._-', '/' between components) or a namespace ending in '/*'`,
  };
}

/** `'` doubled for a string inside an ABAC condition. */
function quote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/**
 * The ABAC condition that limits `actions` (a repository role's data actions) to `patterns`, in
 * the format the Azure portal writes and the ABAC how-to shows: actions other than these pass,
 * these pass only for a matching repository (StringEqualsIgnoreCase for a repository,
 * StringStartsWithIgnoreCase for a namespace, OR between patterns).
 */
export function repositoryCondition(actions: readonly string[], patterns: readonly RepositoryPattern[]): string {
  const notActions = actions.map((a) => `!(ActionMatches{${quote(a)}})`).join(' AND ');
  const attr = REPOSITORY_NAME_ATTRIBUTE.value;
  const match = patterns.map((p) => `${attr} ${p.match === 'prefix' ? 'StringStartsWithIgnoreCase' : 'StringEqualsIgnoreCase'} ${quote(p.value)}`).join(' OR ');
  return `((${notActions}) OR (${match}))`;
}

/**
 * The repository patterns of a condition in the format {@link repositoryCondition} writes (the
 * portal's too): every `repositories:name` comparison joined by OR. `undefined` when the
 * condition compares anything else, or in another way: the caller treats it as a condition it
 * cannot read.
 */
export function conditionRepositories(condition: string): RepositoryPattern[] | undefined {
  const attr = REPOSITORY_NAME_ATTRIBUTE.value.replace(/[[\]/.]/g, '\\$&');
  const re = new RegExp(`${attr}\\s+(StringEqualsIgnoreCase|StringStartsWithIgnoreCase|StringEquals|StringStartsWith)\\s+'((?:[^']|'')*)'`, 'gi');
  const out: RepositoryPattern[] = [];
  for (const m of condition.matchAll(re)) {
    out.push({ match: /StartsWith/i.test(m[1]!) ? 'prefix' : 'exact', value: m[2]!.replace(/''/g, "'") });
  }
  if (out.length === 0) return undefined;
  // Only OR between comparisons: an AND (other than between the negated actions) changes the meaning.
  const afterActions = condition.replace(/!\s*\(\s*ActionMatches\{[^}]*\}\s*\)(\s+AND\s+)?/gi, '');
  if (/\bAND\b/i.test(afterActions) || /StringNotEquals|ForAnyOfAny|ForAllOf/i.test(condition)) return undefined;
  return out;
}

/** A pattern as the user writes it: `team-a/*` or `base/nginx`. */
export function showPattern(p: RepositoryPattern): string {
  return p.match === 'prefix' ? `${p.value}*` : p.value;
}

/** Registry policy: whether Entra tokens with the Azure Resource Manager audience are accepted. */
export const ARM_AUDIENCE_AUTH_DEFAULT: Fact<boolean> = fact(
  true,
  amd(
    'container-registry-disable-authentication-as-arm.md',
    'ms.date 02/06/2026: properties.policies.azureADAuthenticationAsArmPolicy.status, "enabled" by default, "disabled" recommended (only ACR-scoped Entra tokens accepted); some Azure services and integrations may need ARM-scoped tokens. azurerm azuread_authentication_as_arm_policy_enabled from v4.81.0.',
  ),
);
