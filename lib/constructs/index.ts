/**
 * The cdktf constructs: the only folder that imports cdktf and @cdktf/provider-azurerm.
 * Import it as `acrkit/constructs` so policy and simulation users never load the provider.
 */
export { AcrStack, resolveBackend } from './acr-stack.js';
export type { AcrStackProps, AzureBackendProps } from './acr-stack.js';
export { ContainerRegistry } from './container-registry.js';
export type {
  CacheRuleProps,
  ContainerRegistryProps,
  DiagnosticsProps,
  NetworkProps,
  PrivateEndpointProps,
  ReplicaProps,
  ScopeMapProps,
  WebhookProps,
} from './container-registry-props.js';
export { CustomerManagedKey } from './customer-managed-key.js';
export type { CustomerManagedKeyProps, ExistingKeyProps, IRegistryEncryption } from './customer-managed-key.js';
export { RegistryProfile } from './profiles.js';
export type { ProductionProfileOptions, ProfileSettings } from './profiles.js';
export { SoftDeletePolicy, SOFT_DELETE_API_VERSION } from './soft-delete.js';
export type { SoftDeletePolicyProps } from './soft-delete.js';
export { registriesOf } from './registries-of.js';
export { AcrPolicy, AcrPolicyChecks, InvalidSuppressionError, SUPPRESSIONS_METADATA } from './policy-aspect.js';
export type { AcrPolicyChecksProps, PolicySuppression } from './policy-aspect.js';
