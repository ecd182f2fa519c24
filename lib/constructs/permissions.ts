/**
 * What the identity running `cdktf deploy` needs for each resource the constructs create: the
 * Azure actions and the built-in roles that grant them. docs/tools synthesizes one small stack
 * per construct feature and joins its resources with this table into docs/deploying.md, and a
 * test fails when a construct creates a resource (or writes an argument) this table lacks.
 *
 * No cdktf import, so the table can be read without the provider bindings.
 */
import type { Source } from '../catalog/fact.js';
import type { BuiltInRoleName } from '../catalog/roles.js';

/** The Azure resource-provider operations reference (every action name below is from it). */
const OPERATIONS: Source = {
  ref: 'MicrosoftDocs/azure-docs articles/role-based-access-control/resource-provider-operations.md',
  asOf: '2026-08-20',
  confirmed: true,
};
const LOCKS: Source = {
  ref: 'MicrosoftDocs/azure-docs articles/azure-resource-manager/management/lock-resources.md (ms.date 03/08/2024), "Who can create or delete locks"',
  asOf: '2024-03-08',
  confirmed: true,
};
const ROLE_ASSIGNMENTS: Source = {
  ref: 'MicrosoftDocs/azure-docs articles/role-based-access-control/troubleshooting.md (ms.date 09/20/2023), "Unable to assign a role"',
  asOf: '2023-09-20',
  confirmed: true,
};
const PRIVATE_LINK: Source = {
  ref: 'MicrosoftDocs/azure-docs articles/private-link/rbac-permissions.md (ms.date 03/30/2026)',
  asOf: '2026-03-30',
  confirmed: true,
};
const KEY_VAULT_RBAC: Source = {
  ref: 'MicrosoftDocs/azure-security-docs articles/key-vault/general/rbac-guide.md (ms.date 03/31/2025)',
  asOf: '2025-03-31',
  confirmed: true,
};

/** What the deployer needs for one resource type (or one argument of it). */
export interface DeployPermission {
  /** Azure actions (control plane) or data actions the deploy performs. */
  readonly actions: readonly string[];
  /**
   * Built-in roles that each grant all of `actions` at the resource's scope; Owner always does.
   * Empty when the deployer needs no role of its own for it (nothing in Azure is touched, or
   * acrkit grants the data-plane role itself).
   */
  readonly roles: readonly BuiltInRoleName[];
  /** Where the actions and roles are stated. */
  readonly source: Source;
  /**
   * A caveat for the deployer.
   * @default - none
   */
  readonly note?: string;
}

const CONTRIBUTOR: readonly BuiltInRoleName[] = ['Contributor', 'Owner'];
const ASSIGN_ROLES: readonly BuiltInRoleName[] = ['Role Based Access Control Administrator', 'User Access Administrator', 'Owner'];
const MANAGE_LOCKS: readonly BuiltInRoleName[] = ['User Access Administrator', 'Owner'];

function acr(...ops: string[]): DeployPermission {
  return { actions: ops.map((o) => `Microsoft.ContainerRegistry/registries/${o}`), roles: CONTRIBUTOR, source: OPERATIONS };
}

/** Per Terraform resource type acrkit's constructs create. */
export const RESOURCE_PERMISSIONS: Readonly<Record<string, DeployPermission>> = {
  azurerm_container_registry: acr('write', 'delete'),
  azurerm_container_registry_webhook: acr('webhooks/write', 'webhooks/delete'),
  azurerm_container_registry_scope_map: acr('scopeMaps/write', 'scopeMaps/delete'),
  azurerm_container_registry_token: acr('tokens/write', 'tokens/delete'),
  azurerm_container_registry_cache_rule: acr('cacheRules/write', 'cacheRules/delete'),
  azurerm_container_registry_credential_set: acr('credentialSets/write', 'credentialSets/delete'),
  azurerm_private_endpoint: {
    actions: [
      'Microsoft.Network/privateEndpoints/write',
      'Microsoft.Network/virtualNetworks/subnets/join/action',
      'Microsoft.ContainerRegistry/registries/privateEndpointConnectionsApproval/action',
    ],
    roles: CONTRIBUTOR,
    source: PRIVATE_LINK,
    note: 'Without privateEndpointConnectionsApproval/action on the registry the connection waits for manual approval. Network Contributor is enough for the endpoint, not for the approval.',
  },
  azurerm_monitor_diagnostic_setting: {
    actions: ['Microsoft.Insights/diagnosticSettings/write', 'Microsoft.Insights/diagnosticSettings/delete'],
    roles: CONTRIBUTOR,
    source: OPERATIONS,
  },
  azurerm_management_lock: {
    actions: ['Microsoft.Authorization/locks/write', 'Microsoft.Authorization/locks/delete'],
    roles: MANAGE_LOCKS,
    source: LOCKS,
    note: 'Contributor cannot create or delete locks; Role Based Access Control Administrator cannot either.',
  },
  azurerm_role_assignment: {
    actions: ['Microsoft.Authorization/roleAssignments/write', 'Microsoft.Authorization/roleAssignments/delete'],
    roles: ASSIGN_ROLES,
    source: ROLE_ASSIGNMENTS,
    note: 'Contributor cannot assign roles. A new assignment can take up to 10 minutes to apply.',
  },
  azurerm_key_vault: {
    actions: ['Microsoft.KeyVault/vaults/write', 'Microsoft.KeyVault/vaults/delete'],
    roles: CONTRIBUTOR,
    source: OPERATIONS,
    note: 'Purge protection keeps a destroyed vault (and its name) for the soft-delete retention, 90 days by default.',
  },
  azurerm_key_vault_key: {
    actions: ['Microsoft.KeyVault/vaults/keys/* (data actions)'],
    roles: [],
    source: KEY_VAULT_RBAC,
    note: 'A data-plane action: CustomerManagedKey gives the deployer Key Vault Crypto Officer on its own vault (hence the need to assign roles) and waits for it; nothing to grant beforehand.',
  },
  azurerm_user_assigned_identity: {
    actions: ['Microsoft.ManagedIdentity/userAssignedIdentities/write', 'Microsoft.ManagedIdentity/userAssignedIdentities/delete'],
    roles: CONTRIBUTOR,
    source: OPERATIONS,
  },
  azapi_update_resource: {
    actions: ['Microsoft.ContainerRegistry/registries/write'],
    roles: CONTRIBUTOR,
    source: OPERATIONS,
    note: 'Soft delete, the permissions mode (permissionsMode), ARM-audience tokens (armAudienceAuth) and metadata search are set through the AzAPI provider (azurerm 4.55 has no argument for them).',
  },
  time_sleep: {
    actions: [],
    roles: [],
    source: { ref: 'hashicorp/terraform-provider-time docs/resources/sleep.md', asOf: '2025-04-28', confirmed: true },
    note: 'Waits locally; touches nothing in Azure.',
  },
};

/** Per argument (`<resource type>.<argument>`) that needs more than its resource's permissions. */
export const ARGUMENT_PERMISSIONS: Readonly<Record<string, DeployPermission>> = {
  'azurerm_container_registry.georeplications': acr('replications/write', 'replications/delete'),
  'azurerm_container_registry.identity': {
    actions: ['Microsoft.ManagedIdentity/userAssignedIdentities/assign/action'],
    roles: CONTRIBUTOR,
    source: OPERATIONS,
    note: 'Attaching a user-assigned identity to the registry (customer-managed key) needs assign/action on that identity.',
  },
  'azurerm_private_endpoint.private_dns_zone_group': {
    actions: ['Microsoft.Network/privateDnsZones/join/action'],
    roles: CONTRIBUTOR,
    source: OPERATIONS,
  },
};
