/**
 * Azure built-in roles acrkit assigns, reads or asks the deployer for, and how long a role
 * assignment takes to apply. Every value carries its source and date.
 */
import { fact, type Fact, type Source } from './fact.js';

/** The Azure built-in roles page (MicrosoftDocs/azure-docs). */
const BUILT_IN_ROLES_DOC: Source = {
  ref: 'MicrosoftDocs/azure-docs articles/role-based-access-control/built-in-roles.md',
  asOf: '2026-08-20',
  confirmed: true,
};

/**
 * The Containers page of the built-in roles reference, which lists every Container Registry role
 * with its id and its actions and data actions.
 */
const CONTAINER_ROLES_DOC: Source = {
  ref: 'MicrosoftDocs/azure-docs articles/role-based-access-control/built-in-roles/containers.md (ms.date 06/30/2025, commit 0088bfa7)',
  asOf: '2025-06-30',
  confirmed: true,
};

/** The Container Registry repository roles: on that page, "in preview" until ABAC repository permissions became generally available. */
const REPOSITORY_ROLES_DOC: Source = {
  ...CONTAINER_ROLES_DOC,
  note: 'The page (06/30/2025) still calls these roles preview; ABAC repository permissions are generally available since November 2025 (container-registry-rbac-abac-repository-permissions.md, ms.date 12/11/2025).',
};

/** The Key Vault RBAC guide, which lists the Key Vault data-plane roles with their ids. */
const KEY_VAULT_RBAC_GUIDE: Source = {
  ref: 'MicrosoftDocs/azure-security-docs articles/key-vault/general/rbac-guide.md (ms.date 03/31/2025)',
  asOf: '2025-03-31',
  confirmed: true,
};

/** A built-in role: its exact name (what azurerm's `role_definition_name` matches) and id. */
export interface BuiltInRole {
  /** Role name, exactly as Azure spells it. */
  readonly name: string;
  /** Role definition id (a GUID, the same in every subscription). */
  readonly id: string;
  /** What it lets a principal do, in one line. */
  readonly grants: string;
}

/** Names of the built-in roles in {@link BUILT_IN_ROLES}. */
export type BuiltInRoleName =
  | 'AcrPull'
  | 'AcrPush'
  | 'AcrDelete'
  | 'Container Registry Repository Reader'
  | 'Container Registry Repository Writer'
  | 'Container Registry Repository Contributor'
  | 'Container Registry Repository Catalog Lister'
  | 'Key Vault Crypto Officer'
  | 'Key Vault Crypto Service Encryption User'
  | 'Key Vault Secrets User'
  | 'Reader'
  | 'Contributor'
  | 'Owner'
  | 'User Access Administrator'
  | 'Role Based Access Control Administrator';

function role(name: BuiltInRoleName, id: string, grants: string, source: Source = BUILT_IN_ROLES_DOC): Fact<BuiltInRole> {
  return fact({ name, id, grants }, source);
}

/** The built-in roles acrkit assigns (registry and Key Vault roles) or names for the deployer. */
export const BUILT_IN_ROLES: Readonly<Record<BuiltInRoleName, Fact<BuiltInRole>>> = {
  AcrPull: role('AcrPull', '7f951dda-4ed3-4680-a7ca-43fe172d538d', 'pull artifacts from a registry'),
  AcrPush: role('AcrPush', '8311e382-0749-4cb8-b61a-304f252e45ec', 'push and pull artifacts'),
  AcrDelete: role('AcrDelete', 'c2f4ef07-c644-48eb-af81-4b1b4947fb11', 'delete repositories, tags and manifests', CONTAINER_ROLES_DOC),
  'Container Registry Repository Reader': role(
    'Container Registry Repository Reader', 'b93aa761-3e63-49ed-ac28-beffa264f7ac',
    'read images, tags and metadata of repositories (no catalog listing); ABAC conditions can limit it to repositories', REPOSITORY_ROLES_DOC,
  ),
  'Container Registry Repository Writer': role(
    'Container Registry Repository Writer', '2a1e307c-b015-4ebd-883e-5b7698a07328',
    'read and write images, tags and metadata of repositories (no delete, no catalog listing); ABAC conditions can limit it to repositories', REPOSITORY_ROLES_DOC,
  ),
  'Container Registry Repository Contributor': role(
    'Container Registry Repository Contributor', '2efddaa5-3f1f-4df3-97df-af3f13818f4c',
    'read, write and delete images, tags and metadata of repositories (no catalog listing); ABAC conditions can limit it to repositories', REPOSITORY_ROLES_DOC,
  ),
  'Container Registry Repository Catalog Lister': role(
    'Container Registry Repository Catalog Lister', 'bfdb9389-c9a5-478a-bb2f-ba9ca092c3c7',
    'list every repository of a registry (takes no ABAC condition)', REPOSITORY_ROLES_DOC,
  ),
  'Key Vault Crypto Officer': role(
    'Key Vault Crypto Officer', '14b46e9e-c2b7-41b4-b07b-48a6ebf60603',
    'any action on the keys of an RBAC vault except managing permissions', KEY_VAULT_RBAC_GUIDE,
  ),
  'Key Vault Crypto Service Encryption User': role(
    'Key Vault Crypto Service Encryption User', 'e147488a-f6f5-4113-8e2d-b22465e65bf6',
    'read key metadata and wrap/unwrap with it (what ACR needs for a customer-managed key)', KEY_VAULT_RBAC_GUIDE,
  ),
  'Key Vault Secrets User': role(
    'Key Vault Secrets User', '4633458b-17de-408a-b874-0445c86b69e6',
    'read secret contents (what a cache-rule credential set needs)', KEY_VAULT_RBAC_GUIDE,
  ),
  Reader: role('Reader', 'acdd72a7-3385-48ef-bd42-f606fba81ae7', 'read all resources (*/read, which includes a registry\'s pull/read in legacy mode)'),
  Contributor: role('Contributor', 'b24988ac-6180-42a0-ab88-20f7382dd24c', 'manage all resources, but not assign roles or manage locks'),
  Owner: role('Owner', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635', 'manage all resources, assign roles and manage locks'),
  'User Access Administrator': role(
    'User Access Administrator', '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
    'manage access (Microsoft.Authorization/*): role assignments and management locks',
  ),
  'Role Based Access Control Administrator': role(
    'Role Based Access Control Administrator', 'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
    'create and delete role assignments (not locks)',
  ),
};

/**
 * How long a new role assignment can take to apply: "up to 10 minutes" (Azure Resource Manager
 * caches configuration). A create that needs the new role right away (a Key Vault key, a
 * registry encrypted with that key) fails with 403 inside this window and azurerm does not
 * retry it, so acrkit waits this long after such assignments on the first deploy.
 */
export const RBAC_PROPAGATION_SECONDS: Fact<number> = fact(600, {
  ref: 'MicrosoftDocs/azure-docs articles/role-based-access-control/troubleshooting.md (ms.date 09/20/2023), "Role assignment changes are not being detected"',
  asOf: '2023-09-20',
  confirmed: true,
  note:
    'The Key Vault RBAC guide said the same ("up to 10 minutes (600 seconds)") until 2025; its current version (ms.date 03/31/2025) ' +
    'and rbac-migration.md only say "several minutes". Azure Verified Modules wait 30 s by default, and their examples 60 s.',
});

/** The built-in role with definition id `id` (a GUID, or a role definition resource id ending in one), if acrkit knows it. */
export function builtInRoleById(id: string): BuiltInRole | undefined {
  const guid = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i.exec(id.trim())?.[1]?.toLowerCase();
  if (guid === undefined) return undefined;
  return Object.values(BUILT_IN_ROLES).find((r) => r.value.id === guid)?.value;
}

/** The built-in role named `name` (Azure's spelling, compared case-insensitively), if acrkit knows it. */
export function builtInRoleByName(name: string): BuiltInRole | undefined {
  const n = name.trim().toLowerCase();
  return Object.values(BUILT_IN_ROLES).find((r) => r.value.name.toLowerCase() === n)?.value;
}
