/**
 * The cdktf constructs: the only folder that imports cdktf and @cdktf/provider-azurerm.
 * Import it as `acrkit/constructs` so policy and simulation users never load the provider.
 */
export { AcrStack, resolveBackend, resolveSubscriptionId } from './acr-stack.js';
export type { AcrStackProps, AzureBackendProps } from './acr-stack.js';
export { ContainerRegistry, isDockerHubSource } from './container-registry.js';
export type {
  CacheRuleProps,
  ContainerRegistryProps,
  CredentialSetProps,
  DiagnosticsProps,
  GrantOptions,
  NetworkProps,
  PrivateEndpointProps,
  ReplicaProps,
  ScopeMapProps,
  WebhookProps,
} from './container-registry-props.js';
export { CustomerManagedKey, DEFAULT_RBAC_WAIT, DEPLOYER_KEY_ROLE, REGISTRY_KEY_ROLE } from './customer-managed-key.js';
export type { CustomerManagedKeyProps, ExistingKeyProps, IRegistryEncryption } from './customer-managed-key.js';
export { RegistryProfile } from './profiles.js';
export type { ProductionProfileOptions, ProfileSettings } from './profiles.js';
export { SoftDeletePolicy, SOFT_DELETE_API_VERSION } from './soft-delete.js';
export { RegistrySettings, REGISTRY_SETTINGS_API_VERSION, METADATA_SEARCH_API_VERSION, registrySettingsBody } from './registry-settings.js';
export type { RegistrySettingsProps } from './registry-settings.js';
export { TimeProvider, TimeSleep, TIME_PROVIDER_VERSION, isGoDuration } from './time-sleep.js';
export type { TimeSleepProps } from './time-sleep.js';
export { NAME_RULES, keyVaultNameFor, nameProblem } from './names.js';
export type { NamedKind, NameRule } from './names.js';
export { ARGUMENT_PERMISSIONS, RESOURCE_PERMISSIONS } from './permissions.js';
export type { DeployPermission } from './permissions.js';
export type { SoftDeletePolicyProps } from './soft-delete.js';
export { registriesOf } from './registries-of.js';
export { AcrPolicy, AcrPolicyChecks, InvalidSuppressionError, SUPPRESSIONS_METADATA } from './policy-aspect.js';
export type { AcrPolicyChecksProps, PolicySuppression } from './policy-aspect.js';
