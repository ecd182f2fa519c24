/**
 * Provider classes loaded on first use. Each deep import of @cdktf/provider-azurerm costs a few
 * milliseconds; a registry that never adds a webhook or a key should not pay for them. The
 * provider is CommonJS, so `require` shares its module cache with `import`.
 */
import { createRequire } from 'node:module';
import type { ContainerRegistryCacheRule } from '@cdktf/provider-azurerm/lib/container-registry-cache-rule/index.js';
import type { ContainerRegistryCredentialSet } from '@cdktf/provider-azurerm/lib/container-registry-credential-set/index.js';
import type { ContainerRegistryScopeMap } from '@cdktf/provider-azurerm/lib/container-registry-scope-map/index.js';
import type { ContainerRegistryToken } from '@cdktf/provider-azurerm/lib/container-registry-token/index.js';
import type { ContainerRegistryWebhook } from '@cdktf/provider-azurerm/lib/container-registry-webhook/index.js';
import type { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config/index.js';
import type { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault/index.js';
import type { KeyVaultKey } from '@cdktf/provider-azurerm/lib/key-vault-key/index.js';
import type { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock/index.js';
import type { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting/index.js';
import type { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint/index.js';
import type { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment/index.js';
import type { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity/index.js';

const require = createRequire(import.meta.url);

function lazy<T>(path: string, name: string): () => T {
  let cls: T | undefined;
  return () => (cls ??= (require(`@cdktf/provider-azurerm/lib/${path}/index.js`) as Record<string, T>)[name]!);
}

/** Lazily loaded provider classes, by resource. */
export const L1 = {
  cacheRule: lazy<typeof ContainerRegistryCacheRule>('container-registry-cache-rule', 'ContainerRegistryCacheRule'),
  credentialSet: lazy<typeof ContainerRegistryCredentialSet>('container-registry-credential-set', 'ContainerRegistryCredentialSet'),
  scopeMap: lazy<typeof ContainerRegistryScopeMap>('container-registry-scope-map', 'ContainerRegistryScopeMap'),
  token: lazy<typeof ContainerRegistryToken>('container-registry-token', 'ContainerRegistryToken'),
  webhook: lazy<typeof ContainerRegistryWebhook>('container-registry-webhook', 'ContainerRegistryWebhook'),
  clientConfig: lazy<typeof DataAzurermClientConfig>('data-azurerm-client-config', 'DataAzurermClientConfig'),
  keyVault: lazy<typeof KeyVault>('key-vault', 'KeyVault'),
  keyVaultKey: lazy<typeof KeyVaultKey>('key-vault-key', 'KeyVaultKey'),
  lock: lazy<typeof ManagementLock>('management-lock', 'ManagementLock'),
  diagnosticSetting: lazy<typeof MonitorDiagnosticSetting>('monitor-diagnostic-setting', 'MonitorDiagnosticSetting'),
  privateEndpoint: lazy<typeof PrivateEndpoint>('private-endpoint', 'PrivateEndpoint'),
  roleAssignment: lazy<typeof RoleAssignment>('role-assignment', 'RoleAssignment'),
  identity: lazy<typeof UserAssignedIdentity>('user-assigned-identity', 'UserAssignedIdentity'),
};
